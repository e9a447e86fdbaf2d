"""API tokens: issue, revoke, and resolve a presented token to the official it acts as."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.accounts.models import ApiToken, User
from tiepdan.accounts.permissions import ensure_capability, user_memberships
from tiepdan.accounts.roles import Capability
from tiepdan.audit.services import audit_record
from tiepdan.core import clock
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.core.text import nfc

# 32 random bytes (256 bits): a fast hash is enough to store it, unlike a password.
TOKEN_BYTES = 32
# Recording every call would make each read a write; a minute is precise enough to audit use.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def api_token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_ensure_may_manage(*, actor: Any, user: User) -> None:
    """Only who manages the official's accounts may issue or revoke a token acting as them.

    A token is as strong as a signed-in session without its idle timeout, so officials do not
    issue their own: a unit administrator of every unit the official works in (or a superuser)
    does. Raises PermissionDenied.
    """
    if getattr(actor, "is_superuser", False):
        return
    units = [m.org_unit for m in user_memberships(user)]
    if not units:
        ensure_capability(actor, Capability.MANAGE_OFFICIALS)
    for unit in units:
        ensure_capability(actor, Capability.MANAGE_OFFICIALS, unit)


@transaction.atomic
def api_token_create(*, actor: Any, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue a token that acts as `user`. Audited.

    Returns the token row and the raw token, which is shown once and never stored.
    `actor=None` only for the set-up command.
    """
    if actor is not None:
        api_token_ensure_may_manage(actor=actor, user=user)
    name = nfc(name).strip()
    if not name:
        message = _("Name the system that will use the token.")
        raise ValidationFailed(message, extra={"errors": {"name": message}})
    if not user.is_active:
        message = _("%(username)s is disabled; a token for them would not work.") % {
            "username": user.username
        }
        raise ValidationFailed(message, extra={"errors": {"user": message}})
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken.objects.create(
        user=user, name=name[:100], key_hash=api_token_hash(raw), prefix=raw[:8]
    )
    audit_record(
        actor=actor,
        action="api_token.create",
        obj=token,
        summary=f"Cấp khóa API “{token.name}” ({token.prefix}…) cho {user.username}",
        changes={"user": user.username, "name": token.name, "prefix": token.prefix},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token: calls with it are refused from now on. Audited; idempotent."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if actor is not None:
        api_token_ensure_may_manage(actor=actor, user=token.user)
    if token.revoked_at is not None:
        return token
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="api_token.revoke",
        obj=token,
        summary=f"Thu hồi khóa API “{token.name}” ({token.prefix}…) của {token.user.username}",
        changes={"revoked_at": token.revoked_at},
    )
    return token


def api_token_authenticate(*, raw: str) -> User | None:
    """The active official a presented token acts as, or None (unknown, revoked, disabled).

    Records when the token was last used, at most once a minute.
    """
    if not raw or len(raw) > 256:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=api_token_hash(raw), revoked_at=None)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
