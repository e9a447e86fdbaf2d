"""Periodic petition jobs (thin: they call one service)."""

from __future__ import annotations

from celery import shared_task

from tiepdan.petitions.services import deadline_scan


@shared_task(name="petitions.deadline_scan")
def deadline_scan_task() -> dict[str, int]:
    return deadline_scan()


@shared_task(
    name="petitions.petitioner_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=8,
)
def petitioner_email_task(petition_id: int, subject: str, body: str, addresses: list[str]) -> int:
    """E-mail the petitioner; retried while the mail server does not answer.

    Kept for messages queued before `petitioner_send_task` replaced it; nothing queues it now.
    """
    from django.core.mail import send_mail

    return send_mail(subject, body, None, addresses)


@shared_task(
    name="petitions.petitioner_send",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=8,
)
def petitioner_send_task(sender: str, petition_id: int, subject: str, body: str) -> int:
    """Tell the petitioner through one sender (e-mail, SMS); retried while it cannot deliver."""
    from tiepdan.petitions.services.notify import petitioner_send

    return petitioner_send(sender=sender, petition_id=petition_id, subject=subject, body=body)
