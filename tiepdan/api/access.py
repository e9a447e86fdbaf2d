"""Access rules for the API's URLs: the token (or session) is checked by ninja, not by the login
redirect, so every API route is `login_not_required` and declares the rule "api"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver

from tiepdan.core.access import PUBLIC, declare_access

# Answers 401 (JSON) to a call without a valid token or session, never a redirect to sign in.
API = "api"
# The OpenAPI document and its browser page describe the API and hold no data; the root only
# answers 404.
PUBLIC_URL_NAMES = frozenset({"openapi-json", "openapi-view", "api-root"})


def api_access_declare(patterns: Sequence[URLPattern | URLResolver]) -> None:
    """Mark every callback of ninja's URL patterns (in place) with its access rule."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            api_access_declare(entry.url_patterns)
            continue
        callback: Any = entry.callback
        declare_access(
            login_not_required(callback), PUBLIC if entry.name in PUBLIC_URL_NAMES else API
        )
