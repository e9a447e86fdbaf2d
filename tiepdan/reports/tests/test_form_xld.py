"""Biểu 02/XLD: every cell equals the count computed in Python over the generated petitions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tiepdan.petitions.models import Petition, PetitionEvent, RegisterEntry
from tiepdan.petitions.workflow import TRIAGE_DECISIONS, Action
from tiepdan.reports.engine import cell_records, form_compute
from tiepdan.reports.forms_xld import FORM_XLD
from tiepdan.reports.periods import Period, PeriodKind, period_custom, period_of
from tiepdan.reports.tests.generate import (
    DataSet,
    PetitionSpec,
    pending_decide,
    petition_write,
    records_generate,
    world_create,
)

KNPA = {"recommendation", "feedback", "regulation_feedback"}
KINDS = ({"complaint"}, {"denunciation"}, KNPA)
STAGES = ("not_resolved", "resolved_once", "resolved_twice", "court_judgment")
TRANSFERS = {"transfer", "transfer_out", "forward_to_party", "report_to_police"}
POLICE, PARTY_BODY = "report_to_police", "forward_to_party"
Q1_2026 = (PeriodKind.QUARTER, 2026, 1)

# Whether a decision (its action, the classification it was taken on) counts in a column.
Rule = Callable[[str, dict[str, Any]], bool]


def _eligible(kinds: set[str], fields: set[str] | None = None) -> Rule:
    def rule(action: str, c: dict[str, Any]) -> bool:
        return (
            c["eligible"] is True
            and c["kind"] in kinds
            and (fields is None or c.get("field", "") in fields)
        )

    return rule


def _action(actions: set[str], kinds: set[str] | None = None) -> Rule:
    def rule(action: str, c: dict[str, Any]) -> bool:
        return action in actions and (kinds is None or c["kind"] in kinds)

    return rule


def _stage(stage: str) -> Rule:
    def rule(action: str, c: dict[str, Any]) -> bool:
        return c["eligible"] is True and c["stage"] == stage

    return rule


def _judicial(action: str, c: dict[str, Any]) -> bool:
    return action == POLICE or (c.get("field") == "justice" and action != PARTY_BODY)


def _party(action: str, c: dict[str, Any]) -> bool:
    return action == PARTY_BODY or (c.get("field") == "party" and action != POLICE)


COMPLAINT, DENUNCIATION = {"complaint"}, {"denunciation"}
DECISION_RULES: dict[int, Rule] = {
    5: lambda a, c: True,
    6: lambda a, c: c["eligible"] is True,
    7: _eligible(COMPLAINT),
    8: _eligible(COMPLAINT, {"land"}),
    9: _eligible(COMPLAINT, {"housing"}),
    10: _eligible(COMPLAINT, {"policy"}),
    11: _eligible(COMPLAINT, {"other", "corruption", ""}),
    12: _eligible(COMPLAINT, {"justice"}),
    13: _eligible(COMPLAINT, {"party"}),
    14: _eligible(DENUNCIATION),
    15: _eligible(DENUNCIATION, {"land", "housing", "policy"}),
    16: _eligible(DENUNCIATION, {"justice"}),
    17: _eligible(DENUNCIATION, {"corruption"}),
    18: _eligible(DENUNCIATION, {"party"}),
    19: _eligible(DENUNCIATION, {"other", ""}),
    20: _eligible(KNPA),
    21: lambda a, c: c["eligible"] is True and not _judicial(a, c) and not _party(a, c),
    22: lambda a, c: c["eligible"] is True and _judicial(a, c),
    23: lambda a, c: c["eligible"] is True and _party(a, c),
    **{24 + offset: _stage(stage) for offset, stage in enumerate(STAGES)},
    28: _action({"accept"}),
    29: _action({"accept"}, COMPLAINT),
    30: _action({"accept"}, DENUNCIATION),
    31: _action({"accept"}, KNPA),
    32: _action({"guide"}),
    33: _action(TRANSFERS),
    34: _action({"urge"}),
    35: _action({"return"}),
    36: _action({"file_away"}),
}


@pytest.fixture
def data(db, settings) -> DataSet:
    settings.REPORT_CUTOFF_DAY = 15
    return records_generate(world_create(), first=dt.date(2025, 4, 1), petitions=160)


def _decided_before(p: PetitionSpec, unit: int, start: dt.date) -> bool:
    """The unit took a decision before `start` that it did not reopen before `start`."""
    for index, step in enumerate(p.steps):
        if step.unit != unit or step.action not in TRIAGE_DECISIONS or step.day >= start:
            continue
        reopened = any(
            later.unit == unit and later.action == Action.REOPEN and later.day < start
            for later in p.steps[index + 1 :]
        )
        if not reopened:
            return True
    return False


def _to_process(p: PetitionSpec, units: set[int], period: Period) -> tuple[bool, bool]:
    """(carried over, received in the period) in the units."""
    carried = received = False
    for step in p.steps:
        if step.action != "register" or step.unit not in units or step.day > period.end:
            continue
        if step.day >= period.start:
            received = True
        elif not _decided_before(p, step.unit, period.start):
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
    decisions = [
        (p.pk, s)
        for p in data.petitions
        for s in p.steps
        if s.unit in units and s.action in TRIAGE_DECISIONS and period.contains(s.day)
    ]
    for code, rule in DECISION_RULES.items():
        # By the classification the generator wrote into the decision, not the petition's now.
        cells[code] = {pk for pk, s in decisions if rule(s.action, s.classified or {})}
    transfers = [(p.pk, t) for p in data.petitions for t in p.transfers if t.unit in units]
    cells[37] = {
        pk
        for pk, t in transfers
        if t.kind in TRANSFERS and t.reported_back_on and period.contains(t.reported_back_on)
    }
    cells[38] = {
        pk
        for pk, t in transfers
        if t.kind in TRANSFERS
        and t.sent_on <= period.end
        and (t.reported_back_on is None or t.reported_back_on > period.end)
    }
    return cells


def _check(
    data: DataSet, unit, units: set[int], period: Period, *, rollup: bool, full: bool = True
) -> dict[int, int]:
    report = form_compute(FORM_XLD, unit=unit, period=period, rollup=rollup)
    want = expected(data, units, period)
    assert set(want) == {c.code for c in FORM_XLD.columns}
    assert report.values == {code: len(pks) for code, pks in want.items()}
    for code, pks in want.items():
        records = cell_records(FORM_XLD, code, unit=unit, period=period, rollup=rollup)
        assert set(records.values_list("pk", flat=True)) == pks, code
    if full:
        assert report.values[2] > 0  # something was carried over
        assert report.values[5] > 0  # and something was processed
        # The new groups are exercised: fields, competence, replies and unanswered transfers.
        assert sum(report.values[c] for c in range(8, 14)) > 0
        assert sum(report.values[c] for c in range(15, 20)) > 0
        assert report.values[21] > 0
        assert report.values[22] + report.values[23] > 0
        assert report.values[37] > 0
        assert report.values[38] > 0
    return report.values


def test_column_numbers_are_consecutive_and_every_column_cites_its_basis():
    assert [c.code for c in FORM_XLD.columns] == list(range(1, len(FORM_XLD.columns) + 1))
    assert all(c.basis for c in FORM_XLD.columns)


def test_quarter_for_a_commune(data):
    w = data.world
    period = period_of(*Q1_2026)
    _check(data, w.commune_b, {w.commune_b.pk}, period, rollup=False, full=False)
    _check(data, w.commune_a, {w.commune_a.pk, w.district.pk}, period, rollup=False, full=False)


def test_quarter_for_the_province_counts_a_transferred_petition_once(data):
    w = data.world
    units = {w.province.pk, w.board.pk, w.commune_a.pk, w.commune_b.pk, w.district.pk}
    _check(data, w.province, units, period_of(*Q1_2026), rollup=True)


def test_custom_range(data):
    w = data.world
    period = period_custom(dt.date(2025, 5, 1), dt.date(2026, 2, 28))
    units = {w.province.pk, w.board.pk, w.commune_a.pk, w.commune_b.pk, w.district.pk}
    _check(data, w.province, units, period, rollup=True)
    _check(data, w.board, {w.board.pk}, period, rollup=False, full=False)


def test_the_generated_data_has_what_the_rules_are_about(data):
    """Reopenings, reclassified petitions and answered transfers exist, so the tests above
    would see a rule that ignored them."""
    steps = [s for p in data.petitions for s in p.steps]
    assert any(s.action == Action.REOPEN for s in steps)
    assert any(
        s.classified is not None and s.classified != p.classification()
        for p in data.petitions
        for s in p.steps
    )
    assert any(t.reported_back_on for p in data.petitions for t in p.transfers)
    # Register entries are marked handled on the unit's first decision, as the services do.
    first: dict[tuple[int, int], dt.date] = {}
    for p in data.petitions:
        for s in p.steps:
            if s.action in TRIAGE_DECISIONS:
                first.setdefault((p.pk, s.unit), s.day)
    entries = RegisterEntry.objects.values_list("petition", "org_unit", "handled_on")
    assert {(pk, unit): day for pk, unit, day in entries if day} == first


def test_a_closed_period_recomputes_the_same_after_later_records(data):
    w = data.world
    period = period_of(*Q1_2026)
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


def test_reclassifying_petitions_after_the_period_keeps_its_numbers(data):
    w = data.world
    period = period_of(*Q1_2026)
    before = form_compute(FORM_XLD, unit=w.province, period=period, rollup=True).values
    assert before[6] > 0
    assert before[7] + before[14] > 0
    assert before[24] + before[25] > 0
    # Everything becomes ineligible feedback about the Party with no stage: counted by the
    # petition as it is now, the eligible, content and stage columns would all drop to 0.
    Petition.objects.update(kind="feedback", is_eligible=False, field="party", procedure_stage="")
    after = form_compute(FORM_XLD, unit=w.province, period=period, rollup=True).values
    assert after == before


def test_a_decision_reopened_before_the_period_leaves_the_petition_carried_over(db, settings):
    settings.REPORT_CUTOFF_DAY = 15
    w = world_create()
    data = DataSet(world=w)
    a, board = w.commune_a, w.board
    registered, guided = dt.date(2025, 11, 3), dt.date(2025, 11, 10)
    reopened = petition_write(
        w,
        data,
        [(a, registered, "register"), (a, guided, "guide"), (a, dt.date(2025, 12, 1), "reopen")],
    )
    decided_again = petition_write(
        w,
        data,
        [
            (a, registered, "register"),
            (a, guided, "guide"),
            (a, dt.date(2025, 12, 1), "reopen"),
            (a, dt.date(2025, 12, 5), "file_away"),
        ],
    )
    reopened_in_the_period = petition_write(
        w,
        data,
        [(a, registered, "register"), (a, guided, "guide"), (a, dt.date(2026, 1, 5), "reopen")],
    )
    reopened_elsewhere = petition_write(
        w,
        data,
        [
            (a, registered, "register"),
            (a, guided, "guide"),
            (board, dt.date(2025, 12, 1), "reopen"),
        ],
    )
    never_decided = petition_write(w, data, [(a, registered, "register")])
    period = period_of(*Q1_2026)
    carried = cell_records(FORM_XLD, 2, unit=a, period=period, rollup=False)
    assert set(carried.values_list("pk", flat=True)) == {reopened.pk, never_decided.pk}
    assert {decided_again.pk, reopened_in_the_period.pk, reopened_elsewhere.pk}.isdisjoint(
        carried.values_list("pk", flat=True)
    )
    _check(data, a, {a.pk}, period, rollup=False, full=False)


def test_only_a_json_true_is_eligible_and_a_missing_field_is_other(db, settings):
    """The JSON key lookups mean the same on SQLite and PostgreSQL: only JSON true is
    eligible (not false, null, 1 or a missing key), and a snapshot without a field falls in
    the catch-all columns (NOT (NULL IN ...) would drop it)."""
    settings.REPORT_CUTOFF_DAY = 15
    w = world_create()
    data = DataSet(world=w)
    a, day = w.commune_a, dt.date(2026, 1, 12)
    base = {"kind": "complaint", "field": "land", "stage": "", "anonymous": False, "within": None}
    snapshots: dict[str, dict[str, Any]] = {
        "true": {**base, "eligible": True},
        "false": {**base, "eligible": False},
        "null": {**base, "eligible": None},
        "one": {**base, "eligible": 1},
        "none": {},
        "no_field": {k: v for k, v in {**base, "eligible": True}.items() if k != "field"},
    }
    pks = {}
    for name, snapshot in snapshots.items():
        spec = petition_write(w, data, [(a, day, "register"), (a, day, "guide")])
        PetitionEvent.objects.filter(petition_id=spec.pk, action="guide").update(
            data={"classified": snapshot} if snapshot else {}
        )
        pks[name] = spec.pk
    period = period_of(*Q1_2026)

    def cell(code: int) -> set[int]:
        records = cell_records(FORM_XLD, code, unit=a, period=period, rollup=False)
        return set(records.values_list("pk", flat=True))

    assert cell(5) == set(pks.values())
    assert cell(6) == {pks["true"], pks["no_field"]}
    assert cell(8) == {pks["true"]}  # land
    assert cell(11) == {pks["no_field"]}  # other administrative
    assert cell(21) == {pks["true"], pks["no_field"]}  # administrative bodies


def test_a_proposal_is_not_a_decision(data):
    assert Action.PROPOSE_ACCEPTANCE not in TRIAGE_DECISIONS
    assert {Action.ACCEPT, Action.GUIDE, Action.TRANSFER} <= TRIAGE_DECISIONS
