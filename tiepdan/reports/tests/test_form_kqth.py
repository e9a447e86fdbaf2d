"""Biểu 05/KQTH: every cell equals the count computed in Python over the generated cases."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.reports.engine import form_compute
from tiepdan.reports.forms_kqth import FORM_KQTH
from tiepdan.reports.periods import Period, PeriodKind, period_custom, period_of
from tiepdan.reports.tests.form_checks import (
    Cell,
    cases,
    closed_period_recomputes,
    form_check,
    province_units,
)
from tiepdan.reports.tests.generate import world_create
from tiepdan.reports.tests.generate_resolutions import (
    ImplementationSpec,
    ResolutionSet,
    ResolutionSpec,
    happened,
    resolutions_generate,
)

AMOUNTS = ("amount_recovered", "land_recovered_m2", "amount_returned", "land_returned_m2")
PERSONS = ("persons_disciplined", "persons_prosecuted")


@pytest.fixture
def data(db, settings) -> ResolutionSet:
    settings.REPORT_CUTOFF_DAY = 15
    return resolutions_generate(world_create())


def _in_force_on(r: ResolutionSpec) -> dt.date | None:
    """When a decision is to be carried out: in legal effect (complaint), concluded
    (denunciation)."""
    return r.effective_on if r.track == "complaint" else r.decided_on


def _completed(r: ResolutionSpec, start: dt.date, end: dt.date) -> bool:
    return any(i.completes and happened(i.done_on, start, end) for i in r.implementations)


def expected(data: ResolutionSet, units: set[int], period: Period) -> dict[int, Cell]:
    start, end = period.start, period.end
    since = dt.date.min
    rows = [
        r
        for r in data.resolutions
        if r.unit in units
        and r.track in ("complaint", "denunciation")
        and (day := _in_force_on(r)) is not None
        and day <= end
        and not _completed(r, since, start - dt.timedelta(days=1))
    ]
    completed = [r for r in rows if _completed(r, start, end)]
    cells = {
        1: cases(rows),
        2: cases([r for r in rows if _in_force_on(r) < start]),
        3: cases([r for r in rows if _in_force_on(r) >= start]),
        4: cases([r for r in rows if r.track == "complaint"]),
        5: cases([r for r in rows if r.track == "denunciation"]),
        6: cases(completed),
        7: cases([r for r in completed if r.track == "complaint"]),
        8: cases([r for r in completed if r.track == "denunciation"]),
        19: cases([r for r in rows if not _completed(r, since, end)]),
    }
    for code, name in enumerate(AMOUNTS, start=9):
        ordering = [r for r in rows if r.order(name) > 0]
        cells[code] = ({r.petition for r in ordering}, sum(r.order(name) for r in ordering))
    done: list[tuple[ResolutionSpec, ImplementationSpec]] = [
        (r, i)
        for r in data.resolutions
        if r.unit in units
        for i in r.implementations
        if happened(i.done_on, start, end)
    ]
    for code, name in enumerate((*AMOUNTS, *PERSONS), start=13):
        carrying = [(r, i) for r, i in done if i.amounts[name] > 0]
        cells[code] = (
            {r.petition for r, _i in carrying},
            sum(i.amounts[name] for _r, i in carrying),
        )
    return cells


def test_quarter_for_a_commune_alone_and_with_its_predecessor(data):
    w = data.world
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    values = form_check(
        FORM_KQTH, expected, data, w.commune_b, {w.commune_b.pk}, period, rollup=False
    )
    assert values[1] > 0
    form_check(
        FORM_KQTH,
        expected,
        data,
        w.commune_a,
        {w.commune_a.pk, w.district.pk},
        period,
        rollup=False,
    )


def test_quarter_for_the_province_rolls_up_and_every_column_has_records(data):
    w = data.world
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    values = form_check(
        FORM_KQTH, expected, data, w.province, province_units(w), period, rollup=True
    )
    assert [code for code, value in values.items() if not value] == []


def test_the_columns_add_up(data):
    w = data.world
    v = form_compute(
        FORM_KQTH, unit=w.province, period=period_of(PeriodKind.QUARTER, 2026, 1), rollup=True
    ).values
    assert v[1] == v[2] + v[3] == v[4] + v[5]
    assert v[6] == v[7] + v[8]
    assert v[19] == v[1] - v[6]


def test_land_keeps_its_decimal(data):
    w = data.world
    v = form_compute(
        FORM_KQTH, unit=w.commune_b, period=period_of(PeriodKind.QUARTER, 2026, 1), rollup=False
    ).values
    # 0.3 m² returned, from the fixed cases: a sum rounded to whole numbers would lose it.
    assert v[16] % 1 != 0 or v[12] % 1 != 0


def test_custom_range(data):
    w = data.world
    period = period_custom(dt.date(2025, 5, 1), dt.date(2026, 2, 28))
    form_check(FORM_KQTH, expected, data, w.province, province_units(w), period, rollup=True)
    form_check(
        FORM_KQTH,
        expected,
        data,
        w.commune_a,
        {w.commune_a.pk, w.district.pk},
        period,
        rollup=False,
    )


def test_a_closed_period_recomputes_the_same_after_later_records(data):
    closed_period_recomputes(FORM_KQTH, expected, data)
