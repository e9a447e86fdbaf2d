"""Writes about officials: sign-in failures and lockout, officials and their memberships."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.accounts.models import LoginFailure, Membership, User
from tiepdan.accounts.permissions import ensure_capability
from tiepdan.accounts.roles import Capability, Role
from tiepdan.audit.services import audit_record
from tiepdan.core import clock
from tiepdan.core.exceptions import PermissionDenied, ValidationFailed
from tiepdan.organizations.models import OrgUnit


def _window_start() -> dt.datetime:
    return clock.now() - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def login_is_locked(*, username: str, ip_address: str = "") -> bool:
    """Too many recent failures for this username, or from this address."""
    since = _window_start()
    recent = LoginFailure.objects.filter(at__gte=since)
    limit = settings.LOGIN_MAX_FAILURES
    if recent.filter(username__iexact=username).count() >= limit:
        return True
    # An address gets more room than a username: several officials may share one office NAT.
    return bool(ip_address) and recent.filter(ip_address=ip_address).count() >= limit * 4


def login_failure_record(*, username: str, ip_address: str = "") -> None:
    LoginFailure.objects.create(username=username[:150], ip_address=ip_address, at=clock.now())


def login_failures_clear(*, username: str) -> None:
    """A successful sign-in forgets the username's earlier failures."""
    LoginFailure.objects.filter(username__iexact=username).delete()


def login_failures_prune(*, older_than_days: int = 30) -> int:
    deleted, _ = LoginFailure.objects.filter(
        at__lt=clock.now() - dt.timedelta(days=older_than_days)
    ).delete()
    return deleted


@transaction.atomic
def official_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    full_name: str,
    email: str = "",
    position: str = "",
    phone: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create an official's account. Audited. `actor=None` only for set-up commands."""
    if actor is not None:
        ensure_capability(actor, Capability.MANAGE_OFFICIALS)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationFailed(
            _("The username %(username)s is already taken.") % {"username": username}
        )
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        position=position,
        phone=phone,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit_record(
        actor=actor,
        action="official.create",
        obj=user,
        summary=f"Tạo tài khoản {username}",
        changes={"username": username, "full_name": full_name, "is_staff": is_staff},
    )
    return user


@transaction.atomic
def membership_grant(
    *, actor: User | None, user: User, org_unit: OrgUnit, role: Role | str
) -> Membership:
    """Give an official a role in a unit (idempotent). Audited.

    A unit administrator may grant roles in their own unit only; a system administrator anywhere.
    """
    role = Role(role)
    if actor is not None:
        ensure_capability(actor, Capability.MANAGE_OFFICIALS, org_unit)
        if actor.pk == user.pk:
            # A role can unlock protected data (a leader sees denouncers): a second person
            # must grant it.
            raise PermissionDenied(_("You cannot give yourself a role; ask another administrator."))
    membership, created = Membership.objects.get_or_create(
        user=user, org_unit=org_unit, role=role, defaults={"is_active": True}
    )
    if not created and membership.is_active:
        return membership
    if not created:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=actor,
        action="membership.grant",
        obj=membership,
        unit=org_unit,
        summary=f"Giao vai trò {role.label} cho {user.username}",
        changes={"user": user.username, "role": role.value, "org_unit": org_unit.code},
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: User, membership: Membership) -> Membership:
    ensure_capability(actor, Capability.MANAGE_OFFICIALS, membership.org_unit)
    if not membership.is_active:
        return membership
    membership.is_active = False
    membership.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=actor,
        action="membership.revoke",
        obj=membership,
        unit=membership.org_unit,
        summary=f"Thu hồi vai trò {membership.get_role_display()} của {membership.user.username}",
        changes={"is_active": {"from": True, "to": False}},
    )
    return membership


def audit_login(*, user: Any, succeeded: bool, username: str, ip_address: str) -> None:
    audit_record(
        actor=user if succeeded else None,
        action="login.success" if succeeded else "login.failure",
        object_type="accounts.User",
        object_id=user.pk if user is not None else "",
        summary=(
            f"Đăng nhập {'thành công' if succeeded else 'thất bại'}: {username} từ {ip_address}"
        ),
        changes={"username": username, "ip_address": ip_address},
    )
