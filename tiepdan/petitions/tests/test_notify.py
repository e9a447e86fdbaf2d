"""Telling the petitioner: at receipt and at acceptance, by e-mail through a real SMTP server on
loopback, each person on their own, retried by the Celery task when the mail server fails."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from django.test import TestCase
from django.urls import reverse

from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.services import PetitionerData, petition_transition
from tiepdan.petitions.services.notify import TRACKING_PATH
from tiepdan.petitions.tasks import petitioner_send_task
from tiepdan.petitions.tests.conftest import receive
from tiepdan.petitions.workflow import Status

EMAIL = "tiepdan.notifications.senders.EmailSender"


def on_commit():  # type: ignore[no-untyped-def]
    """Run the callbacks queued with on_commit (the test's transaction never commits)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def mails(inbox) -> list[tuple[list[str], EmailMessage]]:  # type: ignore[no-untyped-def]
    return [
        (sent["to"], message_from_bytes(sent["raw"], policy=policy.default))
        for sent in inbox.messages
    ]


def subject(message: EmailMessage) -> str:
    return str(message["Subject"]).strip()


def accept(world, petition) -> None:  # type: ignore[no-untyped-def]
    petition_transition(
        actor=world.triage, petition_id=petition.pk, action="propose_acceptance", note="Đủ ĐK"
    )
    petition_transition(actor=world.leader, petition_id=petition.pk, action="accept")


def test_an_accepted_petition_is_emailed_through_a_real_smtp_server(world, smtp_server):
    petition = receive(
        world,
        kind="complaint",
        petitioners=[PetitionerData(full_name="Lê Thị Hoa", email="hoa@example.vn")],
    )
    with on_commit():
        accept(world, petition)
    (to, message), *_more = mails(smtp_server)
    assert _more == []  # the receipt was never committed here: only the acceptance
    code = tracking_code_display(petition.tracking_code)
    assert to == ["hoa@example.vn"]
    assert subject(message) == f"Đơn mã {code}: đã được thụ lý giải quyết"
    body = message.get_content()
    assert "Thời hạn giải quyết: đến ngày" in body
    assert f"http://127.0.0.1:8000{TRACKING_PATH}" in body


def test_the_receipt_notice_gives_the_code_and_where_to_follow_it_but_never_a_pin(
    world, smtp_server, settings
):
    settings.SITE_URL = "https://tiepdan.example.gov.vn/"
    with on_commit():
        petition = receive(
            world,
            kind="recommendation",
            petitioners=[PetitionerData(full_name="Phạm Văn Bình", email="binh@example.vn")],
        )
    ((to, message),) = mails(smtp_server)
    code = tracking_code_display(petition.tracking_code)
    assert to == ["binh@example.vn"]
    assert subject(message) == f"Đơn đã được tiếp nhận, mã tra cứu {code}"
    body = message.get_content()
    assert "ngày 02/03/2026 tại Ban Tiếp công dân tỉnh" in body
    assert f"Mã tra cứu: {code}." in body
    assert "https://tiepdan.example.gov.vn/cong-khai/tra-cuu/" in body
    assert "mã PIN không bao giờ được gửi" in body  # it says so, and sends none
    event = petition.events.get(action="petitioner_notified")
    assert event.data["how"] == ["email"]


def test_a_petition_without_a_contact_is_received_without_a_notice(world, smtp_server):
    with on_commit():
        petition = receive(world, kind="complaint")  # a name, an address, no e-mail or phone
    assert smtp_server.messages == []
    assert not petition.events.filter(action="petitioner_notified").exists()


def test_each_denouncer_gets_a_neutral_receipt_and_transfer_notice_alone(world, smtp_server):
    people = [
        PetitionerData(full_name="Nguyễn Văn Đức", email="duc@example.vn", phone="0912000001"),
        PetitionerData(full_name="Hoàng Thị Lan", email="lan@example.vn"),
    ]
    with on_commit():
        petition = receive(world, kind="denunciation", petitioners=people)
    with on_commit():
        petition_transition(
            actor=world.triage, petition_id=petition.pk, action="transfer", to_unit=world.commune
        )
    # The officials of the receiving unit are told too (in-app and e-mail): not our concern here.
    sent = [(to, m) for to, m in mails(smtp_server) if to[0].endswith("@example.vn")]
    assert sorted(tuple(to) for to, _m in sent) == sorted(
        [("duc@example.vn",), ("lan@example.vn",)] * 2
    )
    for to, message in sent:
        text = subject(message) + str(message["To"]) + message.get_content()
        assert str(message["To"]) == to[0]
        assert message["Cc"] is None
        assert message["Bcc"] is None
        other = "lan" if to == ["duc@example.vn"] else "duc"
        for beyond in (f"{other}@example.vn", "Hoàng Thị Lan", "Nguyễn Văn Đức", "0912000001"):
            assert beyond not in text
        for matter in ("Trần Văn Nam", "địa chính", "tố cáo", "Ban Tiếp công dân tỉnh"):
            assert matter not in text  # neutral: not even the receiving agency at receipt


def test_the_task_retries_when_the_mail_server_refuses_and_then_delivers(world, settings):
    """A server that answers 451 once: the task raises, Celery retries it, the second try lands."""
    from aiosmtpd.controller import Controller

    class RefusesOnce:
        def __init__(self) -> None:
            self.attempts = 0
            self.delivered: list[list[str]] = []

        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
            self.attempts += 1
            if self.attempts == 1:
                return "451 4.3.0 Try again later"
            self.delivered.append(list(envelope.rcpt_tos))
            return "250 OK"

    petition = receive(
        world,
        kind="feedback",
        petitioners=[PetitionerData(full_name="Lê Thị Hoa", email="hoa@example.vn")],
    )
    handler = RefusesOnce()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        # throw=False: run as a worker does, where a failure is a retry, not an exception.
        result = petitioner_send_task.apply(
            args=[EMAIL, petition.pk, "Đơn mã X", "Nội dung"], throw=False
        )
    finally:
        controller.stop()
    assert result.successful()
    assert result.get() == 1
    assert handler.attempts == 2
    assert handler.delivered == [["hoa@example.vn"]]


def test_the_task_is_retried_with_backoff_on_delivery_errors():
    # OSError covers smtplib's errors, refused connections, timeouts and gateway errors.
    assert petitioner_send_task.autoretry_for == (OSError,)
    assert petitioner_send_task.retry_backoff is True
    assert petitioner_send_task.max_retries == 8


@pytest.mark.django_db(transaction=True)
def test_a_closed_mail_port_never_fails_the_officials_page(world, client, settings):
    """The acceptance commits and the page answers; the notice is the task's problem."""
    petition = receive(
        world,
        kind="complaint",
        petitioners=[PetitionerData(full_name="Lê Thị Hoa", email="hoa@example.vn")],
    )
    petition_transition(
        actor=world.triage, petition_id=petition.pk, action="propose_acceptance", note="Đủ ĐK"
    )
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed, 2
    client.force_login(world.leader)
    response = client.post(
        reverse("petitions:transition", kwargs={"reference": petition.reference}),
        {"action": "accept"},
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == Status.ACCEPTED
    assert petition.events.filter(action="petitioner_notified").count() == 2  # receipt, acceptance
