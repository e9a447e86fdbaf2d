"""Sending notifications to officials: an in-app row now, an e-mail after commit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from tiepdan.core import clock
from tiepdan.notifications.models import Notification


def notification_send(
    *, recipients: Iterable[Any], title: str, body: str = "", link: str = ""
) -> list[Notification]:
    """Notify each official once (duplicates removed). Sends the e-mail copies after commit."""
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    now = clock.now()
    rows = Notification.objects.bulk_create(
        [
            Notification(recipient=user, title=title[:255], body=body, link=link, created_at=now)
            for user in unique.values()
        ]
    )
    if any(user.email for user in unique.values()):
        from tiepdan.notifications.tasks import notification_email_task

        ids = [row.pk for row in rows if row.pk is not None]
        if ids:
            transaction.on_commit(lambda: notification_email_task.delay(ids))
    return rows


def notification_mark_read(*, user: Any, notification_id: int) -> None:
    Notification.objects.filter(pk=notification_id, recipient=user, read_at=None).update(
        read_at=clock.now()
    )


def notification_mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of the official as read; return how many."""
    return Notification.objects.filter(recipient=user, read_at=None).update(read_at=clock.now())


def notification_email(*, notification_ids: list[int]) -> int:
    """Send the e-mail copy of each notification not yet e-mailed; return how many were sent."""
    from django.conf import settings
    from django.core.mail import send_mail

    sent = 0
    for row in Notification.objects.filter(pk__in=notification_ids, emailed_at=None).select_related(
        "recipient"
    ):
        if not row.recipient.email:
            continue
        body = row.body + (f"\n\n{settings.SITE_URL}{row.link}" if row.link else "")
        send_mail(row.title, body, None, [row.recipient.email])
        Notification.objects.filter(pk=row.pk).update(emailed_at=clock.now())
        sent += 1
    return sent
