"""Which agencies a citizen can file a petition with online, by province and name."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from tiepdan.accounts.models import Membership
from tiepdan.accounts.roles import ROLE_CAPABILITIES, Capability
from tiepdan.core import clock
from tiepdan.core.text import fold
from tiepdan.organizations.models import OrgUnit

CENTRAL = "TW"  # the province choice that stands for the central agencies
MAX_LISTED = 300


def _valid_today() -> Q:
    today = clock.today()
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=today)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )


def portal_receiving_units() -> QuerySet[OrgUnit]:
    """Units in existence today where at least one official records petitions.

    A unit with nobody to record petitions in tiepdan would leave an online petition unread, so
    the portal offers only units with an active official holding that right.
    """
    roles = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.RECEIVE_PETITIONS in caps]
    staffed = Membership.objects.filter(is_active=True, role__in=roles, user__is_active=True)
    return (
        OrgUnit.objects.filter(_valid_today(), pk__in=staffed.values("org_unit"))
        .exclude(level=OrgUnit.Level.DISTRICT)
        .order_by("path")
    )


def portal_provinces() -> list[tuple[str, str]]:
    """(code, name) of the provinces (their people's committees), then the central agencies."""
    provinces = OrgUnit.objects.filter(
        _valid_today(), level=OrgUnit.Level.PROVINCE, kind=OrgUnit.Kind.PEOPLES_COMMITTEE
    ).order_by("name")
    choices = [(p.code, p.name.removeprefix("Ủy ban nhân dân ")) for p in provinces]
    return sorted(choices, key=lambda choice: fold(choice[1]))


def portal_units_in(*, province: str = "", query: str = "") -> list[OrgUnit]:
    """The receiving units under a province (or the central ones), narrowed by words of the
    name, accents optional; capped so the list stays usable on a phone."""
    units = portal_receiving_units()
    if province == CENTRAL:
        units = units.filter(level=OrgUnit.Level.CENTRAL)
    elif province:
        root = OrgUnit.objects.filter(code=province, level=OrgUnit.Level.PROVINCE).first()
        if root is None:
            return []
        units = units.filter(path__startswith=root.path)
    words = fold(query).split()
    found = [u for u in units if all(word in fold(u.name) for word in words)]
    return found[:MAX_LISTED]


def portal_receiving_unit(code: str) -> OrgUnit | None:
    """The unit with this public code if the portal offers it, else None."""
    return portal_receiving_units().filter(code=code).first() if code else None
