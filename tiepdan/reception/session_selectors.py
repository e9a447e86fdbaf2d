"""Reads of the heads' sessions: the public schedule and the officials' lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.accounts.permissions import units_in_scope, user_can_in_unit
from tiepdan.accounts.roles import Capability
from tiepdan.core import clock
from tiepdan.core.exceptions import Conflict, NotFound
from tiepdan.organizations.models import OrgUnit
from tiepdan.reception.models import ConclusionNotice, ConnectionSite, ReceptionSession
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
    """The sessions of the official's units, and the online sessions where one of their units
    is a connection site (they take part, and the session page is open to them)."""
    units = session_units_for_user(user)
    as_site = ConnectionSite.objects.filter(org_unit__in=units).values("session")
    qs = ReceptionSession.objects.filter(Q(org_unit__in=units) | Q(pk__in=as_site))
    qs = qs.select_related("org_unit", "head", "office")
    if upcoming_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    return qs.order_by("-starts_at")


def session_get_for_user(*, user: Any, slug: str) -> ReceptionSession:
    """The session if the official may see it (its unit, or a connection site of theirs)."""
    session = session_list_for_user(user=user).filter(slug=slug).first()
    if session is None:
        raise NotFound(slug)
    return session


def session_may_join(user: Any, session: ReceptionSession) -> bool:
    """Whether the official takes part in the online session, and so gets the room's link: the
    head, and the reception staff and leaders of its connection sites. A leader overseeing a
    site from above sees the page but is not given a key to the room."""
    if session.head_id == getattr(user, "pk", None):
        return True
    sites = session.sites.select_related("org_unit")
    return any(user_can_in_unit(user, Capability.RECEIVE_CITIZENS, s.org_unit) for s in sites)


def _conclusions_for_user(user: Any) -> QuerySet[ConclusionNotice]:
    """Notices of the sessions the official may see, and those sent to a unit where they receive
    citizens (its staff report back on them, NĐ 154/2026 Art. 25.2)."""
    receiving = units_in_scope(user, Capability.RECEIVE_CITIZENS)
    sessions = session_list_for_user(user=user).values("pk")
    sent = ConclusionNotice.recipients.through.objects.filter(orgunit__in=receiving)
    return ConclusionNotice.objects.filter(
        Q(session__in=sessions) | Q(pk__in=sent.values("conclusionnotice"))
    ).select_related("session__org_unit", "session__head")


def conclusion_may_follow_up(user: Any, notice: ConclusionNotice) -> bool:
    """Whether the official may record the result: the session's reception staff, or those of
    an agency it was sent to (as conclusion_follow_up checks)."""
    units = [notice.session.org_unit, *notice.recipients.all()]
    return any(user_can_in_unit(user, Capability.RECEIVE_CITIZENS, unit) for unit in units)


def conclusion_list_sent_to_user(*, user: Any) -> QuerySet[ConclusionNotice]:
    """Notices sent to the units where the official receives citizens and not yet reported
    on, the oldest due first: what their agency owes a head."""
    receiving = units_in_scope(user, Capability.RECEIVE_CITIZENS)
    sent = ConclusionNotice.recipients.through.objects.filter(orgunit__in=receiving)
    return (
        ConclusionNotice.objects.filter(
            pk__in=sent.values("conclusionnotice"), followed_up_on__isnull=True
        )
        .select_related("session__org_unit", "session__head")
        .order_by(F("follow_up_due_on").asc(nulls_last=True), "issued_on")
    )


def conclusion_get_by_pk_for_user(*, user: Any, slug: str, pk: int) -> ConclusionNotice:
    """A conclusions notice of a session, for whoever may see the session and for the staff of
    the agencies it was sent to."""
    notice = _conclusions_for_user(user).filter(session__slug=slug, pk=pk).first()
    if notice is None:
        raise NotFound(str(pk))
    return notice


def conclusion_get_for_user(*, user: Any, slug: str, number: str) -> ConclusionNotice:
    """A conclusions notice by its session and number, for whoever may see the session and for
    the staff of the agencies it was sent to (they report back on it)."""
    notices = list(
        _conclusions_for_user(user).filter(session__slug=slug, number=number.strip())[:2]
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
