"""Visits, the register (Mẫu 03/TCD) and a person's history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as Answer

from tiepdan.accounts.permissions import ensure_capability
from tiepdan.api.petitions import ERRORS, READ_ERRORS, unit_by_code
from tiepdan.api.reception.lookups import (
    RECEIVE,
    invalid,
    office_by_name,
    official_by_username,
    session_id_of_unit,
    visit_of,
)
from tiepdan.api.reception.schemas import (
    HistoryIn,
    HistoryOut,
    RegisterOut,
    RegisterQuery,
    VisitIn,
    VisitOut,
)
from tiepdan.api.reception.shaping import local, visit_key, visit_out
from tiepdan.api.schemas import ErrorOut
from tiepdan.core import clock
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.petitions.identity import citizen_id_check
from tiepdan.reception.permissions import visit_identity
from tiepdan.reception.selectors import (
    REGISTER_COLUMNS,
    register_period_errors,
    register_rows,
    register_unit_for_user,
    visit_counts,
    visitor_history,
)
from tiepdan.reception.services import register_identity_read, visit_identity_read, visit_record

router = Router(tags=["reception"])

# The fields of a register row, in the order of the 13 columns of Mẫu 03/TCD (REGISTER_COLUMNS).
REGISTER_FIELDS = (
    "serial",
    "received_on",
    "names_addresses",
    "identity_papers",
    "summary",
    "classification",
    "people_count",
    "prior_bodies",
    "within_competence",
    "guidance",
    "transfer",
    "follow_up",
    "notes",
)


# --- Visits and the register ------------------------------------------------------------------


@router.post("/visits", response={201: VisitOut, **ERRORS}, summary="Record a visit")
def visit_create(request: HttpRequest, payload: VisitIn) -> Answer[dict[str, Any]]:
    """Records a visit in the unit's register (the caller receives citizens there). With
    `outcome` petition_received the written petition is recorded and `petition.reference` is
    the tracking code to give the citizen. A group (5 or more people) needs its representatives
    ticked among `visitors` (TCD-01) and `head_received`; it alerts the unit's leaders and the
    province's reception board. Problems come back per field in `errors` (`representatives`,
    `visitors.0.citizen_id` ...). The document appointing a group's representatives is a file:
    it is attached on the desk's entry page, not through this JSON endpoint."""
    user = request.auth  # type: ignore[attr-defined]
    unit = unit_by_code(payload.unit, field="unit")
    ensure_capability(user, RECEIVE, unit)  # 403 before any lookup in the unit
    data = payload.to_data(
        receiver_ids=[
            official_by_username(name, field=f"receivers.{index}").pk
            for index, name in enumerate(payload.receivers)
        ],
        office_id=office.pk if (office := office_by_name(unit, payload.office)) else None,
        session_id=session_id_of_unit(unit, payload.session),
    )
    visit = visit_record(actor=user, unit=unit, data=data)
    visit = visit_of(user, visit.org_unit.code, visit.year, visit.serial)
    # What the caller has just typed is echoed back, not read: no identity view is journaled
    # (recording the visit is); a caller who may not know the denouncer still gets it masked.
    return Answer(201, visit_out(user, visit, visit_identity(user, visit)))


@router.get(
    "/visits/{unit}/{year}/{serial}", response={200: VisitOut, **READ_ERRORS}, summary="One visit"
)
def visit_detail(request: HttpRequest, unit: str, year: int, serial: int) -> dict[str, Any]:
    """404 when it does not exist or the unit's register is not open to the caller. The people
    of a visit about a denunciation are masked for a caller who may not know the denouncer;
    showing them unmasked is journaled."""
    user = request.auth  # type: ignore[attr-defined]
    visit = visit_of(user, unit, year, serial)
    return visit_out(user, visit, visit_identity_read(actor=user, visit=visit))


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


@router.get(
    "/register",
    response={200: RegisterOut, 400: ErrorOut, **READ_ERRORS},
    summary="The register (Mẫu 03/TCD)",
)
def register(request: HttpRequest, filters: Query[RegisterQuery]) -> dict[str, Any]:
    """The unit's register for a period, one row per visit in the 13 columns of Mẫu 03/TCD
    (`columns` gives each field's heading), and the counts of visits, persons (people entered
    once each, plus a group's people not entered), cases (first / repeated) and group visits.
    The people of a visit about a denunciation are masked for a caller who may not know the
    denouncer. Dates from 1990 to a year ahead. 404 for a unit whose register is not open to
    the caller."""
    user = request.auth  # type: ignore[attr-defined]
    unit = register_unit_for_user(user, filters.unit.strip())
    date_from = filters.date_from or clock.today().replace(day=1)
    errors = register_period_errors(date_from, filters.date_to or date_from)
    if errors:
        raise ValidationFailed(next(iter(errors.values())), extra={"errors": errors})
    date_to = filters.date_to or _month_end(date_from)
    if date_to < date_from:
        raise invalid("date_to", _("The end date must be on or after the start date."))
    rows = register_rows(user, unit, date_from, date_to)
    register_identity_read(actor=user, unit=unit, rows=rows, date_from=date_from, date_to=date_to)
    return {
        "unit": unit,
        "date_from": date_from,
        "date_to": date_to,
        "columns": [
            {"field": field, "heading": heading}
            for field, heading in zip(REGISTER_FIELDS, REGISTER_COLUMNS, strict=True)
        ],
        "rows": [
            {**dict(zip(REGISTER_FIELDS, row.cells, strict=True)), "key": visit_key(row.visit)}
            for row in rows
        ],
        "counts": visit_counts(unit, date_from, date_to),
    }


@router.post(
    "/citizens/history",
    response={200: HistoryOut, 400: ErrorOut, **READ_ERRORS},
    summary="A person's earlier visits and petitions",
)
def citizen_history(request: HttpRequest, payload: HistoryIn) -> dict[str, Any]:
    """Found by citizen ID, within the caller's units; a POST, so that the ID is not written
    in access logs as part of an address. A denunciation, or a visit about one, whose
    denouncer the caller may not know is left out, so the lookup cannot reveal who denounced."""
    user = request.auth  # type: ignore[attr-defined]
    try:
        cleaned = citizen_id_check(payload.citizen_id)
    except ValidationFailed as exc:
        raise invalid("citizen_id", str(exc)) from None
    history = visitor_history(user, cleaned)
    return {
        "visitor_name": history.visitor_name,
        "visits": [
            {
                "key": "/".join(str(part) for part in v.url_args),
                "number": v.reference,
                "unit_name": v.unit,
                "received_at": local(v.received_at),
                "summary": v.summary,
                "outcome_label": v.outcome,
                "is_group": v.is_group,
                "petition": v.petition_code or None,
            }
            for v in history.visits
        ],
        "petitions": [
            {
                "reference": p.reference,
                "received_on": p.received_on,
                "unit_name": p.unit,
                "kind_label": p.kind,
                "status_label": p.status,
                "summary": p.summary,
            }
            for p in history.petitions
        ],
    }
