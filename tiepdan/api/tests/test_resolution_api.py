"""Resolution cases through /api/v1/resolutions, with Bearer tokens: list, read, act."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from tiepdan.api.services import api_token_create
from tiepdan.api.tests.conftest import Caller
from tiepdan.petitions.services import petition_assign
from tiepdan.resolution.tests.helpers import accepted, at

DENOUNCER = "Nguyễn Văn Đức"


@pytest.fixture
def call(world):
    """`call(user)` → a Caller with a fresh token for that official."""

    def make(user) -> Caller:
        _token, raw = api_token_create(actor=None, user=user, name="Hệ thống thử")
        return Caller(Client(), raw)

    return make


def _case(world, kind="complaint", accepted_on=dt.date(2026, 3, 4)):
    return accepted(
        world, kind=kind, received_on=accepted_on - dt.timedelta(days=2), accepted_on=accepted_on
    )


def _path(case, tail=""):
    return f"/resolutions/{case.petition.reference}{tail}"


def test_the_complaint_flow_through_the_api(world, call):
    case = _case(world)
    petition_assign(actor=world.leader, petition_id=case.petition_id, assignee=world.resolver)
    resolver, leader = call(world.resolver), call(world.leader)

    with at(dt.date(2026, 3, 10)):
        mine = resolver.get("/resolutions", {"mine": "true"}).json()
        detail = resolver.get(_path(case)).json()
        moved = resolver.post(_path(case, "/actions"), {"action": "start_verification"})
    assert mine["count"] == 1
    item = mine["items"][0]
    assert item["reference"] == case.petition.reference
    assert item["case"] == 1
    assert (item["due_on"], item["days_left"], item["is_overdue"]) == ("2026-04-03", 24, False)
    assert item["resolver"] == "thanhtra"
    assert item["status_label"] == "Đã thụ lý, đang giải quyết"
    assert detail["main_limit"]["rule_id"].startswith("KN-03")
    assert "30 ngày" in detail["main_limit"]["explanation"]
    actions = {a["action"] for a in detail["available_actions"]}
    assert "start_verification" in actions
    assert "decide" not in actions  # not in this state, and the leader's anyway
    assert detail["can_set_complexity"] is False
    assert moved.status_code == 200, moved.content.decode()
    assert moved.json()["status"] == "verifying"

    with at(dt.date(2026, 3, 24)):
        by_resolver = resolver.post(
            _path(case, "/actions"), {"action": "decide", "outcome": "unfounded", "note": "x"}
        )
        no_outcome = leader.post(_path(case, "/actions"), {"action": "decide", "note": "x"})
        decided = leader.post(
            _path(case, "/actions"),
            {
                "action": "decide",
                "outcome": "partly_founded",
                "note": "Giữ nguyên một phần quyết định thu hồi đất",
                "decision_number": "12/QĐ-UBND",
                "amounts": {"amount_returned": 150_000_000, "people_rights_restored": 1},
            },
        )
    assert by_resolver.status_code == 403
    assert no_outcome.status_code == 400
    assert no_outcome.json()["errors"] == {"outcome": no_outcome.json()["detail"]}
    assert "Hãy chọn kết luận" in no_outcome.json()["detail"]
    assert decided.status_code == 200, decided.content.decode()
    decision = decided.json()["decision"]
    assert decision["outcome"] == "partly_founded"
    assert decision["outcome_label"] == "Có đúng, có sai"
    assert decision["decision_number"] == "12/QĐ-UBND"
    assert decision["amounts"]["amount_returned"] == 150_000_000

    window = case.petition.deadlines.get(family="KN-11")
    with at(window.due_on):
        early = leader.post(_path(case, "/actions"), {"action": "make_effective"})
    with at(window.due_on + dt.timedelta(days=1)):
        effective = leader.post(_path(case, "/actions"), {"action": "make_effective"})
    assert early.status_code == 400
    assert "Quyết định có hiệu lực sau ngày" in early.json()["detail"]
    assert effective.status_code == 200
    assert effective.json()["status"] == "effective"
    assert effective.json()["decision"]["effective_on"] == str(window.due_on + dt.timedelta(1))


def test_a_case_of_another_unit_is_not_found(world, call):
    case = _case(world)
    outsider = call(world.commune_leader)

    with at(dt.date(2026, 3, 10)):
        read = outsider.get(_path(case))
        act = outsider.post(_path(case, "/actions"), {"action": "start_verification"})
        listed = outsider.get("/resolutions").json()

    assert read.status_code == act.status_code == 404
    hidden = "Không tìm thấy, hoặc bạn không được xem."
    assert read.json()["detail"] == act.json()["detail"] == hidden
    assert listed["count"] == 0


def test_an_illegal_move_answers_409_in_vietnamese(world, call):
    case = _case(world)
    with at(dt.date(2026, 3, 10)):
        response = call(world.leader).post(_path(case, "/actions"), {"action": "make_effective"})
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "Không thể thực hiện “Ghi nhận hiệu lực pháp luật” khi vụ việc đang ở trạng thái "
        "“Đã thụ lý, đang giải quyết”."
    )


def test_an_unknown_action_or_field_is_refused_before_anything_changes(world, call):
    case = _case(world)
    leader = call(world.leader)
    with at(dt.date(2026, 3, 10)):
        unknown = leader.post(_path(case, "/actions"), {"action": "approve"})
        misspelt = leader.post(_path(case, "/actions"), {"action": "suspend", "reason": "x"})
    assert unknown.status_code == misspelt.status_code == 422
    assert "action" in unknown.json()["errors"]
    assert "reason" in misspelt.json()["errors"]


def test_a_denunciation_extended_suspended_and_resumed_through_the_api(world, call):
    case = _case(world, kind="denunciation")
    leader = call(world.leader)
    with at(dt.date(2026, 3, 10)):
        complex_ = leader.post(
            _path(case, "/complexity"), {"criteria": ["several_places", "contradictory_evidence"]}
        )
        first = leader.post(_path(case, "/actions"), {"action": "extend", "note": "Lần 1"})
        second = leader.post(_path(case, "/actions"), {"action": "extend", "note": "Lần 2"})
        third = leader.post(_path(case, "/actions"), {"action": "extend", "note": "Lần 3"})
        suspended = leader.post(_path(case, "/actions"), {"action": "suspend", "note": "Giám định"})
        unknown = leader.post(_path(case, "/complexity"), {"criteria": ["tired"]})
    with at(dt.date(2026, 3, 20)):
        resumed = leader.post(_path(case, "/actions"), {"action": "resume", "note": "Có kết quả"})

    assert complex_.status_code == 200
    assert complex_.json()["complexity"]["is_especially_complex"] is True
    assert [c["key"] for c in complex_.json()["complexity"]["criteria"]] == [
        "contradictory_evidence",
        "several_places",
    ]
    assert first.status_code == second.status_code == 200
    assert second.json()["extensions_used"] == 2
    assert second.json()["due_on"] == "2026-06-03"
    assert third.status_code == 400
    assert "chỉ được gia hạn tối đa 2 lần" in third.json()["detail"]
    assert suspended.json()["is_suspended"] is True
    assert suspended.json()["main_limit"]["is_paused"] is True
    assert suspended.json()["days_left"] is None  # the clock stands still
    assert unknown.status_code == 400
    data = resumed.json()
    assert data["status"] == "accepted"
    # 03/04 + 10 suspended days = 13/04; each extension adds 30 days to that (CAL-07): 12/06.
    assert data["due_on"] == "2026-06-12"
    assert "không tính 10 ngày tạm đình chỉ" in data["main_limit"]["explanation"]
    assert data["suspensions"] == [
        {"started_on": "2026-03-10", "ended_on": "2026-03-20", "reason": "Giám định"}
    ]


def test_the_denouncer_is_masked_for_officials_not_entitled(world, call):
    case = _case(world, kind="denunciation")
    with at(dt.date(2026, 3, 10)):
        listed = call(world.resolver).get("/resolutions").content.decode()
        read = call(world.resolver).get(_path(case)).json()
        by_leader = call(world.leader).get(_path(case)).json()
    assert DENOUNCER not in listed
    assert "N*** V*** Đ***" in listed
    assert DENOUNCER not in json.dumps(read, ensure_ascii=False)
    assert read["petitioners"][0]["identity_visible"] is False
    assert by_leader["petitioners"][0]["full_name"] == DENOUNCER


def test_list_filters_order_and_paging(world, call):
    overdue = _case(world, accepted_on=dt.date(2026, 1, 12))
    _case(world, kind="denunciation", accepted_on=dt.date(2026, 3, 4))
    _case(world, accepted_on=dt.date(2026, 3, 4))
    leader = call(world.leader)
    with at(dt.date(2026, 3, 10)):
        everything = leader.get("/resolutions").json()
        page = leader.get("/resolutions", {"limit": 1, "offset": 1}).json()
        complaints = leader.get("/resolutions", {"track": "complaint"}).json()
        late = leader.get("/resolutions", {"overdue": "true"}).json()
        in_unit = leader.get("/resolutions", {"unit": "BTCD-T19"}).json()
        bad_unit = leader.get("/resolutions", {"unit": "NOPE"})
    assert everything["count"] == 3
    assert everything["items"][0]["reference"] == overdue.petition.reference
    assert everything["items"][0]["is_overdue"] is True
    assert page["count"] == 3
    assert len(page["items"]) == 1
    assert page["items"][0] == everything["items"][1]
    assert complaints["count"] == 2
    assert [i["reference"] for i in late["items"]] == [overdue.petition.reference]
    assert in_unit["count"] == 3
    assert bad_unit.status_code == 400


def test_the_openapi_document_lists_the_resolution_endpoints(db, client):
    spec = json.loads(client.get("/api/v1/openapi.json").content)
    paths = spec["paths"]
    assert {
        "/api/v1/resolutions",
        "/api/v1/resolutions/{reference}",
        "/api/v1/resolutions/{reference}/actions",
        "/api/v1/resolutions/{reference}/complexity",
    } <= set(paths)
    assert set(paths["/api/v1/resolutions/{reference}/actions"]) == {"post"}
    act = paths["/api/v1/resolutions/{reference}/actions"]["post"]
    assert act["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ResolutionActionIn"
    )
    assert act["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorOut"
    )
    schemas = spec["components"]["schemas"]
    assert {"ResolutionOut", "ResolutionListOut", "ComplexityIn"} <= set(schemas)
    assert "id" not in schemas["ResolutionOut"]["properties"]
    assert "id" not in schemas["ResolutionListItem"]["properties"]


def test_a_call_without_a_token_is_refused(db, client):
    assert client.get("/api/v1/resolutions").status_code == 401


def test_verification_is_given_to_an_official_of_another_unit_through_the_api(world, call):
    case = _case(world)
    resolver = call(world.resolver)
    with at(dt.date(2026, 3, 5)):
        moved = resolver.post(
            _path(case, "/actions"),
            {
                "action": "start_verification",
                "verifying_unit": world.commune.code,
                "verifier": world.commune_triage.username,
            },
        )
        assert moved.status_code == 200, moved.content
        unknown = resolver.post(
            _path(case, "/actions"), {"action": "hold_dialogue", "verifier": "khong-co-ai"}
        )
    case.refresh_from_db()
    assert case.verifying_unit == world.commune
    assert case.assigned_to == world.commune_triage
    assert unknown.status_code in (400, 409, 422)
