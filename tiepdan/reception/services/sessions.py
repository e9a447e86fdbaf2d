"""The heads' reception sessions: schedule, postponement, holding, registrations, conclusions.

LEGAL.md §1.4: LTCD Art. 18 (the head receives in person, periodic and ad-hoc), Art. 24.2-4
(the schedule posted at least 5 working days ahead, TCD-06; postponements announced),
NĐ 154/2026 Art. 10 and 25.2 (the head's conclusions notice sent to the agencies concerned).

Who may write: officials holding RECEIVE_CITIZENS in the session's unit, that is its reception
officers and its leaders (accounts/roles.py). The schedule is reception work the reception staff
keep for the head; leaders hold the capability too, so a head or deputy can fix their own
schedule. Scope is the unit itself, never the units under it (RECEIVE_CITIZENS does not reach
down the tree): a province officer does not plan a commune chair's days.
"""

from __future__ import annotations

import datetime as dt
import secrets
import string
from collections.abc import Mapping, Sequence
from typing import Any, Final

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tiepdan.accounts.models import Membership
from tiepdan.accounts.permissions import ensure_capability, user_can_in_unit
from tiepdan.accounts.roles import Capability, Role
from tiepdan.audit.services import audit_record
from tiepdan.core import clock
from tiepdan.core.exceptions import Conflict, ValidationFailed
from tiepdan.deadlines.services import calendar_load, deadline_compute
from tiepdan.notifications.services import notification_send
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.petitions.identity import citizen_id_check
from tiepdan.petitions.models import Petition
from tiepdan.petitions.services.common import counter_next
from tiepdan.reception.models import (
    ConclusionNotice,
    HeadKind,
    ReceptionForm,
    ReceptionKind,
    ReceptionSession,
    SessionRegistration,
)

SCHEDULE_RULE = "TCD-06"  # post the schedule ≥ 5 working days before (LTCD Art. 24.2)
OPEN_STATUSES = (ReceptionSession.Status.SCHEDULED, ReceptionSession.Status.POSTPONED)
CONCLUSION_SERIES = "reception_conclusion"

# Random, unguessable slugs for the public schedule (no database ids on the portal).
_SLUG_ALPHABET = string.ascii_lowercase + string.digits


def session_slug_new() -> str:
    while True:
        slug = "".join(secrets.choice(_SLUG_ALPHABET) for _i in range(12))
        if not ReceptionSession.objects.filter(slug=slug).exists():
            return slug


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def date_text(day: dt.date) -> str:
    return formats.date_format(day, "d/m/Y")


def schedule_latest_publication(session_day: dt.date) -> dt.date:
    """The last day the schedule of a session on `session_day` may be posted (TCD-06)."""
    return deadline_compute(rule_id=SCHEDULE_RULE, start_on=session_day).due_on


def schedule_earliest_day(today: dt.date) -> dt.date:
    """The first day a periodic session published today may take place (TCD-06).

    Searched forward rather than inverted: counting back from a day that follows a weekend or a
    holiday is not the mirror of counting forward from a non-working day.
    """
    calendar = calendar_load()
    day = today + dt.timedelta(days=1)
    # Sessions are held on working days: the earliest suggested is one.
    while not calendar.is_working_day(day) or (
        deadline_compute(rule_id=SCHEDULE_RULE, start_on=day, calendar=calendar).due_on < today
    ):
        day += dt.timedelta(days=1)
    return day


def check_notice(kind: str, starts_at: dt.datetime) -> None:
    """A periodic session is published today, so it must be ≥ 5 working days away (TCD-06,
    LTCD Art. 24.2). Ad-hoc reception has no notice minimum (LTCD Art. 18.3)."""
    if starts_at <= clock.now():
        raise ValidationFailed(
            _("A session is scheduled for a future date and time."), extra={"field": "starts_at"}
        )
    if kind != ReceptionKind.PERIODIC:
        return
    today = clock.today()
    if schedule_latest_publication(local_date(starts_at)) < today:
        earliest = schedule_earliest_day(today)
        raise ValidationFailed(
            _(
                "A periodic session must be published at least 5 working days before it is held "
                "(LTCD Art. 24.2). Published today, the earliest date is %(day)s; for an urgent "
                "case schedule an ad-hoc session."
            )
            % {"day": date_text(earliest)},
            extra={"field": "starts_at", "earliest": earliest.isoformat()},
        )


