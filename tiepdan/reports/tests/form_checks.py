"""What the tests of Biểu 03/GQKN, 04/GQTC and 05/KQTH share: a cell as the petitions behind it
and its value, the comparison of a computed form with the expected cells (values and records),
and the recomputation of a closed period after later records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from tiepdan.reports.columns import FormDefinition
from tiepdan.reports.engine import cell_records, form_compute
from tiepdan.reports.periods import Period, PeriodKind, period_of
from tiepdan.reports.tests.generate_resolutions import (
    Amount,
    ResolutionSet,
    ResolutionSpec,
    later_progress,
    resolutions_generate,
)

Cell = tuple[set[int], Amount]  # the petitions behind a cell, and its value
Expected = Callable[[ResolutionSet, set[int], Period], dict[int, Cell]]


def cases(rows: list[ResolutionSpec]) -> Cell:
    return {r.petition for r in rows}, len(rows)


def ordered_sum(rows: list[ResolutionSpec], name: str) -> Cell:
    """What the decisions order: the cases that order something, and the sum."""
    ordering = [r for r in rows if r.order(name) > 0]
    return {r.petition for r in ordering}, sum(r.order(name) for r in ordering)


def province_units(w) -> set[int]:
    return {w.province.pk, w.board.pk, w.commune_a.pk, w.commune_b.pk, w.district.pk}


def form_check(
    form: FormDefinition,
    expected: Expected,
    data: ResolutionSet,
    unit,
    units: set[int],
    period: Period,
    *,
    rollup: bool,
) -> dict:
    """Every cell's value, and the records each cell opens, equal the expected ones."""
    report = form_compute(form, unit=unit, period=period, rollup=rollup)
    want = expected(data, units, period)
    assert report.values == {code: value for code, (_pks, value) in want.items()}
    for code, (pks, _value) in want.items():
        records = cell_records(form, code, unit=unit, period=period, rollup=rollup)
        assert set(records.values_list("pk", flat=True)) == pks, code
    return report.values


def closed_period_recomputes(form: FormDefinition, expected: Expected, data: ResolutionSet) -> None:
    """Q1 2026 gives the same numbers after cases, decisions and progress dated after it."""
    w = data.world
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    units = (w.province, w.commune_a, w.commune_b)
    before = {u.pk: form_compute(form, unit=u, period=period, rollup=True).values for u in units}
    resolutions_generate(
        w,
        seed=99,
        first=dt.date(2026, 3, 15),
        last=dt.date(2026, 9, 1),
        landmarks=False,
        data=data,
    )
    later_progress(w, data, dt.date(2026, 9, 2))
    for unit in units:
        assert form_compute(form, unit=unit, period=period, rollup=True).values == before[unit.pk]
    form_check(form, expected, data, w.province, province_units(w), period, rollup=True)
