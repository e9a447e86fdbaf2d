"""Reads of the heads' sessions: the public schedule and the officials' lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.accounts.permissions import units_in_scope
from tiepdan.accounts.roles import Capability
from tiepdan.core import clock
from tiepdan.core.exceptions import Conflict, NotFound
from tiepdan.organizations.models import OrgUnit
from tiepdan.reception.models import ConclusionNotice, ReceptionSession
from tiepdan.reception.services.sessions import OPEN_STATUSES


def session_public_schedule(*, unit: OrgUnit | None = None) -> QuerySet[ReceptionSession]:
    """Published sessions still to come (today's included), postponed ones too (LTCD Art. 24)."""
    start_of_today = timezone.make_aware(dt.datetime.combine(clock.today(), dt.time.min))
    qs = ReceptionSession.objects.filter(
        status__in=OPEN_STATUSES,
        published_on__isnull=False,
        published_on__lte=clock.today(),
        starts_at__gte=start_of_today,
    ).select_related("org_unit", "head", "office")
    if unit is not None:
        qs = qs.filter(org_unit=unit)
    return qs.order_by("starts_at")


def session_public_units() -> QuerySet[OrgUnit]:
    """Units with something on the public schedule, for the portal's list."""
    return OrgUnit.objects.filter(pk__in=session_public_schedule().values("org_unit")).order_by(
        "path"
    )


def session_units_for_user(user: Any) -> QuerySet[OrgUnit]:
    """Units whose sessions the official may see: where they receive citizens, and those they
    oversee (VIEW_PETITIONS reaches down the tree for leaders)."""
    return OrgUnit.objects.filter(
        Q(pk__in=units_in_scope(user, Capability.RECEIVE_CITIZENS))
        | Q(pk__in=units_in_scope(user, Capability.VIEW_PETITIONS))
    )


def session_list_for_user(*, user: Any, upcoming_only: bool = False) -> QuerySet[ReceptionSession]:
    qs = ReceptionSession.objects.filter(org_unit__in=session_units_for_user(user))
    qs = qs.select_related("org_unit", "head", "office")
    if upcoming_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    return qs.order_by("-starts_at")


def session_get_for_user(*, user: Any, slug: str) -> ReceptionSession:
    """The session if the official may see it (its unit, or a connection site of theirs)."""
    units = session_units_for_user(user)
    session = (
        ReceptionSession.objects.filter(
            Q(org_unit__in=units) | Q(sites__org_unit__in=units), slug=slug
        )
        .select_related("org_unit", "head", "office")
        .distinct()
        .first()
    )
    if session is None:
        raise NotFound(slug)
    return session


def conclusion_get_for_user(*, user: Any, slug: str, number: str) -> ConclusionNotice:
    """A conclusions notice by its session and number, for whoever may see the session and for
    the staff of the agencies it was sent to (they report back on it)."""
    receiving = units_in_scope(user, Capability.RECEIVE_CITIZENS)
    units = session_units_for_user(user)
    notices = list(
        ConclusionNotice.objects.filter(
            Q(session__org_unit__in=units)
            | Q(session__sites__org_unit__in=units)
            | Q(recipients__in=receiving),
            session__slug=slug,
            number=number.strip(),
        )
        .select_related("session__org_unit")
        .distinct()[:2]
    )
    if not notices:
        raise NotFound(number)
    if len(notices) > 1:
        # Numbers are typed by hand too: rather than guess, ask for the notice to be renumbered.
        raise Conflict(
            _("Two conclusions notices of this session have the number %(number)s.")
            % {"number": number.strip()}
        )
    return notices[0]
