import datetime as dt

import time_machine
from django.core import mail
from django.core.management import call_command

from tiepdan.notifications.models import Notification
from tiepdan.petitions.models import PetitionDeadline
from tiepdan.petitions.tests.conftest import receive


def test_run_deadline_scan_marks_overdue_and_notifies_once(
    world, django_capture_on_commit_callbacks
):
    petition = receive(world, kind="denunciation")
    tc01 = petition.deadlines.get(family="TC-01")
    assert not tc01.is_overdue
    with time_machine.travel(dt.datetime(2026, 3, 20, 2, 0, tzinfo=dt.UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("run_deadline_scan")
        call_command("run_deadline_scan")  # a second run notifies nobody again
    tc01.refresh_from_db()
    assert tc01.is_overdue
    assert PetitionDeadline.objects.filter(is_overdue=True).count() == 3  # XLD-05, TC-01, TC-02
    titles = Notification.objects.filter(recipient=world.triage).values_list("title", flat=True)
    assert len(titles) == 1
    assert Notification.objects.filter(recipient=world.leader).count() == 1
    assert any(petition.reference in m.body for m in mail.outbox)


def test_limits_already_met_are_not_overdue(world):
    from tiepdan.petitions.services import petition_transition

    petition = receive(world, kind="denunciation")
    petition_transition(
        actor=world.triage, petition_id=petition.pk, action="file_away", note="Nặc danh"
    )
    with time_machine.travel(dt.datetime(2026, 4, 20, 2, 0, tzinfo=dt.UTC), tick=False):
        call_command("run_deadline_scan")
    assert not PetitionDeadline.objects.filter(is_overdue=True).exists()
