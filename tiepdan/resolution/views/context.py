"""Everything the case page shows, and which of its forms the official may use."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest

from tiepdan.petitions.models import PetitionEvent
from tiepdan.petitions.permissions import (
    can_see_identity,
    notes_for_user,
    petition_documents_for_user,
)
from tiepdan.petitions.selectors import date_or_none
from tiepdan.petitions.services import petition_identity_read
from tiepdan.petitions.workflow import Status as PetitionStatus
from tiepdan.resolution.forms import (
    AMOUNTS,
    IMPLEMENTATION,
    ComplexityForm,
    ResolutionActionForm,
    action_form_fields,
)
from tiepdan.resolution.models import Outcome, RegulationOutcome, Resolution
from tiepdan.resolution.selectors import (
    RUNNING,
    implementation_totals,
    implementations_for,
    resolution_actions_for_user,
    resolution_can_set_complexity,
    resolution_days_left,
    resolution_for_petition,
    resolution_main_limit,
    resolution_superior_units,
    resolution_verifying_units,
    withdrawals_for,
)
from tiepdan.resolution.services import COMPLEXITY_CRITERIA
from tiepdan.resolution.views.protection_panel import protection_panel
from tiepdan.resolution.workflow import Action, Status, Track, available_actions

Bound = tuple[str, forms.Form] | None
RESOLUTION_EVENTS = {*Action.values, "resolution_open", "complexity"}
# Events after which the timeline shows the case's due date: those that set or move it.
MOVES_THE_DUE_DATE = {
    "resolution_open",
    "complexity",
    Action.EXTEND,
    Action.RESUME,
    Action.RE_RESOLVE,
}


def _bound(bound: Bound, key: str, default: forms.Form) -> forms.Form:
    return bound[1] if bound is not None and bound[0] == key else default


def _focus(form: forms.Form, names: list[str]) -> None:
    """In a form shown again after an error, put the focus on the first input in error."""
    # A fieldset of figures stands for its inputs.
    groups = {"amounts": AMOUNTS, "implementation": list(IMPLEMENTATION)}
    inputs = [name for group in names for name in groups.get(group, [group])]
    wrong = [n for n in inputs if n in form.errors] or inputs
    target = wrong[0] if wrong else ""
    if target in form.fields:
        # On a radio group every option carries it; the browser focuses the first.
        form.fields[target].widget.attrs["autofocus"] = True


def _status_label(value: str, *, resolution_event: bool) -> str:
    for choices in (Status, PetitionStatus) if resolution_event else (PetitionStatus, Status):
        if value in choices.values:
            return str(choices(value).label)
    return value


def _event_rows(request: HttpRequest, resolution: Resolution) -> list[dict[str, Any]]:
    """The petition's history; the case's moves carry the due date they left."""
    rows = []
    events = list(
        PetitionEvent.objects.filter(petition=resolution.petition).select_related(
            "actor", "org_unit"
        )
    )
    notes_for_user(request.user, resolution.petition, events)
    for event in events:
        ours = event.action in RESOLUTION_EVENTS
        data = event.data or {}
        outcome = data.get("outcome", "")
        rows.append(
            {
                "event": event,
                "is_resolution": ours,
                "from_label": _status_label(event.from_status, resolution_event=ours),
                "to_label": _status_label(event.to_status, resolution_event=ours),
                "due_on": date_or_none(data.get("due_on", ""))
                if event.action in MOVES_THE_DUE_DATE
                else None,
                "extension": data.get("extension"),
                "suspended_days": data.get("suspended_days"),
                "outcome": _choice_label(outcome),
                "continues": bool(data.get("continues")),
                "to_unit": data.get("to", "") if event.action == Action.TAKE_OVER else "",
                "criteria": len(data.get("to") or []) if event.action == "complexity" else None,
            }
        )
    return rows


def _choice_label(value: str) -> str:
    for choices in (Outcome, RegulationOutcome):
        if value in choices.values:
            return str(choices(value).label)
    return ""


def _actions(request: HttpRequest, resolution: Resolution, bound: Bound) -> list[dict]:
    superiors = None
    rows = []
    for choice in resolution_actions_for_user(user=request.user, resolution=resolution):
        action, move = choice.action, choice.move
        if superiors is None and "to_unit" in move.requires:
            superiors = resolution_superior_units(resolution)
        key = f"action:{action.value}"
        verifying = (
            resolution_verifying_units(resolution) if action == Action.START_VERIFICATION else None
        )
        default = ResolutionActionForm(
            prefix=action.value,
            superiors=superiors or [],
            action=action,
            verifying_units=verifying,
        )
        form = _bound(bound, key, default)
        fields = action_form_fields(resolution.track, action, move)
        is_open = bound is not None and bound[0] == key
        if is_open:
            _focus(form, fields)
        rows.append(
            {"action": action, "move": move, "form": form, "fields": fields, "is_open": is_open}
        )
    return rows


def _amounts(resolution: Resolution) -> list[dict[str, Any]]:
    return [
        {"label": Resolution._meta.get_field(name).verbose_name, "value": value}
        for name in AMOUNTS
        if (value := getattr(resolution, name))
    ]


def _implementation(request: HttpRequest, resolution: Resolution) -> dict[str, Any] | None:
    """What was done in carrying out the decision or conclusion: the records (notes masked as
    on the timeline) and each figure so far against what was ordered (Biểu 05/KQTH)."""
    if resolution.track not in (Track.COMPLAINT, Track.DENUNCIATION) or not resolution.decided_on:
        return None
    records = implementations_for(request.user, resolution)
    under_way = Action.RECORD_IMPLEMENTATION in available_actions(
        resolution.track, resolution.status
    )
    if not records and not under_way:
        return None
    labels = {
        field: ResolutionActionForm.base_fields[name].label
        for name, field in IMPLEMENTATION.items()
    }
    return {
        "records": records,
        "totals": [
            {"label": labels[t.name], "done": t.done, "ordered": t.ordered}
            for t in implementation_totals(resolution)
            if t.done or t.ordered
        ],
        "is_complete": any(r.completes for r in records),
    }


def detail_context(request: HttpRequest, resolution: Resolution, *, bound: Bound = None) -> dict:
    user = request.user
    petition = resolution.petition
    actions = _actions(request, resolution, bound)
    can_complexity = resolution_can_set_complexity(user=user, resolution=resolution)
    complexity_form = None
    if can_complexity:
        complexity_form = _bound(
            bound,
            "complexity",
            ComplexityForm(
                prefix="complexity", initial={"criteria": resolution.complexity_criteria}
            ),
        )
    protection = protection_panel(request, resolution, bound)
    shown = {f"action:{row['action'].value}" for row in actions} | (
        {"complexity"} if can_complexity else set()
    )
    shown |= protection["keys"] if protection else set()
    page_errors = []
    if bound is not None and bound[0] not in shown:
        page_errors = [str(e) for errors in bound[1].errors.values() for e in errors]
    return {
        "case": resolution,
        "petition": petition,
        "cases": resolution_for_petition(user=user, petition=petition),
        "people": petition_identity_read(actor=user, petition=petition),
        "identity_visible": can_see_identity(user, petition),
        "main_limit": resolution_main_limit(resolution),
        "days_left": resolution_days_left(resolution),
        "is_running": resolution.status in RUNNING,
        "criteria": [
            {"key": key, "label": label, "chosen": key in resolution.complexity_criteria}
            for key, label in COMPLEXITY_CRITERIA.items()
        ],
        "complexity_form": complexity_form,
        "suspensions": [
            {"suspension": s, "days": (s.ended_on - s.started_on).days if s.ended_on else None}
            for s in resolution.suspensions.all()
        ],
        "withdrawals": withdrawals_for(request.user, resolution),
        "amounts": _amounts(resolution),
        "implementation": _implementation(request, resolution),
        "outcome_label": _choice_label(resolution.outcome or resolution.regulation_outcome),
        "events": _event_rows(request, resolution),
        "documents": list(
            petition_documents_for_user(user, petition)
            .select_related("org_unit")
            .order_by("issued_on", "pk")
        ),
        "actions": actions,
        "open_form": bound[0] if bound else "",
        "page_errors": page_errors,
        "protection": protection,
    }
