"""The citizen senders against real local servers: an HTTP gateway in a thread, aiosmtpd."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tiepdan.notifications.senders import CitizenMessage, Contact, EmailSender, HttpSmsSender

MESSAGE = CitizenMessage(
    reference="ABCDE-FGHJK",
    subject="Đơn mã ABCDE-FGHJK: đã được thụ lý giải quyết",
    body="Chi tiết",
    contacts=(
        Contact(email="a@example.vn", phone="0912000001"),
        Contact(email="b@example.vn", phone=" 0912000002 "),
        Contact(email="a@example.vn", phone="0912000001"),  # the same person twice
        Contact(),
    ),
)


class Gateway:
    """An HTTP server on 127.0.0.1 that records each POST; `delay` makes it answer late."""

    def __init__(self, *, status: int = 200, delay: float = 0) -> None:
        self.received: list[dict] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.received.append({"headers": dict(self.headers), "json": json.loads(body)})
                time.sleep(delay)
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings) -> Iterator[Gateway]:  # type: ignore[no-untyped-def]
    server = Gateway()
    settings.SMS_GATEWAY_URL = server.url
    yield server
    server.close()


def test_the_sms_sender_is_off_by_default(gateway):
    from django.conf import settings

    assert settings.SMS_ENABLED is False
    sender = HttpSmsSender()
    assert not sender.reaches(Contact(phone="0912000001"))
    assert sender.send(MESSAGE) == 0
    assert gateway.received == []


def test_the_sms_sender_posts_one_request_per_phone_with_the_subject_only(settings, gateway):
    settings.SMS_ENABLED, settings.SMS_GATEWAY_TOKEN = True, "bi-mat"
    assert HttpSmsSender().send(MESSAGE) == 2
    assert [r["json"] for r in gateway.received] == [
        {"to": "0912000001", "text": MESSAGE.subject, "reference": "ABCDE-FGHJK"},
        {"to": "0912000002", "text": MESSAGE.subject, "reference": "ABCDE-FGHJK"},
    ]
    assert {r["headers"]["Authorization"] for r in gateway.received} == {"Bearer bi-mat"}
    assert all(
        r["headers"]["Content-Type"].startswith("application/json") for r in gateway.received
    )


def test_a_gateway_that_does_not_answer_times_out_as_an_oserror(settings):
    slow = Gateway(delay=3)
    try:
        settings.SMS_ENABLED, settings.SMS_GATEWAY_URL = True, slow.url
        settings.SMS_GATEWAY_TIMEOUT = 1
        started = time.monotonic()
        with pytest.raises(OSError):  # a timeout is an OSError: the Celery task retries it
            HttpSmsSender().send(MESSAGE)
        assert time.monotonic() - started < 2.5
    finally:
        slow.close()


def test_a_gateway_error_is_an_oserror(settings):
    failing = Gateway(status=500)
    try:
        settings.SMS_ENABLED, settings.SMS_GATEWAY_URL = True, failing.url
        with pytest.raises(OSError, match="500"):
            HttpSmsSender().send(MESSAGE)
        assert len(failing.received) == 1  # it stops at the first failure; the retry resends
    finally:
        failing.close()


def test_the_email_sender_sends_each_address_its_own_mail(smtp_server):
    assert EmailSender().send(MESSAGE) == 2
    assert [m["to"] for m in smtp_server.messages] == [["a@example.vn"], ["b@example.vn"]]
