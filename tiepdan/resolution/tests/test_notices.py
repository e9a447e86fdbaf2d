"""The petitioner is told of each stage by e-mail (a real SMTP server) and, when on, by SMS."""

from __future__ import annotations

import datetime as dt
import json
import threading
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tiepdan.notifications.senders import CitizenMessage, Contact, HttpSmsSender
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.services import PetitionerData
from tiepdan.resolution.services import resolution_set_complexity, resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at

EMAIL = "tiepdan.notifications.senders.EmailSender"
SMS = "tiepdan.notifications.senders.HttpSmsSender"


RECEIPT = "Đơn đã được tiếp nhận"  # the receipt notice: tested in petitions/tests/test_notify.py


def _mails(smtp_server) -> list:
    """The notices of the resolution stages (the receipt notice left out)."""
    mails = [
        (sent["to"], message_from_bytes(sent["raw"], policy=policy.default))
        for sent in smtp_server.messages
    ]
    return [(to, m) for to, m in mails if RECEIPT not in m["Subject"]]


def _told(case) -> list:
    events = case.petition.events.filter(action="petitioner_notified")
    return [e for e in events if not e.data["subject"].startswith(RECEIPT)]


def _accept(world, capture, **extra):
    with capture(execute=True):
        return accepted(
            world,
            received_on=dt.date(2026, 3, 2),
            accepted_on=dt.date(2026, 3, 4),
            **extra,
        )


def _move(world, case, capture, day, action, **kw):
    actor = world.resolver if action == "start_verification" else world.leader
    with at(day), capture(execute=True):
        resolution_transition(actor=actor, resolution_id=case.pk, action=action, **kw)


def test_a_complainant_is_told_of_acceptance_suspension_resume_and_the_decision(
    world, smtp_server, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    case = _accept(
        world,
        capture,
        kind="complaint",
        petitioners=[PetitionerData(full_name="Lê Thị Hoa", email="hoa@example.vn")],
    )
    _move(world, case, capture, dt.date(2026, 3, 10), "suspend", note="Chờ giám định")
    _move(world, case, capture, dt.date(2026, 3, 20), "resume", note="Có kết quả")
    _move(world, case, capture, dt.date(2026, 3, 23), "start_verification")
    _move(
        world,
        case,
        capture,
        dt.date(2026, 3, 25),
        "decide",
        outcome="founded",
        note="Hủy quyết định thu hồi đất",
    )
    mails = _mails(smtp_server)
    assert [to for to, _m in mails] == [["hoa@example.vn"]] * 4
    subjects = [m["Subject"] for _to, m in mails]
    code = tracking_code_display(case.petition.tracking_code)
    assert all(code in s for s in subjects)
    assert "thụ lý" in subjects[0]
    assert "tạm đình chỉ" in subjects[1]
    assert "tiếp tục" in subjects[2]
    assert "quyết định giải quyết khiếu nại" in subjects[3]
    bodies = [m.get_content() for _to, m in mails]
    case.refresh_from_db()
    documents = case.petition.documents
    assert documents.get(kind="acceptance_notice").number in bodies[0]
    assert documents.get(kind="suspension_decision").number in bodies[1]
    assert f"đến ngày {case.due_on:%d/%m/%Y}" in bodies[2]  # the limit runs on from the resume
    assert documents.get(kind="complaint_decision").number in bodies[3]
    assert "Khiếu nại là đúng" in bodies[3]
    assert "Trong thời hạn 30 ngày" in bodies[3]  # KN-06
    assert len(_told(case)) == 4


def test_a_denouncer_is_told_each_stage_on_their_own_address_and_nothing_more(
    world, smtp_server, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    case = _accept(
        world,
        capture,
        kind="denunciation",
        petitioners=[
            PetitionerData(full_name="Nguyễn Văn Đức", email="duc@example.vn"),
            PetitionerData(full_name="Hoàng Thị Lan", email="lan@example.vn"),
        ],
    )
    with at(dt.date(2026, 3, 9)):
        resolution_set_complexity(
            actor=world.leader, resolution_id=case.pk, criteria=["several_places"]
        )
    _move(world, case, capture, dt.date(2026, 3, 9), "extend", note="Xác minh tại hai xã")
    _move(world, case, capture, dt.date(2026, 3, 10), "suspend", note="Chờ giám định")
    _move(world, case, capture, dt.date(2026, 3, 20), "resume", note="Có kết quả")
    _move(world, case, capture, dt.date(2026, 3, 23), "start_verification")
    _move(
        world,
        case,
        capture,
        dt.date(2026, 3, 25),
        "decide",
        outcome="founded",
        note="Ông Trần Văn Nam nhận tiền",
    )
    mails = _mails(smtp_server)
    # Five stages, each to every denouncer separately: nobody sees another one's address.
    assert sorted(tuple(to) for to, _m in mails) == sorted(
        [("duc@example.vn",)] * 5 + [("lan@example.vn",)] * 5
    )
    stages = ["thụ lý", "gia hạn", "tạm đình chỉ", "tiếp tục", "kết quả"]
    duc = [m for to, m in mails if to == ["duc@example.vn"]]
    for stage, message in zip(stages, duc, strict=True):
        assert stage in message["Subject"]
        text = message["Subject"] + message.get_content()
        for beyond_the_stage in (
            "Trần Văn Nam",  # the accused
            "địa chính",  # the content
            "Tố cáo đúng",  # the outcome
            "QĐ-",  # a document number
            "KL-",
            "Hoàng Thị Lan",
            "lan@example.vn",
            "tố cáo",  # not even the word: the subject may be read by others
        ):
            assert beyond_the_stage not in text
    assert len(_told(case)) == 5


def test_a_citizen_with_no_contact_is_not_queued_and_no_event_is_written(
    world, smtp_server, django_capture_on_commit_callbacks
):
    case = _accept(
        world,
        django_capture_on_commit_callbacks,
        kind="complaint",
        petitioners=[PetitionerData(full_name="Lê Thị Hoa")],
    )
    assert smtp_server.messages == []
    assert not case.petition.events.filter(action="petitioner_notified").exists()


def test_a_recommendation_answer_is_mailed(world, smtp_server, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    case = _accept(
        world,
        capture,
        kind="recommendation",
        petitioners=[PetitionerData(full_name="Phạm Văn Bình", email="binh@example.vn")],
    )
    with at(dt.date(2026, 3, 20)), capture(execute=True):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="decide", note="Sẽ sửa đường"
        )
    subjects = [m["Subject"] for _to, m in _mails(smtp_server)]
    assert len(subjects) == 2
    assert "đã được trả lời" in subjects[1]


# --- SMS / messaging-app gateway -------------------------------------------------------------


class Gateway:
    """A tiny HTTP server on 127.0.0.1 that records what it is sent; nothing leaves the host."""

    def __init__(self, status: int = 200) -> None:
        self.requests: list[dict] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                gateway.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "json": json.loads(self.rfile.read(length)),
                    }
                )
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Gateway:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings):
    with Gateway() as server:
        settings.SMS_GATEWAY_URL = server.url
        settings.SMS_GATEWAY_TOKEN = "test-token"
        settings.PETITIONER_SENDERS = [EMAIL, SMS]
        yield server


