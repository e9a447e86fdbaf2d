"""A move's document is drafted from the case, read and edited by the officer, then issued."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tiepdan.core.documents import read_back
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.petitions.models import Counter, DocumentKind, PetitionDocument, PetitionEvent
from tiepdan.resolution.services import resolution_transition, resolution_transition_draft
from tiepdan.resolution.tests.helpers import accepted, at
from tiepdan.resolution.workflow import Status

DENOUNCER = "Nguyễn Văn Đức"
ACCEPTED_ON = dt.date(2026, 3, 4)
LATER = dt.date(2026, 3, 16)


def _denunciation(world):
    case = accepted(
        world,
        kind="denunciation",
        received_on=ACCEPTED_ON - dt.timedelta(days=2),
        accepted_on=ACCEPTED_ON,
        summary="Tố cáo cán bộ địa chính nhận tiền",
    )
    with at(LATER):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="start_verification"
        )
    return case


def _conclude(world, case, **kw):
    return dict(
        actor=world.leader,
        resolution_id=case.pk,
        action="decide",
        outcome="founded",
        note=f"Tố cáo đúng. Ông {DENOUNCER} đã cung cấp chứng cứ.",
        **kw,
    )


def _state(case):
    return (
        PetitionDocument.objects.filter(petition=case.petition).count(),
        PetitionEvent.objects.filter(petition=case.petition).count(),
        list(Counter.objects.values_list("series", "last").order_by("series")),
    )


def _text(document) -> str:
    with document.file.open("rb") as handle:
        return read_back(handle.read())["text"]


def test_a_draft_shows_the_text_and_keeps_nothing(world):
    case = _denunciation(world)
    before = _state(case)
    with at(LATER):
        draft = resolution_transition_draft(**_conclude(world, case))
    assert draft.kind == DocumentKind.DENUNCIATION_CONCLUSION
    assert "Tố cáo đúng" in draft.text
    assert DENOUNCER not in draft.text  # masked in the draft as in the document (LTC Art. 56)
    case.refresh_from_db()
    assert case.status == Status.VERIFYING
    assert case.decided_on is None
    assert _state(case) == before  # no document, no event, no number used


def test_a_draft_of_a_move_that_cannot_be_made_fails_the_same_way(world):
    case = _denunciation(world)
    with at(LATER), pytest.raises(ValidationFailed) as info:
        resolution_transition_draft(**{**_conclude(world, case), "outcome": ""})
    assert info.value.extra["field"] == "outcome"


def test_the_edited_text_is_issued_masked_and_the_event_says_it_was_edited(world):
    case = _denunciation(world)
    edited = (
        "Kết luận: nội dung tố cáo là đúng.\n\n"
        f"Người tố cáo {DENOUNCER} được thông báo kết quả.\n"
        "Kiến nghị xử lý kỷ luật cán bộ địa chính."
    )
    with at(LATER):
        resolution_transition(**_conclude(world, case), document_text=edited)
    document = case.petition.documents.get(kind=DocumentKind.DENUNCIATION_CONCLUSION)
    text = _text(document)
    assert "Kết luận: nội dung tố cáo là đúng." in text
    assert "Kiến nghị xử lý kỷ luật cán bộ địa chính." in text
    assert DENOUNCER not in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text  # the header is still generated
    event = case.petition.events.get(action="decide")
    assert event.data["edited"] is True


def test_a_blank_edited_text_issues_the_generated_one(world):
    case = _denunciation(world)
    with at(LATER):
        # Whitespace only counts as "not edited": the generated text is issued.
        resolution_transition(**_conclude(world, case), document_text="   ")
    assert case.petition.events.get(action="decide").data["edited"] is False


def _post(client, case, step="", **fields):
    data = {"action": "decide", "step": step, **{f"decide-{k}": v for k, v in fields.items()}}
    url = reverse("resolution:transition", kwargs={"reference": case.petition.reference})
    return client.post(url, data)


def test_the_officer_drafts_edits_and_issues_from_the_case_page(client, world):
    case = _denunciation(world)
    client.force_login(world.leader)
    with at(LATER):
        page = client.get(reverse("resolution:detail", args=[case.petition.reference]))
        assert "Xem và sửa văn bản trước" in page.content.decode()
        response = _post(client, case, step="draft", outcome="founded", note="Tố cáo đúng")
        html = response.content.decode()
        assert response.status_code == 200
        assert 'name="decide-document_text"' in html
        assert "Tố cáo đúng" in html
        assert 'class="action" open id="action-decide"' in html  # the form stays open
        case.refresh_from_db()
        assert case.status == Status.VERIFYING  # a draft decides nothing

        response = _post(
            client,
            case,
            outcome="founded",
            note="Tố cáo đúng",
            document_text="Nội dung tố cáo đúng, đã được sửa bởi lãnh đạo.",
        )
    assert response.status_code == 302
    document = case.petition.documents.get(kind=DocumentKind.DENUNCIATION_CONCLUSION)
    assert "đã được sửa bởi lãnh đạo" in _text(document)


def test_a_draft_with_a_missing_input_comes_back_with_the_message_and_what_was_typed(client, world):
    case = _denunciation(world)
    client.force_login(world.leader)
    with at(LATER):
        response = _post(client, case, step="draft", note="Nội dung đã gõ")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Hãy chọn kết luận" in html
    assert "Nội dung đã gõ" in html
    assert 'name="decide-document_text"' not in html
