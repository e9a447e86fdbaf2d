"""Petitions: record, list and search, read, follow the history, act. Thin: each endpoint
parses, calls one service or selector of tiepdan.petitions, and shapes the answer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as Answer

from tiepdan.accounts.permissions import user_can_in_unit
from tiepdan.api.schemas import (
    ActionIn,
    ErrorOut,
    EventOut,
    PetitionIn,
    PetitionListOut,
    PetitionListQuery,
    PetitionOut,
)
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import Channel, Kind, Petition
from tiepdan.petitions.permissions import petition_documents_for_user
from tiepdan.petitions.selectors import (
    InboxFilters,
    petition_deadlines,
    petition_get_for_user,
    petition_inbox,
)
from tiepdan.petitions.services import (
    SplitPart,
    petition_identity_read,
    petition_receive,
    petition_report_back,
    petition_transition,
    petition_urge_follow_up,
)
from tiepdan.petitions.services.triage import petition_event_list
from tiepdan.petitions.workflow import Status, available_actions, move_for

router = Router(tags=["petitions"])

# Documented answers besides success; the body is ErrorOut for each.
ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 403, 404, 409, 422), ErrorOut)
READ_ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((401, 404, 422), ErrorOut)


def unit_by_code(code: str, *, field: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code.strip()).first()
    if unit is None:
        message = _("No unit has the code “%(code)s”.") % {"code": code}
        raise ValidationFailed(message, extra={"errors": {field: message}})
    return unit


def actions_for(user: Any, petition: Petition) -> list[dict[str, str]]:
    """The workflow's actions in this state that the caller's roles allow in the holding unit."""
    return [
        {"action": action.value, "label": str(action.label)}
        for action in available_actions(petition.status)
        if user_can_in_unit(
            user, move_for(petition.status, action).capability, petition.current_unit
        )
    ]


def petition_out(user: Any, petition: Petition) -> dict[str, Any]:
    """The petition as this caller may see it. Reading a denouncer's identity is audited."""
    return {
        "reference": petition.reference,
        "tracking_code": petition.tracking_code,
        "status": petition.status,
        "status_label": str(Status(petition.status).label),
        "kind": petition.kind,
        "kind_label": str(Kind(petition.kind).label),
        "kinds": list(petition.kinds or []),
        "channel": petition.channel,
        "channel_label": str(Channel(petition.channel).label),
        "forwarded_by": petition.forwarded_by,
        "received_on": petition.received_on,
        "receiving_unit": petition.receiving_unit,
        "current_unit": petition.current_unit,
        "assigned_to": petition.assigned_to.username if petition.assigned_to_id else None,
        "summary": petition.summary,
        "content": petition.content,
        "request": petition.request,
        "prior_handling": petition.prior_handling,
        "respondent": {
            "name": petition.respondent_name,
            "is_body": petition.respondent_is_body,
            "details": petition.respondent_details,
        },
        "complaint_subject": petition.complaint_subject,
        "field": petition.field,
        "is_anonymous": petition.is_anonymous,
        "is_confidential": petition.is_confidential,
        "signatory_count": petition.signatory_count,
        "is_eligible": petition.is_eligible,
        "is_within_competence": petition.is_within_competence,
        "competent_body": petition.competent_body,
        "duplicate_status": petition.duplicate_status,
        "petitioners": petition_identity_read(actor=user, petition=petition),
        "time_limits": [
            {
                "rule_id": row["deadline"].rule_id,
                "unit": row["deadline"].org_unit.code,
                "started_on": row["deadline"].started_on,
                "due_on": row["deadline"].due_on,
                "days_left": row["days_left"],
                "is_overdue": row["is_overdue"],
                "source": row["deadline"].source,
                "explanation": row["deadline"].explanation,
            }
            for row in petition_deadlines(petition)
            if row["deadline"].met_on is None
        ],
        "documents": [
            {
                "kind": document.kind,
                "kind_label": document.get_kind_display(),
                "number": document.number,
                "issued_on": document.issued_on,
                "unit": document.org_unit.code,
            }
            for document in petition_documents_for_user(user, petition).select_related("org_unit")
        ],
        "available_actions": actions_for(user, petition),
    }


