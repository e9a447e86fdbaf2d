"""Helpers shared by the petition views: fetching what the official may see, error mapping."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest

from tiepdan.accounts.permissions import user_memberships
from tiepdan.accounts.roles import Capability, capabilities_of
from tiepdan.core.exceptions import ApplicationError, NotFound
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import Petition
from tiepdan.petitions.selectors import petition_get_for_user


def petition_or_404(request: HttpRequest, reference: str) -> Petition:
    """The petition if the official may see it; a 404 otherwise (existence is not revealed)."""
    try:
        return petition_get_for_user(user=request.user, reference=reference)
    except NotFound:
        raise Http404(reference) from None


def member_units(user: Any, capability: Capability) -> list[OrgUnit]:
    """The units of the official's memberships that carry the capability, in order."""
    units: dict[int, OrgUnit] = {}
    for membership in user_memberships(user):
        if capability in capabilities_of(membership.role):
            units.setdefault(membership.org_unit.pk, membership.org_unit)
    return list(units.values())


def add_service_error(form: forms.Form, exc: ApplicationError, *, fields: dict[str, str]) -> None:
    """Put a service's message next to the input it is about (`extra["field"]`), or on top."""
    target = fields.get(str(exc.extra.get("field", "")))
    if target and target in form.fields:
        form.add_error(target, str(exc))
    else:
        form.add_error(None, str(exc))
