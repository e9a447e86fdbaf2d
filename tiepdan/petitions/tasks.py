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
    """E-mail the petitioner; retried while the mail server does not answer."""
    from django.core.mail import send_mail

    return send_mail(subject, body, None, addresses)