# Whose periodic reception a unit's head owes (LEGAL.md §1.4), by the unit's level and kind, so
# that a commune session cannot be typed "province chair" to lower its minimum. An exact
# (level, kind) pair wins; otherwise the kind decides at any level; a unit in neither has no
# head's periodic reception (a central people's committee does not exist).
Level = OrgUnit.Level
Kind = OrgUnit.Kind
HEAD_KIND_BY_LEVEL_AND_KIND: Final[Mapping[tuple[str, str], HeadKind]] = {
    (Level.COMMUNE, Kind.PEOPLES_COMMITTEE): HeadKind.COMMUNE_CHAIR,  # LTCD Art. 15.2.d
    (Level.DISTRICT, Kind.PEOPLES_COMMITTEE): HeadKind.DISTRICT_CHAIR,  # Art. 13.5, to 30/06/2025
    (Level.PROVINCE, Kind.PEOPLES_COMMITTEE): HeadKind.PROVINCE_CHAIR,  # LTCD Art. 12.5
    # Tổng Thanh tra Chính phủ (LTCD Art. 11.5).
    (Level.CENTRAL, Kind.INSPECTORATE): HeadKind.TTCP_HEAD,
    # The Government's own bodies (Chính phủ, Văn phòng Chính phủ) are kind "other" at central
    # level in the tree (organizations/national.py): the Office's head, LTCD Art. 11.5.
    (Level.CENTRAL, Kind.OTHER): HeadKind.TTCP_HEAD,
}
HEAD_KIND_BY_KIND: Final[Mapping[str, HeadKind]] = {
    # Heads of the other agencies with a reception duty (sở, ngành, Thanh tra tỉnh, the reception
    # board, councils, courts, procuracies...): LTCD Art. 4, 18.2.
    Kind.DEPARTMENT: HeadKind.AGENCY_HEAD,
    Kind.INSPECTORATE: HeadKind.AGENCY_HEAD,
    Kind.RECEPTION_BOARD: HeadKind.AGENCY_HEAD,
    Kind.PEOPLES_COUNCIL: HeadKind.AGENCY_HEAD,
    Kind.COURT_PROCURACY: HeadKind.AGENCY_HEAD,
    Kind.POLICE: HeadKind.AGENCY_HEAD,
    Kind.PARTY_BODY: HeadKind.AGENCY_HEAD,
    # The tree has no kind of its own for public service units (đơn vị sự nghiệp công lập):
    # they are entered as "other" below the central level (NĐ 154/2026 Art. 10.2).
    Kind.OTHER: HeadKind.PUBLIC_SERVICE_HEAD,
}


def head_kind_for(level: str, kind: str) -> HeadKind | None:
    """Whose reception a session of a unit of this level and kind is (LEGAL.md §1.4); None: no
    head's periodic reception is provided for such a unit."""
    return HEAD_KIND_BY_LEVEL_AND_KIND.get((level, kind)) or HEAD_KIND_BY_KIND.get(kind)


def head_kind_for_unit(unit: OrgUnit) -> HeadKind | None:
    return head_kind_for(unit.level, unit.kind)


def check_head(head: Any, unit: OrgUnit, head_kind: str | None = None) -> HeadKind:
    """The head's office, set from the unit; the head must lead the unit.

    LTCD Art. 18 (LEGAL.md §1.4): the head receives in person, and Law 136/2025 provides for no
    delegation, so a reception officer cannot stand as the head. A `head_kind` given by the
    caller must agree with the unit's.
    """
    derived = head_kind_for_unit(unit)
    if derived is None:
        raise ValidationFailed(
            _(
                "No head's periodic reception is provided for %(unit)s: choose the unit whose "
                "head receives."
            )
            % {"unit": unit.name},
            extra={"field": "unit"},
        )
    if head_kind and head_kind != derived:
        raise ValidationFailed(
            _(
                "A session of %(unit)s is the reception of the %(office)s: the head's office "
                "follows from the unit."
            )
            % {"unit": unit.name, "office": derived.label},
            extra={"field": "head_kind"},
        )
    is_leader = (
        head is not None
        and Membership.objects.filter(
            user=head, org_unit=unit, role=Role.UNIT_LEADER, is_active=True
        ).exists()
    )
    if not is_leader or not head.is_active:
        raise ValidationFailed(
            _(
                "The head receiving must be a leader of %(unit)s: the law has the head receive "
                "in person, not a reception officer in their place (LTCD Art. 18)."
            )
            % {"unit": unit.name},
            extra={"field": "head"},
        )
    return derived


