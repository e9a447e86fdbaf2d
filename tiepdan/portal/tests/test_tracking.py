"""Following a petition on the portal: code + PIN, the same answer for every failure, rate
limits, what the petitioner sees, and documents only after unlocking (issue 6, item 2)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from tiepdan.petitions.models import Petition
from tiepdan.petitions.services import petition_transition
from tiepdan.petitions.tests.conftest import receive
from tiepdan.portal.models import TrackingAttempt
from tiepdan.portal.tracking_services import client_ip

PIN = "482916"
NOW = dt.datetime(2026, 3, 3, 2, 0, tzinfo=dt.UTC)
URL = "/cong-khai/tra-cuu/"


def with_pin(petition: Petition, pin: str = PIN) -> Petition:
    Petition.objects.filter(pk=petition.pk).update(tracking_pin_hash=make_password(pin))
    petition.refresh_from_db()
    return petition


@pytest.fixture
def petition(world):
    with time_machine.travel(NOW, tick=False):
        return with_pin(receive(world))


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def _post(client, code: str, pin: str, ip: str = "203.0.113.7"):
    return client.post(URL, {"code": code, "pin": pin}, REMOTE_ADDR=ip)


def _message(html: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert match, html
    return match.group(0)


def test_the_form_is_public_and_prefills_the_code(client, db):
    response = client.get(URL, {"ma": "K7QXM-3PD9R"})
    assert response.status_code == 200
    assert 'value="K7QXM-3PD9R"' in response.content.decode()


def test_unknown_code_and_wrong_or_missing_pin_give_the_same_answer(en, petition):
    wrong = _post(en, petition.tracking_code, "000000")
    missing = _post(en, petition.tracking_code, "")
    unknown = _post(en, "ZZZZZ-ZZZZZ", PIN)
    assert wrong.status_code == missing.status_code == unknown.status_code == 400
    answers = {_message(r.content.decode()) for r in (wrong, missing, unknown)}
    assert len(answers) == 1

    # And the pages differ only by the code typed back into the form and the CSRF token.
    def strip(r, code):
        html = r.content.decode().replace(code, "CODE")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert strip(wrong, petition.tracking_code) == strip(unknown, "ZZZZZ-ZZZZZ")
    for r in (wrong, missing, unknown):
        assert petition.summary not in r.content.decode()


def test_the_eleventh_attempt_in_a_minute_from_one_address_is_refused(en, petition):
    with time_machine.travel(NOW, tick=False):
        for _ in range(10):
            assert _post(en, "ZZZZZ-ZZZZZ", "1").status_code == 400
        refused = _post(en, petition.tracking_code, PIN)
        assert refused.status_code == 429
        assert "Too many attempts" in refused.content.decode()
        # Another address is not affected.
        assert _post(en, petition.tracking_code, PIN, ip="198.51.100.2").status_code == 302
    with time_machine.travel(NOW + dt.timedelta(minutes=2), tick=False):
        assert _post(en, petition.tracking_code, PIN).status_code == 302


def test_a_code_is_locked_after_ten_failures_in_an_hour(en, petition):
    for minute in range(10):
        with time_machine.travel(NOW + dt.timedelta(minutes=minute), tick=False):
            _post(en, petition.tracking_code, "111111", ip=f"192.0.2.{minute + 1}")
    with time_machine.travel(NOW + dt.timedelta(minutes=20), tick=False):
        # Even the right PIN, from a fresh address: refused without checking.
        assert _post(en, petition.tracking_code, PIN, ip="192.0.2.99").status_code == 429
    with time_machine.travel(NOW + dt.timedelta(minutes=70), tick=False):
        assert _post(en, petition.tracking_code, PIN, ip="192.0.2.99").status_code == 302


def test_every_checked_attempt_is_recorded(client, petition):
    _post(client, petition.tracking_code, "000000")
    _post(client, petition.tracking_code, PIN)
    assert list(TrackingAttempt.objects.values_list("succeeded", flat=True).order_by("at")) == [
        False,
        True,
    ]


def test_the_right_pin_opens_the_stage_holder_dates_and_time_limit(en, petition):
    response = _post(en, petition.tracking_code.lower(), PIN)
    assert response.status_code == 302
    page = en.get(URL).content.decode()
    assert "Received, being examined" in page
    assert "Ban Tiếp công dân tỉnh" in page
    assert "02/03/2026" in page  # the receipt step
    assert "The agency must act by" in page
    assert "Nguyễn Văn Đức" not in page  # no personal data on the status page


def test_the_status_shows_transferred_after_an_official_transfers_it(en, petition, world):
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        petition_transition(
            actor=world.triage,
            petition_id=petition.pk,
            action="transfer",
            to_unit=world.commune,
            note="Ghi chú nội bộ không được lộ",
        )
    _post(en, petition.tracking_code, PIN)
    page = en.get(URL).content.decode()
    assert "Transferred to Ủy ban nhân dân xã Đại Từ" in page
    assert "Ghi chú nội bộ" not in page  # never the officials' notes
    assert "xulydon" not in page  # nor their names


def test_the_status_is_in_vietnamese_by_default(client, petition, world):
    petition_transition(
        actor=world.triage,
        petition_id=petition.pk,
        action="transfer",
        to_unit=world.commune,
        note="Thuộc thẩm quyền xã",
    )
    _post(client, petition.tracking_code, PIN)
    page = client.get(URL).content.decode()
    assert "Ủy ban nhân dân xã Đại Từ" in page


def test_documents_are_downloadable_only_after_unlocking(en, petition, world):
    petition_transition(
        actor=world.triage,
        petition_id=petition.pk,
        action="transfer",
        to_unit=world.commune,
        note="Thuộc thẩm quyền xã",
    )
    petition.documents.filter(kind="transfer_slip").update(addressed_to_petitioner=True)
    url = reverse("portal:tracking_document", args=[0, 1])
    assert en.get(url).status_code == 404
    _post(en, petition.tracking_code, PIN)
    page = en.get(URL).content.decode()
    assert url in page
    response = en.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert en.get(reverse("portal:tracking_document", args=[0, 99])).status_code == 404


def test_access_ends_after_thirty_minutes_and_on_close(en, petition):
    with time_machine.travel(NOW, tick=False):
        _post(en, petition.tracking_code, PIN)
        assert "Received, being examined" in en.get(URL).content.decode()
    with time_machine.travel(NOW + dt.timedelta(minutes=31), tick=False):
        assert "Received, being examined" not in en.get(URL).content.decode()
    _post(en, petition.tracking_code, PIN)
    en.post(reverse("portal:tracking_close"))
    assert "Received, being examined" not in en.get(URL).content.decode()


def test_a_split_petition_shows_each_part(en, world):
    from tiepdan.petitions.services import SplitPart

    mixed = with_pin(
        receive(world, kind="mixed", kinds=["complaint", "denunciation"], respondent_name="")
    )
    petition_transition(
        actor=world.triage,
        petition_id=mixed.pk,
        action="split",
        parts=[
            SplitPart(kind="complaint", unit=world.board),
            SplitPart(kind="denunciation", unit=world.commune),
        ],
    )
    _post(en, mixed.tracking_code, PIN)
    page = en.get(URL).content.decode()
    assert "Part 1" in page
    assert "Part 2" in page


def test_the_address_comes_from_remote_addr_unless_the_proxy_is_trusted(rf, settings):
    request = rf.get(URL, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    assert client_ip(request) == "10.0.0.1"
    settings.TRUST_X_FORWARDED_FOR = True
    assert client_ip(request) == "5.6.7.8"


def test_unlocking_gives_a_new_session_key(en, petition):
    en.get(URL)
    planted = en.session.session_key
    assert planted  # a key a third party could have planted in this browser
    assert _post(en, petition.tracking_code, PIN).status_code == 302
    assert en.session.session_key != planted


def test_a_pin_reset_ends_an_unlock_made_with_the_old_pin(en, petition):
    assert _post(en, petition.tracking_code, PIN).status_code == 302
    assert "Received, being examined" in en.get(URL).content.decode()
    with_pin(petition, "111111")  # an official issued a new PIN
    assert "Received, being examined" not in en.get(URL).content.decode()


def test_codes_with_odd_bytes_are_not_found(client, db):
    assert client.get("/cong-khai/lich-tiep-dan/%00/").status_code == 404
    assert _post(client, "AB\x00CD", PIN).status_code == 400
