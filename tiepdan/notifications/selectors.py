from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tiepdan.notifications.models import Notification


def notification_list_for_user(*, user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def notification_unread_count(*, user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).count()
