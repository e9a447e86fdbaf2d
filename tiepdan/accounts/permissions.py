"""Who may do what, where: the one place views, services and the API ask."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tiepdan.accounts.models import Membership, User
from tiepdan.accounts.roles import (
    GLOBAL_CAPABILITIES,
    SUPERVISING_ROLES,
    SUPERVISORY_CAPABILITIES,
    Capability,
    Role,
    capabilities_of,
)
from tiepdan.core.access import declare_access
from tiepdan.core.exceptions import PermissionDenied
from tiepdan.organizations.models import OrgUnit
from tiepdan.organizations.selectors import org_unit_supervised_root

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])


def user_memberships(user: Any) -> list[Membership]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached: list[Membership] | None = getattr(user, "_tiepdan_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True).select_related("org_unit")
        )
        user._tiepdan_memberships = cached
    return cached


def user_has_capability(user: Any, capability: Capability) -> bool:
    """Whether any of the official's roles grants the capability (in some unit)."""
    return any(capability in capabilities_of(m.role) for m in user_memberships(user))


def user_capabilities(user: Any) -> frozenset[Capability]:
    caps: set[Capability] = set()
    for membership in user_memberships(user):
        caps |= capabilities_of(membership.role)
    return frozenset(caps)


def _scope_roots(user: Any, capability: Capability) -> tuple[list[OrgUnit], list[OrgUnit]]:
    """(units whose whole subtree is in scope, units in scope alone)."""
    subtree_roots: list[OrgUnit] = []
    single: list[OrgUnit] = []
    for membership in user_memberships(user):
        if capability not in capabilities_of(membership.role):
            continue
        unit = membership.org_unit
        supervises = capability in SUPERVISORY_CAPABILITIES and (
            Role(membership.role) in SUPERVISING_ROLES or unit.kind == OrgUnit.Kind.INSPECTORATE
        )
        if supervises:
            subtree_roots.append(org_unit_supervised_root(unit))
        else:
            single.append(unit)
    return subtree_roots, single


def units_in_scope(user: Any, capability: Capability) -> QuerySet[OrgUnit]:
    """The units where the official may use the capability.

    Own unit for every role; for leaders and inspectorate staff, read-only capabilities reach the
    units under their supervision; system-wide capabilities reach every unit.
    """
    if capability in GLOBAL_CAPABILITIES and user_has_capability(user, capability):
        return OrgUnit.objects.all()
    subtree_roots, single = _scope_roots(user, capability)
    condition = Q(pk__in=[u.pk for u in single])
    for root in subtree_roots:
        condition |= Q(path__startswith=root.path)
    return OrgUnit.objects.filter(condition)


def user_can_in_unit(user: Any, capability: Capability, unit: OrgUnit) -> bool:
    if capability in GLOBAL_CAPABILITIES:
        return user_has_capability(user, capability)
    subtree_roots, single = _scope_roots(user, capability)
    return any(u.pk == unit.pk for u in single) or any(
        unit.path.startswith(root.path) for root in subtree_roots
    )


def ensure_capability(user: Any, capability: Capability, unit: OrgUnit | None = None) -> None:
    """Raise PermissionDenied unless the official may use the capability (in the unit)."""
    allowed = (
        user_can_in_unit(user, capability, unit)
        if unit is not None
        else user_has_capability(user, capability)
    )
    if not allowed:
        raise PermissionDenied(
            _("You do not have the right to do this (%(capability)s).")
            % {"capability": Capability(capability).label}
        )


def ensure_any_capability(user: Any, capabilities: Sequence[Capability], unit: OrgUnit) -> None:
    """Raise PermissionDenied, naming the first capability, unless the official holds one of
    them in the unit. Services call it before looking at an object's state, so that someone
    with no say in the unit learns nothing about it."""
    if not any(user_can_in_unit(user, capability, unit) for capability in capabilities):
        ensure_capability(user, capabilities[0], unit)


def primary_membership(user: Any) -> Membership | None:
    memberships = user_memberships(user)
    return memberships[0] if memberships else None


def capability_required(capability: Capability) -> Callable[[ViewFunc], ViewFunc]:
    """View decorator: signed-in official holding the capability in some unit; else a 403 page."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not user_has_capability(request.user, capability):
                return render(
                    request,
                    "403.html",
                    {"reason": Capability(capability).label},
                    status=403,
                )
            return view(request, *args, **kwargs)

        return declare_access(wrapper, f"capability:{capability}")  # type: ignore[return-value]

    return decorator


__all__ = [
    "Capability",
    "Role",
    "User",
    "capability_required",
    "ensure_any_capability",
    "ensure_capability",
    "primary_membership",
    "units_in_scope",
    "user_can_in_unit",
    "user_capabilities",
    "user_has_capability",
]
