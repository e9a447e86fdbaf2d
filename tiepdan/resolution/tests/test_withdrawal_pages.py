"""Withdrawals and the review of a re-denunciation on the case page (Django test client)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from tiepdan.resolution.tests.helpers import accepted, at
from tiepdan.resolution.tests.review_helpers import concluded, re_denunciation
from tiepdan.resolution.workflow import Status


def _detail(case):
    return reverse("resolution:detail", kwargs={"reference": case.petition.reference})


def _act(client, case, action, **fields):
    data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
    url = reverse("resolution:transition", kwargs={"reference": case.petition.reference})
    return client.post(url, data)


def _in_english(client, user):
    # The pages follow the official's language: English, so the tests do not depend on the
    # Vietnamese catalogue.
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _complaint(world, on):
    return accepted(world, kind="complaint", received_on=on, accepted_on=on)


def test_a_partial_withdrawal_is_recorded_from_the_page_and_listed(client, world):
    case = _complaint(world, dt.date(2026, 7, 6))
    _in_english(client, world.resolver)
    with at(dt.date(2026, 7, 9)):
        page = client.get(_detail(case)).content.decode()
        assert 'name="withdraw_part-forced"' in page
        response = _act(client, case, "withdraw_part", note="Yêu cầu bồi thường", forced="on")
        assert response.status_code == 302
        page = client.get(_detail(case)).content.decode()
    assert 'id="withdrawals-title"' in page
    assert "Yêu cầu bồi thường" in page
    assert "under threat or coercion" in page
    assert "still resolved" in page
    row = case.withdrawals.get()
    assert (row.scope, row.forced, row.continues) == ("part", True, True)


def test_a_partial_complaint_withdrawal_before_the_reform_comes_back_with_the_reason(client, world):
    case = _complaint(world, dt.date(2026, 3, 4))
    _in_english(client, world.resolver)
    with at(dt.date(2026, 3, 9)):
        response = _act(client, case, "withdraw_part", note="Nội dung 2")
    assert response.status_code == 400
    assert "only from 01/07/2026" in response.content.decode()
    assert not case.withdrawals.exists()


def test_a_re_denunciation_under_review_is_listed_with_its_limit_and_its_two_outcomes(
    client, world
):
    first = concluded(world)
    case = re_denunciation(
        world, first=first, received_on=dt.date(2026, 5, 6), accepted_on=dt.date(2026, 5, 8)
    )
    _in_english(client, world.leader)
    with at(dt.date(2026, 5, 27)):  # one day past TC-13
        listing = client.get(reverse("resolution:list") + "?overdue=on&tab=unit")
        page = client.get(_detail(case)).content.decode()
    listed = listing.content.decode()
    assert "rstatus--reviewing" in listed
    assert "Re-denunciation under review" in listed
    assert "Time limit for reviewing the re-denunciation" in page
    assert "26/05/2026" in page
    assert 'value="re_resolve"' in page
    assert 'value="decline_review"' in page
    assert 'value="withdraw_part"' not in page
    with at(dt.date(2026, 5, 27)):
        assert _act(client, case, "decline_review", note="Đúng pháp luật").status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED
