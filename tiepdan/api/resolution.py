"""Resolution cases: list, read, act, record complexity. Thin: each endpoint parses, calls one
service or selector of tiepdan.resolution, and shapes the answer. Cases are named by their
petition's `reference`, and `case` (1, 2, ...) when a petition has several; never db ids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from tiepdan.api.petitions import ERRORS, READ_ERRORS, unit_by_code
from tiepdan.api.schemas import PetitionerOut, StrictIn, UnitOut
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.petitions.permissions import petitioner_names_for_list
from tiepdan.petitions.services import petition_identity_read
from tiepdan.resolution.models import MinutesSignature, Outcome, RegulationOutcome, Resolution
from tiepdan.resolution.selectors import (
    IMPLEMENTATION_ORDERED,
    implementation_totals,
    implementations_for,
    resolution_actions_for_user,
    resolution_can_set_complexity,
    resolution_days_left,
    resolution_get_for_user,
    resolution_list_for_user,
    resolution_main_limit,
    withdrawals_for,
)
from tiepdan.resolution.services import (
    COMPLEXITY_CRITERIA,
    resolution_set_complexity,
    resolution_transition,
    resolution_transition_draft,
)
from tiepdan.resolution.workflow import Action, Status, Track

router = Router(tags=["resolution"])

CASE_HELP = "Which case of the petition (1, 2, ...), when it has several; default: the open one."

# --- Input ------------------------------------------------------------------------------------


class ResolutionListQuery(Schema):
    unit: str = Field("", max_length=32, description="Code of the resolving unit.")
    mine: bool = Field(False, description="Only the cases assigned to the caller.")
    track: Track | None = None
    status: Status | None = None
    overdue: bool = Field(False, description="Only cases past their running time limit.")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0)


class CaseQuery(Schema):
    case: int | None = Field(None, ge=1, le=99, description=CASE_HELP)


# As stored: money in whole đồng (18 digits), land in m² with one decimal (14 digits).
MAX_MONEY = 10**18 - 1
MAX_LAND = 9_999_999_999_999.9
MAX_PEOPLE = 1_000_000


def _one_decimal(value: float | None) -> float | None:
    """Land is recorded to a tenth of a square metre: more decimals would be cut silently."""
    exponent = Decimal(str(value)).as_tuple().exponent if value is not None else 0
    if not isinstance(exponent, int) or exponent < -1:
        raise PydanticCustomError(
            "decimal_max_places",
            "Enter at most {decimal_places} decimal places.",
            {"decimal_places": 1},
        )
    return value


class FiguresIn(StrictIn):
    """Figures given to the service as exact numbers (never floats)."""

    def to_service(self) -> dict[str, Any]:
        values = self.model_dump(exclude_none=True)
        return {name: Decimal(str(value)) for name, value in values.items()}


class AmountsIn(FiguresIn):
    amount_recovered: int | None = Field(
        None, ge=0, le=MAX_MONEY, description="Money to recover (VND)."
    )
    amount_returned: int | None = Field(
        None, ge=0, le=MAX_MONEY, description="Money to return (VND)."
    )
    land_recovered_m2: float | None = Field(None, ge=0, le=MAX_LAND)
    land_returned_m2: float | None = Field(None, ge=0, le=MAX_LAND)
    people_rights_restored: int | None = Field(None, ge=0, le=MAX_PEOPLE)
    persons_to_discipline: int | None = Field(
        None,
        ge=0,
        le=MAX_PEOPLE,
        description="People the decision or conclusion recommends for administrative handling.",
    )
    persons_referred: int | None = Field(
        None, ge=0, le=MAX_PEOPLE, description="People referred to the investigating body."
    )

    _land = field_validator("land_recovered_m2", "land_returned_m2")(_one_decimal)


class ImplementationIn(FiguresIn):
    """What was actually done this time; the case adds up every record (Biểu 05/KQTH)."""

    amount_recovered: int | None = Field(
        None, ge=0, le=MAX_MONEY, description="Money recovered (VND)."
    )
    amount_returned: int | None = Field(
        None, ge=0, le=MAX_MONEY, description="Money returned (VND)."
    )
    land_recovered_m2: float | None = Field(
        None, ge=0, le=MAX_LAND, description="Land recovered (m², one decimal)."
    )
    land_returned_m2: float | None = Field(
        None, ge=0, le=MAX_LAND, description="Land returned (m², one decimal)."
    )
    persons_disciplined: int | None = Field(None, ge=0, le=MAX_PEOPLE)
    persons_prosecuted: int | None = Field(None, ge=0, le=MAX_PEOPLE)

    _land = field_validator("land_recovered_m2", "land_returned_m2")(_one_decimal)


class ResolutionActionIn(StrictIn):
    action: Action = Field(description="One of the case's `available_actions`.")
    note: str = Field("", max_length=5000, description="Reason, or the decision's content.")
    document_text: str = Field(
        "",
        max_length=50000,
        description="The move's document as edited from `actions/draft`, one paragraph a line; "
        "empty issues the generated text.",
    )
    outcome: Outcome | None = Field(None, description="For decide (complaint, denunciation).")
    regulation_outcome: RegulationOutcome | None = Field(
        None, description="For decide (regulation feedback)."
    )
    dialogue_on: dt.date | None = Field(None, description="For hold_dialogue: the day held.")
    dialogue_minutes: MinutesSignature | None = Field(
        None, description="For hold_dialogue: signed, refused (noted), or complainant absent."
    )
    planned_on: dt.date | None = Field(
        None,
        description="For notify_dialogue: the day planned; from 2026-07-01 at least 5 days after "
        "the invitation (KN-14).",
    )
    to_unit: str | None = Field(None, description="Code of the superior unit: for take_over.")
    must_continue: bool = Field(
        False,
        description="For withdraw, withdraw_part (denunciation): it must still be resolved "
        "(TC-16).",
    )
    forced: bool = Field(
        False,
        description="For withdraw, withdraw_part: withdrawn under threat or coercion, so the "
        "content withdrawn is still considered (LKN Art. 10 from 01/07/2026; LTC Art. 33.3).",
    )
    persons: str = Field(
        "",
        max_length=500,
        description="For withdraw: the petitioners who withdraw when not all do; the case goes "
        "on for the others (NĐ 124/2020 Art. 7a; LTC Art. 33.2).",
    )
    decision_number: str = Field("", max_length=64, description="For decide: 12/QĐ-UBND.")
    amounts: AmountsIn | None = Field(None, description="For decide: what it settles.")
    implementation: ImplementationIn | None = Field(
        None,
        description="For record_implementation, enforce, act_on_conclusion: what was actually "
        "done this time (one record; enforce and act_on_conclusion complete the implementation).",
    )
    verifying_unit: str | None = Field(
        None, max_length=32, description="For start_verification: code of the verifying unit."
    )
    verifier: str | None = Field(
        None, max_length=150, description="For start_verification: username of the verifier."
    )


class DocumentDraftOut(Schema):
    kind: str = Field(description="The document the move issues; empty when it issues none.")
    paragraphs: list[str]
    text: str = Field(description="The paragraphs joined by blank lines, ready to edit.")


class ComplexityIn(StrictIn):
    criteria: list[str] = Field(
        max_length=len(COMPLEXITY_CRITERIA),
        description="Keys of the criteria that apply: " + ", ".join(COMPLEXITY_CRITERIA) + ".",
    )
    note: str = Field("", max_length=5000)


# --- Output -----------------------------------------------------------------------------------


class ResolutionListItem(Schema):
    reference: str = Field(description="The petition's reference.")
    case: int = Field(description="The case's number among the petition's cases.")
    track: str
    track_label: str
    level: int
    status: str
    status_label: str
    unit: UnitOut = Field(description="The resolving unit.")
    resolver: str | None = Field(description="Username of the resolving official.")
    summary: str
    petitioner_names: str = Field(description="Masked (N*** V*** Đ***) for a denunciation.")
    accepted_on: dt.date
    due_on: dt.date | None
    days_left: int | None = Field(description="While the limit runs; negative when overdue.")
    is_overdue: bool
    is_suspended: bool
    extensions_used: int


class ResolutionListOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ResolutionListItem]


class MainLimitOut(Schema):
    rule_id: str
    started_on: dt.date
    due_on: dt.date
    met_on: dt.date | None
    is_paused: bool = Field(description="The case is suspended: the clock stands still.")
    explanation: str = Field(description="How it was counted: extensions, suspended days.")
    source: str


class SuspensionOut(Schema):
    started_on: dt.date
    ended_on: dt.date | None
    reason: str


class WithdrawalOut(Schema):
    withdrawn_on: dt.date
    scope: str = Field(description="whole or part.")
    content: str = Field(description="The content withdrawn.")
    forced: bool = Field(description="Withdrawn under threat or coercion.")
    continues: bool = Field(description="The content withdrawn is still resolved.")
    persons: str = Field(description="Who withdrew, when not all the petitioners did.")


class CriterionOut(Schema):
    key: str
    label: str


class ComplexityOut(Schema):
    criteria: list[CriterionOut]
    is_complex: bool
    is_especially_complex: bool


class AmountsOut(Schema):
    amount_recovered: int
    amount_returned: int
    land_recovered_m2: float
    land_returned_m2: float
    people_rights_restored: int
    persons_to_discipline: int = Field(description="Recommended for administrative handling.")
    persons_referred: int = Field(description="Referred to the investigating body.")


class ImplementedOut(Schema):
    amount_recovered: int
    amount_returned: int
    land_recovered_m2: float
    land_returned_m2: float
    persons_disciplined: int
    persons_prosecuted: int


class ImplementationOut(ImplementedOut):
    done_on: dt.date
    completes: bool = Field(description="This record completed the implementation.")
    note: str = Field(description="Masked for a caller who may not know the denouncer.")
    recorded_by: str | None = Field(description="Username of the official who recorded it.")


class DecisionOut(Schema):
    outcome: str
    outcome_label: str
    decision_number: str
    content: str
    decided_on: dt.date
    effective_on: dt.date | None
    amounts: AmountsOut


class DialogueOut(Schema):
    invited_on: dt.date | None = Field(description="When the invitation went out (KN-14).")
    planned_on: dt.date | None = Field(description="The day the invitation names.")
    held_on: dt.date | None
    minutes: str = Field(description="signed, refused, absent; empty until held.")
    minutes_label: str


class CaseActionOut(Schema):
    action: str
    label: str
    requires: list[str] = Field(description="Fields the action needs.")
    source: str


class ResolutionOut(ResolutionListItem):
    case_count: int
    kind: str = Field(description="The petition's kind.")
    is_confidential: bool = Field(description="A denunciation: the denouncer is protected.")
    petitioners: list[PetitionerOut]
    must_continue: bool
    closed_on: dt.date | None
    main_limit: MainLimitOut | None
    complexity: ComplexityOut
    suspensions: list[SuspensionOut]
    withdrawals: list[WithdrawalOut]
    decision: DecisionOut | None
    implementations: list[ImplementationOut] = Field(
        description="What was done in carrying out the decision or conclusion, oldest first."
    )
    implemented: ImplementedOut = Field(
        description="The sum of the records, to compare with `decision.amounts`."
    )
    dialogue: DialogueOut | None = Field(
        description="A complaint's dialogue, once invited or held."
    )
    can_set_complexity: bool
    available_actions: list[CaseActionOut] = Field(
        description="Moves the caller may make now, in the resolving unit."
    )


# --- Shaping ----------------------------------------------------------------------------------


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else ""


def case_summary(resolution: Resolution) -> dict[str, Any]:
    petition = resolution.petition
    days_left = resolution_days_left(resolution)
    resolver = resolution.assigned_to or petition.assigned_to
    return {
        "reference": petition.reference,
        "case": getattr(resolution, "number", None) or 1,
        "track": resolution.track,
        "track_label": _label(Track, resolution.track),
        "level": resolution.level,
        "status": resolution.status,
        "status_label": _label(Status, resolution.status),
        "unit": resolution.org_unit,
        "resolver": resolver.username if resolver else None,
        "summary": petition.summary,
        "petitioner_names": petitioner_names_for_list(petition),
        "accepted_on": resolution.accepted_on,
        "due_on": resolution.due_on,
        "days_left": days_left,
        "is_overdue": days_left is not None and days_left < 0,
        "is_suspended": resolution.status == Status.SUSPENDED,
        "extensions_used": resolution.extensions_used,
    }


def _decision(resolution: Resolution) -> dict[str, Any] | None:
    if resolution.decided_on is None:
        return None
    outcome = resolution.outcome or resolution.regulation_outcome
    return {
        "outcome": outcome,
        "outcome_label": _label(Outcome, outcome) or _label(RegulationOutcome, outcome),
        "decision_number": resolution.decision_number,
        "content": resolution.decision_summary,
        "decided_on": resolution.decided_on,
        "effective_on": resolution.effective_on,
        "amounts": {
            "amount_recovered": int(resolution.amount_recovered),
            "amount_returned": int(resolution.amount_returned),
            "land_recovered_m2": float(resolution.land_recovered_m2),
            "land_returned_m2": float(resolution.land_returned_m2),
            "people_rights_restored": resolution.people_rights_restored,
            "persons_to_discipline": resolution.persons_to_discipline,
            "persons_referred": resolution.persons_referred,
        },
    }


def _figures(values: dict[str, Any]) -> dict[str, Any]:
    """Money and people as whole numbers, land in m² as a number with one decimal."""
    return {
        name: float(value) if name.startswith("land_") else int(value)
        for name, value in values.items()
    }


def _implementations(user: Any, resolution: Resolution) -> list[dict[str, Any]]:
    return [
        {
            **_figures({name: getattr(record, name) for name, _o in IMPLEMENTATION_ORDERED}),
            "done_on": record.done_on,
            "completes": record.completes,
            "note": record.note,
            "recorded_by": record.recorded_by.username if record.recorded_by else None,
        }
        for record in implementations_for(user, resolution)
    ]


def _dialogue(resolution: Resolution) -> dict[str, Any] | None:
    if resolution.dialogue_notice_on is None and resolution.dialogue_on is None:
        return None
    return {
        "invited_on": resolution.dialogue_notice_on,
        "planned_on": resolution.dialogue_planned_on,
        "held_on": resolution.dialogue_on,
        "minutes": resolution.dialogue_minutes,
        "minutes_label": _label(MinutesSignature, resolution.dialogue_minutes),
    }


def case_out(user: Any, resolution: Resolution) -> dict[str, Any]:
    """The case as this caller may see it. Reading a denouncer's identity is audited."""
    petition = resolution.petition
    return {
        **case_summary(resolution),
        "case_count": getattr(resolution, "case_count", 1),
        "kind": petition.kind,
        "is_confidential": petition.is_confidential,
        "petitioners": petition_identity_read(actor=user, petition=petition),
        "must_continue": resolution.must_continue,
        "closed_on": resolution.closed_on,
        "main_limit": resolution_main_limit(resolution),
        "complexity": {
            "criteria": [
                {"key": key, "label": COMPLEXITY_CRITERIA.get(key, key)}
                for key in resolution.complexity_criteria
            ],
            "is_complex": resolution.is_complex,
            "is_especially_complex": resolution.is_especially_complex,
        },
        "suspensions": list(resolution.suspensions.all()),
        "withdrawals": withdrawals_for(user, resolution),
        "decision": _decision(resolution),
        "implementations": _implementations(user, resolution),
        "implemented": _figures({t.name: t.done for t in implementation_totals(resolution)}),
        "dialogue": _dialogue(resolution),
        "can_set_complexity": resolution_can_set_complexity(user=user, resolution=resolution),
        "available_actions": [
            {
                "action": choice.action.value,
                "label": str(choice.action.label),
                "requires": list(choice.move.requires),
                "source": choice.move.source,
            }
            for choice in resolution_actions_for_user(user=user, resolution=resolution)
        ],
    }


# --- Endpoints --------------------------------------------------------------------------------


@router.get("", response={200: ResolutionListOut, **READ_ERRORS}, summary="List cases")
def resolution_list(request: HttpRequest, filters: Query[ResolutionListQuery]) -> dict[str, Any]:
    """The cases of the units the caller may see (leaders: the units they oversee), overdue
    first, then by due date; closed cases last."""
    unit = unit_by_code(filters.unit, field="unit") if filters.unit else None
    cases = resolution_list_for_user(
        user=request.auth,  # type: ignore[attr-defined]
        unit=unit,
        mine=filters.mine,
        track=filters.track.value if filters.track else "",
        status=filters.status.value if filters.status else "",
        overdue_only=filters.overdue,
    )
    page = cases[filters.offset : filters.offset + filters.limit]
    return {
        "count": cases.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [case_summary(c) for c in page],
    }


@router.get("/{reference}", response={200: ResolutionOut, **READ_ERRORS}, summary="One case")
def resolution_detail(request: HttpRequest, reference: str, q: Query[CaseQuery]) -> Any:
    """404 when the case does not exist or its resolving unit is not open to the caller. The
    main time limit's `explanation` names the extensions and the suspended days not counted."""
    user = request.auth  # type: ignore[attr-defined]
    return case_out(user, resolution_get_for_user(user=user, reference=reference, case=q.case))