def _check_place(unit: OrgUnit, office: ReceptionOffice | None, place: str, form: str) -> None:
    if office is not None and office.org_unit_id != unit.pk:
        raise ValidationFailed(
            _("The reception office belongs to another unit."), extra={"field": "office"}
        )
    if form == ReceptionForm.IN_PERSON and office is None and not place.strip():
        raise ValidationFailed(
            _("Say where the citizens will be received: a reception office or a place."),
            extra={"field": "place"},
        )


def _audit(actor: Any, action: str, session: ReceptionSession, **changes: Any) -> None:
    # Untranslated summary: the journal reads the same in every UI language.
    audit_record(
        actor=actor,
        action=f"reception_session.{action}",
        obj=session,
        unit=session.org_unit,
        summary=f"{action}: {session.get_kind_display()} {session.starts_at.isoformat()}",
        changes=changes,
    )


def _locked(session_id: int) -> ReceptionSession:
    return (
        ReceptionSession.objects.select_for_update()
        .select_related("org_unit", "head")
        .get(pk=session_id)
    )


@transaction.atomic
def session_schedule(
    *,
    actor: Any,
    unit: OrgUnit,
    head: Any,
    kind: str,
    starts_at: dt.datetime,
    head_kind: str | None = None,
    form: str = ReceptionForm.IN_PERSON,
    office: ReceptionOffice | None = None,
    place: str = "",
) -> ReceptionSession:
    """Schedule a head's periodic or ad-hoc session in person and publish it at once.

    The head's office (`head_kind`) is set from the unit; a value given must agree with it.
    An online session is made by `online_session_create`, which checks its own rules.
    Side effects: the session appears on the public schedule (published_on = today); audit.
    """
    ensure_capability(actor, Capability.RECEIVE_CITIZENS, unit)
    if kind not in (ReceptionKind.PERIODIC, ReceptionKind.AD_HOC):
        # Regular reception is the reception office's daily work, not a head's session.
        raise ValidationFailed(
            _("A head's session is periodic or ad-hoc."), extra={"field": "kind"}
        )
    if form == ReceptionForm.ONLINE:
        # Online reception has its own rules (from 01/07/2026, the TCD-07 notice to every
        # site, the eligibility of each case: NĐ 154/2026 Ch. V): only its own service makes it.
        raise ValidationFailed(
            _(
                "An online session is created with its connection sites under “New online "
                "session” (API: /online-sessions), which checks the rules of online reception."
            ),
            extra={"field": "form"},
        )
    if form != ReceptionForm.IN_PERSON:
        raise ValidationFailed(_("Choose in person or online."), extra={"field": "form"})
    head_kind = check_head(head, unit, head_kind)
    _check_place(unit, office, place, form)
    check_notice(kind, starts_at)
    session = ReceptionSession.objects.create(
        org_unit=unit,
        head=head,
        head_kind=head_kind,
        kind=kind,
        form=form,
        office=office,
        place=place.strip(),
        starts_at=starts_at,
        published_on=clock.today(),
        slug=session_slug_new(),
    )
    _audit(
        actor,
        "schedule",
        session,
        head=head.pk,
        head_kind=head_kind,
        kind=kind,
        form=form,
        starts_at=starts_at,
        published_on=session.published_on,
    )
    return session


