"""Carrying out a decision or conclusion through /api/v1/resolutions: the people counts of the
decision, implementation records, and the figures refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tiepdan.api.services import api_token_create
from tiepdan.api.tests.conftest import Caller
from tiepdan.resolution.models import Implementation
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at
from tiepdan.resolution.tests.implementation_helpers import (
    DECIDED_ON,
    decided_denunciation,
    effective_complaint,
)

DENOUNCER = "Nguyễn Văn Đức"


@pytest.fixture
def call(world):
    def make(user) -> Caller:
        _token, raw = api_token_create(actor=None, user=user, name="Hệ thống thử")
        return Caller(Client(), raw)

    return make


def _path(case, tail=""):
    return f"/resolutions/{case.petition.reference}{tail}"


def test_the_decision_takes_and_returns_the_people_to_discipline_and_to_refer(world, call):
    case = accepted(
        world, kind="denunciation", received_on=dt.date(2026, 3, 2), accepted_on=dt.date(2026, 3, 4)
    )
    with at(DECIDED_ON):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="start_verification"
        )
        decided = call(world.leader).post(
            _path(case, "/actions"),
            {
                "action": "decide",
                "outcome": "founded",
                "note": "Tố cáo đúng",
                "amounts": {
                    "amount_recovered": 20_000_000,
                    "persons_to_discipline": 2,
                    "persons_referred": 1,
                },
            },
        )
    assert decided.status_code == 200, decided.content.decode()
    amounts = decided.json()["decision"]["amounts"]
    assert (amounts["persons_to_discipline"], amounts["persons_referred"]) == (2, 1)
    assert amounts["amount_recovered"] == 20_000_000
    assert decided.json()["implementations"] == []


def test_implementation_round_trip(world, call):
    case = effective_complaint(world)
    resolver, leader = call(world.resolver), call(world.leader)
    first_day = case.effective_on + dt.timedelta(days=2)

    with at(first_day):
        before = resolver.get(_path(case)).json()
        progress = resolver.post(
            _path(case, "/actions"),
            {
                "action": "record_implementation",
                "note": "Chi trả đợt 1",
                "implementation": {"amount_returned": 30_000_000, "land_returned_m2": 80.5},
            },
        )
    assert "record_implementation" in {a["action"] for a in before["available_actions"]}
    assert before["implemented"]["amount_returned"] == 0
    assert progress.status_code == 200, progress.content.decode()
    body = progress.json()
    assert body["status"] == "effective"
    assert body["implementations"] == [
        {
            "amount_recovered": 0,
            "amount_returned": 30_000_000,
            "land_recovered_m2": 0.0,
            "land_returned_m2": 80.5,
            "persons_disciplined": 0,
            "persons_prosecuted": 0,
            "done_on": str(first_day),
            "completes": False,
            "note": "Chi trả đợt 1",
            "recorded_by": "thanhtra",
        }
    ]

    with at(first_day + dt.timedelta(days=7)):
        enforced = leader.post(
            _path(case, "/actions"),
            {
                "action": "enforce",
                "note": "Đã thi hành xong",
                "implementation": {
                    "amount_returned": 20_000_000,
                    "land_returned_m2": 40,
                    "persons_disciplined": 2,
                },
            },
        )
        read = resolver.get(_path(case)).json()
    assert enforced.status_code == 200, enforced.content.decode()
    assert read["status"] == "enforced"
    assert [(r["done_on"], r["completes"]) for r in read["implementations"]] == [
        (str(first_day), False),
        (str(first_day + dt.timedelta(days=7)), True),
    ]
    assert read["implemented"] == {
        "amount_recovered": 0,
        "amount_returned": 50_000_000,
        "land_recovered_m2": 0.0,
        "land_returned_m2": 120.5,
        "persons_disciplined": 2,
        "persons_prosecuted": 0,
    }
    ordered = read["decision"]["amounts"]
    assert (ordered["amount_returned"], ordered["persons_to_discipline"]) == (50_000_000, 2)


@pytest.mark.parametrize(
    ("implementation", "field", "message"),
    [
        ({"amount_returned": -1}, "implementation.amount_returned", "Hãy nhập số không nhỏ hơn 0."),
        ({"persons_prosecuted": -3}, "implementation.persons_prosecuted", "không nhỏ hơn 0."),
        ({"land_recovered_m2": 1.25}, "implementation.land_recovered_m2", None),
        ({"amount_recovered": "nhiều"}, "implementation.amount_recovered", "số nguyên"),
        ({"land_returned_m2": "x"}, "implementation.land_returned_m2", "hập một số"),
        ({"money": 10}, "implementation.money", "không có trường này"),
    ],
    ids=["negative-money", "negative-people", "two-decimals", "text", "land-text", "unknown"],
)
def test_wrong_figures_are_refused_in_vietnamese_and_nothing_is_recorded(
    world, call, implementation, field, message
):
    case = effective_complaint(world)
    with at(case.effective_on):
        response = call(world.resolver).post(
            _path(case, "/actions"),
            {"action": "record_implementation", "note": "x", "implementation": implementation},
        )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {field}
    assert errors[field] not in ("Giá trị không hợp lệ.", "This value is not valid.")
    if message:
        assert message in errors[field]
    assert not Implementation.objects.exists()


def test_progress_cannot_be_recorded_before_the_decision_takes_effect(world, call):
    case = accepted(
        world, kind="complaint", received_on=dt.date(2026, 3, 2), accepted_on=dt.date(2026, 3, 4)
    )
    with at(DECIDED_ON):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="start_verification"
        )
        response = call(world.resolver).post(
            _path(case, "/actions"),
            {
                "action": "record_implementation",
                "note": "x",
                "implementation": {"amount_returned": 1},
            },
        )
    assert response.status_code == 409
    assert "Không thể thực hiện" in response.json()["detail"]
    assert not Implementation.objects.exists()


def test_the_api_masks_an_implementation_note_for_an_official_not_entitled(world, call):
    case = decided_denunciation(world)
    with at(DECIDED_ON + dt.timedelta(days=1)):
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="act_on_conclusion",
            note=f"Đã báo kết quả cho ông {DENOUNCER}",
            implementation={"persons_disciplined": 1},
        )
        triage = call(world.triage).get(_path(case))
        leader = call(world.leader).get(_path(case))
    assert triage.status_code == 200
    assert DENOUNCER not in triage.content.decode("utf-8")
    assert triage.json()["implementations"][0]["persons_disciplined"] == 1
    assert triage.json()["implementations"][0]["completes"] is True
    assert DENOUNCER in leader.json()["implementations"][0]["note"]
