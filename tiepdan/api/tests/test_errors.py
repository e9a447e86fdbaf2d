"""Errors come back as {"detail", "errors"} with the right status, in Vietnamese by default."""

from __future__ import annotations

import pytest
from django.test import Client

from tiepdan.api.tests.conftest import Caller, petition_body


@pytest.fixture
def board(caller, world):
    return caller(world.triage)


@pytest.fixture
def reference(board):
    return board.post("/petitions", petition_body()).json()["reference"]


def test_an_action_the_status_does_not_allow_is_409_with_a_vietnamese_message(board, reference):
    response = board.post(f"/petitions/{reference}/actions", {"action": "accept"})

    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail.startswith("Không thể thực hiện “")
    assert detail.endswith("khi đơn đang ở trạng thái “Đã tiếp nhận, chờ xử lý”.")


def test_an_action_the_callers_role_does_not_allow_is_403(caller, world, reference):
    response = caller(world.reception).post(
        f"/petitions/{reference}/actions", {"action": "file_away", "note": "Trùng"}
    )

    assert response.status_code == 403
    assert response.json()["detail"].startswith("Bạn không có quyền")


def test_what_an_action_requires_is_reported_on_its_field(board, reference):
    response = board.post(f"/petitions/{reference}/actions", {"action": "transfer"})

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Hãy chọn đơn vị nhận đơn.",
        "errors": {"to_unit": "Hãy chọn đơn vị nhận đơn."},
    }


def test_an_unknown_unit_code_is_reported_on_its_field(board, reference):
    response = board.post(
        f"/petitions/{reference}/actions", {"action": "transfer", "to_unit": "KHONG-CO"}
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"to_unit": "Không có đơn vị nào mang mã “KHONG-CO”."}


def test_the_services_checks_come_back_per_field(board):
    body = petition_body(
        summary="  ",
        received_on="2026-12-31",
        petitioners=[{"full_name": "Nguyễn Văn Đức", "citizen_id": "12345"}],
    )

    response = board.post("/petitions", body)

    assert response.status_code == 400
    data = response.json()
    assert data["detail"].startswith("Đơn chưa được lưu: có 3 ")
    assert data["errors"] == {
        "summary": "Hãy ghi tóm tắt nội dung đơn.",
        "received_on": "Ngày nhận đơn không được ở tương lai.",
        "petitioners.0.citizen_id": "Số căn cước phải có đúng 12 chữ số.",
    }


def test_malformed_input_is_422_with_a_vietnamese_message_per_field(board):
    body = petition_body(received_on="02/03/2026", channel="fax", respondent_name="Trần Văn Nam")
    del body["kind"]
    body["petitioners"][0]["full_name"] = "x" * 300

    response = board.post("/petitions", body)

    assert response.status_code == 422
    data = response.json()
    assert data["detail"] == "Yêu cầu có 5 trường không hợp lệ: xem “errors”."
    assert data["errors"]["kind"] == "Trường này là bắt buộc."
    assert data["errors"]["received_on"].startswith("Hãy nhập ngày theo dạng YYYY-MM-DD")
    assert data["errors"]["channel"].startswith("Hãy chọn một trong các giá trị: 'in_person',")
    assert data["errors"]["respondent_name"] == (
        "API không có trường này; hãy kiểm tra lại tên trường."
    )
    assert data["errors"]["petitioners.0.full_name"] == "Chỉ được nhập tối đa 255 ký tự."


def test_bad_query_parameters_are_422(board):
    response = board.get("/petitions", {"limit": 500, "status": "lost"})

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"limit", "status"}
    assert response.json()["errors"]["limit"] == "Hãy nhập số không lớn hơn 100."


def test_a_body_that_is_not_json_is_400(board):
    response = board.client.post(
        "/api/v1/petitions",
        data="{not json",
        content_type="application/json",
        headers=board.headers,
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Nội dung yêu cầu không phải là JSON hợp lệ."}


def test_messages_follow_the_requests_language(board, reference):
    response = board.post(
        f"/petitions/{reference}/actions", {"action": "accept"}, **{"Accept-Language": "en"}
    )

    assert response.json()["detail"].startswith("“Approve acceptance” is not possible")


def test_a_bug_is_a_500_without_its_trace(caller, world, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("tiepdan.api.petitions.petition_inbox", broken)
    token_caller = caller(world.triage)
    quiet = Caller(Client(raise_request_exception=False), None)
    quiet.headers = token_caller.headers

    response = quiet.get("/petitions")

    assert response.status_code == 500
    assert response.json() == {
        "detail": "Lỗi hệ thống; lỗi đã được ghi lại để quản trị viên xử lý."
    }
    assert "secret internals" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
