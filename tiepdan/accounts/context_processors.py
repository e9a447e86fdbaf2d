"""Puts the signed-in official's unit, roles and capabilities in every template."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tiepdan.accounts.permissions import user_capabilities, user_memberships


def official(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    memberships = user_memberships(user)
    return {
        "official_memberships": memberships,
        "official_capabilities": {c.value for c in user_capabilities(user)},
    }
