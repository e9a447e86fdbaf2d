"""Display helpers for the petition pages: codes, status chips, due dates, home counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from tiepdan.accounts.permissions import user_memberships
from tiepdan.accounts.roles import Capability, capabilities_of
from tiepdan.core import clock
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.permissions import petitioner_names_for_list
from tiepdan.petitions.selectors import overdue_count, petition_state_counts
from tiepdan.petitions.workflow import Status

register = template.Library()


@register.filter
def code(petition: Any) -> str:
    """The reference as people read it: 'K7QXM-3PD9R', or 'K7QXM-3PD9R-2' for a part."""
    shown = tracking_code_display(petition.tracking_code)
    return f"{shown}-{petition.part_number}" if petition.part_number else shown


@register.filter
def status_label(value: str) -> str:
    return str(Status(value).label) if value in Status.values else value


@register.filter
def petitioner_names(petition: Any) -> str:
    """Names for lists: a denouncer is always masked there."""
    return petitioner_names_for_list(petition)


@register.inclusion_tag("petitions/includes/due.html")
def due(day: dt.date | None, met_on: dt.date | None = None) -> dict[str, Any]:
    """A due date with the days left, and 'overdue' in words (not colour alone)."""
    if day is None:
        return {"day": None}
    days = (day - clock.today()).days
    return {
        "day": day,
        "met_on": met_on,
        "days": days,
        "late": -days,
        "is_overdue": met_on is None and days < 0,
        "is_today": met_on is None and days == 0,
        "is_soon": met_on is None and 0 < days <= 3,
    }


@register.simple_tag(takes_context=True)
def petition_home_summary(context: template.Context) -> dict[str, Any] | None:
    """For the home tile: petitions awaiting triage and overdue in the official's first unit."""
    user = context["request"].user
    membership = next(
        (m for m in user_memberships(user) if Capability.VIEW_PETITIONS in capabilities_of(m.role)),
        None,
    )
    if membership is None:
        return None
    unit = membership.org_unit
    counts = petition_state_counts(user=user, unit=unit)
    return {
        "unit": unit,
        "awaiting": counts.get(Status.RECEIVED, 0),
        "overdue": overdue_count(user=user, unit=unit),
    }


@register.filter
def bound(form: Any, name: str) -> Any:
    """`form|bound:"note"`: the bound field of that name (names come from the workflow table)."""
    return form[name]


@register.filter
def kind_label(value: str) -> str:
    from tiepdan.petitions.models import Kind

    return str(Kind(value).label) if value in Kind.values else value
