"""Biểu 03/GQKN: every cell equals the count computed in Python over the generated cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tiepdan.reports.engine import form_compute
from tiepdan.reports.forms_gqkn import FORM_GQKN
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
    19: "people_rights_restored",
    20: "persons_to_discipline",
    21: "persons_referred",
}


@pytest.fixture
def data(db, settings) -> ResolutionSet:
    settings.REPORT_CUTOFF_DAY = 15
    return resolutions_generate(world_create())


def expected(data: ResolutionSet, units: set[int], period: Period) -> dict[int, Cell]:
    start, end = period.start, period.end
    rows = [
        r for r in data.resolutions if r.track == "complaint" and to_resolve(r, units, start, end)
    ]

    def those(chosen: Callable[[ResolutionSpec], bool]) -> list[ResolutionSpec]:
        return [r for r in rows if chosen(r)]

    decided = those(lambda r: happened(r.decided_on, start, end))
    closed = those(lambda r: closed_undecided(r, start, end))
    withdrawn = [r for r in closed if ended_by_withdrawal(r, end)]
    cells = {
        1: cases(rows),
        2: cases(those(lambda r: r.accepted_on < start)),
        3: cases(those(lambda r: r.accepted_on >= start)),
        4: cases(decided + closed),
        5: cases(decided),
        6: cases(withdrawn),
        7: cases([r for r in closed if r not in withdrawn]),
        11: cases([r for r in decided if r.level == 1]),
        12: cases([r for r in decided if r.level == 2]),
        13: cases([r for r in decided if not overdue(r)]),
        14: cases([r for r in decided if overdue(r)]),
        22: cases(those(lambda r: happened(r.dialogue_on, start, end))),
        23: cases(those(lambda r: unresolved(r, end))),
    }
    for code, outcome in zip((8, 9, 10), ("founded", "partly_founded", "unfounded"), strict=True):
        cells[code] = cases([r for r in decided if r.outcome == outcome])
    for code, name in SUMS.items():
        cells[code] = ordered_sum(decided, name)
    return cells


def test_quarter_for_a_commune_alone_and_with_its_predecessor(data):
    w = data.world
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    values = form_check(
        FORM_GQKN, expected, data, w.commune_b, {w.commune_b.pk}, period, rollup=False
    )
    assert values[1] > 0
    form_check(
        FORM_GQKN,
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
        FORM_GQKN, expected, data, w.province, province_units(w), period, rollup=True
    )
    form_check(FORM_GQKN, expected, data, w.province, {w.province.pk}, period, rollup=False)
    # The data set reaches every column, so none of the comparisons above is 0 == 0.
    assert [code for code, value in values.items() if not value] == []


def test_the_columns_add_up(data):
    w = data.world
    v = form_compute(
        FORM_GQKN, unit=w.province, period=period_of(PeriodKind.QUARTER, 2026, 1), rollup=True
    ).values
    assert v[1] == v[2] + v[3]
    assert v[4] == v[5] + v[6] + v[7]
    assert v[5] == v[11] + v[12] == v[13] + v[14]
    assert v[8] + v[9] + v[10] <= v[5]
    assert v[23] == v[1] - v[4]


def test_custom_range(data):
    w = data.world
    period = period_custom(dt.date(2025, 5, 1), dt.date(2026, 2, 28))
    form_check(FORM_GQKN, expected, data, w.province, province_units(w), period, rollup=True)
    form_check(
        FORM_GQKN,
        expected,
        data,
        w.commune_a,
        {w.commune_a.pk, w.district.pk},
        period,
        rollup=False,
    )


def test_a_closed_period_recomputes_the_same_after_later_records(data):
    closed_period_recomputes(FORM_GQKN, expected, data)