@router.post("/{reference}/actions", response={200: ResolutionOut, **ERRORS}, summary="Act")
def resolution_act(
    request: HttpRequest, reference: str, payload: ResolutionActionIn, q: Query[CaseQuery]
) -> Any:
    """Applies a move of the case's track (409 when its status does not allow it; 403 without
    the right in the resolving unit) and returns the case. What a move needs is listed in its
    `requires`: `note`, `outcome`, `regulation_outcome`, `dialogue_on`, `dialogue_minutes`,
    `planned_on`, `to_unit`. `record_implementation`, `enforce` and `act_on_conclusion` take
    what was actually done as `implementation`; it is added to the case's `implementations`."""
    user = request.auth  # type: ignore[attr-defined]
    resolution = resolution_get_for_user(user=user, reference=reference, case=q.case)
    resolution_transition(
        actor=user,
        resolution_id=resolution.pk,
        action=payload.action.value,
        document_text=payload.document_text,
        **_move_values(payload),
    )
    number = getattr(resolution, "number", None)
    return case_out(user, resolution_get_for_user(user=user, reference=reference, case=number))


def _move_values(payload: ResolutionActionIn) -> dict[str, Any]:
    """The service's inputs of a move, as the action endpoint and the draft endpoint give them."""
    return {
        "note": payload.note,
        "outcome": payload.outcome.value if payload.outcome else "",
        "regulation_outcome": payload.regulation_outcome.value
        if payload.regulation_outcome
        else "",
        "dialogue_on": payload.dialogue_on,
        "planned_on": payload.planned_on,
        "dialogue_minutes": payload.dialogue_minutes.value if payload.dialogue_minutes else "",
        "to_unit": unit_by_code(payload.to_unit, field="to_unit") if payload.to_unit else None,
        "must_continue": payload.must_continue,
        "forced": payload.forced,
        "persons": payload.persons,
        "decision_number": payload.decision_number,
        "amounts": payload.amounts.to_service() if payload.amounts else None,
        "implementation": payload.implementation.to_service() if payload.implementation else None,
        "verifying_unit": (
            unit_by_code(payload.verifying_unit, field="verifying_unit")
            if payload.verifying_unit
            else None
        ),
        "verifier": _official(payload.verifier) if payload.verifier else None,
    }


