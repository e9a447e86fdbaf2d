"""The public portal: published conclusions without any trace of the denouncer (issue 4)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tiepdan.core.text import fold
from tiepdan.organizations.models import OrgUnit
from tiepdan.resolution.models import Publication
from tiepdan.resolution.publication import publication_draft, publication_withdraw
from tiepdan.resolution.tests.helpers import at
from tiepdan.resolution.tests.publication_helpers import (
    ACCUSED,
    DENOUNCER,
    PUBLISHED_ON,
    decided_case,
    published,
)

# Every way the denouncer could show: the name and each pair of its words, in any case, with
# or without accents; the citizen ID, the address, the phone and the e-mail.
NAME_TRACES = ("nguyen van duc", "nguyen van", "van duc")


def _assert_no_trace_of_the_denouncer(html: str) -> None:
    folded = fold(html)
    for trace in NAME_TRACES:
        assert trace not in folded, trace
    assert DENOUNCER.full_name.lower() not in html.lower()
    digits = re.sub(r"\D", "", html)
    assert DENOUNCER.citizen_id not in digits
    assert "912345678" not in digits
    assert fold(DENOUNCER.address) not in folded
    assert "dong tam" not in folded
    assert DENOUNCER.email.lower() not in html.lower()


def test_done_when_a_published_conclusion_has_no_trace_of_the_denouncer(client, world):
    case = decided_case(world)  # the conclusion names the denouncer, also without accents
    assert "nguyen van duc" in fold(case.decision_summary)
    assert DENOUNCER.citizen_id in case.decision_summary
    # Prepared by the resolver, approved by a different official, through the staff pages.
    with at(PUBLISHED_ON):
        client.force_login(world.resolver)
        client.post(reverse("publication:create", args=[case.petition.reference]))
        publication = Publication.objects.get(resolution=case)
        client.force_login(world.leader)
        client.post(reverse("publication:approve", args=[publication.slug]))
    client.logout()

    response = client.get(reverse("portal:detail", args=[publication.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    _assert_no_trace_of_the_denouncer(html)
    assert ACCUSED in html
    assert "Kết quả giải quyết: Đúng" in html
    assert "Kết luận nội dung tố cáo số 15/KL-UBND ngày 20/03/2026" in html
    assert "Công khai đến ít nhất ngày 07/04/2026" in html  # 23/03 + 15 days (KN-10, TC-12)
    assert "Ban Tiếp công dân tỉnh" in html
    # Not on the list either.
    _assert_no_trace_of_the_denouncer(client.get(reverse("portal:index")).content.decode())


def test_the_portal_is_open_without_signing_in_and_shows_no_database_id(client, world):
    publication = published(world, decided_case(world))
    index = client.get(reverse("portal:index"))
    assert index.status_code == 200
    html = index.content.decode()
    assert f'href="/cong-khai/{publication.slug}/"' in html
    assert not re.search(r"/cong-khai/\d+/", html)
    # Nor the petition's tracking code, which opens the citizen's own tracking page.
    assert publication.resolution.petition.tracking_code not in html.replace("-", "")


def test_a_draft_is_not_found_on_the_portal(client, world):
    draft = publication_draft(actor=world.resolver, resolution_id=decided_case(world).pk)
    response = client.get(reverse("portal:detail", args=[draft.slug]))
    assert response.status_code == 404
    assert draft.title not in response.content.decode()
    assert draft.slug not in client.get(reverse("portal:index")).content.decode()


def test_a_withdrawn_text_is_not_found(client, world):
    publication = published(world, decided_case(world))
    with at(publication.unpublish_after + dt.timedelta(days=1)):
        publication_withdraw(actor=world.leader, publication_id=publication.pk, reason="Hết hạn")
    assert client.get(reverse("portal:detail", args=[publication.slug])).status_code == 404


def test_a_text_of_a_unit_that_did_not_exist_when_published_is_not_shown(client, world):
    publication = published(world, decided_case(world))
    OrgUnit.objects.filter(pk=world.board.pk).update(valid_from=PUBLISHED_ON + dt.timedelta(1))
    assert client.get(reverse("portal:detail", args=[publication.slug])).status_code == 404


@pytest.mark.parametrize("query", ["dia chinh", "ĐỊA CHÍNH", "tran van nam", "15/KL"])
def test_the_list_finds_a_text_by_words_with_or_without_accents(client, world, query):
    publication = published(world, decided_case(world))
    html = client.get(reverse("portal:index"), {"q": query}).content.decode()
    assert publication.slug in html


def test_the_list_filters_by_agency_and_dates(client, world):
    publication = published(world, decided_case(world))
    url = reverse("portal:index")
    found = client.get(url, {"unit": world.board.code}).content.decode()
    assert publication.slug in found
    assert f'value="{world.board.code}"' in found  # agencies are chosen by code, not id
    assert publication.slug not in client.get(url, {"q": "khong co tu nay"}).content.decode()
    after = {"published_from": (PUBLISHED_ON + dt.timedelta(1)).isoformat()}
    assert publication.slug not in client.get(url, after).content.decode()
    within = {"published_from": "2026-03-01", "published_to": "2026-03-31"}
    assert publication.slug in client.get(url, within).content.decode()


def test_a_wrong_date_range_is_explained(client, world):
    published(world, decided_case(world))
    response = client.get(
        reverse("portal:index"), {"published_from": "2026-04-01", "published_to": "2026-03-01"}
    )
    assert "Ngày kết thúc trước ngày bắt đầu" in response.content.decode()
