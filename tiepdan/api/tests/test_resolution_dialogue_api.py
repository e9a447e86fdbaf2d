"""The complaint dialogue through /api/v1/resolutions: invitation (KN-14), minutes (Mẫu 14)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from tiepdan.api.services import api_token_create
from tiepdan.api.tests.conftest import Caller
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at


@pytest.fixture
def resolver(world) -> Caller:
    _token, raw = api_token_create(actor=None, user=world.resolver, name="Hệ thống thử")
    return Caller(Client(), raw)


def _verifying_complaint(world):
    case = accepted(
        world, kind="complaint", received_on=dt.date(2026, 7, 1), accepted_on=dt.date(2026, 7, 2)
    )
    with at(dt.date(2026, 7, 2)):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="start_verification"
        )
    return case


def _act(caller: Caller, case, body: dict):
    return caller.post(
        f"/resolutions/{case.petition.reference}/actions", body, **{"Accept-Language": "en"}
    )


def test_an_invitation_and_the_minutes_through_the_api(world, resolver):
    case = _verifying_complaint(world)
    with at(dt.date(2026, 7, 8)):
        detail = resolver.get(f"/resolutions/{case.petition.reference}").json()
        too_soon = _act(
            resolver,
            case,
            {"action": "notify_dialogue", "planned_on": "2026-07-12", "note": "Hội trường"},
        )
        invited = _act(
            resolver,
            case,
            {"action": "notify_dialogue", "planned_on": "2026-07-13", "note": "Hội trường"},
        )
    actions = {a["action"]: a["requires"] for a in detail["available_actions"]}
    assert actions["notify_dialogue"] == ["planned_on", "note"]
    assert actions["hold_dialogue"] == ["dialogue_on", "dialogue_minutes"]
    assert detail["dialogue"] is None
    assert too_soon.status_code == 400
    assert set(too_soon.json()["errors"]) == {"planned_on"}
    assert "13/07/2026" in too_soon.json()["detail"]
    assert invited.status_code == 200, invited.content.decode()
    assert invited.json()["dialogue"] == {
        "invited_on": "2026-07-08",
        "planned_on": "2026-07-13",
        "held_on": None,
        "minutes": "",
        "minutes_label": "",
    }

    with at(dt.date(2026, 7, 13)):
        no_minutes = _act(resolver, case, {"action": "hold_dialogue", "dialogue_on": "2026-07-13"})
        wrong = _act(
            resolver,
            case,
            {"action": "hold_dialogue", "dialogue_on": "2026-07-13", "dialogue_minutes": "lost"},
        )
        held = _act(
            resolver,
            case,
            {
                "action": "hold_dialogue",
                "dialogue_on": "2026-07-13",
                "dialogue_minutes": "absent",
                "note": "Người khiếu nại không đến",
            },
        )
    assert no_minutes.status_code == 400
    assert set(no_minutes.json()["errors"]) == {"dialogue_minutes"}
    assert wrong.status_code == 422  # not one of the choices: refused by the schema
    assert set(wrong.json()["errors"]) == {"dialogue_minutes"}
    assert held.status_code == 200, held.content.decode()
    dialogue = held.json()["dialogue"]
    assert held.json()["status"] == "dialogue"
    assert (dialogue["held_on"], dialogue["minutes"]) == ("2026-07-13", "absent")
    assert dialogue["minutes_label"]


def test_a_dialogue_after_the_reform_without_an_invitation_is_refused(world, resolver):
    case = _verifying_complaint(world)
    with at(dt.date(2026, 7, 13)):
        refused = _act(
            resolver,
            case,
            {"action": "hold_dialogue", "dialogue_on": "2026-07-13", "dialogue_minutes": "signed"},
        )
    assert refused.status_code == 400
    body = json.loads(refused.content)
    assert set(body["errors"]) == {"dialogue_on"}
    assert "Send the dialogue invitation first" in body["detail"]
