"""Facts about the HTTP request shared by every app."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest | None, *, unknown: str = "") -> str:
    """The client's address: REMOTE_ADDR, or behind a trusted proxy (TRUST_X_FORWARDED_FOR) the
    address it added last to X-Forwarded-For (the earlier entries are whatever the client sent,
    so not trusted). Sign-in lockout and the portal's rate limits count by it; `unknown` when no
    usable address is found."""
    if request is None:
        return unknown
    candidates = []
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        candidates = [part.strip() for part in forwarded.split(",") if part.strip()][-1:]
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return unknown
