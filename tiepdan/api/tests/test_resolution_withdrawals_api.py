"""Withdrawals through /api/v1/resolutions: the forced flag in, the recorded rows out."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from tiepdan.api.services import api_token_create
from tiepdan.api.tests.conftest import Caller
from tiepdan.resolution.tests.helpers import accepted, at


def _caller(user) -> Caller:
    _token, raw = api_token_create(actor=None, user=user, name="Hệ thống thử")
    return Caller(Client(), raw)


def test_a_partial_withdrawal_under_coercion_through_the_api(world):
    case = accepted(
        world, kind="denunciation", received_on=dt.date(2026, 3, 2), accepted_on=dt.date(2026, 3, 4)
    )
    path = f"/resolutions/{case.petition.reference}/actions"
    with at(dt.date(2026, 3, 10)):
        response = _caller(world.resolver).post(
            path, {"action": "withdraw_part", "note": "Nội dung thứ hai", "forced": True}
        )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "accepted"
    assert body["withdrawals"] == [
        {
            "withdrawn_on": "2026-03-10",
            "scope": "part",
            "content": "Nội dung thứ hai",
            "forced": True,
            "continues": True,
            "persons": "",
        }
    ]


def test_part_of_a_complaint_before_the_reform_is_refused_on_the_action(world):
    case = accepted(
        world, kind="complaint", received_on=dt.date(2026, 3, 2), accepted_on=dt.date(2026, 3, 4)
    )
    path = f"/resolutions/{case.petition.reference}/actions"
    with at(dt.date(2026, 3, 10)):
        response = _caller(world.resolver).post(
            path,
            {"action": "withdraw_part", "note": "Nội dung thứ hai"},
            **{"Accept-Language": "en"},
        )
    assert response.status_code == 400
    assert "01/07/2026" in response.json()["errors"]["action"]
    assert not case.withdrawals.exists()
