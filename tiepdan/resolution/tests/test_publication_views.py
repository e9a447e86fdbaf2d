"""The officials' review pages under /cong-bo/: prepare, edit, approve, withdraw."""

import datetime as dt

import pytest
from django.urls import reverse

from tiepdan.core.text import fold
from tiepdan.resolution.models import Publication
from tiepdan.resolution.publication import publication_draft
from tiepdan.resolution.tests.helpers import accepted
from tiepdan.resolution.tests.publication_helpers import decided_case


@pytest.fixture
def case(world):
    return decided_case(world)


def _login(client, user):
    client.force_login(user)
    return client


def _approve_form(page: str, slug: str) -> str:
    return page.split(reverse("publication:approve", args=[slug]))[1].split("</form>")[0]


def test_the_resolver_prepares_a_draft_from_the_case_reference(client, world, case):
    _login(client, world.resolver)
    response = client.post(reverse("publication:create", args=[case.petition.reference]))
    publication = Publication.objects.get(resolution=case)
    assert response.status_code == 302
    assert response["Location"] == reverse("publication:review", args=[publication.slug])
    # Asking again opens the same draft instead of making a second one.
    again = client.post(reverse("publication:create", args=[case.petition.reference]))
    assert again["Location"] == response["Location"]
    assert Publication.objects.filter(resolution=case).count() == 1


def test_an_undecided_case_is_refused_with_a_message(client, world):
    open_case = accepted(
        world, kind="denunciation", received_on=dt.date(2026, 3, 2), accepted_on=dt.date(2026, 3, 4)
    )
    _login(client, world.resolver)
    response = client.post(
        reverse("publication:create", args=[open_case.petition.reference]), follow=True
    )
    assert "Chỉ vụ việc đã có quyết định" in response.content.decode()
    assert not Publication.objects.exists()


def test_the_review_page_lists_what_was_removed_by_kind_never_the_values(client, world, case):
    draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
    html = _login(client, world.leader).get(reverse("publication:review", args=[draft.slug]))
    page = html.content.decode()
    assert html.status_code == 200
    assert "họ tên người tố cáo (2 chỗ)" in page
    assert "số định danh cá nhân (1 chỗ)" in page
    assert "nguyen van duc" not in fold(page)
    assert "019085001234" not in page
    assert "disabled" not in _approve_form(page, draft.slug)


def test_the_preparer_sees_the_approve_button_disabled(client, world, case):
    draft = publication_draft(actor=world.leader, resolution_id=case.pk)
    page = _login(client, world.leader).get(reverse("publication:review", args=[draft.slug]))
    text = page.content.decode()
    assert "Bạn đã soạn văn bản này" in text
    assert "disabled" in _approve_form(text, draft.slug)
    refused = _login(client, world.leader).post(
        reverse("publication:approve", args=[draft.slug]), follow=True
    )
    assert "cán bộ khác" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == Publication.Status.DRAFT


def test_saving_a_text_with_the_name_put_back_is_refused_and_keeps_what_was_typed(
    client, world, case
):
    draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
    body = draft.body + "\nNgười tố cáo là ông Nguyen Van Duc."
    response = _login(client, world.leader).post(
        reverse("publication:edit", args=[draft.slug]), {"title": draft.title, "body": body}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "họ tên người tố cáo (1 chỗ)" in page
    assert "Nguyen Van Duc" in page  # the textarea keeps the reviewer's text to fix it
    draft.refresh_from_db()
    assert "Nguyen Van Duc" not in draft.body


def test_the_leader_approves_and_the_item_moves_to_the_portal_list(client, world, case):
    draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
    _login(client, world.leader)
    response = client.post(reverse("publication:approve", args=[draft.slug]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Publication.Status.PUBLISHED
    page = client.get(reverse("publication:list")).content.decode()
    assert reverse("publication:review", args=[draft.slug]) in page
    review = client.get(reverse("publication:review", args=[draft.slug])).content.decode()
    assert reverse("portal:detail", args=[draft.slug]) in review


def test_a_resolver_cannot_withdraw_early_and_is_told_why(client, world, case):
    draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
    _login(client, world.leader).post(reverse("publication:approve", args=[draft.slug]))
    response = _login(client, world.resolver).post(
        reverse("publication:withdraw", args=[draft.slug]), {"withdraw-reason": "Nhầm"}
    )
    assert response.status_code == 403
    assert "chỉ lãnh đạo" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Publication.Status.PUBLISHED


def test_officials_of_another_unit_get_not_found(client, world, case):
    draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
    _login(client, world.commune_leader)
    assert client.get(reverse("publication:review", args=[draft.slug])).status_code == 404
    create = client.post(reverse("publication:create", args=[case.petition.reference]))
    assert create.status_code == 404
    assert draft.slug not in client.get(reverse("publication:list")).content.decode()
