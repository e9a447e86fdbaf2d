"""Authentication backend that refuses locked-out usernames and addresses."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from tiepdan.accounts.services import login_is_locked
from tiepdan.core.http import client_ip as shared_client_ip


def client_ip(request: HttpRequest | None) -> str:
    # Behind a trusted proxy every sign-in would otherwise share the proxy's address and its
    # per-address lockout (tiepdan.core.http).
    return shared_client_ip(request)[:45]


class LockoutBackend(ModelBackend):
    """ModelBackend behind the lockout check, for every sign-in form (workspace and admin)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username and login_is_locked(username=username, ip_address=client_ip(request)):
            # PermissionDenied stops Django from trying other backends and counts as a failure.
            raise PermissionDenied("locked out")
        return super().authenticate(request, username=username, password=password, **kwargs)
