"""A petition transferred inside tiepdan stays one record; the sender follows it."""

import datetime as dt

import pytest
import time_machine

from tiepdan.core.exceptions import NotFound, ValidationFailed
from tiepdan.notifications.models import Notification
from tiepdan.petitions.selectors import InboxFilters, petition_get_for_user, petition_inbox
from tiepdan.petitions.services import (
    petition_report_back,
    petition_transition,
    petition_urge_follow_up,
)
from tiepdan.petitions.tests.conftest import receive
from tiepdan.petitions.workflow import Status

TRANSFER_DAY = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def transferred(world):
    petition = receive(world)
    with time_machine.travel(TRANSFER_DAY, tick=False):
        petition_transition(
            actor=world.triage,
            petition_id=petition.pk,
            action="transfer",
            to_unit=world.commune,
            note="Thuộc thẩm quyền xã",
        )
    petition.refresh_from_db()
    return petition


def test_transfer_puts_the_same_petition_in_the_receivers_inbox(world, transferred):
    inbox = petition_inbox(user=world.commune_triage, filters=InboxFilters(unit=world.commune))
    assert list(inbox) == [transferred]
    assert transferred.status == Status.RECEIVED
    assert transferred.current_unit == world.commune
    assert transferred.register_entries.get(org_unit=world.commune).number == 1


def test_transfer_starts_receiver_triage_limit_from_its_receipt(world, transferred):
    receiver = transferred.deadlines.get(org_unit=world.commune, family="TC-01")
    assert receiver.started_on == dt.date(2026, 3, 4)
    assert receiver.met_on is None
    sender = transferred.deadlines.get(org_unit=world.board, family="TC-01")
    assert sender.met_on == dt.date(2026, 3, 4)  # the sender's limit was met by transferring


def test_transfer_issues_a_numbered_slip_and_notifies_the_receiver(world, transferred):
    slip = transferred.documents.get(kind="transfer_slip")
    assert slip.number.startswith("1/PCĐ-BTCD-T19")
    assert Notification.objects.filter(recipient=world.commune_triage).exists()


def test_the_sender_keeps_following_and_can_urge(world, transferred):
    seen = petition_get_for_user(user=world.triage, reference=transferred.tracking_code)
    assert seen.current_unit == world.commune
    petition_urge_follow_up(actor=world.triage, petition_id=transferred.pk, note="Đã quá hạn")
    assert transferred.documents.filter(kind="urging_letter", org_unit=world.board).exists()
    assert (
        Notification.objects.filter(
            recipient=world.commune_triage, title__contains=transferred.reference
        ).count()
        == 2
    )


def test_the_receiver_reports_back_and_the_sender_is_told(world, transferred):
    petition_report_back(
        actor=world.commune_triage, petition_id=transferred.pk, report="Đã thụ lý giải quyết"
    )
    transfer = transferred.transfers.get()
    assert transfer.reported_back_on is not None
    assert Notification.objects.filter(recipient=world.triage).exists()


def test_a_petition_is_transferred_only_once(world, transferred):
    with pytest.raises(ValidationFailed):
        petition_transition(
            actor=world.commune_triage,
            petition_id=transferred.pk,
            action="transfer",
            to_unit=world.other,
        )


def test_an_unrelated_unit_cannot_see_it(world, transferred):
    with pytest.raises(NotFound):
        petition_get_for_user(user=world.other_triage, reference=transferred.tracking_code)


def test_the_petitioner_is_emailed_about_the_transfer(world, smtp_server):
    from email import message_from_bytes, policy

    from tiepdan.petitions.services import PetitionerData

    petition = receive(
        world,
        kind="recommendation",
        petitioners=[PetitionerData(full_name="Lê Văn Hải", email="hai@example.vn")],
    )
    with django_on_commit():
        petition_transition(
            actor=world.triage, petition_id=petition.pk, action="transfer", to_unit=world.commune
        )
    (sent,) = [m for m in smtp_server.messages if m["to"] == ["hai@example.vn"]]
    message = message_from_bytes(sent["raw"], policy=policy.default)
    assert "Ủy ban nhân dân xã Đại Từ" in message["Subject"]
    assert "PCĐ" in message.get_content()  # the transfer slip's number
    assert petition.events.filter(action="petitioner_notified").exists()


def test_an_anonymous_denunciation_cannot_be_proposed_for_acceptance(world):
    petition = receive(world, kind="denunciation", petitioners=[], is_anonymous=True)
    with pytest.raises(ValidationFailed):
        petition_transition(
            actor=world.triage, petition_id=petition.pk, action="propose_acceptance", note="x"
        )
    petition_transition(
        actor=world.triage, petition_id=petition.pk, action="file_away", note="Nặc danh (XLD-03)"
    )


def django_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)
