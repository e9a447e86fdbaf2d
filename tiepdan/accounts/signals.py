"""Sign-in events: count failures for lockout, and journal every sign-in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from tiepdan.accounts.backends import client_ip
from tiepdan.accounts.services import audit_login, login_failure_record, login_failures_clear


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))
    ip_address = client_ip(request)
    login_failure_record(username=username, ip_address=ip_address)
    user = get_user_model().objects.filter(username__iexact=username).first()
    audit_login(user=user, succeeded=False, username=username, ip_address=ip_address)


@receiver(user_logged_in)
def on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    login_failures_clear(username=user.get_username())
    audit_login(
        user=user, succeeded=True, username=user.get_username(), ip_address=client_ip(request)
    )