def test_the_sms_gateway_gets_the_stage_when_enabled(
    world, settings, gateway, smtp_server, django_capture_on_commit_callbacks
):
    settings.SMS_ENABLED = True
    case = _accept(
        world,
        django_capture_on_commit_callbacks,
        kind="denunciation",
        petitioners=[PetitionerData(full_name="Nguyễn Văn Đức", phone="0912345678")],
    )
    code = tracking_code_display(case.petition.tracking_code)
    receipt, request = gateway.requests
    assert receipt["json"]["text"] == f"{RECEIPT}, mã tra cứu {code}"
    assert request["path"] == "/sms"
    assert request["headers"]["Authorization"] == "Bearer test-token"
    assert request["json"] == {
        "to": "0912345678",
        "text": f"Đơn mã {code}: đã được thụ lý giải quyết",
        "reference": code,
    }
    assert smtp_server.messages == []  # no e-mail address: the e-mail sender is not queued
    event = case.petition.events.filter(action="petitioner_notified").latest("pk")
    assert event.data["how"] == ["sms"]


def test_the_sms_gateway_is_not_called_when_disabled(
    world, settings, gateway, django_capture_on_commit_callbacks
):
    settings.SMS_ENABLED = False
    case = _accept(
        world,
        django_capture_on_commit_callbacks,
        kind="complaint",
        petitioners=[PetitionerData(full_name="Lê Thị Hoa", phone="0912345678")],
    )
    assert gateway.requests == []
    assert not case.petition.events.filter(action="petitioner_notified").exists()


def test_a_gateway_error_raises_oserror_so_the_task_retries(settings):
    message = CitizenMessage(
        reference="ABCDE-FGHJK", subject="s", body="b", contacts=(Contact(phone="0912"),)
    )
    with Gateway(status=503) as server:
        settings.SMS_ENABLED = True
        settings.SMS_GATEWAY_URL = server.url
        with pytest.raises(OSError, match="503"):
            HttpSmsSender().send(message)
        assert len(server.requests) == 1


def test_only_http_gateways_are_used(settings):
    settings.SMS_ENABLED = True
    settings.SMS_GATEWAY_URL = "file:///etc/passwd"
    message = CitizenMessage(reference="x", subject="s", body="b", contacts=(Contact(phone="1"),))
    with pytest.raises(ValueError, match="http"):
        HttpSmsSender().send(message)