@transaction.atomic
def session_postpone(
    *, actor: Any, session: ReceptionSession, new_starts_at: dt.datetime, reason: str
) -> ReceptionSession:
    """Move a session to a new date and announce it (LTCD Art. 24.4).

    The record stays one: `postponed_from` keeps the date first announced, `starts_at` becomes
    the new date, the status POSTPONED tells the public schedule to show both, and
    `published_on` is the day of the announcement. A postponed session can be held, or
    postponed again (the first date is kept). No new 5-day notice is required: the law asks
    that the postponement be announced, which this does at once.
    Side effects: the public schedule changes; audit; registered officials are not notified
    (citizens registered are called by the desk).
    """
    ensure_capability(actor, Capability.RECEIVE_CITIZENS, session.org_unit)
    session = _locked(session.pk)
    if session.status not in OPEN_STATUSES:
        raise Conflict(_("Only a session still to be held can be postponed."))
    if not reason.strip():
        raise ValidationFailed(
            _("Give the reason for the postponement: it is announced with the new date."),
            extra={"field": "reason"},
        )
    if new_starts_at <= clock.now() or new_starts_at == session.starts_at:
        raise ValidationFailed(
            _("Choose a new date and time in the future."), extra={"field": "new_starts_at"}
        )
    previous = session.starts_at
    session.postponed_from = session.postponed_from or previous
    session.starts_at = new_starts_at
    session.postponement_reason = reason.strip()
    session.status = ReceptionSession.Status.POSTPONED
    session.published_on = clock.today()
    session.save(
        update_fields=[
            "postponed_from",
            "starts_at",
            "postponement_reason",
            "status",
            "published_on",
            "updated_at",
        ]
    )
    _audit(actor, "postpone", session, starts_at={"from": previous, "to": new_starts_at})
    return session


@transaction.atomic
def session_hold(*, actor: Any, session: ReceptionSession) -> ReceptionSession:
    """Record that the head held the session (counted by the compliance view).

    Its visits are entered in the register with `session` set (NĐ 154/2026 Art. 25.2).
    Side effects: audit.
    """
    ensure_capability(actor, Capability.RECEIVE_CITIZENS, session.org_unit)
    session = _locked(session.pk)
    if session.status not in OPEN_STATUSES:
        raise Conflict(_("This session was already held or cancelled."))
    if local_date(session.starts_at) > clock.today():
        raise ValidationFailed(_("A session can be marked held on its day or later, not before."))
    session.status = ReceptionSession.Status.HELD
    session.save(update_fields=["status", "updated_at"])
    _audit(actor, "hold", session)
    return session


@transaction.atomic
def session_register(
    *,
    session: ReceptionSession,
    full_name: str,
    citizen_id: str,
    phone: str,
    summary: str,
    actor: Any | None = None,
    petition: Petition | None = None,
) -> SessionRegistration:
    """Register a citizen to be received at a session, from the desk (actor given) or the
    portal (no actor: only a published session still to come accepts it). `petition`: the
    petition the citizen comes about (the portal links it after checking code and PIN).

    Side effects: audit, without the citizen's personal data (NĐ 154/2026 Art. 12.2).
    """
    if actor is not None:
        ensure_capability(actor, Capability.RECEIVE_CITIZENS, session.org_unit)
    session = _locked(session.pk)
    if (
        session.status not in OPEN_STATUSES
        or session.published_on is None
        or session.starts_at <= clock.now()
    ):
        raise Conflict(_("Registration for this session is closed."))
    if session.form == ReceptionForm.ONLINE:
        # Every connection site reads an online session's list: no citizen's name or phone on
        # it (NĐ 154/2026 Art. 12.2). Cases go in by their tracking code (online_petition_add).
        raise Conflict(
            _(
                "Citizens are not registered by name for an online session: every connection "
                "site sees its list. Put their case in by its tracking code."
            )
        )
    errors: dict[str, str] = {}
    if not full_name.strip():
        errors["full_name"] = _("Enter the full name.")
    if not summary.strip():
        errors["summary"] = _("Say in a few words what the matter is.")
    cleaned_id = ""
    if citizen_id.strip():
        try:
            cleaned_id = citizen_id_check(citizen_id)
        except ValidationFailed as exc:
            errors["citizen_id"] = str(exc)
    if errors:
        field = next(iter(errors))
        raise ValidationFailed(errors[field], extra={"field": field, "errors": errors})
    registration = SessionRegistration.objects.create(
        session=session,
        full_name=full_name.strip(),
        citizen_id=cleaned_id,
        phone=phone.strip(),
        summary=summary.strip()[:500],
        petition=petition,
    )
    # Not obj=registration: its str() is the citizen's name, which the journal must not hold.
    audit_record(
        actor=actor,
        action="reception_session.register",
        object_type=SessionRegistration._meta.label,
        object_id=registration.pk,
        unit=session.org_unit,
        summary=f"register: session {session.slug}",
        changes={"source": "desk" if actor is not None else "portal"},
    )
    return registration


