"""Reads of publications: the officials' lists and the public portal's (published only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from tiepdan.accounts.permissions import units_in_scope
from tiepdan.accounts.roles import Capability
from tiepdan.core import clock
from tiepdan.core.exceptions import NotFound
from tiepdan.core.text import fold
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.identity import reference_parse
from tiepdan.resolution.models import Publication, Resolution
from tiepdan.resolution.publication.services import PUBLISHABLE


def member_units(user: Any) -> QuerySet[OrgUnit]:
    """Units where the official prepares (resolver) or approves (leader) publications."""
    return units_in_scope(user, Capability.RESOLVE_PETITIONS) | units_in_scope(
        user, Capability.DECIDE
    )


# --- Officials -------------------------------------------------------------------------------


def publication_list_for_user(*, user: Any) -> QuerySet[Publication]:
    """Drafts and publications of the units where the official prepares or approves them."""
    return (
        Publication.objects.filter(resolution__org_unit__in=member_units(user))
        .select_related("resolution__org_unit", "resolution__petition", "prepared_by")
        .order_by("status", "-published_on", "-created_at")
    )


def publication_get_for_user(*, user: Any, slug: str) -> Publication:
    found = publication_list_for_user(user=user).select_related("approved_by").filter(slug=slug)
    publication = found.first()
    if publication is None:
        raise NotFound(_("No text to publish has this address, or it is not open to you."))
    return publication


def publication_resolution_for_user(
    *, user: Any, reference: str, case: int | None = None
) -> Resolution:
    """The case of a petition to publish: its `case`-th (1, 2, ...) or its latest decided case
    in a unit where the official works on publications."""
    code, part = reference_parse(reference)
    cases = list(
        Resolution.objects.filter(petition__tracking_code=code, petition__part_number=part)
        .select_related("petition", "org_unit")
        .order_by("pk")
    )
    units = set(member_units(user).values_list("pk", flat=True))
    candidates = [
        c
        for number, c in enumerate(cases, start=1)
        if case in (None, number) and c.org_unit_id in units
    ]
    decided = [c for c in candidates if c.status in PUBLISHABLE]
    chosen = (decided or candidates or [None])[-1]
    if chosen is None:
        raise NotFound(_("No resolution case has this code, or it is not open to you."))
    return chosen


# --- The public portal -----------------------------------------------------------------------


def publication_public_queryset() -> QuerySet[Publication]:
    """What the portal shows: approved texts, not withdrawn, of a unit that existed on the day
    it published them. Nothing else of the case is shown."""
    return (
        Publication.objects.filter(
            status=Publication.Status.PUBLISHED, published_on__lte=clock.today()
        )
        .filter(
            Q(resolution__org_unit__valid_from__isnull=True)
            | Q(resolution__org_unit__valid_from__lte=F("published_on")),
            Q(resolution__org_unit__valid_to__isnull=True)
            | Q(resolution__org_unit__valid_to__gte=F("published_on")),
        )
        .select_related("resolution__org_unit")
        .order_by("-published_on", "-pk")
    )


def publication_public_search(
    *,
    query: str = "",
    unit: OrgUnit | None = None,
    kind: str = "",
    published_from: dt.date | None = None,
    published_to: dt.date | None = None,
) -> QuerySet[Publication]:
    """Published texts by unit (and the units under it), kind, date range, and words in any
    case, with or without accents."""
    qs = publication_public_queryset()
    if unit is not None:
        qs = qs.filter(resolution__org_unit__path__startswith=unit.path)
    if kind:
        qs = qs.filter(kind=kind)
    if published_from is not None:
        qs = qs.filter(published_on__gte=published_from)
    if published_to is not None:
        qs = qs.filter(published_on__lte=published_to)
    for word in fold(query).split()[:10]:
        qs = qs.filter(search_text__contains=word)
    return qs


def publication_public_get(*, slug: str) -> Publication:
    publication = publication_public_queryset().filter(slug=slug).first()
    if publication is None:
        raise NotFound(_("No published text has this address."))
    return publication


def publication_public_units() -> QuerySet[OrgUnit]:
    """Units with something on the portal, for the search form (chosen by code, not id)."""
    return OrgUnit.objects.filter(
        pk__in=publication_public_queryset().order_by().values("resolution__org_unit")
    ).order_by("path")
