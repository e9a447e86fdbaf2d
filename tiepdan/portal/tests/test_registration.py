"""Registering for a head's reception session from the public schedule, with a petition's
tracking code and PIN (issue 6, item 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tiepdan.notifications.models import Notification
from tiepdan.petitions.tests.conftest import receive
from tiepdan.portal.tests.test_tracking import PIN, with_pin
from tiepdan.reception.models import HeadKind, SessionRegistration
from tiepdan.reception.services import online_session_create, session_schedule
from tiepdan.reception.tests.conftest import SCHEDULED_ON, desk, heads, local_at  # noqa: F401
from tiepdan.resolution.tests.helpers import at

SESSION_DAY = dt.date(2026, 10, 12)  # 5 working days after Monday 05/10


@pytest.fixture
def in_person(heads):  # noqa: F811
    with at(SCHEDULED_ON):
        return session_schedule(
            actor=heads.commune_desk,
            unit=heads.commune,
            head=heads.commune_leader,
            head_kind=HeadKind.COMMUNE_CHAIR,
            kind="periodic",
            starts_at=local_at(SESSION_DAY),
            office=heads.commune_office,
        )


@pytest.fixture
def petition(heads):  # noqa: F811
    with at(SCHEDULED_ON):
        return with_pin(receive(heads, kind="complaint", received_on=SCHEDULED_ON))


def _register(client, session, code, pin, **extra):
    data = {"code": code, "pin": pin, "full_name": "Nguyễn Văn Đức", "phone": "0912345678"}
    data.update(extra)
    url = reverse("portal:session_registration", args=[session.slug])
    with at(SCHEDULED_ON):
        return client.post(url, data, REMOTE_ADDR="203.0.113.9")


def test_the_schedule_links_to_registration(client, in_person):
    with at(SCHEDULED_ON):
        page = client.get(reverse("portal:schedule")).content.decode()
    assert reverse("portal:session_registration", args=[in_person.slug]) in page


def test_a_petitioner_registers_with_code_and_pin(client, in_person, petition):
    response = _register(client, in_person, petition.tracking_code, PIN)
    assert response.status_code == 200
    registration = SessionRegistration.objects.get(session=in_person)
    assert registration.petition == petition
    assert registration.full_name == "Nguyễn Văn Đức"
    assert registration.summary == petition.summary  # left empty: the petition's summary


def test_registration_with_a_wrong_pin_is_refused(client, in_person, petition):
    client.cookies["django_language"] = "en"
    response = _register(client, in_person, petition.tracking_code, "000000")
    assert response.status_code == 400
    assert "could not open a petition" in response.content.decode()
    assert 'value="Nguyễn Văn Đức"' in response.content.decode()  # the form keeps its values
    assert not SessionRegistration.objects.exists()


def test_registration_shares_the_tracking_rate_limit(client, in_person, petition):
    for _ in range(10):
        _register(client, in_person, "ZZZZZ-ZZZZZ", "1")
    assert _register(client, in_person, petition.tracking_code, PIN).status_code == 429
    assert not SessionRegistration.objects.exists()


def test_a_petition_registers_once_per_session(client, in_person, petition):
    _register(client, in_person, petition.tracking_code, PIN)
    again = _register(client, in_person, petition.tracking_code, PIN)
    assert again.status_code == 400
    assert SessionRegistration.objects.count() == 1


def test_an_online_session_passes_the_request_to_the_reception_staff(client, heads, petition):  # noqa: F811
    with at(SCHEDULED_ON):
        session = online_session_create(
            actor=heads.reception,
            central_unit=heads.board,
            component_units=[heads.commune],
            starts_at=local_at(SESSION_DAY, 9),
            head=heads.leader,
        )
    before = Notification.objects.count()
    response = _register(client, session, petition.tracking_code, PIN)
    assert response.status_code == 200
    assert not SessionRegistration.objects.filter(full_name="Nguyễn Văn Đức").exists()
    told = Notification.objects.filter(recipient=heads.reception).order_by("-pk")[:1].get()
    assert Notification.objects.count() > before
    assert petition.tracking_code in told.title.replace("-", "")
    assert "Nguyễn Văn Đức" not in told.title + told.body


def test_an_unknown_or_past_session_is_not_found(client, in_person):
    url = reverse("portal:session_registration", args=["khong-co"])
    assert client.get(url).status_code == 404
    with at(SESSION_DAY + dt.timedelta(days=1)):
        past = reverse("portal:session_registration", args=[in_person.slug])
        assert client.get(past).status_code == 404
