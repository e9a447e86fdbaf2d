"""The petition page's forms and the inbox's filters, through the Django test client."""

from __future__ import annotations

import re

from django.urls import reverse

from tiepdan.core import clock
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.services import petition_transition
from tiepdan.petitions.tests.conftest import receive


def _detail(petition):
    return reverse("petitions:detail", kwargs={"reference": petition.reference})


def _html(response):
    return response.content.decode()


def test_search_without_accents_finds_a_complaint(client, world):
    petition = receive(world, kind="complaint", summary="Khiếu nại quyết định thu hồi đất")
    receive(world, kind="feedback", name="Hoàng Văn Bình", summary="Phản ánh đèn đường hỏng")
    client.force_login(world.triage)
    html = _html(client.get(reverse("petitions:inbox") + "?q=nguyen+van+duc"))
    assert tracking_code_display(petition.tracking_code) in html
    assert "Phản ánh đèn đường hỏng" not in html
    assert "1 đơn" in html


def test_an_action_not_allowed_now_shows_a_vietnamese_error(client, world):
    petition = receive(world, kind="complaint")
    client.force_login(world.leader)
    response = client.post(
        reverse("petitions:transition", kwargs={"reference": petition.reference}),
        {"action": "accept"},
    )
    assert response.status_code == 409
    assert "Không thể thực hiện “Duyệt thụ lý”" in _html(response)
    client.force_login(world.triage)
    bogus = client.post(
        reverse("petitions:transition", kwargs={"reference": petition.reference}),
        {"action": "delete_everything"},
        follow=True,
    )
    assert "Hãy chọn một trong các thao tác" in _html(bogus)


def test_a_note_required_by_the_move_is_asked_for_next_to_the_input(client, world):
    petition = receive(world, kind="feedback")
    client.force_login(world.triage)
    response = client.post(
        reverse("petitions:transition", kwargs={"reference": petition.reference}),
        {"action": "file_away", "file_away-note": "  "},
    )
    assert response.status_code == 400
    assert 'id="id_file_away-note_error"' in _html(response)


def test_only_the_actions_the_official_may_take_are_offered(client, world):
    petition = receive(world, kind="complaint")
    client.force_login(world.resolver)
    html = _html(client.get(_detail(petition)))
    assert 'name="action"' not in html
    client.force_login(world.triage)
    html = _html(client.get(_detail(petition)))
    assert 'value="transfer"' in html
    assert 'value="accept"' not in html  # not possible in this state


def test_classification_and_assignment_through_their_forms(client, world):
    petition = receive(world, kind="complaint")
    client.force_login(world.triage)
    response = client.post(
        reverse("petitions:classify", kwargs={"reference": petition.reference}),
        {"classify-field": "land", "classify-is_eligible": "yes", "classify-procedure_stage": ""},
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.field == "land"
    assert petition.is_eligible is True
    refused = client.post(
        reverse("petitions:classify", kwargs={"reference": petition.reference}),
        {"classify-is_eligible": "no"},
    )
    assert refused.status_code == 400
    assert "Hãy chọn ít nhất một lý do" in _html(refused)

    client.force_login(world.leader)
    client.post(
        reverse("petitions:assign", kwargs={"reference": petition.reference}),
        {"assign-assignee": str(world.resolver.pk)},
    )
    petition.refresh_from_db()
    assert petition.assigned_to == world.resolver
    inbox = _html(client.get(reverse("petitions:inbox") + "?assignee=none"))
    assert tracking_code_display(petition.tracking_code) not in inbox


def test_inbox_counts_per_status_and_filters(client, world):
    first = receive(world, kind="complaint")
    second = receive(world, kind="feedback", name="Hoàng Văn Bình", summary="Phản ánh rác")
    petition_transition(
        actor=world.triage, petition_id=second.pk, action="file_away", note="Không đủ điều kiện"
    )
    client.force_login(world.triage)
    html = _html(client.get(reverse("petitions:inbox")))
    assert re.search(r"Tất cả\s*<strong>2</strong>", html)
    assert re.search(r"Lưu đơn\s*<strong>1</strong>|Đã lưu đơn\s*<strong>1</strong>", html)
    only = _html(client.get(reverse("petitions:inbox") + "?status=filed_away"))
    assert tracking_code_display(second.tracking_code) in only
    assert tracking_code_display(first.tracking_code) not in only
    kind = _html(client.get(reverse("petitions:inbox") + "?kind=complaint&sort=received"))
    assert tracking_code_display(first.tracking_code) in kind
    assert tracking_code_display(second.tracking_code) not in kind
    bad = client.get(reverse("petitions:inbox") + "?status=nonsense&unit=99999&page=x")
    assert bad.status_code == 200


def test_a_duplicate_is_marked_from_the_candidates(client, world):
    first = receive(world, kind="complaint")
    second = receive(world, kind="complaint")
    client.force_login(world.triage)
    html = _html(client.get(_detail(second)))
    assert tracking_code_display(first.tracking_code) in html
    client.post(
        reverse("petitions:mark_duplicate", kwargs={"reference": second.reference}),
        {"status": "duplicate", "original": str(first.pk)},
    )
    second.refresh_from_db()
    assert second.duplicate_of == first


def test_the_home_page_shows_petition_tiles_with_counts(client, world):
    receive(world, kind="complaint")
    client.force_login(world.triage)
    html = _html(client.get(reverse("core:home")))
    assert reverse("petitions:inbox") in html
    assert reverse("petitions:receive") in html
    assert "1 đơn chờ xử lý" in html


def test_overdue_petitions_are_marked_in_words_and_can_be_filtered(client, world):
    late = receive(world, kind="complaint")  # received in March: its time limits have passed
    fresh = receive(world, kind="feedback", summary="Phản ánh rác", received_on=clock.today())
    client.force_login(world.triage)
    html = _html(client.get(reverse("petitions:inbox")))
    assert 'class="row--overdue"' in html
    assert re.search(r"quá hạn \d+ ngày", html)
    only = _html(client.get(reverse("petitions:inbox") + "?overdue=on"))
    assert tracking_code_display(late.tracking_code) in only
    assert tracking_code_display(fresh.tracking_code) not in only
    detail = _html(client.get(_detail(late)))
    assert 'class="row--overdue"' in detail
