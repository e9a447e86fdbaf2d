"""The desk's entry page: the head's session of the day, the document appointing a group's
representatives (stored, checked, downloaded only by officials in scope), the section's tabs."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tiepdan.accounts.tests.factories import PASSWORD
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.reception.models import HeadKind, ReceptionSession, Visit
from tiepdan.reception.services import session_schedule
from tiepdan.reception.services.visits import APPOINTMENT_MAX_MB
from tiepdan.reception.tests.conftest import CITIZEN_ID, SCHEDULED_ON, local_at, record, visitor
from tiepdan.resolution.tests.helpers import at

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SESSION_DAY = SCHEDULED_ON.replace(day=12)  # Monday 12/10/2026: 5 working days after 05/10


def _pdf(name: str = "Quyết định cử đại diện Nguyễn Văn A.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _word() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Biên bản cử người đại diện")
    document.save(buffer)
    return SimpleUploadedFile("cu-dai-dien.docx", buffer.getvalue())


def _group(desk, **extra):
    """Six people, two of them representatives, received by the head."""
    people = [
        visitor("Nguyễn Văn Đức", CITIZEN_ID, is_representative=True),
        visitor("Lê Thị Hoa", "019190004321", is_representative=True),
    ]
    return record(
        desk.reception,
        desk.board,
        visitors=people,
        people_count=6,
        head_received=True,
        **extra,
    )


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_appointment_document_is_kept_under_a_name_of_ours(desk):
    visit = _group(desk, appointment_document=_pdf())
    name = visit.appointment_document.name
    assert name.startswith("reception/appointments/")
    assert name.endswith(".pdf")
    assert "nguyen" not in name.lower()  # the citizen's file name is not kept
    with visit.appointment_document.open("rb") as handle:
        assert handle.read() == PDF
    word = _group(desk, appointment_document=_word())
    assert word.appointment_document.name.endswith(".docx")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("lon.pdf", PDF + b"0" * (APPOINTMENT_MAX_MB * 1024 * 1024), "larger than 10 MB"),
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "PDF"),
        ("anh.gif", b"GIF89a......", "Word document"),
    ],
    ids=["too-large", "not-what-it-says", "gif"],
)
def test_an_appointment_document_too_large_or_of_another_type_is_refused(
    desk, name, content, words
):
    upload = SimpleUploadedFile(name, content)
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        _group(desk, appointment_document=upload)
    assert caught.value.extra["field"] == "appointment_document"
    assert words in str(caught.value)
    assert not Visit.objects.exists()


def test_officials_in_scope_download_the_document_and_others_do_not(desk, client):
    visit = _group(desk, appointment_document=_pdf())
    url = reverse(
        "reception:visit_appointment_document",
        kwargs={"unit_code": "BTCD-T19", "year": visit.year, "serial": visit.serial},
    )
    page = _login(client, desk.reception).get(
        reverse(
            "reception:visit_detail",
            kwargs={"unit_code": "BTCD-T19", "year": visit.year, "serial": visit.serial},
        )
    )
    assert url in page.content.decode()
    assert "/media/" not in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    client.logout()
    assert _login(client, desk.commune_desk).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_a_visit_without_a_document_has_no_download(desk, client):
    visit = _group(desk)
    url = reverse(
        "reception:visit_appointment_document",
        kwargs={"unit_code": "BTCD-T19", "year": visit.year, "serial": visit.serial},
    )
    assert _login(client, desk.reception).get(url).status_code == 404


def _entry_post(**extra):
    data = {
        "v1-citizen_id": CITIZEN_ID,
        "v1-full_name": "Nguyễn Văn Đức",
        "v1-address": "Xóm 3, xã Đại Từ",
        "v1-is_representative": "on",
        "v2-citizen_id": "019190004321",
        "v2-full_name": "Lê Thị Hoa",
        "v2-is_representative": "on",
        "people_count": "6",
        "head_received": "on",
        "summary": "Nhóm hộ dân phản ánh ô nhiễm từ trại chăn nuôi",
        "petition_kind": "feedback",
        "outcome": "explained",
        "received_on": "02/03/2026",
        "received_time": "09:30",
        "kind": "regular",
    }
    data.update(extra)
    return data


def test_a_refused_upload_keeps_what_was_typed(desk, client):
    _login(client, desk.reception)
    bad = SimpleUploadedFile("bang-tinh.xlsx", b"PK\x03\x04 not word", "application/zip")
    response = client.post(reverse("reception:visit_new"), _entry_post(appointment_document=bad))
    assert response.status_code == 400
    assert not Visit.objects.exists()
    assert "appointment_document" in response.context["form"].errors
    html = response.content.decode()
    assert 'value="Nhóm hộ dân phản ánh ô nhiễm từ trại chăn nuôi"' in html
    assert 'value="Lê Thị Hoa"' in html
    assert 'enctype="multipart/form-data"' in html


def test_a_good_file_with_another_error_asks_for_the_file_again(desk, client):
    _login(client, desk.reception)
    with translation.override("en"):
        response = client.post(
            reverse("reception:visit_new"), _entry_post(summary="", appointment_document=_pdf())
        )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "summary" in errors
    assert "Vui lòng chọn lại tệp" in errors["appointment_document"][0]  # "Choose the file again"


def test_the_entry_page_stores_the_document_of_a_group(desk, client):
    _login(client, desk.reception)
    response = client.post(reverse("reception:visit_new"), _entry_post(appointment_document=_pdf()))
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.representatives_count == 2
    assert visit.appointment_document.name.endswith(".pdf")


@pytest.fixture
def session_today(heads):
    """A periodic session of the commune chair, published on 05/10 for Monday 12/10."""
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


def test_a_visit_at_the_heads_session_of_the_day_takes_its_kind(heads, session_today, client):
    _login(client, heads.commune_desk)
    with at(SESSION_DAY):
        page = client.get(reverse("reception:visit_new"))
        choices = dict(page.context["form"].fields["session"].choices)
        assert str(session_today.pk) in choices
        assert "Nguyễn Văn Chủ" in choices[str(session_today.pk)]
        response = client.post(
            reverse("reception:visit_new"),
            _entry_post(
                received_on=SESSION_DAY.strftime("%d/%m/%Y"),
                received_time="08:30",
                session=str(session_today.pk),
                kind="regular",
            ),
        )
        detail = client.get(response["Location"]).content.decode()
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.session == session_today
    assert visit.kind == "periodic"
    assert reverse("reception:session_detail", args=[session_today.slug]) in detail


def test_without_a_session_today_the_choice_is_not_offered(heads, session_today, client):
    _login(client, heads.commune_desk)
    with at(SESSION_DAY.replace(day=13)):
        page = client.get(reverse("reception:visit_new"))
    assert "session" not in page.context["form"].fields


def test_a_cancelled_session_or_one_of_another_unit_is_refused(heads, session_today):
    with at(SESSION_DAY), pytest.raises(ValidationFailed) as caught:
        record(heads.reception, heads.board, session_id=session_today.pk)
    assert caught.value.extra["field"] == "session"
    ReceptionSession.objects.filter(pk=session_today.pk).update(
        status=ReceptionSession.Status.CANCELLED
    )
    with at(SESSION_DAY), pytest.raises(ValidationFailed) as caught:
        record(heads.commune_desk, heads.commune, session_id=session_today.pk)
    assert caught.value.extra["field"] == "session"


@pytest.mark.parametrize(
    "name",
    ["reception:register", "reception:visit_new", "reception:sessions", "reception:compliance"],
)
def test_the_reception_pages_link_to_each_other(desk, client, name):
    html = _login(client, desk.reception).get(reverse(name)).content.decode()
    for target in (
        "reception:register",
        "reception:visit_new",
        "reception:sessions",
        "reception:compliance",
        "reception:online_new",
    ):
        assert f'href="{reverse(target)}"' in html, target
    assert 'aria-current="page"' in html


def test_an_official_who_only_reads_sees_only_the_tabs_they_may_open(desk, client):
    from tiepdan.accounts.tests.factories import make_official

    reporter = make_official(desk.board, "reporting_officer", username="baocao")
    html = _login(client, reporter).get(reverse("reception:register")).content.decode()
    assert f'href="{reverse("reception:compliance")}"' in html
    assert f'href="{reverse("reception:visit_new")}"' not in html


def test_the_visit_page_does_not_list_its_own_petition_as_an_earlier_one(desk, client):
    earlier = record(desk.reception, desk.board, outcome="petition_received")
    visit = record(desk.reception, desk.board, outcome="petition_received")
    response = _login(client, desk.reception).get(
        reverse(
            "reception:visit_detail",
            kwargs={"unit_code": "BTCD-T19", "year": visit.year, "serial": visit.serial},
        )
    )
    ((_person, history),) = response.context["histories"]
    assert [p.reference for p in history.petitions] == [earlier.petition.reference]
    assert [v.reference for v in history.visits] == [f"{earlier.serial}/{earlier.year}"]
    shown = history.petitions[0].shown
    assert shown.replace("-", "") == earlier.petition.reference
    assert shown in response.content.decode()
