"""What the statistics count a past period by is kept when the decision is taken: the register
entry's handled day and the classification the decision was made on (LEGAL.md §7.2)."""

import datetime as dt

import time_machine

from tiepdan.petitions.models import PetitionEvent, RegisterEntry
from tiepdan.petitions.services import petition_transition
from tiepdan.petitions.services.handling import petition_classify
from tiepdan.petitions.tests.conftest import receive
from tiepdan.petitions.workflow import Action

# 09:00 in Hà Nội on two working days after the petition was received (02/03/2026).
FIRST_DECISION = dt.datetime(2026, 3, 4, 2, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 4, 20, 2, 0, tzinfo=dt.UTC)


def _guide(world, petition):
    return petition_transition(
        actor=world.triage,
        petition_id=petition.pk,
        action=Action.GUIDE,
        note="Hướng dẫn",
        competent_body="Tòa án nhân dân khu vực 1",
    )


def test_a_triage_decision_keeps_the_classification_it_was_made_on(world):
    petition = receive(world, kind="complaint")
    petition_classify(
        actor=world.triage,
        petition_id=petition.pk,
        field="land",
        procedure_stage="not_resolved",
        is_eligible=True,
    )
    with time_machine.travel(FIRST_DECISION, tick=False):
        _guide(world, petition)
    event = PetitionEvent.objects.get(petition=petition, action=Action.GUIDE)
    assert event.data["classified"] == {
        "kind": "complaint",
        "field": "land",
        "eligible": True,
        "stage": "not_resolved",
        "anonymous": False,
        "within": None,
    }
    # A later reclassification does not reach back into the decision's record.
    petition_classify(actor=world.triage, petition_id=petition.pk, field="housing")
    event.refresh_from_db()
    assert event.data["classified"]["field"] == "land"
    # Events that are not decisions carry no classification.
    received = PetitionEvent.objects.filter(petition=petition).exclude(action=Action.GUIDE)
    assert all("classified" not in e.data for e in received)


def test_the_register_entry_keeps_the_day_of_the_first_decision(world):
    petition = receive(world, kind="complaint")
    entry = RegisterEntry.objects.get(petition=petition, org_unit=world.board)
    assert entry.handled_on is None
    with time_machine.travel(FIRST_DECISION, tick=False):
        _guide(world, petition)
    entry.refresh_from_db()
    assert entry.handled_on == dt.date(2026, 3, 4)
    # Reopened and decided again later: the petition was handled on the first day all the same,
    # so a closed period's "handled" does not change.
    with time_machine.travel(LATER, tick=False):
        petition_transition(
            actor=world.leader, petition_id=petition.pk, action=Action.REOPEN, note="Nhầm"
        )
        _guide(world, petition)
    entry.refresh_from_db()
    assert entry.handled_on == dt.date(2026, 3, 4)
    assert PetitionEvent.objects.filter(petition=petition, action=Action.GUIDE).count() == 2
