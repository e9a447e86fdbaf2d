"""Puts the signed-in official's unread notification count in every page (the bell)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tiepdan.notifications.selectors import notification_unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": notification_unread_count(user=user)}
