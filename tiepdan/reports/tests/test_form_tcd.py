"""Biểu 01/TCD: every cell equals the count computed in Python over the generated records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tiepdan.reception.models import ReceptionKind, ReceptionSession
from tiepdan.reports.engine import cell_records, form_compute
from tiepdan.reports.forms_tcd import FORM_TCD
from tiepdan.reports.periods import Period, PeriodKind, period_custom, period_of
from tiepdan.reports.tests.generate import (
    DataSet,
    VisitSpec,
    pending_decide,
    records_generate,
    world_create,
)

HEAD_KINDS = {ReceptionKind.PERIODIC, ReceptionKind.AD_HOC}
KNPA = {"recommendation", "feedback", "regulation_feedback"}


@pytest.fixture
def data(db, settings) -> DataSet:
    settings.REPORT_CUTOFF_DAY = 15
    world = world_create()
    return records_generate(world, first=dt.date(2025, 4, 1))


def _persons(visits: list[VisitSpec]) -> int:
    named = {citizen for v in visits for citizen in v.citizen_ids}
    return len(named) + sum(v.people_count - len(v.citizen_ids) for v in visits)


def expected(data: DataSet, units: set[int], period: Period) -> dict[int, tuple[set[int], int]]:
    """(records behind, value) of every column, by plain Python over the specs."""
    start, end = period.start, period.end
    visits = [v for v in data.visits if v.unit in units and start <= v.day <= end]
    cells: dict[int, tuple[set[int], int]] = {}

    def block(first: int, chosen: Callable[[VisitSpec], bool]) -> None:
        vs = [v for v in visits if chosen(v)]
        new = [v for v in vs if v.case_opened_on >= start]
        old = [v for v in vs if v.case_opened_on < start]
        groups = [v for v in vs if v.people_count >= 5]
        pks = {v.pk for v in vs}
        cells[first] = (pks, len(vs))
        cells[first + 1] = (pks, _persons(vs))
        cells[first + 2] = ({v.pk for v in new}, len({v.case for v in new}))
        cells[first + 3] = ({v.pk for v in old}, len({v.case for v in old}))
        cells[first + 4] = ({v.pk for v in groups}, len(groups))
        cells[first + 5] = ({v.pk for v in groups}, sum(v.people_count for v in groups))

    block(2, lambda v: True)  # 2..7; 1 and 3 below
    cells[1] = ({v.pk for v in visits}, len(visits))
    cells[2], cells[3] = (
        ({v.pk for v in visits}, _persons(visits)),
        ({v.pk for v in visits}, len({v.case for v in visits})),
    )
    block(8, lambda v: v.kind == ReceptionKind.REGULAR)
    held = {
        s.pk
        for s in data.sessions
        if s.unit in units
        and start <= s.day <= end
        and s.kind in HEAD_KINDS
        and s.status == ReceptionSession.Status.HELD
    }
    cells[14] = (held, len(held))
    block(15, lambda v: v.kind in HEAD_KINDS)
    for code, kinds in ((21, {"complaint"}), (22, {"denunciation"}), (23, KNPA), (24, {"mixed"})):
        chosen = {v.pk for v in visits if v.petition_kind in kinds}
        cells[code] = (chosen, len(chosen))
    return cells


def _check(data: DataSet, unit, units: set[int], period: Period, *, rollup: bool) -> None:
    report = form_compute(FORM_TCD, unit=unit, period=period, rollup=rollup)
    want = expected(data, units, period)
    assert report.values == {code: value for code, (_pks, value) in want.items()}
    for code, (pks, _value) in want.items():
        records = cell_records(FORM_TCD, code, unit=unit, period=period, rollup=rollup)
        assert set(records.values_list("pk", flat=True)) == pks, code
    assert report.values[1] > 0  # the data set is not empty there


def test_quarter_for_a_commune_counts_its_predecessor_district_too(data):
    w = data.world
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    _check(data, w.commune_b, {w.commune_b.pk}, period, rollup=False)
    _check(data, w.commune_a, {w.commune_a.pk, w.district.pk}, period, rollup=False)


def test_quarter_for_the_province_rolls_up_every_unit_below(data):
    w = data.world
    units = {w.province.pk, w.board.pk, w.commune_a.pk, w.commune_b.pk, w.district.pk}
    _check(data, w.province, units, period_of(PeriodKind.QUARTER, 2026, 1), rollup=True)
    alone = form_compute(
        FORM_TCD, unit=w.province, period=period_of(PeriodKind.QUARTER, 2026, 1), rollup=False
    )
    assert set(alone.values.values()) == {0}  # the committee itself received nobody


def test_custom_range_reaches_back_to_the_ended_district(data):
    w = data.world
    period = period_custom(dt.date(2025, 5, 1), dt.date(2026, 2, 28))
    _check(data, w.commune_a, {w.commune_a.pk, w.district.pk}, period, rollup=False)
    units = {w.province.pk, w.board.pk, w.commune_a.pk, w.commune_b.pk, w.district.pk}
    _check(data, w.province, units, period, rollup=True)
    assert any(v.unit == w.district.pk and period.contains(v.day) for v in data.visits)


def test_new_and_old_cases_add_up_to_the_cases(data):
    report = form_compute(
        FORM_TCD,
        unit=data.world.province,
        period=period_of(PeriodKind.QUARTER, 2026, 1),
        rollup=True,
    )
    assert report.values[4] + report.values[5] == report.values[3]
    assert sum(report.values[c] for c in (21, 22, 23, 24)) == report.values[1]
    assert report.values[8] + report.values[15] == report.values[1]


def test_a_closed_period_recomputes_the_same_after_later_records(data):
    w = data.world
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    before = form_compute(FORM_TCD, unit=w.province, period=period, rollup=True).values
    records_generate(w, seed=99, first=dt.date(2026, 3, 15), last=dt.date(2026, 9, 1), data=data)
    pending_decide(w, data, dt.date(2026, 9, 2))
    after = form_compute(FORM_TCD, unit=w.province, period=period, rollup=True).values
    assert after == before