@router.post("", response={201: PetitionOut, **ERRORS}, summary="Record a received petition")
def petition_create(request: HttpRequest, payload: PetitionIn) -> Answer[dict[str, Any]]:
    """Records the petition in the receiving unit (the caller needs the right to record
    petitions there): it gets a tracking code (`reference`), a register number, its time
    limits and a receipt. Input problems come back per field in `errors`."""
    user = request.auth  # type: ignore[attr-defined]
    unit = unit_by_code(payload.unit, field="unit")
    petition = petition_receive(actor=user, unit=unit, data=payload.to_data())
    return Answer(201, petition_out(user, petition))


@router.get("", response={200: PetitionListOut, **READ_ERRORS}, summary="List and search")
def petition_list(request: HttpRequest, filters: Query[PetitionListQuery]) -> dict[str, Any]:
    """The petitions the caller's units registered (a unit that transferred one keeps
    following it), nearest time limit first. `q` ignores accents: `nguyen van duc` finds
    “Nguyễn Văn Đức”; a denouncer is never found by name."""
    unit = unit_by_code(filters.unit, field="unit") if filters.unit else None
    petitions = petition_inbox(
        user=request.auth,  # type: ignore[attr-defined]
        filters=InboxFilters(
            unit=unit,
            kind=filters.kind.value if filters.kind else "",
            status=filters.status.value if filters.status else "",
            overdue_only=filters.overdue,
            query=filters.q,
            sort=filters.sort,
        ),
    )
    return {
        "count": petitions.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(petitions[filters.offset : filters.offset + filters.limit]),
    }


@router.get("/{reference}", response={200: PetitionOut, **READ_ERRORS}, summary="One petition")
def petition_detail(request: HttpRequest, reference: str) -> dict[str, Any]:
    """404 when it does not exist or the caller's units may not see it. A denouncer's
    identity is shown only to the assigned official and the holding unit's leaders."""
    user = request.auth  # type: ignore[attr-defined]
    return petition_out(user, petition_get_for_user(user=user, reference=reference))


@router.get("/{reference}/events", response={200: list[EventOut], **READ_ERRORS}, summary="History")
def petition_events(request: HttpRequest, reference: str) -> list[Any]:
    """Every step: who did what, in which unit, from which status to which."""
    user = request.auth  # type: ignore[attr-defined]
    return petition_event_list(petition_get_for_user(user=user, reference=reference), user)


@router.post("/{reference}/actions", response={200: PetitionOut, **ERRORS}, summary="Act")
def petition_act(request: HttpRequest, reference: str, payload: ActionIn) -> dict[str, Any]:
    """Applies a workflow action (409 when the status does not allow it) and returns the
    petition. What an action needs: `note` (propose_acceptance, reject_proposal, return,
    file_away, reopen), `to_unit` (transfer, urge), `competent_body` (guide, transfer_out,
    forward_to_party, report_to_police), `parts` (split: at least two)."""
    user = request.auth  # type: ignore[attr-defined]
    petition = petition_get_for_user(user=user, reference=reference)
    if payload.action == "urge_follow_up":
        petition_urge_follow_up(actor=user, petition_id=petition.pk, note=payload.note)
    elif payload.action == "report_back":
        petition_report_back(actor=user, petition_id=petition.pk, report=payload.note)
    else:
        petition_transition(
            actor=user,
            petition_id=petition.pk,
            action=payload.action,
            note=payload.note,
            to_unit=unit_by_code(payload.to_unit, field="to_unit") if payload.to_unit else None,
            competent_body=payload.competent_body,
            parts=[
                SplitPart(
                    kind=part.kind.value,
                    unit=unit_by_code(part.unit, field=f"parts.{index}.unit"),
                    summary=part.summary,
                )
                for index, part in enumerate(payload.parts)
            ],
        )
    return petition_out(user, petition_get_for_user(user=user, reference=reference))
