"""Satisfaction ratings: offered after the final answer only, once; officials see their units'
ratings (issue 6, item 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tiepdan.core.exceptions import Conflict
from tiepdan.petitions.services import petition_transition
from tiepdan.petitions.tests.conftest import receive
from tiepdan.portal.models import Rating
from tiepdan.portal.ratings import rating_list_for_user, rating_submit
from tiepdan.portal.tests.test_tracking import PIN, URL, with_pin
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at

DAY = dt.date(2026, 3, 2)
RATE = reverse("portal:tracking_rate", args=[0])


@pytest.fixture
def case(world):
    case = accepted(world, kind="recommendation", received_on=DAY, accepted_on=DAY)
    with_pin(case.petition)
    return case


def _answer(world, case) -> None:
    with at(DAY + dt.timedelta(days=3)):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="decide", note="Đã trả lời"
        )
        resolution_transition(actor=world.resolver, resolution_id=case.pk, action="close")


def _unlock(client, petition) -> None:
    client.cookies["django_language"] = "en"
    assert client.post(URL, {"code": petition.tracking_code, "pin": PIN}).status_code == 302


def _filed_away_by_the_commune(world):
    petition = receive(world, kind="feedback")
    petition_transition(
        actor=world.triage,
        petition_id=petition.pk,
        action="transfer",
        to_unit=world.commune,
        note="Thuộc thẩm quyền xã",
    )
    petition_transition(
        actor=world.commune_triage, petition_id=petition.pk, action="file_away", note="Trùng"
    )
    petition.refresh_from_db()
    return petition


def test_no_rating_before_the_final_answer(client, case):
    _unlock(client, case.petition)
    page = client.get(URL).content.decode()
    assert RATE not in page
    response = client.post(RATE, {"score": "5"})
    assert response.status_code == 400
    assert not Rating.objects.exists()
    with pytest.raises(Conflict):
        rating_submit(petition=case.petition, score=5)


def test_a_rating_after_the_final_answer_goes_to_the_answering_unit(client, case, world):
    _answer(world, case)
    _unlock(client, case.petition)
    assert RATE in client.get(URL).content.decode()
    response = client.post(RATE, {"score": "4", "comment": "Trả lời rõ ràng"})
    assert response.status_code == 302
    rating = Rating.objects.get()
    assert (rating.score, rating.comment, rating.org_unit) == (4, "Trả lời rõ ràng", world.board)
    page = client.get(URL).content.decode()
    assert RATE not in page  # once per petition
    assert client.post(RATE, {"score": "1"}).status_code == 400
    assert Rating.objects.count() == 1


def test_a_score_is_required(client, case, world):
    _answer(world, case)
    _unlock(client, case.petition)
    response = client.post(RATE, {"comment": "Không chọn điểm"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a rating from 1 to 5." in html
    assert "Không chọn điểm" in html  # the comment is kept
    assert not Rating.objects.exists()


def test_rating_needs_the_unlocked_petition(client, case, world):
    _answer(world, case)
    response = client.post(RATE, {"score": "5"})
    assert response.status_code == 302
    assert not Rating.objects.exists()


def test_a_petition_filed_away_can_be_rated_for_the_unit_that_filed_it(world):
    petition = _filed_away_by_the_commune(world)
    rating = rating_submit(petition=petition, score=2, comment="Chưa thỏa đáng")
    assert rating.org_unit == world.commune


def test_officials_see_only_their_units_ratings(client, case, world):
    _answer(world, case)
    rating_submit(petition=case.petition, score=4, comment="Bình luận của tỉnh")
    filed = _filed_away_by_the_commune(world)
    rating_submit(petition=filed, score=1, comment="Bình luận của xã")
    assert [r.comment for r in rating_list_for_user(world.leader)] == ["Bình luận của tỉnh"]
    assert [r.comment for r in rating_list_for_user(world.commune_leader)] == ["Bình luận của xã"]
    client.force_login(world.leader)
    page = client.get(reverse("portal:ratings")).content.decode()
    assert "Bình luận của tỉnh" in page
    assert "Bình luận của xã" not in page
    assert "4" in page


def test_the_ratings_page_is_for_officials_only(client, db):
    response = client.get(reverse("portal:ratings"))
    assert response.status_code == 302
    assert "/tai-khoan/" in response["Location"]
