"""The officials' petition pages, through the Django test client against a real database."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tiepdan.audit.models import AuditEntry
from tiepdan.core import clock
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.models import Petition
from tiepdan.petitions.services import attachment_add, petition_transition
from tiepdan.petitions.tests.conftest import receive

DENOUNCER = "Nguyễn Văn Đức"
DENOUNCER_ID = "019085001234"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _form(**overrides):
    data = {
        "received_on": clock.today().isoformat(),
        "channel": "post",
        "kind": "denunciation",
        "summary": "Tố cáo cán bộ địa chính xã nhận tiền khi cấp sổ đỏ",
        "content": "Ông Trần Văn Nam, cán bộ địa chính, nhận 20 triệu đồng.",
        "respondent_name": "Trần Văn Nam",
        "p1-full_name": DENOUNCER,
        "p1-citizen_id": DENOUNCER_ID,
        "p1-address": "Xóm 3, xã Đại Từ",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _record(client, **overrides):
    return client.post(reverse("petitions:receive"), _form(**overrides))


def _detail(petition):
    return reverse("petitions:detail", kwargs={"reference": petition.reference})


def _html(response):
    return response.content.decode()


def test_record_a_postal_denunciation_then_see_its_code_and_download_the_receipt(client, world):
    client.force_login(world.triage)
    response = _record(client)
    petition = Petition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(petition) + "?recorded=1"

    page = client.get(response["Location"])
    html = _html(page)
    assert tracking_code_display(petition.tracking_code) in html
    assert "Tải giấy biên nhận (.docx)" in html
    receipt = petition.documents.get(kind="receipt")
    url = reverse("petitions:document", kwargs={"reference": petition.reference, "pk": receipt.pk})
    assert url in html

    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(b"".join(download.streaming_content))).paragraphs
    )
    assert tracking_code_display(petition.tracking_code) in text
    assert DENOUNCER not in text


def test_the_form_opens_with_the_first_field_focused_and_post_as_default(client, world):
    client.force_login(world.triage)
    html = _html(client.get(reverse("petitions:receive")))
    form = html.split('class="record-form"')[1]
    first_input = re.search(r'<(input|select)(?![^>]*type="hidden")[^>]*>', form).group(0)
    assert "autofocus" in first_input
    assert re.search(r'<option value="post" selected>', html)
    assert 'accesskey="s"' in html
    # One submit button, so Enter in any one-line field saves.
    assert form.split("</form>")[0].count('type="submit"') == 1


def test_invalid_input_is_shown_next_to_each_field_in_vietnamese_and_kept(client, world):
    client.force_login(world.triage)
    response = _record(client, summary="", **{"p1-citizen_id": "12345", "p1-phone": "0912 345 678"})
    assert response.status_code == 400
    html = _html(response)
    assert Petition.objects.count() == 0
    assert 'role="alert"' in html
    assert re.search(r'id="id_summary_error".*?Hãy ghi tóm tắt nội dung đơn\.', html, re.S)
    assert "Số căn cước phải có đúng 12 chữ số." in html
    # The message sits next to its input, and the summary box links to the input.
    assert re.search(
        r'id="id_p1-citizen_id_error".*?Số căn cước phải có đúng 12 chữ số', html, re.S
    )
    assert 'href="#id_p1-citizen_id"' in html
    assert 'value="12345"' in html
    assert 'value="0912 345 678"' in html
    assert f'value="{DENOUNCER}"' in html
    assert "Ông Trần Văn Nam, cán bộ địa chính" in html


def test_a_date_that_does_not_parse_and_a_missing_kind_are_both_reported(client, world):
    client.force_login(world.triage)
    html = _html(_record(client, received_on="32/13/2026", kind=""))
    assert 'id="id_received_on_error"' in html
    assert 'id="id_kind_error"' in html


def test_a_refused_attachment_does_not_lose_the_petition(client, world):
    client.force_login(world.triage)
    fake = SimpleUploadedFile("don-to-cao.pdf", b"MZ\x90\x00 this is an exe", "application/pdf")
    good = SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf")
    response = client.post(
        reverse("petitions:receive"), {**_form(), "attachments": [fake, good]}, follow=True
    )
    petition = Petition.objects.get()
    assert response.redirect_chain[-1][0].startswith(_detail(petition))
    html = _html(response)
    assert "don-to-cao.pdf" in html
    assert "không phải PDF" in html
    assert 'id="upload"' in html
    assert petition.attachments.count() == 1


def _transfer_by_form(client, petition, unit_text="Đại Từ"):
    return client.post(
        reverse("petitions:transition", kwargs={"reference": petition.reference}),
        {
            "action": "transfer",
            "transfer-to_unit": unit_text,
            "transfer-note": "Thuộc thẩm quyền xã",
        },
    )


def test_transfer_from_the_action_form_reaches_the_receiver_with_its_own_time_limit(client, world):
    petition = receive(world, kind="recommendation", name="Lê Thị Hoa")
    client.force_login(world.triage)
    response = _transfer_by_form(client, petition)
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.current_unit == world.commune

    client.force_login(world.commune_triage)
    html = _html(client.get(reverse("petitions:inbox")))
    assert tracking_code_display(petition.tracking_code) in html
    own = petition.deadlines.filter(org_unit=world.commune, met_on=None).order_by("due_on").first()
    assert own.due_on.strftime("%d/%m/%Y") in html
    detail = _html(client.get(_detail(petition)))
    assert "Báo cáo kết quả cho nơi chuyển đơn" in detail


def test_an_ambiguous_or_unknown_unit_is_reported_next_to_the_input(client, world):
    petition = receive(world, kind="complaint")
    client.force_login(world.triage)
    response = _transfer_by_form(client, petition, unit_text="Xã không có")
    assert response.status_code == 400
    html = _html(response)
    assert 'id="id_transfer-to_unit_error"' in html
    assert '<details class="action" open>' in html
    petition.refresh_from_db()
    assert petition.current_unit == world.board


def test_the_sender_follows_a_transferred_petition_and_urges(client, world):
    petition = receive(world, kind="recommendation")
    petition_transition(
        actor=world.triage, petition_id=petition.pk, action="transfer", to_unit=world.commune
    )
    client.force_login(world.triage)
    held = _html(client.get(reverse("petitions:inbox")))
    assert tracking_code_display(petition.tracking_code) not in held
    sent = _html(client.get(reverse("petitions:inbox") + "?view=transferred"))
    assert tracking_code_display(petition.tracking_code) in sent
    assert world.commune.name in sent

    detail = _html(client.get(_detail(petition)))
    assert "Đôn đốc" in detail
    response = client.post(
        reverse("petitions:urge", kwargs={"reference": petition.reference}),
        {"urge-note": "Đề nghị xã báo cáo"},
        follow=True,
    )
    assert "Đã đôn đốc" in _html(response)
    assert petition.documents.filter(kind="urging_letter").exists()


def test_the_receiver_reports_back_through_the_form(client, world):
    petition = receive(world, kind="recommendation")
    petition_transition(
        actor=world.triage, petition_id=petition.pk, action="transfer", to_unit=world.commune
    )
    client.force_login(world.commune_triage)
    empty = client.post(
        reverse("petitions:report_back", kwargs={"reference": petition.reference}),
        {"report-report": ""},
    )
    assert empty.status_code == 400
    assert 'id="id_report-report_error"' in _html(empty)
    client.post(
        reverse("petitions:report_back", kwargs={"reference": petition.reference}),
        {"report-report": "Đã thụ lý giải quyết"},
    )
    assert petition.transfers.get().report == "Đã thụ lý giải quyết"


def test_another_units_official_gets_not_found_everywhere(client, world):
    petition = receive(world, kind="complaint")
    upload = SimpleUploadedFile("scan.pdf", PDF, "application/pdf")
    attachment = attachment_add(actor=world.triage, petition_id=petition.pk, upload=upload)
    receipt = petition.documents.get(kind="receipt")
    client.force_login(world.other_triage)
    ref = petition.reference
    for url in (
        _detail(petition),
        reverse("petitions:document", kwargs={"reference": ref, "pk": receipt.pk}),
        reverse("petitions:attachment", kwargs={"reference": ref, "pk": attachment.pk}),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("petitions:transition", kwargs={"reference": ref}), {"action": "file_away"}
    )
    assert response.status_code == 404


def test_a_document_of_another_petition_is_not_served_under_this_one(client, world):
    mine = receive(world, kind="complaint")
    other = receive(world, kind="feedback")
    client.force_login(world.triage)
    receipt = other.documents.get(kind="receipt")
    url = reverse("petitions:document", kwargs={"reference": mine.reference, "pk": receipt.pk})
    assert client.get(url).status_code == 404


def _pages_of(client, petition):
    ref = petition.reference
    return [
        reverse("core:home"),
        reverse("petitions:inbox"),
        reverse("petitions:inbox") + "?unit=all",
        _detail(petition),
        _detail(petition) + "?recorded=1",
        reverse("notifications:list"),
        reverse("petitions:detail", kwargs={"reference": ref.lower()}),
    ]


@pytest.mark.parametrize("who", ["triage", "reception"])
def test_the_denouncer_never_appears_in_any_page_for_officers(client, world, who):
    client.force_login(world.triage)
    _record(client)
    petition = Petition.objects.get()
    receive(world, kind="complaint", name="Phạm Thị Mai")  # a duplicate candidate by citizen ID
    upload = SimpleUploadedFile("to-cao-Nguyen-Van-Duc.pdf", PDF, "application/pdf")
    attachment_add(actor=world.triage, petition_id=petition.pk, upload=upload)
    client.force_login(getattr(world, who))
    for url in _pages_of(client, petition):
        html = _html(client.get(url))
        for secret in (DENOUNCER, DENOUNCER_ID, "Nguyen-Van-Duc", "Xóm 3, xã Đại Từ"):
            assert secret not in html, f"{secret} on {url}"
    # A search by the denouncer's name or ID does not find the denunciation.
    for query in ("nguyen van duc", DENOUNCER_ID):
        html = _html(client.get(reverse("petitions:inbox"), {"q": query}))
        assert tracking_code_display(petition.tracking_code) not in html
    assert not AuditEntry.objects.filter(action="petition.identity_view").exists()
    attachment = petition.attachments.get()
    url = reverse(
        "petitions:attachment", kwargs={"reference": petition.reference, "pk": attachment.pk}
    )
    assert client.get(url).status_code == 403


def test_the_unit_leader_sees_the_denouncer_and_the_view_is_audited(client, world):
    client.force_login(world.triage)
    _record(client)
    petition = Petition.objects.get()
    client.force_login(world.leader)
    html = _html(client.get(_detail(petition)))
    assert DENOUNCER in html
    assert DENOUNCER_ID in html
    entry = AuditEntry.objects.get(action="petition.identity_view")
    assert entry.actor_username == world.leader.username
    inbox = _html(client.get(reverse("petitions:inbox")))
    assert DENOUNCER not in inbox  # lists always mask


def test_a_missing_kind_is_reported_once_and_linked_to_its_first_choice(client, world):
    client.force_login(world.triage)
    html = _html(_record(client, kind=""))
    assert 'href="#id_kind_0"' in html
    assert "Một loại được đánh dấu không phải là loại đơn hợp lệ" not in html
