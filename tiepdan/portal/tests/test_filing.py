"""Filing a petition on the public portal, and the tracking PIN every petition gets."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tiepdan.petitions.models import Attachment, DocumentKind, Petition, PetitionEvent
from tiepdan.petitions.services import petition_pin_check, petition_pin_reset
from tiepdan.petitions.tests.conftest import receive
from tiepdan.portal.services import FILINGS_PER_HOUR

URL = "/cong-khai/gui-don/"
CITIZEN_ID = "019085001234"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client_en(client):
    client.cookies["django_language"] = "en"
    return client


def pdf(name: str = "bang-chung.pdf", size: int = 0) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n" + b"0" * size + b"\n%%EOF"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def form_data(world, kind: str = "recommendation", **overrides):
    data = {
        "action": "send",
        "kind": kind,
        "province": world.province.code,
        "unit": world.board.code,
        "full_name": "Nguyễn Thị Hoa",
        "citizen_id": CITIZEN_ID,
        "address": "Tổ 5, phường Phan Đình Phùng, Thái Nguyên",
        "phone": "0912345678",
        "email": "hoa@example.vn",
        "summary": "Đề nghị sửa đường liên xóm bị hỏng",
        "content": "Đường liên xóm 3 bị sạt lở từ tháng 2, xe không đi được.",
        "request": "Đề nghị sửa chữa sớm.",
        "respondent_name": "",
        "decision": "",
        "decision_known_on": "",
        "consent": "on",
        "website": "",
    }
    if kind in ("complaint", "denunciation"):
        data["respondent_name"] = "Ủy ban nhân dân xã Đại Từ"
    if kind == "complaint":
        data["decision"] = "Quyết định số 12/QĐ-UBND ngày 05/02/2026 về thu hồi đất"
        data["decision_known_on"] = "2026-02-10"
    data.update(overrides)
    return data


def receipt_text(document) -> str:
    with document.file.open("rb") as handle:
        return "\n".join(p.text for p in docx.Document(io.BytesIO(handle.read())).paragraphs)


def test_form_is_public_and_lists_only_units_that_receive(client, world):
    response = client.get(URL)
    assert response.status_code == 200
    units = [code for code, _label in response.context["form"].fields["unit"].choices]
    assert world.board.code in units
    assert world.commune.code in units
    assert world.province.code not in units  # nobody records petitions there


def test_narrowing_the_agency_list_keeps_values_and_shows_no_errors(client, world):
    data = form_data(world, action="narrow", q="dai tu", unit="", consent="")
    response = client.post(URL, data)
    assert response.status_code == 200
    units = [code for code, _label in response.context["form"].fields["unit"].choices if code]
    assert units == [world.commune.code]
    assert "Nguyễn Thị Hoa" in response.content.decode()
    assert not response.context["error_summary"]
    assert not Petition.objects.exists()


@pytest.mark.parametrize(
    "kind", ["complaint", "denunciation", "recommendation", "feedback", "regulation_feedback"]
)
def test_filing_each_kind_records_a_portal_petition_with_a_pin(client, world, kind):
    response = client.post(URL, form_data(world, kind))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    petition = Petition.objects.get()
    assert petition.kind == kind
    assert petition.channel == "portal"
    assert petition.receiving_unit == world.board
    assert petition.created_by is None
    assert petition.petitioners.get().citizen_id == CITIZEN_ID
    receive_event = petition.events.get(action="receive")
    assert receive_event.data["consent"]
    if kind == "complaint":
        assert petition.respondent_details.startswith("Quyết định số 12")
        assert str(petition.decision_known_on) == "2026-02-10"

    done = response
    pin = done.context["pin"]
    assert len(pin) == 6
    assert pin.isdigit()
    assert petition_pin_check(petition, pin)
    assert pin not in petition.tracking_pin_hash
    assert "<svg" in done.content.decode()
    assert f"tra-cuu/?ma={petition.tracking_code}" in done.context["link"]
    assert pin not in done.context["link"]
    # Shown once: a reload no longer has it.
    assert client.get(reverse("portal:filing_done")).context["pin"] == ""


def test_denunciation_with_a_pdf_and_identity_secrecy(client, world):
    data = form_data(world, "denunciation", keep_identity_secret="on")
    response = client.post(URL, {**data, "attachments": [pdf()]})
    assert response.status_code == 200
    petition = Petition.objects.get()
    assert petition.is_confidential
    attachment = Attachment.objects.get(petition=petition)
    assert attachment.content_type == "application/pdf"
    assert attachment.uploaded_by is None
    event = PetitionEvent.objects.get(petition=petition, action="receive")
    assert event.data["identity_secrecy_requested"] is True
    assert petition.identity_secrecy_requested  # kept on the petition, shown to officials
    # The file name may name the denouncer: not in the history.
    assert petition.events.get(action="attach").data["name"] == ""


def test_errors_keep_every_value_and_link_from_the_summary(client_en, world):
    data = form_data(world, "complaint", citizen_id="123", phone="", email="", decision="")
    response = client_en.post(URL, data)
    assert response.status_code == 400
    page = response.content.decode()
    errors = response.context["form"].errors
    assert {"citizen_id", "phone", "decision"} <= set(errors)
    anchors = [anchor for anchor, _message in response.context["error_summary"]]
    assert "id_citizen_id" in anchors
    assert "id_phone" in anchors
    assert 'href="#id_citizen_id"' in page
    assert 'aria-invalid="true"' in page
    assert "Đề nghị sửa đường liên xóm bị hỏng" in page
    assert "Nguyễn Thị Hoa" in page
    assert not Petition.objects.exists()


def test_consent_is_required(client_en, world):
    response = client_en.post(URL, form_data(world, consent=""))
    assert response.status_code == 400
    assert "consent" in response.context["form"].errors
    assert not Petition.objects.exists()


def test_kind_and_agency_are_required(client_en, world):
    response = client_en.post(URL, form_data(world, kind="", unit=""))
    assert {"kind", "unit"} <= set(response.context["form"].errors)
    anchors = [anchor for anchor, _message in response.context["error_summary"]]
    assert "id_kind_0" in anchors


def test_an_agency_not_offered_is_refused(client_en, world):
    response = client_en.post(URL, form_data(world, unit=world.province.code))
    assert response.status_code == 400
    assert "unit" in response.context["form"].errors


def test_a_reason_from_the_service_goes_next_to_its_answer(client_en, world):
    # The form takes any past date; the service refuses one before 1990 (petition data check).
    response = client_en.post(URL, form_data(world, "complaint", decision_known_on="1985-05-05"))
    assert response.status_code == 400
    assert "decision_known_on" in response.context["form"].errors


def test_an_odd_agency_code_is_not_looked_up(client_en, world):
    response = client_en.post(URL, form_data(world, unit="UBND\x00T19", province="T\x0019"))
    assert response.status_code == 400
    assert "unit" in response.context["form"].errors


def test_a_file_that_is_not_allowed_is_refused_by_content(client_en, world):
    fake = SimpleUploadedFile("anh.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client_en.post(URL, {**form_data(world), "attachments": [fake]})
    assert response.status_code == 400
    messages = " ".join(response.context["form"].errors["attachments"])
    assert "anh.pdf" in messages
    assert "again" in messages
    assert "Nguyễn Thị Hoa" in response.content.decode()
    assert not Petition.objects.exists()


def test_a_file_over_10_mb_is_refused(client_en, world):
    big = pdf("lon.pdf", size=10 * 1024 * 1024 + 1)
    response = client_en.post(URL, {**form_data(world), "attachments": [big]})
    assert response.status_code == 400
    assert "10 MB" in " ".join(response.context["form"].errors["attachments"])


def test_more_than_five_files_are_refused(client_en, world):
    files = [pdf(f"tep{i}.pdf") for i in range(6)]
    response = client_en.post(URL, {**form_data(world), "attachments": files})
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors


def test_the_honeypot_drops_the_filing(client, world):
    response = client.post(URL, form_data(world, website="http://spam.example"))
    assert response.status_code == 302
    assert response.url == URL
    assert not Petition.objects.exists()


def test_filings_per_address_are_limited(client_en, world):
    for _n in range(FILINGS_PER_HOUR):
        assert client_en.post(URL, form_data(world)).status_code == 200
    response = client_en.post(URL, form_data(world))
    assert response.status_code == 429
    assert Petition.objects.count() == FILINGS_PER_HOUR
    assert "Nguyễn Thị Hoa" in response.content.decode()


def test_receipt_download_carries_code_and_pin_in_this_session_only(client, world):
    pin = client.post(URL, form_data(world, "feedback")).context["pin"]
    petition = Petition.objects.get()
    response = client.get(reverse("portal:filing_receipt"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    text = receipt_text(petition.documents.get(kind=DocumentKind.RECEIPT))
    code = f"{petition.tracking_code[:5]}-{petition.tracking_code[5:]}"
    assert f"Mã tra cứu: {code} · Mã PIN: {pin}" in text

    client.cookies.clear()  # another browser
    assert client.get(reverse("portal:filing_receipt")).status_code == 404


def test_desk_received_petitions_get_a_pin_on_their_receipt(world):
    petition = receive(world)
    pin = petition.tracking_pin
    assert len(pin) == 6
    stored = Petition.objects.get(pk=petition.pk)
    assert stored.tracking_pin_hash
    assert pin not in stored.tracking_pin_hash
    assert petition_pin_check(stored, pin)
    assert not petition_pin_check(stored, "000000" if pin != "000000" else "111111")
    assert not petition_pin_check(stored, "abc")
    receipt = stored.documents.get(kind=DocumentKind.RECEIPT)
    assert f"Mã PIN: {pin}" in receipt_text(receipt)


def test_pin_reset_by_an_official_gives_a_new_pin_and_receipt(world):
    petition = receive(world)
    old = petition.tracking_pin
    reset = petition_pin_reset(actor=world.reception, petition_id=petition.pk)
    stored = Petition.objects.get(pk=petition.pk)
    assert petition_pin_check(stored, reset.pin)
    if reset.pin != old:
        assert not petition_pin_check(stored, old)
    assert f"Mã PIN: {reset.pin}" in receipt_text(reset.receipt)
    assert stored.events.filter(action="pin_reset").exists()


def test_pin_reset_needs_the_right_in_the_holding_unit(world):
    from tiepdan.core.exceptions import PermissionDenied

    petition = receive(world)
    with pytest.raises(PermissionDenied):
        petition_pin_reset(actor=world.commune_triage, petition_id=petition.pk)
    with pytest.raises(PermissionDenied):
        petition_pin_reset(actor=world.resolver, petition_id=petition.pk)


def test_pin_reset_button_on_the_petition_page(client, world):
    petition = receive(world)
    client.force_login(world.reception)
    page = client.get(f"/don-thu/{petition.reference}/")
    assert reverse("petitions:pin_reset", args=[petition.reference]) in page.content.decode()
    response = client.post(reverse("petitions:pin_reset", args=[petition.reference]), follow=True)
    assert response.status_code == 200
    assert Petition.objects.get(pk=petition.pk).events.filter(action="pin_reset").exists()
    assert petition.documents.filter(kind=DocumentKind.RECEIPT).count() == 2
