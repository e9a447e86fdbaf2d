"""Online reception sessions (NĐ 154/2026 Ch. V): sites, notice, link tests, video room with a
JWT, recording and minutes, and the eligibility of cases (Art. 20)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.audit.models import AuditEntry
from tiepdan.core.exceptions import Conflict, ValidationFailed
from tiepdan.notifications.models import Notification
from tiepdan.petitions.tests.conftest import receive
from tiepdan.reception import jitsi
from tiepdan.reception.models import HeadKind, ReceptionForm, ReceptionSession
from tiepdan.reception.services import (
    online_petition_add,
    online_session_create,
    online_session_record,
    online_site_join,
    online_site_link_test,
    session_register,
)
from tiepdan.reception.tests.conftest import SCHEDULED_ON, local_at
from tiepdan.resolution.protection import protection_request
from tiepdan.resolution.tests.helpers import accepted, at

SESSION_DAY = dt.date(2026, 10, 12)  # 5 working days after Monday 05/10
SECRET = "bi-mat-dung-chung"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def jitsi_on(settings):
    settings.JITSI_BASE_URL = "https://hop.example.gov.vn/"
    settings.JITSI_APP_ID = "tiepdan"
    settings.JITSI_APP_SECRET = SECRET
    return settings


def create(world, *, day=SESSION_DAY, petitions=(), **extra):
    values = {
        "actor": world.reception,
        "central_unit": world.board,
        "component_units": [world.commune, world.other],
        "starts_at": local_at(day, 9),
        "head": world.leader,
        "petitions": list(petitions),
    }
    values.update(extra)
    return online_session_create(**values)


def _b64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def test_online_session_with_central_and_two_component_sites(heads, jitsi_on):
    with at(dt.date(2026, 9, 28)):
        complaint = receive(heads, kind="complaint", received_on=dt.date(2026, 9, 28))
    with at(SCHEDULED_ON):
        session = create(heads, petitions=[complaint])
        url = jitsi.room_url(session.room_name, display_name="Lễ tân", starts_at=session.starts_at)
    assert session.head_kind == HeadKind.AGENCY_HEAD  # from the central unit, the board
    assert session.form == ReceptionForm.ONLINE
    sites = {site.org_unit: site.is_central for site in session.sites.all()}
    assert sites == {heads.board: True, heads.commune: False, heads.other: False}
    assert session.notified_on == SCHEDULED_ON
    assert list(session.registrations.values_list("petition", flat=True)) == [complaint.pk]

    # The room link, and a JWT that verifies with the shared secret.
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        f"https://hop.example.gov.vn/{session.room_name}"
    )
    token = parse_qs(parts.query)["jwt"][0]
    header, claims, signature = token.split(".")
    expected = hmac.new(SECRET.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    assert hmac.compare_digest(_b64(signature), expected)
    payload = json.loads(_b64(claims))
    assert payload["room"] == session.room_name
    assert payload["iss"] == "tiepdan"
    assert payload["aud"] == "jitsi"
    assert payload["sub"] == "hop.example.gov.vn"
    # Valid from two hours before the 09:00 start to JITSI_TOKEN_HOURS after it, not from the
    # day the page was opened.
    assert payload["nbf"] == int((session.starts_at - dt.timedelta(hours=2)).timestamp()) - 60
    assert payload["exp"] == int((session.starts_at + dt.timedelta(hours=6)).timestamp())
    with at(SCHEDULED_ON), pytest.raises(ValueError, match="not yet valid"):
        jitsi.jwt_decode(token, SECRET)
    with time_machine.travel(session.starts_at - dt.timedelta(hours=1), tick=False):
        assert jitsi.jwt_decode(token, SECRET)["room"] == session.room_name
        with pytest.raises(ValueError, match="signature"):
            jitsi.jwt_decode(token, "wrong")
    with time_machine.travel(session.starts_at + dt.timedelta(hours=7), tick=False):
        assert jitsi.room_url(session.room_name, starts_at=session.starts_at) == ""

    # The sites' officials were notified.
    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    assert {"xa.letan", "xa.chutich", "khac.letan", "khac.chutich", "letan", "truongban"} <= (
        notified
    )
    assert AuditEntry.objects.filter(action="reception_session.online_create").exists()


def test_notice_fewer_than_five_working_days_before_is_refused(heads):
    with at(SCHEDULED_ON), translation.override("en"), pytest.raises(ValidationFailed) as exc:
        create(heads, day=dt.date(2026, 10, 9))
    assert exc.value.extra["field"] == "starts_at"
    assert exc.value.extra["earliest"] == SESSION_DAY.isoformat()
    assert "5 working days" in str(exc.value)
    assert not ReceptionSession.objects.exists()


def test_a_central_site_needs_a_component_site(heads):
    with at(SCHEDULED_ON), pytest.raises(ValidationFailed) as exc:
        create(heads, component_units=[heads.board])
    assert exc.value.extra["field"] == "component_units"


def _protected_denunciation(world):
    case = accepted(
        world,
        kind="denunciation",
        received_on=dt.date(2026, 9, 1),
        accepted_on=dt.date(2026, 9, 3),
    )
    with at(dt.date(2026, 9, 4)):
        protection_request(
            actor=world.leader,
            resolution_id=case.pk,
            person_name="Nguyễn Văn Đức",
            relation="denouncer",
            measures=["confidentiality"],
            grounds="Sợ bị trù dập",
            requested_on=dt.date(2026, 9, 4),
        )
    return case.petition


def test_a_protected_denouncers_case_cannot_be_put_into_an_online_session(heads):
    petition = _protected_denunciation(heads)
    with at(SCHEDULED_ON), translation.override("en"), pytest.raises(ValidationFailed) as exc:
        create(heads, petitions=[petition])
    assert exc.value.extra["field"] == "petitions"
    assert "identity" in str(exc.value)
    assert not ReceptionSession.objects.exists()
    with at(SCHEDULED_ON):
        session = create(heads)
        with pytest.raises(ValidationFailed):
            online_petition_add(actor=heads.reception, session=session, petition=petition)
    assert not session.registrations.exists()


def test_a_denunciation_whose_denouncer_asked_secrecy_when_filing_is_refused(heads):
    from tiepdan.petitions.models import Petition

    case = accepted(
        heads, kind="denunciation", received_on=dt.date(2026, 9, 1), accepted_on=dt.date(2026, 9, 3)
    )
    Petition.objects.filter(pk=case.petition_id).update(identity_secrecy_requested=True)
    case.petition.refresh_from_db()
    with at(SCHEDULED_ON), pytest.raises(ValidationFailed):
        create(heads, petitions=[case.petition])
    assert not ReceptionSession.objects.exists()


def test_a_denunciation_without_a_secrecy_request_is_eligible(heads):
    case = accepted(
        heads, kind="denunciation", received_on=dt.date(2026, 9, 1), accepted_on=dt.date(2026, 9, 3)
    )
    with at(SCHEDULED_ON):
        session = create(heads, petitions=[case.petition])
    assert session.registrations.get().petition == case.petition


def test_link_tests_joining_recording_and_minutes(heads, jitsi_on, client):
    with at(SCHEDULED_ON):
        session = create(heads)
    central, commune, other = session.sites.order_by("-is_central", "org_unit__path")
    with at(dt.date(2026, 10, 9)):  # the working day before: on time (TCD-08)
        online_site_link_test(actor=heads.reception, site=central)
        online_site_link_test(actor=heads.commune_desk, site=commune)
    session.refresh_from_db()
    assert session.link_tested_on is None  # one site still to test
    with at(SESSION_DAY):
        online_site_link_test(actor=heads.other_desk, site=other)  # late, still recorded
        online_site_join(actor=heads.commune_desk, site=commune, participants="Ông A, Chủ tịch xã")
    session.refresh_from_db()
    commune.refresh_from_db()
    assert session.link_tested_on == SESSION_DAY
    assert commune.joined_at is not None
    assert commune.participants == "Ông A, Chủ tịch xã"

    early = dt.datetime(2026, 10, 12, 0, 30, tzinfo=dt.UTC)  # 07:30 in Hà Nội, before 09:00
    with time_machine.travel(early, tick=False), pytest.raises(ValidationFailed):
        online_session_record(actor=heads.reception, session=session, recording_reference="x")
    moment = dt.datetime(2026, 10, 12, 5, 0, tzinfo=dt.UTC)  # 12:00 in Hà Nội
    with time_machine.travel(moment, tick=False):
        session = online_session_record(
            actor=heads.reception,
            session=session,
            recording_reference="NAS-TCD/2026/10/12-01.mp4",
            minutes=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
        )
        assert session.minutes.name.endswith(".pdf")
        client.force_login(heads.reception)
        page = client.get(reverse("reception:online_detail", args=[session.slug]))
        text = page.content.decode()
        assert page.status_code == 200
        assert "https://hop.example.gov.vn/" + session.room_name in text
        assert "NAS-TCD/2026/10/12-01.mp4" in text
        assert "Ủy ban nhân dân xã Quân Chu" in text
        minutes = client.get(reverse("reception:online_minutes", args=[session.slug]))
        assert b"".join(minutes.streaming_content) == PDF
        client.force_login(heads.other_triage)  # no reception right
        assert (
            client.get(reverse("reception:online_detail", args=[session.slug])).status_code == 403
        )


def test_minutes_must_be_a_document(heads):
    with at(SCHEDULED_ON):
        session = create(heads)
    with at(dt.date(2026, 10, 13)), pytest.raises(ValidationFailed) as exc:
        online_session_record(
            actor=heads.reception,
            session=session,
            minutes=SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/x"),
        )
    assert exc.value.extra["field"] == "minutes"


def test_the_room_link_is_for_the_head_and_the_sites_officials_only(heads, jitsi_on, client):
    # The province's leader oversees the sites from above: the page, but no key to the room.
    overseer = make_official(heads.province, Role.UNIT_LEADER, username="tinh.ld")
    with at(SCHEDULED_ON):
        session = create(heads)
    with time_machine.travel(session.starts_at - dt.timedelta(hours=1), tick=False):
        pages = {}
        for user in (heads.leader, heads.other_desk, overseer):
            client.force_login(user)
            pages[user.username] = client.get(
                reverse("reception:online_detail", args=[session.slug])
            )
    assert "jwt=" in pages["truongban"].content.decode()  # the head
    assert "jwt=" in pages["khac.letan"].content.decode()  # a component site's officer
    seen = pages["tinh.ld"]
    assert seen.status_code == 200
    assert session.room_name not in seen.content.decode()


def test_a_failed_record_leaves_no_minutes_file(heads, settings, monkeypatch):
    with at(SCHEDULED_ON):
        session = create(heads)

    def broken_journal(**_kwargs):
        raise RuntimeError("journal unavailable")

    monkeypatch.setattr("tiepdan.reception.services.online.audit_record", broken_journal)
    with at(dt.date(2026, 10, 13)), pytest.raises(RuntimeError):
        online_session_record(
            actor=heads.reception,
            session=session,
            minutes=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
        )
    stored = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert stored == []
    session.refresh_from_db()
    assert not session.minutes


def test_no_citizen_is_registered_by_name_for_an_online_session(heads):
    with at(SCHEDULED_ON):
        session = create(heads)
        with pytest.raises(Conflict):
            session_register(
                actor=heads.reception,
                session=session,
                full_name="Trần Thị Hoa",
                citizen_id="019185001234",
                phone="0912345678",
                summary="Tranh chấp đất",
            )
    assert not session.registrations.exists()


def test_the_sessions_list_shows_online_sessions_of_the_officials_sites(heads, client):
    with at(SCHEDULED_ON):
        session = create(heads)
        client.force_login(heads.commune_desk)  # the commune is a component site
        text = client.get(reverse("reception:sessions")).content.decode()
    assert reverse("reception:online_detail", args=[session.slug]) in text


def test_the_head_must_lead_the_central_unit(heads):
    with at(SCHEDULED_ON), pytest.raises(ValidationFailed) as exc:
        create(heads, head=heads.reception)
    assert exc.value.extra["field"] == "head"
    assert not ReceptionSession.objects.exists()
