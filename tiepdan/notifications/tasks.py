"""E-mail delivery of notifications, retried when the mail server does not answer."""

from __future__ import annotations

from celery import shared_task

from tiepdan.notifications.services import notification_email


@shared_task(
    name="notifications.notification_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notification_email_task(notification_ids: list[int]) -> int:
    return notification_email(notification_ids=notification_ids)
