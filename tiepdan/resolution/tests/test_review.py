"""A re-denunciation reviewed by the direct superior (LTC Art. 37.2, TC-13)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from tiepdan.core.documents import read_back
from tiepdan.core.exceptions import PermissionDenied, ValidationFailed
from tiepdan.petitions.models import DocumentKind
from tiepdan.petitions.services.deadline_scan import deadline_scan
from tiepdan.resolution.selectors import resolution_days_left, resolution_list_for_user
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import at
from tiepdan.resolution.tests.review_helpers import DENOUNCER, concluded, re_denunciation
from tiepdan.resolution.workflow import Status

K = DocumentKind
RECEIVED_ON = dt.date(2026, 5, 6)  # a Wednesday: 20 days later is Tuesday 26/05
ACCEPTED_ON = dt.date(2026, 5, 8)
REVIEWED_ON = dt.date(2026, 5, 15)
ACCEPTANCE_PAPERS = {K.ACCEPTANCE_DECISION, K.DENOUNCER_NOTICE, K.ACCUSED_NOTICE}


def _review(world):
    first = concluded(world)
    return first, re_denunciation(
        world, first=first, received_on=RECEIVED_ON, accepted_on=ACCEPTED_ON
    )


def _kinds(case) -> set[str]:
    return set(case.petition.documents.values_list("kind", flat=True))


def _text(case, kind) -> str:
    document = case.petition.documents.get(kind=kind)
    with document.file.open("rb") as handle:
        return read_back(handle.read())["text"]


def test_a_re_denunciation_opens_under_review_for_20_days_from_receipt(world):
    first, case = _review(world)
    assert case.status == Status.REVIEWING
    assert (case.level, case.rule_id, case.first_resolution) == (2, "TC-13", first)
    # TC-13: 20 calendar days from receipt, not from acceptance (LTC Art. 37.2).
    assert case.due_on == RECEIVED_ON + dt.timedelta(days=20)
    limit = case.petition.deadlines.get(family="TC-13")
    assert (limit.started_on, limit.due_on, limit.met_on) == (RECEIVED_ON, case.due_on, None)
    # Not accepted yet: no Mẫu 04/05/06, no TC-04, no notice of acceptance.
    assert not _kinds(case) & ACCEPTANCE_PAPERS
    assert not case.petition.deadlines.filter(family__in=["TC-04", "TC-05"]).exists()
    told = case.petition.events.filter(action="petitioner_notified")
    assert all("tiếp nhận" in event.data["subject"] for event in told)  # the receipt only


def test_the_review_limit_runs_and_is_overdue_like_any_other(world):
    _first, case = _review(world)
    with at(case.due_on + dt.timedelta(days=1)):
        assert resolution_days_left(case) == -1
        assert case in resolution_list_for_user(user=world.leader, overdue_only=True)
        deadline_scan()
    assert case.petition.deadlines.get(family="TC-13").is_overdue


def test_re_resolving_accepts_it_from_that_day_with_the_acceptance_papers(world):
    _first, case = _review(world)
    with at(REVIEWED_ON):
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="re_resolve",
            note="Việc xác minh đã bỏ sót chứng cứ về khoản tiền 20 triệu đồng",
        )
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED
    assert (case.rule_id, case.accepted_on) == ("TC-05", REVIEWED_ON)
    assert case.due_on == dt.date(2026, 6, 15)  # 30 days → 14/06 (Sunday) → Monday 15/06
    deadlines = case.petition.deadlines
    assert deadlines.get(family="TC-13").met_on == REVIEWED_ON
    assert deadlines.get(family="TC-05", met_on=None).started_on == REVIEWED_ON
    assert deadlines.get(family="TC-04").started_on == REVIEWED_ON
    assert _kinds(case) >= ACCEPTANCE_PAPERS
    assert "khoản 2 Điều 37 Luật Tố cáo" in _text(case, K.ACCEPTANCE_DECISION)
    event = case.petition.events.get(action="re_resolve")
    assert (event.from_status, event.to_status) == (Status.REVIEWING, Status.ACCEPTED)
    assert len(event.data["documents"]) == 3
    assert case.petition.events.filter(action="petitioner_notified").exists()


def test_declining_closes_it_with_a_notice_of_the_reasons(world):
    first, case = _review(world)
    with at(REVIEWED_ON):
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="decline_review",
            note="Việc giải quyết trước đây đúng pháp luật; ông Nguyễn Văn Đức không nêu chứng "
            "cứ mới",
        )
    case.refresh_from_db()
    assert (case.status, case.closed_on) == (Status.CLOSED, REVIEWED_ON)
    assert case.petition.deadlines.get(family="TC-13").met_on == REVIEWED_ON
    document = case.petition.documents.get(kind=K.REVIEW_ANSWER)
    assert document.addressed_to_petitioner
    text = _text(case, K.REVIEW_ANSWER)
    assert "không nêu chứng cứ mới" in text
    assert first.decision_number in text  # the conclusion that stands
    assert "khoản 2 Điều 37 Luật Tố cáo" in text
    assert not any(secret in text for secret in DENOUNCER)
    assert not _kinds(case) & ACCEPTANCE_PAPERS
    told = case.petition.events.filter(action="petitioner_notified").latest("pk")
    assert "tố cáo" not in told.data["subject"]  # a denouncer is told in neutral words


@pytest.mark.parametrize("action", ["re_resolve", "decline_review"])
def test_the_review_needs_its_grounds_and_the_head(world, action):
    _first, case = _review(world)
    with at(REVIEWED_ON):
        with pytest.raises(ValidationFailed) as info:
            resolution_transition(actor=world.leader, resolution_id=case.pk, action=action)
        assert info.value.extra["field"] == "note"
        with pytest.raises(PermissionDenied):
            resolution_transition(
                actor=world.resolver, resolution_id=case.pk, action=action, note="x"
            )
    case.refresh_from_db()
    assert case.status == Status.REVIEWING


def test_the_unit_that_concluded_does_not_review_its_own_conclusion(world):
    from tiepdan.resolution.models import Resolution

    first = concluded(world)
    Resolution.objects.filter(pk=first.pk).update(org_unit=world.board)  # the board concluded
    first.refresh_from_db()
    with translation.override("en"), pytest.raises(ValidationFailed) as info:
        re_denunciation(world, first=first, received_on=RECEIVED_ON, accepted_on=ACCEPTED_ON)
    assert "reviewed by the direct superior" in str(info.value)


def test_drafting_the_re_resolution_issues_no_paper(world, settings):
    from pathlib import Path

    from tiepdan.resolution.services import resolution_transition_draft

    _first, case = _review(world)
    media = Path(settings.MEDIA_ROOT)
    before = sorted(media.rglob("*.docx"))
    with at(REVIEWED_ON):
        draft = resolution_transition_draft(
            actor=world.leader, resolution_id=case.pk, action="re_resolve", note="Bỏ sót chứng cứ"
        )
    assert draft.kind == ""  # the move's papers are the acceptance ones, not drafted
    assert sorted(media.rglob("*.docx")) == before
    case.refresh_from_db()
    assert case.status == Status.REVIEWING
