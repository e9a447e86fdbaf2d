"""Every (state, action) pair of the table, through the one service that applies moves."""

import itertools

import pytest
from django.utils import translation

from tiepdan.audit.models import AuditEntry
from tiepdan.petitions.models import Petition
from tiepdan.petitions.services import SplitPart, petition_transition
from tiepdan.petitions.tests.conftest import receive
from tiepdan.petitions.workflow import (
    TERMINAL,
    TRANSITIONS,
    Action,
    Status,
    TransitionNotAllowed,
    available_actions,
    workflow_markdown,
)

ALL_PAIRS = list(itertools.product(Status, Action))
ALLOWED = [pair for pair in ALL_PAIRS if pair in TRANSITIONS]
REFUSED = [pair for pair in ALL_PAIRS if pair not in TRANSITIONS]


def _arguments(world, status, action):
    move = TRANSITIONS[(status, action)]
    args = {"note": "Lý do ghi nhận", "competent_body": "Công an tỉnh Thái Nguyên"}
    if "to_unit" in move.requires:
        args["to_unit"] = world.commune
    if "parts" in move.requires:
        args["parts"] = [
            SplitPart(kind="complaint", unit=world.board),
            SplitPart(kind="denunciation", unit=world.commune),
        ]
    actor = world.leader if move.capability == "decide" else world.triage
    return actor, args


def _petition_in(world, status, action=None):
    # Only a split needs a mixed petition; a mixed one cannot be accepted before it is split.
    if action == Action.SPLIT:
        petition = receive(world, kind="mixed", kinds=["complaint", "denunciation"])
    elif action in (Action.TRANSFER, Action.TRANSFER_OUT):
        petition = receive(world, kind="recommendation")  # a complaint is guided instead
    else:
        petition = receive(world, kind="complaint")
    Petition.objects.filter(pk=petition.pk).update(status=status)  # test set-up only
    if action == Action.REFUSE_ACCEPTANCE:
        from tiepdan.petitions.models import IneligibilityReason

        petition.ineligibility_reasons.add(IneligibilityReason.objects.get(code="KN20-EXPIRED"))
    return petition


@pytest.mark.parametrize(("status", "action"), ALLOWED, ids=[f"{s}-{a}" for s, a in ALLOWED])
def test_every_allowed_move_reaches_its_state_with_an_event_and_an_audit_entry(
    world, status, action
):
    petition = _petition_in(world, status, action)
    actor, args = _arguments(world, status, action)
    result = petition_transition(actor=actor, petition_id=petition.pk, action=action, **args)
    assert result.status == TRANSITIONS[(status, action)].to
    event = result.events.filter(action=action).get()
    assert (event.from_status, event.to_status) == (status, result.status)
    assert AuditEntry.objects.filter(
        action=f"petition.{action}", object_id=str(petition.pk)
    ).exists()


@pytest.mark.parametrize(("status", "action"), REFUSED, ids=[f"{s}-{a}" for s, a in REFUSED])
def test_every_other_pair_is_refused_with_a_translated_error(world, status, action):
    petition = _petition_in(world, status)
    with translation.override("vi"), pytest.raises(TransitionNotAllowed) as info:
        petition_transition(actor=world.leader, petition_id=petition.pk, action=action, note="x")
    assert str(info.value).startswith("Không thể thực hiện “")
    petition.refresh_from_db()
    assert petition.status == status
    assert not petition.events.filter(action=action).exists()


def test_every_state_is_reachable_from_received_and_terminal_states_have_no_exit():
    reachable = {Status.RECEIVED}
    frontier = [Status.RECEIVED]
    while frontier:
        state = frontier.pop()
        for action in available_actions(state):
            target = TRANSITIONS[(state, action)].to
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(Status)
    assert all(available_actions(state) == [] for state in TERMINAL)


def test_a_move_needs_what_the_table_says(world):
    petition = receive(world)
    with pytest.raises(Exception, match="đơn vị"), translation.override("vi"):
        petition_transition(actor=world.triage, petition_id=petition.pk, action="transfer")