def _unit_leaders(units: Sequence[OrgUnit]) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            org_unit__in=list(units), is_active=True, role=Role.UNIT_LEADER
        ).select_related("user")
    ]


@transaction.atomic
def conclusion_issue(
    *,
    actor: Any,
    session: ReceptionSession,
    content: str,
    recipients: Sequence[OrgUnit],
    number: str = "",
    follow_up_due_on: dt.date | None = None,
) -> ConclusionNotice:
    """Record the head's conclusions notice after a held session and send it to the agencies
    concerned (Thông báo kết luận, NĐ 154/2026 Art. 25.2).

    Without a number the unit's next yearly number is given ("12/TB-TCD").
    Side effects: in-app notice, linking to the notice's page, to the leaders of each recipient
    unit; audit.
    """
    ensure_capability(actor, Capability.RECEIVE_CITIZENS, session.org_unit)
    session = _locked(session.pk)
    if session.status != ReceptionSession.Status.HELD:
        raise Conflict(_("Conclusions are issued after the session has been held."))
    errors: dict[str, str] = {}
    if not content.strip():
        errors["content"] = _("Write the head's conclusions.")
    if not recipients:
        errors["recipients"] = _("Choose at least one agency to send the conclusions to.")
    today = clock.today()
    if follow_up_due_on is not None and follow_up_due_on < today:
        errors["follow_up_due_on"] = _("The report-back date cannot be before the notice.")
    if errors:
        field = next(iter(errors))
        raise ValidationFailed(errors[field], extra={"field": field, "errors": errors})
    if not number.strip():
        serial = counter_next(unit=session.org_unit, year=today.year, series=CONCLUSION_SERIES)
        number = f"{serial}/TB-TCD"
    notice = ConclusionNotice.objects.create(
        session=session,
        number=number.strip()[:64],
        issued_on=today,
        content=content.strip(),
        follow_up_due_on=follow_up_due_on,
    )
    notice.recipients.set(recipients)
    notification_send(
        recipients=_unit_leaders(recipients),
        title=_("Conclusions notice %(number)s of %(unit)s")
        % {"number": notice.number, "unit": session.org_unit.name},
        body=notice.content[:1000],
        # The notice's own page: a recipient agency may not see the session, but reports back.
        link=reverse("reception:conclusion_detail", kwargs={"slug": session.slug, "pk": notice.pk}),
    )
    audit_record(
        actor=actor,
        action="reception_session.conclusion_issue",
        obj=notice,
        unit=session.org_unit,
        summary=f"conclusion_issue: {notice.number}",
        changes={
            "session": session.slug,
            "recipients": [u.code for u in recipients],
            "follow_up_due_on": follow_up_due_on,
        },
    )
    return notice


@transaction.atomic
def conclusion_follow_up(*, actor: Any, notice: ConclusionNotice, result: str) -> ConclusionNotice:
    """Record what an agency reported on carrying out the head's conclusions.

    Entered by the session's reception staff or by a recipient agency's own staff.
    Side effects: audit.
    """
    notice = (
        ConclusionNotice.objects.select_for_update()
        .select_related("session__org_unit")
        .get(pk=notice.pk)
    )
    units = [notice.session.org_unit, *notice.recipients.all()]
    if not any(_may_receive(actor, u) for u in units):
        ensure_capability(actor, Capability.RECEIVE_CITIZENS, notice.session.org_unit)
    if not result.strip():
        raise ValidationFailed(_("Write the result reported."), extra={"field": "result"})
    notice.follow_up = result.strip()
    notice.followed_up_on = clock.today()
    notice.save(update_fields=["follow_up", "followed_up_on", "updated_at"])
    audit_record(
        actor=actor,
        action="reception_session.conclusion_follow_up",
        obj=notice,
        unit=notice.session.org_unit,
        summary=f"conclusion_follow_up: {notice.number}",
        changes={"followed_up_on": notice.followed_up_on},
    )
    return notice


def _may_receive(actor: Any, unit: OrgUnit) -> bool:
    return user_can_in_unit(actor, Capability.RECEIVE_CITIZENS, unit)
