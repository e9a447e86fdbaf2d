"""Fixes from the security review of the citizens' portal (one test or more per finding)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tiepdan.petitions.models import Petition
from tiepdan.portal import services as portal_services
from tiepdan.portal import tracking_services
from tiepdan.portal.models import TrackingAttempt
from tiepdan.portal.services import FILINGS_PER_HOUR
from tiepdan.portal.tests.test_filing import URL, form_data
from tiepdan.portal.tests.test_tracking import PIN, petition  # noqa: F401  (fixture)
from tiepdan.portal.tracking_services import rate_bucket

TRACK = "/cong-khai/tra-cuu/"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


# --- 1. Filing counts the citizen's address behind the trusted proxy; IPv6 by /64 ------------


def test_filing_behind_a_trusted_proxy_counts_each_citizen(client, world, settings):
    settings.TRUST_X_FORWARDED_FOR = True
    for n in range(FILINGS_PER_HOUR + 2):
        response = client.post(
            URL, form_data(world), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )
        assert response.status_code in (200, 302), n
    assert Petition.objects.count() == FILINGS_PER_HOUR + 2


def test_ipv6_addresses_are_counted_by_their_64_block():
    assert rate_bucket("2001:db8:1:2::5") == rate_bucket("2001:db8:1:2:ffff:1:2:3")
    assert rate_bucket("2001:db8:1:2::5") != rate_bucket("2001:db8:1:3::5")
    assert rate_bucket("192.0.2.7") == "192.0.2.7"
    assert rate_bucket("::ffff:192.0.2.7") == "192.0.2.7"


def test_filings_from_one_ipv6_block_share_the_limit(client, world):
    for n in range(FILINGS_PER_HOUR):
        assert (
            client.post(URL, form_data(world), REMOTE_ADDR=f"2001:db8::{n + 1}").status_code == 200
        )
    assert client.post(URL, form_data(world), REMOTE_ADDR="2001:db8::ff").status_code == 429


def test_tracking_attempts_from_one_ipv6_block_share_the_limit(client, petition):  # noqa: F811
    for n in range(10):
        client.post(TRACK, {"code": "AAAAABBBBB", "pin": "1"}, REMOTE_ADDR=f"2001:db8::{n + 1}")
    response = client.post(
        TRACK, {"code": petition.tracking_code, "pin": PIN}, REMOTE_ADDR="2001:db8::99"
    )
    assert response.status_code == 429


# --- 6. The attempt is recorded before the slow check, so parallel requests see it ------------


def test_a_tracking_attempt_is_recorded_before_the_pin_is_checked(client, petition, monkeypatch):  # noqa: F811
    seen = []
    real = tracking_services._pin_matches

    def watching(*args, **kwargs):
        seen.append(TrackingAttempt.objects.count())
        return real(*args, **kwargs)

    monkeypatch.setattr(tracking_services, "_pin_matches", watching)
    assert client.post(TRACK, {"code": petition.tracking_code, "pin": PIN}).status_code == 302
    assert seen == [1]
    assert list(TrackingAttempt.objects.values_list("succeeded", flat=True)) == [True]


def test_a_filing_is_counted_before_it_is_recorded(client, world, monkeypatch):
    seen = []
    real = portal_services.petition_receive_online

    def watching(*args, **kwargs):
        seen.append(cache.get(portal_services._limit_key("127.0.0.1")))
        return real(*args, **kwargs)

    monkeypatch.setattr(portal_services, "petition_receive_online", watching)
    assert client.post(URL, form_data(world)).status_code == 200
    assert seen == [1]


# --- 2. Dangerous uploads: type by content, name by type, no legacy Word, no macros -----------


def _zip(files: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return buffer.getvalue()


DOCX_TYPES = (
    b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
    b'wordprocessingml.document.main+xml"/></Types>'
)
DOCM_TYPES = (
    b'<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'
    b"</Types>"
)


def _upload(name: str, body: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, body, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("bang-chung.hta", b"%PDF-1.4\n<html><script>alert(1)</script></html>"),
        ("bang-chung.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        ("bang-chung.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        ("don.docx", _zip({"[Content_Types].xml": DOCM_TYPES, "word/document.xml": b"<w/>"})),
        (
            "don.docx",
            _zip(
                {
                    "[Content_Types].xml": DOCX_TYPES,
                    "word/document.xml": b"<w/>",
                    "word/vbaProject.bin": b"x",
                }
            ),
        ),
        ("anh.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
        ("anh.gif", b"GIF89a" + b"0" * 20),
    ],
)
def test_dangerous_or_mislabelled_files_are_refused_on_the_portal(en, world, name, body):
    response = en.post(URL, {**form_data(world), "attachments": [_upload(name, body)]})
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors
    assert not Petition.objects.exists()


def test_the_service_refuses_what_the_form_would(world):
    from tiepdan.core.exceptions import ValidationFailed
    from tiepdan.petitions.files import attachment_check

    with pytest.raises(ValidationFailed):
        attachment_check(_upload("x.hta", b"%PDF-1.4\n"))
    with pytest.raises(ValidationFailed):
        attachment_check(_upload("x.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600))
    assert attachment_check(_upload("x.PDF", b"%PDF-1.4\n")) == "application/pdf"


def test_a_plain_docx_is_stored_and_downloaded_under_its_real_extension(en, world):
    from tiepdan.petitions.files import safe_name
    from tiepdan.petitions.models import Attachment

    body = _zip({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"<w/>"})
    response = en.post(URL, {**form_data(world), "attachments": [_upload("Đơn.DOCX", body)]})
    assert response.status_code in (200, 302)
    attachment = Attachment.objects.get()
    assert attachment.original_name == "Đơn.docx"
    assert attachment.file.name.endswith(".docx")
    assert safe_name("evil.hta", "application/pdf") == "evil.pdf"
    assert safe_name("../../x", "image/png") == "x.png"


# --- 3. The PIN never goes into the session or a cookie ----------------------------------------


def _sessions_text() -> str:
    from django.contrib.sessions.models import Session

    return " ".join(str(s.get_decoded()) for s in Session.objects.all())


def test_the_pin_is_shown_in_the_filing_response_and_kept_nowhere(client, world):
    from django.urls import reverse

    data = {**form_data(world), "filing_token": "t" * 22}
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    pin = response.context["pin"]
    assert len(pin) == 6
    assert pin not in _sessions_text()
    assert all(pin not in c.value for c in client.cookies.values())
    # A reload sends the same form again: nothing new is filed, the PIN is not shown again.
    again = client.post(URL, data)
    assert again.status_code == 302
    assert again.url == reverse("portal:filing_done")
    assert Petition.objects.count() == 1
    assert client.get(again.url).context["pin"] == ""


def test_the_form_carries_a_one_time_token(client, world):
    html = client.get(URL).content.decode()
    assert 'name="filing_token"' in html


def test_a_pin_reset_shows_the_pin_on_its_own_page_not_in_a_cookie(client, world):
    from django.urls import reverse

    from tiepdan.petitions.services import petition_pin_check
    from tiepdan.petitions.tests.conftest import receive

    received = receive(world)
    client.force_login(world.reception)
    response = client.post(reverse("petitions:pin_reset", args=[received.reference]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    pin = response.context["pin"]
    received.refresh_from_db()
    assert petition_pin_check(received, pin)
    assert all(pin not in c.value for c in client.cookies.values())
    assert pin not in _sessions_text()


# --- 9-11. No caching of private pages; the rating error links to a radio; upload count -------


def test_private_portal_pages_are_never_cached(client, petition):  # noqa: F811
    client.post(TRACK, {"code": petition.tracking_code, "pin": PIN})
    assert "no-store" in client.get(TRACK)["Cache-Control"]
    assert "no-store" in client.get("/cong-khai/gui-don/da-gui/")["Cache-Control"]
    assert "no-store" in client.get("/cong-khai/gui-don/bien-nhan/")["Cache-Control"]


def test_the_rating_error_links_to_the_first_radio():
    from django.template.loader import render_to_string

    from tiepdan.portal.ratings import RatingForm

    form = RatingForm({"score": "", "comment": ""})
    assert not form.is_valid()
    html = render_to_string("portal/tracking/_errors.html", {"form": form})
    assert 'href="#id_score_0"' in html
    assert 'href="#"' not in html


def test_the_number_of_files_in_a_request_is_capped(settings):
    from django.conf import settings as live

    assert live.DATA_UPLOAD_MAX_NUMBER_FILES == 10
