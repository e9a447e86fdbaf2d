"""A petition's path through the API: recorded, found, transferred, followed by the sender."""

from __future__ import annotations

import pytest

from tiepdan.api.tests.conftest import petition_body
from tiepdan.petitions.identity import TRACKING_ALPHABET, TRACKING_LENGTH


@pytest.fixture
def board(caller, world):
    """The reception board's triage officer (unit A)."""
    return caller(world.triage)


def test_recording_a_postal_denunciation_answers_201_with_a_tracking_code(board, today):
    response = board.post("/petitions", petition_body())

    assert response.status_code == 201, response.content.decode()
    data = response.json()
    assert len(data["reference"]) == TRACKING_LENGTH
    assert set(data["reference"]) <= set(TRACKING_ALPHABET)
    assert data["status"] == "received"
    assert data["status_label"] == "Đã tiếp nhận, chờ xử lý"
    assert data["kind"] == "denunciation"
    assert data["channel"] == "post"
    assert data["receiving_unit"] == {"code": "BTCD-T19", "name": "Ban Tiếp công dân tỉnh"}
    assert data["current_unit"]["code"] == "BTCD-T19"
    assert data["respondent"]["name"] == "Trần Văn Nam"
    assert {d["kind"] for d in data["documents"]} == {"receipt"}
    assert {t["rule_id"] for t in data["time_limits"]} >= {"XLD-05", "TC-01"}
    actions = {a["action"] for a in data["available_actions"]}
    assert "transfer" in actions
    assert "accept" not in actions  # only in "acceptance proposed", and a leader's decision


def test_search_ignores_accents_and_finds_a_complaint_by_the_petitioners_name(board, today):
    complaint = board.post(
        "/petitions", petition_body(kind="complaint", summary="Khiếu nại quyết định thu hồi đất")
    ).json()
    board.post("/petitions", petition_body(petitioners=[{"full_name": "Lê Thị Hoa"}]))

    found = board.get("/petitions", {"q": "nguyen van duc"}).json()

    assert found["count"] == 1
    assert [item["reference"] for item in found["items"]] == [complaint["reference"]]
    assert found["items"][0]["petitioner_names"] == "Nguyễn Văn Đức"


def test_a_denouncer_is_not_found_by_name(board, today):
    board.post("/petitions", petition_body())

    assert board.get("/petitions", {"q": "nguyen van duc"}).json()["count"] == 0
    assert board.get("/petitions", {"q": "dia chinh"}).json()["count"] == 1


def test_list_filters_and_pages(board, today):
    for index in range(3):
        board.post("/petitions", petition_body(summary=f"Phản ánh số {index}", kind="feedback"))
    board.post("/petitions", petition_body())

    page = board.get("/petitions", {"kind": "feedback", "limit": 2, "offset": 0}).json()
    rest = board.get("/petitions", {"kind": "feedback", "limit": 2, "offset": 2}).json()

    assert page["count"] == rest["count"] == 3
    assert len(page["items"]) == 2
    assert len(rest["items"]) == 1
    assert board.get("/petitions", {"unit": "BTCD-T19", "status": "received"}).json()["count"] == 4
    assert board.get("/petitions", {"unit": "UBND-X05830"}).json()["count"] == 0
    assert board.get("/petitions", {"overdue": "true"}).json()["count"] == 0


@pytest.fixture
def transferred(board, today):
    """A denunciation recorded at A and transferred to the commune (B) today."""
    reference = board.post("/petitions", petition_body()).json()["reference"]
    response = board.post(
        f"/petitions/{reference}/actions",
        {"action": "transfer", "to_unit": "UBND-X05830", "note": "Thuộc thẩm quyền xã"},
    )
    assert response.status_code == 200, response.content.decode()
    return reference


def test_transfer_puts_it_in_the_receivers_list_with_its_own_time_limit(
    caller, world, transferred, today
):
    commune = caller(world.commune_triage)

    listed = commune.get("/petitions", {"unit": "UBND-X05830"}).json()
    detail = commune.get(f"/petitions/{transferred}").json()

    assert [item["reference"] for item in listed["items"]] == [transferred]
    assert detail["current_unit"]["code"] == "UBND-X05830"
    assert detail["receiving_unit"]["code"] == "BTCD-T19"
    running = {(t["rule_id"], t["unit"], t["started_on"]) for t in detail["time_limits"]}
    assert ("XLD-05", "UBND-X05830", today.isoformat()) in running
    assert ("TC-01", "UBND-X05830", today.isoformat()) in running
    assert not any(unit == "BTCD-T19" for _rule, unit, _start in running)  # A's were met


def test_the_sender_still_sees_it_and_can_urge_the_receiver(board, transferred):
    detail = board.get(f"/petitions/{transferred}")
    urged = board.post(
        f"/petitions/{transferred}/actions", {"action": "urge_follow_up", "note": "Đề nghị xử lý"}
    )

    assert detail.status_code == 200
    assert detail.json()["available_actions"] == []  # B holds it now
    assert urged.status_code == 200, urged.content.decode()
    assert "urging_letter" in {d["kind"] for d in urged.json()["documents"]}


def test_the_receiver_reports_back(caller, world, transferred):
    commune = caller(world.commune_triage)

    response = commune.post(
        f"/petitions/{transferred}/actions", {"action": "report_back", "note": "Đã thụ lý"}
    )

    assert response.status_code == 200, response.content.decode()
    events = commune.get(f"/petitions/{transferred}/events").json()
    assert events[-1]["action"] == "report_back"
    assert events[-1]["note"] == "Đã thụ lý"


def test_the_timeline_lists_each_step_with_actor_unit_and_states(board, transferred):
    events = board.get(f"/petitions/{transferred}/events").json()

    steps = [(e["action"], e["unit"], e["from_status"], e["to_status"]) for e in events]
    assert steps == [
        ("receive", "BTCD-T19", "", "received"),
        ("transfer", "BTCD-T19", "received", "received"),
        ("receive", "UBND-X05830", "", "received"),
    ]
    assert events[1]["actor"] == "xulydon"
    assert events[1]["action_label"] == "Chuyển đơn đến đơn vị trong hệ thống"
    assert events[1]["note"] == "Thuộc thẩm quyền xã"
    assert events[0]["at"].endswith("+07:00")


def test_an_unrelated_unit_gets_404_on_read_and_on_actions(caller, world, transferred):
    other = caller(world.other_triage)

    for response in (
        other.get(f"/petitions/{transferred}"),
        other.get(f"/petitions/{transferred}/events"),
        other.post(f"/petitions/{transferred}/actions", {"action": "file_away", "note": "x"}),
    ):
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy, hoặc bạn không được xem."}
    assert other.get("/petitions").json()["count"] == 0


def test_a_mixed_petition_is_split_into_parts_with_their_units(board, today):
    reference = board.post(
        "/petitions",
        petition_body(kind="mixed", kinds=["complaint", "denunciation"], summary="Nhiều việc"),
    ).json()["reference"]

    response = board.post(
        f"/petitions/{reference}/actions",
        {
            "action": "split",
            "parts": [
                {"kind": "complaint", "unit": "BTCD-T19", "summary": "Phần khiếu nại"},
                {"kind": "denunciation", "unit": "UBND-X05830", "summary": "Phần tố cáo"},
            ],
        },
    )

    assert response.status_code == 200, response.content.decode()
    assert response.json()["status"] == "split"
    part = board.get(f"/petitions/{reference}-1").json()
    assert part["reference"] == f"{reference}-1"
    assert part["kind"] == "complaint"
