"""The heads' sessions: schedule, postpone, hold, registrations, conclusions; compliance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as Answer

from tiepdan.accounts.permissions import ensure_capability
from tiepdan.api.petitions import ERRORS, READ_ERRORS, unit_by_code
from tiepdan.api.reception.lookups import (
    RECEIVE,
    office_by_name,
    official_by_username,
    session_for_caller,
)
from tiepdan.api.reception.schemas import (
    ComplianceOut,
    ComplianceQuery,
    ConclusionIn,
    ConclusionOut,
    FollowUpIn,
    PostponeIn,
    RegistrationIn,
    RegistrationOut,
    SessionIn,
    SessionListOut,
    SessionListQuery,
    SessionOut,
    aware,
    month_parse,
)
from tiepdan.api.reception.shaping import (
    conclusion_out,
    registration_out,
    session_out,
    session_summary,
)
from tiepdan.api.schemas import ErrorOut
from tiepdan.core import clock
from tiepdan.core.exceptions import PermissionDenied
from tiepdan.reception.compliance import compliance_for_month, compliance_units
from tiepdan.reception.models import ReceptionSession
from tiepdan.reception.services import (
    conclusion_follow_up,
    conclusion_issue,
    session_hold,
    session_postpone,
    session_register,
    session_schedule,
)
from tiepdan.reception.session_selectors import conclusion_get_for_user, session_list_for_user

router = Router(tags=["reception"])

# --- Heads' sessions --------------------------------------------------------------------------


def _sessions_filtered(
    qs: QuerySet[ReceptionSession], filters: SessionListQuery
) -> QuerySet[ReceptionSession]:
    if filters.unit:
        qs = qs.filter(org_unit=unit_by_code(filters.unit, field="unit"))
    zone = timezone.get_current_timezone()
    if filters.date_from:
        qs = qs.filter(starts_at__gte=dt.datetime.combine(filters.date_from, dt.time.min, zone))
    if filters.date_to:
        end = filters.date_to + dt.timedelta(days=1)
        qs = qs.filter(starts_at__lt=dt.datetime.combine(end, dt.time.min, zone))
    if filters.status:
        qs = qs.filter(status=filters.status.value)
    if filters.form:
        qs = qs.filter(form=filters.form.value)
    return qs


@router.get("/sessions", response={200: SessionListOut, **ERRORS}, summary="List sessions")
def session_list(request: HttpRequest, filters: Query[SessionListQuery]) -> dict[str, Any]:
    """The heads' sessions (in person and online) of the units where the caller receives
    citizens or that they oversee, latest first. Dates are Hà Nội days."""
    user = request.auth  # type: ignore[attr-defined]
    ensure_capability(user, RECEIVE)
    sessions = _sessions_filtered(session_list_for_user(user=user), filters)
    page = sessions[filters.offset : filters.offset + filters.limit]
    return {
        "count": sessions.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [session_summary(s) for s in page],
    }


@router.post("/sessions", response={201: SessionOut, **ERRORS}, summary="Schedule a session")
def session_create(request: HttpRequest, payload: SessionIn) -> Answer[dict[str, Any]]:
    """Schedules a head's session in person and publishes it at once. The head is a leader of
    the unit and their office follows from it. A periodic session must be at least 5 working
    days away (TCD-06): the refusal names the earliest date; an urgent matter is an ad-hoc
    session. An online session is created under /online-sessions (with its sites): `form`
    online is refused here."""
    user = request.auth  # type: ignore[attr-defined]
    unit = unit_by_code(payload.unit, field="unit")
    ensure_capability(user, RECEIVE, unit)  # 403 before any lookup in the unit
    session = session_schedule(
        actor=user,
        unit=unit,
        head=official_by_username(payload.head, field="head"),
        head_kind=payload.head_kind.value if payload.head_kind else None,
        kind=payload.kind,
        starts_at=aware(payload.starts_at),
        form=payload.form.value,
        office=office_by_name(unit, payload.office),
        place=payload.place,
    )
    return Answer(201, session_out(user, session))


@router.get("/sessions/{slug}", response={200: SessionOut, **ERRORS}, summary="One session")
def session_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """With its registrations, its visits and its conclusions notices."""
    user = request.auth  # type: ignore[attr-defined]
    return session_out(user, session_for_caller(request, slug))


@router.post("/sessions/{slug}/postpone", response={200: SessionOut, **ERRORS}, summary="Postpone")
def session_postpone_api(request: HttpRequest, slug: str, payload: PostponeIn) -> dict[str, Any]:
    """Moves the session and announces it on the public schedule with the reason; the date
    first announced is kept in `postponed_from` (LTCD Art. 24.4)."""
    user = request.auth  # type: ignore[attr-defined]
    session = session_postpone(
        actor=user,
        session=session_for_caller(request, slug),
        new_starts_at=aware(payload.new_starts_at),
        reason=payload.reason,
    )
    return session_out(user, session)


@router.post("/sessions/{slug}/hold", response={200: SessionOut, **ERRORS}, summary="Held")
def session_hold_api(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Records that the head held the session (on its day or later); the compliance view
    counts it."""
    user = request.auth  # type: ignore[attr-defined]
    return session_out(user, session_hold(actor=user, session=session_for_caller(request, slug)))