@router.post(
    "/{reference}/actions/draft", response={200: DocumentDraftOut, **ERRORS}, summary="Draft"
)
def resolution_act_draft(
    request: HttpRequest, reference: str, payload: ResolutionActionIn, q: Query[CaseQuery]
) -> Any:
    """The text of the document the move would issue, generated from the case, for the caller
    to read and edit before acting (send it back as `document_text`). Nothing is recorded, no
    number is used; a move that cannot be made fails as `actions` would."""
    user = request.auth  # type: ignore[attr-defined]
    resolution = resolution_get_for_user(user=user, reference=reference, case=q.case)
    draft = resolution_transition_draft(
        actor=user,
        resolution_id=resolution.pk,
        action=payload.action.value,
        **_move_values(payload),
    )
    return {"kind": draft.kind, "paragraphs": list(draft.paragraphs), "text": draft.text}


@router.post(
    "/{reference}/complexity", response={200: ResolutionOut, **ERRORS}, summary="Complexity"
)
def resolution_complexity(
    request: HttpRequest, reference: str, payload: ComplexityIn, q: Query[CaseQuery]
) -> Any:
    """Records which complexity criteria apply (the head of the resolving unit); the time limit
    follows: a complex complaint gets 45 days, a denunciation may then be extended (TC-06,
    TC-07). Returns the case."""
    user = request.auth  # type: ignore[attr-defined]
    resolution = resolution_get_for_user(user=user, reference=reference, case=q.case)
    resolution_set_complexity(
        actor=user, resolution_id=resolution.pk, criteria=payload.criteria, note=payload.note
    )
    number = getattr(resolution, "number", None)
    return case_out(user, resolution_get_for_user(user=user, reference=reference, case=number))


def _official(username: str) -> Any:
    from tiepdan.accounts.models import User

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise ValidationFailed(
            _("No official has the username %(name)s.") % {"name": username},
            extra={"errors": {"verifier": _("Check the username.")}},
        )
    return user
