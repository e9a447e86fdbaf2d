"""Every (state, action) pair of every resolution table."""

import datetime as dt
import itertools

import pytest
from django.utils import translation

from tiepdan.audit.models import AuditEntry
from tiepdan.core import clock
from tiepdan.petitions.tests.conftest import receive
from tiepdan.resolution.models import Resolution
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import at
from tiepdan.resolution.workflow import (
    PREVIOUS,
    START,
    TABLES,
    TERMINAL,
    Action,
    Status,
    Track,
    TransitionNotAllowed,
    available_actions,
    move_for,
)

KIND = {
    Track.COMPLAINT: "complaint",
    Track.DENUNCIATION: "denunciation",
    Track.RECOMMENDATION: "recommendation",
    Track.REGULATION_FEEDBACK: "regulation_feedback",
}
ALLOWED = [(track, s, a) for track, table in TABLES.items() for (s, a) in table]
REFUSED = [
    (track, s, a)
    for track in Track
    for s, a in itertools.product(Status, Action)
    if (s, a) not in TABLES[track]
]


def _case(world, track, status):
    petition = receive(world, kind=KIND[track])
    return Resolution.objects.create(
        petition=petition,
        track=track,
        org_unit=world.board,
        accepted_on=dt.date(2026, 3, 4),
        rule_id="TC-05" if track == Track.DENUNCIATION else "KN-03",
        status=status,
        suspended_from=Status.VERIFYING if status == Status.SUSPENDED else "",
        complexity_criteria=["several_places", "many_people"],  # so EXTEND is lawful
    )


@pytest.mark.parametrize(
    ("track", "status", "action"), ALLOWED, ids=[f"{t}-{s}-{a}" for t, s, a in ALLOWED]
)
def test_every_allowed_move_reaches_its_state_with_an_event_and_an_audit_entry(
    world, track, status, action
):
    case = _case(world, track, status)
    move = TABLES[track][(status, action)]
    actor = world.leader if move.capability == "decide" else world.resolver
    # A fixed day after the 2026 reform, so partial withdrawal of a complaint is lawful.
    with at(dt.date(2026, 7, 15)):
        _move(actor, case, action, world)
    case.refresh_from_db()
    expected = Status.VERIFYING if move.to == PREVIOUS else move.to
    assert case.status == expected
    event = case.petition.events.filter(action=action).get()
    assert (event.from_status, event.to_status) == (status, expected)
    assert AuditEntry.objects.filter(action=f"petition.{action}").exists()


def _move(actor, case, action, world):
    resolution_transition(
        actor=actor,
        resolution_id=case.pk,
        action=action,
        note="Nội dung",
        outcome="founded",
        regulation_outcome="amend",
        dialogue_on=dt.date(2026, 3, 20),  # before 01/07/2026: no invitation needed (KN-14)
        dialogue_minutes="signed",
        planned_on=clock.today() + dt.timedelta(days=30),
        to_unit=world.province,
    )


@pytest.mark.parametrize(
    ("track", "status", "action"), REFUSED, ids=[f"{t}-{s}-{a}" for t, s, a in REFUSED]
)
def test_every_other_pair_is_refused_with_a_translated_error(track, status, action):
    with translation.override("vi"), pytest.raises(TransitionNotAllowed) as info:
        move_for(track, status, action)
    assert str(info.value).startswith("Không thể thực hiện “")


def test_the_service_refuses_an_illegal_move_and_changes_nothing(world):
    case = _case(world, Track.COMPLAINT, Status.ENFORCED)
    with pytest.raises(TransitionNotAllowed):
        resolution_transition(actor=world.leader, resolution_id=case.pk, action="suspend", note="x")
    case.refresh_from_db()
    assert case.status == Status.ENFORCED


@pytest.mark.parametrize("track", list(Track))
def test_terminal_states_have_no_exit_and_every_state_used_is_reachable(track):
    table = TABLES[track]
    for state in TERMINAL:
        assert available_actions(track, state) == []
    # A case opens accepted, or under review when it is a re-denunciation (TC-13).
    reachable, frontier = set(START), list(START)
    while frontier:
        state = frontier.pop()
        for action in available_actions(track, state):
            target = table[(state, action)].to
            targets = {s for s, _a in table} if target == PREVIOUS else {target}
            for t in targets - reachable:
                reachable.add(Status(t))
                frontier.append(Status(t))
    used = {s for s, _a in table} | {m.to for m in table.values() if m.to != PREVIOUS}
    assert used <= reachable


def test_an_official_outside_the_unit_learns_nothing(world):
    from tiepdan.core.exceptions import PermissionDenied

    case = _case(world, Track.COMPLAINT, Status.ENFORCED)
    with pytest.raises(PermissionDenied):
        resolution_transition(actor=world.other_triage, resolution_id=case.pk, action="decide")


def test_the_workflow_document_is_generated_from_the_tables(settings):
    from pathlib import Path

    from tiepdan.resolution.workflow import workflow_markdown

    text = workflow_markdown()
    assert all(
        f"| {s.value} | {a.value} |" in text for table in TABLES.values() for (s, a) in table
    )
    committed = Path(settings.BASE_DIR, "docs", "workflows", "resolution.md").read_text("utf-8")
    assert committed == text, "run: python manage.py resolution_workflow_doc"