def test_a_triage_officer_cannot_take_a_leaders_decision(world):
    from tiepdan.core.exceptions import PermissionDenied

    petition = _petition_in(world, Status.ACCEPTANCE_PROPOSED)
    with pytest.raises(PermissionDenied):
        petition_transition(actor=world.triage, petition_id=petition.pk, action=Action.ACCEPT)


def test_the_workflow_document_is_generated_from_the_table(settings):
    from pathlib import Path

    text = workflow_markdown()
    assert all(f"| {s.value} | {a.value} |" in text for (s, a) in TRANSITIONS)
    committed = Path(settings.BASE_DIR, "docs", "workflows", "petition.md").read_text("utf-8")
    assert committed == text, "run: python manage.py workflow_doc"


def test_an_unknown_action_is_refused_with_a_message(world):
    petition = receive(world)
    with translation.override("vi"), pytest.raises(TransitionNotAllowed) as info:
        petition_transition(actor=world.triage, petition_id=petition.pk, action="teleport")
    assert "teleport" in str(info.value)


def test_an_official_of_another_unit_learns_nothing_about_the_state(world):
    from tiepdan.core.exceptions import PermissionDenied

    petition = _petition_in(world, Status.FILED_AWAY)
    with pytest.raises(PermissionDenied):
        # GUIDE is illegal in this state, but the refusal must be about rights, not state.
        petition_transition(actor=world.other_triage, petition_id=petition.pk, action="guide")


def test_a_mixed_petition_must_be_split_before_acceptance(world):
    from tiepdan.core.exceptions import ValidationFailed

    petition = _petition_in(world, Status.ACCEPTANCE_PROPOSED, Action.SPLIT)
    with translation.override("vi"), pytest.raises(ValidationFailed, match="tách"):
        petition_transition(actor=world.leader, petition_id=petition.pk, action=Action.ACCEPT)


def test_a_complaint_is_guided_not_transferred_and_a_denunciation_the_reverse(world):
    from tiepdan.core.exceptions import ValidationFailed

    complaint = receive(world, kind="complaint")
    with pytest.raises(ValidationFailed):
        petition_transition(
            actor=world.triage, petition_id=complaint.pk, action="transfer", to_unit=world.commune
        )
    denunciation = receive(world, kind="denunciation")
    with pytest.raises(ValidationFailed):
        petition_transition(
            actor=world.triage, petition_id=denunciation.pk, action="guide", competent_body="Tòa án"
        )


def test_only_a_mixed_petition_is_split_into_its_own_kinds(world):
    from tiepdan.core.exceptions import ValidationFailed

    single = receive(world, kind="complaint")
    parts = [
        SplitPart(kind="complaint", unit=world.board),
        SplitPart(kind="feedback", unit=world.board),
    ]
    with pytest.raises(ValidationFailed):
        petition_transition(actor=world.triage, petition_id=single.pk, action="split", parts=parts)
    mixed = receive(world, kind="mixed", kinds=["complaint", "denunciation"])
    with pytest.raises(ValidationFailed):  # feedback is not in this petition
        petition_transition(actor=world.triage, petition_id=mixed.pk, action="split", parts=parts)


def test_refusing_acceptance_needs_grounds_and_issues_a_notice(world):
    from tiepdan.core.exceptions import ValidationFailed
    from tiepdan.petitions.models import IneligibilityReason
    from tiepdan.petitions.services import petition_classify

    petition = receive(world, kind="complaint")
    with pytest.raises(ValidationFailed):
        petition_transition(
            actor=world.leader, petition_id=petition.pk, action="refuse_acceptance", note="x"
        )
    grounds = IneligibilityReason.objects.get(code="KN20-NOSIGN")
    petition_classify(
        actor=world.triage, petition_id=petition.pk, is_eligible=False, reasons=[grounds]
    )
    petition_transition(
        actor=world.leader, petition_id=petition.pk, action="refuse_acceptance", note="Không ký"
    )
    petition.refresh_from_db()
    assert petition.status == Status.NOT_ACCEPTED
    notice = petition.documents.get(kind="refusal_notice")
    from tiepdan.core.documents import read_back

    with notice.file.open("rb") as handle:
        text = read_back(handle.read())["text"]
    assert grounds.text in text
    assert "Điều 11 Luật Khiếu nại" in text
