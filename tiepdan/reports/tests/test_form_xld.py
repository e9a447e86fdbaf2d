"""Biểu 02/XLD: every cell equals the count computed in Python over the generated petitions."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.petitions.workflow import TRIAGE_DECISIONS, Action
from tiepdan.reports.engine import cell_records, form_compute
from tiepdan.reports.forms_xld import FORM_XLD
from tiepdan.reports.periods import Period, PeriodKind, period_custom, period_of
from tiepdan.reports.tests.generate import (
    DataSet,
    PetitionSpec,
    pending_decide,
    records_generate,
    world_create,
)

KNPA = {"recommendation", "feedback", "regulation_feedback"}
KINDS = ({"complaint"}, {"denunciation"}, KNPA)
STAGES = ("not_resolved", "resolved_once", "resolved_twice", "court_judgment")
TRANSFERS = {"transfer", "transfer_out", "forward_to_party", "report_to_police"}


@pytest.fixture
def data(db, settings) -> DataSet:
    settings.REPORT_CUTOFF_DAY = 15
    return records_generate(world_create(), first=dt.date(2025, 4, 1))


def _to_process(p: PetitionSpec, units: set[int], period: Period) -> tuple[bool, bool]:
    """(carried over, received in the period) in the units."""
    carried = received = False
    for step in p.steps:
        if step.action != "register" or step.unit not in units or step.day > period.end:
            continue
        decided_before = any(
            s.unit == step.unit and s.action in TRIAGE_DECISIONS and s.day < period.start
            for s in p.steps
        )
        if step.day >= period.start:
            received = True
        elif not decided_before:
            carried = True
    return carried, received


def expected(data: DataSet, units: set[int], period: Period) -> dict[int, set[int]]:
    """The petitions behind every column, by plain Python over the specs."""
    cells: dict[int, set[int]] = {}
    flags = {p.pk: _to_process(p, units, period) for p in data.petitions}
    cells[2] = {pk for pk, (carried, _r) in flags.items() if carried}
    cells[3] = {pk for pk, (_c, received) in flags.items() if received}
    cells[1] = cells[2] | cells[3]
    anonymous = {p.pk for p in data.petitions if p.is_anonymous}
    cells[4] = cells[3] & anonymous

    def decided(actions: set[str]) -> dict[int, PetitionSpec]:
        return {
            p.pk: p
            for p in data.petitions
            if any(
                s.unit in units and s.action in actions and period.contains(s.day) for s in p.steps
            )
        }

    processed = decided(set(TRIAGE_DECISIONS))
    eligible = {pk: p for pk, p in processed.items() if p.is_eligible is True}
    cells[5] = set(processed)
    cells[6] = set(eligible)
    for offset, kinds in enumerate(KINDS):
        cells[7 + offset] = {pk for pk, p in eligible.items() if p.kind in kinds}
    for offset, stage in enumerate(STAGES):
        cells[10 + offset] = {pk for pk, p in eligible.items() if p.procedure_stage == stage}
    accepted = decided({Action.ACCEPT})
    cells[14] = set(accepted)
    for offset, kinds in enumerate(KINDS):
        cells[15 + offset] = {pk for pk, p in accepted.items() if p.kind in kinds}
    for code, actions in (
        (18, {"guide"}),
        (19, TRANSFERS),
        (20, {"urge"}),
        (21, {"return"}),
        (22, {"file_away"}),
    ):
        cells[code] = set(decided(actions))
    return cells


def _check(
    data: DataSet, unit, units: set[int], period: Period, *, rollup: bool, full: bool = True
) -> None:
    report = form_compute(FORM_XLD, unit=unit, period=period, rollup=rollup)
    want = expected(data, units, period)
    assert report.values == {code: len(pks) for code, pks in want.items()}
    for code, pks in want.items():
        records = cell_records(FORM_XLD, code, unit=unit, period=period, rollup=rollup)
        assert set(records.values_list("pk", flat=True)) == pks, code
    if full:
        assert report.values[2] > 0  # something was carried over
        assert report.values[5] > 0  # and something was processed


def test_quarter_for_a_commune(data):
    w = data.world
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    _check(data, w.commune_b, {w.commune_b.pk}, period, rollup=False)
    _check(data, w.commune_a, {w.commune_a.pk, w.district.pk}, period, rollup=False)


def test_quarter_for_the_province_counts_a_transferred_petition_once(data):
    w = data.world
    units = {w.province.pk, w.board.pk, w.commune_a.pk, w.commune_b.pk, w.district.pk}
    _check(data, w.province, units, period_of(PeriodKind.QUARTER, 2026, 1), rollup=True)


def test_custom_range(data):
    w = data.world
    period = period_custom(dt.date(2025, 5, 1), dt.date(2026, 2, 28))
    units = {w.province.pk, w.board.pk, w.commune_a.pk, w.commune_b.pk, w.district.pk}
    _check(data, w.province, units, period, rollup=True)
    _check(data, w.board, {w.board.pk}, period, rollup=False, full=False)


def test_a_closed_period_recomputes_the_same_after_later_records(data):
    w = data.world
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    before = {
        unit.pk: form_compute(FORM_XLD, unit=unit, period=period, rollup=True).values
        for unit in (w.province, w.commune_a, w.commune_b)
    }
    records_generate(w, seed=99, first=dt.date(2026, 3, 15), last=dt.date(2026, 9, 1), data=data)
    pending_decide(w, data, dt.date(2026, 9, 2))
    for unit in (w.province, w.commune_a, w.commune_b):
        assert (
            form_compute(FORM_XLD, unit=unit, period=period, rollup=True).values == before[unit.pk]
        )


def test_a_proposal_is_not_a_decision(data):
    assert Action.PROPOSE_ACCEPTANCE not in TRIAGE_DECISIONS
    assert {Action.ACCEPT, Action.GUIDE, Action.TRANSFER} <= TRIAGE_DECISIONS