@router.post(
    "/sessions/{slug}/registrations",
    response={201: RegistrationOut, **ERRORS},
    summary="Register a citizen",
)
def session_registration_create(
    request: HttpRequest, slug: str, payload: RegistrationIn
) -> Answer[dict[str, Any]]:
    """Registers a citizen to be received at a session still to come (409 once closed)."""
    registration = session_register(
        actor=request.auth,  # type: ignore[attr-defined]
        session=session_for_caller(request, slug),
        full_name=payload.full_name,
        citizen_id=payload.citizen_id,
        phone=payload.phone,
        summary=payload.summary,
    )
    return Answer(201, registration_out(registration))


@router.post(
    "/sessions/{slug}/conclusions",
    response={201: ConclusionOut, **ERRORS},
    summary="Issue the conclusions notice",
)
def conclusion_create(
    request: HttpRequest, slug: str, payload: ConclusionIn
) -> Answer[dict[str, Any]]:
    """The head's conclusions after a held session, sent to the agencies concerned
    (NĐ 154/2026 Art. 25.2); their leaders are notified. The notice is then named by the
    session's slug and its `number`."""
    notice = conclusion_issue(
        actor=request.auth,  # type: ignore[attr-defined]
        session=session_for_caller(request, slug),
        content=payload.content,
        recipients=[
            unit_by_code(code, field=f"recipients.{index}")
            for index, code in enumerate(payload.recipients)
        ],
        number=payload.number,
        follow_up_due_on=payload.follow_up_due_on,
    )
    return Answer(201, conclusion_out(notice))


@router.post(
    "/sessions/{slug}/conclusions/{path:number}/follow-up",
    response={200: ConclusionOut, **ERRORS},
    summary="Record the follow-up of a conclusions notice",
)
def conclusion_follow_up_api(
    request: HttpRequest, slug: str, number: str, payload: FollowUpIn
) -> dict[str, Any]:
    """What an agency reported on carrying out the conclusions; entered by the session's
    reception staff or by the staff of an agency it was sent to. `number` may contain “/”
    (12/TB-TCD)."""
    user = request.auth  # type: ignore[attr-defined]
    notice = conclusion_get_for_user(user=user, slug=slug, number=number)
    return conclusion_out(conclusion_follow_up(actor=user, notice=notice, result=payload.result))


# --- Compliance -------------------------------------------------------------------------------


@router.get(
    "/compliance",
    response={200: ComplianceOut, 400: ErrorOut, 403: ErrorOut, **READ_ERRORS},
    summary="Heads' sessions against the legal minimum",
)
def compliance(request: HttpRequest, q: Query[ComplianceQuery]) -> dict[str, Any]:
    """Per head and month: days of periodic reception held against the minimum in force
    (LEGAL.md §1.4; the minimum's source, and whether the rule is confirmed); a weekly minimum
    is checked week by week. The units' leaders are listed even with no session. For the units
    where the caller receives citizens and those they oversee; 403 for an official with
    neither; a month outside 2000-2100 is refused in `month`."""
    user = request.auth  # type: ignore[attr-defined]
    if not compliance_units(user).exists():
        raise PermissionDenied(
            _("You do not have the right to do this (%(capability)s).")
            % {"capability": RECEIVE.label}
        )
    year, month = month_parse(q.month, clock.today())
    rows = compliance_for_month(user=user, year=year, month=month)
    return {
        "month": f"{year:04d}-{month:02d}",
        "below": sum(1 for row in rows if row.is_below),
        "rows": [
            {
                "unit": {"code": row.unit_code, "name": row.unit_name},
                "head": row.head_username,
                "head_name": row.head_name,
                "head_kind": row.head_kind,
                "head_kind_label": row.head_kind_label,
                "held": row.held,
                "required": row.required,
                "minimum": row.minimum,
                "is_below": row.is_below,
                "weeks_missed": list(row.weeks_missed),
            }
            for row in rows
        ],
    }
