"""Biểu 04/GQTC: every cell equals the count computed in Python over the generated cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tiepdan.reports.engine import cell_records, form_compute
from tiepdan.reports.forms_gqtc import FORM_GQTC
from tiepdan.reports.periods import Period, PeriodKind, period_custom, period_of
from tiepdan.reports.tests.form_checks import (
    Cell,
    cases,
    closed_period_recomputes,
    form_check,
    ordered_sum,
    province_units,
)
from tiepdan.reports.tests.generate import world_create
from tiepdan.reports.tests.generate_resolutions import (
    ResolutionSet,
    ResolutionSpec,
    closed_undecided,
    ended_by_withdrawal,
    happened,
    overdue,
    resolutions_generate,
    to_resolve,
    unresolved,
)

SUMS = {
    15: "amount_recovered",
    16: "land_recovered_m2",
    17: "amount_returned",
    18: "land_returned_m2",
    19: "persons_to_discipline",
    20: "persons_referred",
}


@pytest.fixture
def data(db, settings) -> ResolutionSet:
    settings.REPORT_CUTOFF_DAY = 15
    return resolutions_generate(world_create())


def _protections(data: ResolutionSet, units: set[int], period: Period) -> dict[int, Cell]:
    decided = [
        (r, request)
        for r in data.resolutions
        if r.unit in units
        for request in r.protections
        if happened(request.decided_on, period.start, period.end)
    ]
    granted = [(r, q) for r, q in decided if q.status in ("granted", "ended")]
    return {
        21: ({r.petition for r, _q in decided}, len(decided)),
        22: ({r.petition for r, _q in granted}, len(granted)),
    }


def expected(data: ResolutionSet, units: set[int], period: Period) -> dict[int, Cell]:
    start, end = period.start, period.end
    rows = [
        r
        for r in data.resolutions
        if r.track == "denunciation" and to_resolve(r, units, start, end)
    ]

    def those(chosen: Callable[[ResolutionSpec], bool]) -> list[ResolutionSpec]:
        return [r for r in rows if chosen(r)]

    decided = those(lambda r: happened(r.decided_on, start, end))
    closed = those(lambda r: closed_undecided(r, start, end))
    withdrawn = [r for r in closed if ended_by_withdrawal(r, end)]
    taken_over = [r for r in closed if r.status == "taken_over"]
    cells = {
        1: cases(rows),
        2: cases(those(lambda r: r.accepted_on < start)),
        3: cases(those(lambda r: r.accepted_on >= start)),
        4: cases(those(lambda r: r.first_resolution is not None)),
        5: cases(decided + closed),
        6: cases(decided),
        7: cases(withdrawn),
        8: cases([r for r in closed if r not in withdrawn and r not in taken_over]),
        9: cases(taken_over),
        13: cases([r for r in decided if not overdue(r)]),
        14: cases([r for r in decided if overdue(r)]),
        23: cases(those(lambda r: unresolved(r, end))),
    }
    for code, outcome in zip((10, 11, 12), ("founded", "partly_founded", "unfounded"), strict=True):
        cells[code] = cases([r for r in decided if r.outcome == outcome])
    for code, name in SUMS.items():
        cells[code] = ordered_sum(decided, name)
    return cells | _protections(data, units, period)


def test_quarter_for_a_commune_alone_and_with_its_predecessor(data):
    w = data.world
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    values = form_check(
        FORM_GQTC, expected, data, w.commune_b, {w.commune_b.pk}, period, rollup=False
    )
    assert values[1] > 0
    form_check(
        FORM_GQTC,
        expected,
        data,
        w.commune_a,
        {w.commune_a.pk, w.district.pk},
        period,
        rollup=False,
    )


def test_quarter_for_the_province_rolls_up_and_every_column_hascases(data):
    w = data.world
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    values = form_check(
        FORM_GQTC, expected, data, w.province, province_units(w), period, rollup=True
    )
    form_check(FORM_GQTC, expected, data, w.province, {w.province.pk}, period, rollup=False)
    assert [code for code, value in values.items() if not value] == []


def test_a_case_taken_over_counts_as_resolved_below_and_to_resolve_above(data):
    w = data.world
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    moved = [
        r
        for r in data.resolutions
        if r.status == "taken_over" and happened(r.closed_on, period.start, period.end)
    ]
    assert moved
    province = form_compute(FORM_GQTC, unit=w.province, period=period, rollup=False)
    accepted = cell_records(FORM_GQTC, 3, unit=w.province, period=period, rollup=False)
    assert {r.petition for r in moved} <= set(accepted.values_list("pk", flat=True))
    assert province.values[9] == 0  # the province took them; it gave none away


def test_the_columns_add_up(data):
    w = data.world
    v = form_compute(
        FORM_GQTC, unit=w.province, period=period_of(PeriodKind.QUARTER, 2026, 1), rollup=True
    ).values
    assert v[1] == v[2] + v[3]
    assert v[5] == v[6] + v[7] + v[8] + v[9]
    assert v[6] == v[13] + v[14]
    assert v[10] + v[11] + v[12] <= v[6]
    assert v[22] <= v[21]
    assert v[23] == v[1] - v[5]


def test_custom_range(data):
    w = data.world
    period = period_custom(dt.date(2025, 5, 1), dt.date(2026, 2, 28))
    form_check(FORM_GQTC, expected, data, w.province, province_units(w), period, rollup=True)
    form_check(
        FORM_GQTC,
        expected,
        data,
        w.commune_a,
        {w.commune_a.pk, w.district.pk},
        period,
        rollup=False,
    )


def test_a_closed_period_recomputes_the_same_after_later_records(data):
    closed_period_recomputes(FORM_GQTC, expected, data)
