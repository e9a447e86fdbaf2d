"""Everything the petition page shows, and which of its forms the official may use."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest

from tiepdan.accounts.permissions import user_can_in_unit
from tiepdan.accounts.roles import Capability
from tiepdan.petitions.forms import (
    AssignForm,
    AttachmentForm,
    ClassifyForm,
    NoteForm,
    ReportBackForm,
    TransitionForm,
    action_form_fields,
    tristate_initial,
    unit_option,
    units_to_send_to,
)
from tiepdan.petitions.models import DocumentKind, Petition, PetitionEvent
from tiepdan.petitions.permissions import (
    can_see_identity,
    mask_name,
    notes_for_user,
    petition_documents_for_user,
    petition_queryset_for_user,
)
from tiepdan.petitions.selectors import (
    duplicate_candidates,
    guided_before,
    petition_deadlines,
    unit_officials,
)
from tiepdan.petitions.services import petition_identity_read
from tiepdan.petitions.views.common import member_units
from tiepdan.petitions.workflow import TRANSITIONS, Status, available_actions

Bound = tuple[str, forms.Form] | None


def _bound(bound: Bound, key: str, default: forms.Form) -> forms.Form:
    return bound[1] if bound is not None and bound[0] == key else default


def _focus(form: forms.Form, names: list[str]) -> None:
    """Put the focus in a form shown again after an error: on the first input in error."""
    wrong = [n for n in names if n in form.errors] or names
    if wrong and wrong[0] in form.fields:
        form.fields[wrong[0]].widget.attrs["autofocus"] = True


def _actions(request: HttpRequest, petition: Petition, bound: Bound, units: Any) -> list[dict]:
    rows = []
    for action in available_actions(petition.status):
        move = TRANSITIONS[(Status(petition.status), action)]
        if not user_can_in_unit(request.user, move.capability, petition.current_unit):
            continue
        key = f"action:{action.value}"
        form = _bound(bound, key, TransitionForm(prefix=action.value, units=units))
        fields = action_form_fields(action, move.requires)
        is_open = bound is not None and bound[0] == key
        if is_open:
            _focus(form, [f if f != "parts" else "part1_kind" for f in fields])
        rows.append(
            {
                "action": action,
                "move": move,
                "form": form,
                "fields": fields,
                "is_open": is_open,
            }
        )
    return rows


def _classify_form(petition: Petition, units: Any) -> ClassifyForm:
    initial = {
        "field": petition.field,
        "procedure_stage": petition.procedure_stage,
        "complaint_subject": petition.complaint_subject,
        "is_repeated": petition.is_repeated,
        "is_anonymous": petition.is_anonymous,
        "is_eligible": tristate_initial(petition.is_eligible),
        "reasons": list(petition.ineligibility_reasons.all()),
        "is_within_competence": tristate_initial(petition.is_within_competence),
        "competent_unit": unit_option(petition.competent_unit) if petition.competent_unit else "",
        "competent_body": petition.competent_body,
    }
    return ClassifyForm(prefix="classify", initial=initial, units=units)


def _duplicates(request: HttpRequest, petition: Petition, identity_visible: bool) -> list[dict]:
    """Earlier petitions that may be the same, as much as this official may know of them.

    Candidates are found by the author's identity, so listing one says "this person also
    wrote that". Hence (LTC Art. 9, 56): when this petition is a denunciation the official may
    not see the author of, nothing identifying is shown; an earlier denunciation is listed only
    to officials entitled to see its author; and a petition the official may not open is shown
    only as "an earlier petition exists in <unit>", without reference, summary or names.
    """
    candidates = duplicate_candidates(petition)
    if not candidates:
        return []
    protect = petition.is_confidential and not identity_visible
    visible = set(
        petition_queryset_for_user(request.user)
        .filter(pk__in=[c.pk for c in candidates])
        .values_list("pk", flat=True)
    )
    rows = []
    for candidate in candidates:
        if candidate.is_confidential and not can_see_identity(request.user, candidate):
            continue
        opened = candidate.pk in visible and not protect
        names = [p.full_name for p in candidate.petitioners.all()] if opened else []
        if candidate.is_confidential:
            names = [mask_name(n) for n in names]
        rows.append(
            {
                "petition": candidate,
                "names": ", ".join(names),
                "show_reference": opened,
                "show_details": opened,
                "link": opened,
                "guided_before": guided_before(candidate) if opened else False,
                "is_original": petition.duplicate_of_id == candidate.pk,
            }
        )
    return rows


def _needs_units(actions: list[dict], can: dict[str, bool]) -> bool:
    """Whether a form on the page asks for a unit (the datalist is only sent then)."""
    return can["triage"] or any({"to_unit", "parts"} & set(row["move"].requires) for row in actions)


def detail_context(request: HttpRequest, petition: Petition, *, bound: Bound = None) -> dict:
    user = request.user
    unit = petition.current_unit
    people = petition_identity_read(actor=user, petition=petition)
    identity_visible = can_see_identity(user, petition)
    units = units_to_send_to(unit)
    can = {
        "triage": user_can_in_unit(user, Capability.TRIAGE_PETITIONS, unit),
        "assign": user_can_in_unit(user, Capability.ASSIGN_WORK, unit),
        "receive": user_can_in_unit(user, Capability.RECEIVE_PETITIONS, unit),
        "open_attachments": identity_visible,
    }
    mine = {u.pk for u in member_units(user, Capability.VIEW_PETITIONS)}
    transfers = list(
        petition.transfers.select_related("from_unit", "to_unit", "document").order_by("sent_on")
    )
    sent_by_us = [t for t in transfers if t.to_unit_id and t.from_unit_id in mine]
    can["urge"] = (
        bool(sent_by_us)
        and petition.current_unit_id not in mine
        and any(
            user_can_in_unit(user, c, sent_by_us[-1].from_unit)
            for c in (Capability.TRIAGE_PETITIONS, Capability.DECIDE)
        )
    )
    can["report_back"] = can["triage"] and any(t.to_unit_id == unit.pk for t in transfers)
    actions = _actions(request, petition, bound, units)
    # An error of a form the page does not show (an action not open to the official now).
    shown = {f"action:{row['action'].value}" for row in actions} | {
        "classify",
        "assign",
        "urge",
        "report",
    }
    page_errors = []
    if bound is not None and bound[0] not in shown:
        page_errors = [str(e) for errors in bound[1].errors.values() for e in errors]
    if bound is not None and not bound[0].startswith("action:"):
        _focus(bound[1], list(bound[1].fields))
    documents = list(
        petition_documents_for_user(user, petition)
        .select_related("org_unit")
        .order_by("issued_on", "pk")
    )
    return {
        "petition": petition,
        "people": people,
        "identity_visible": identity_visible,
        "can": can,
        "actions": actions,
        "classify_form": _bound(bound, "classify", _classify_form(petition, units))
        if can["triage"]
        else None,
        "assign_form": _bound(
            bound,
            "assign",
            AssignForm(
                prefix="assign",
                officials=unit_officials(unit),
                initial={"assignee": petition.assigned_to_id},
            ),
        )
        if can["assign"]
        else None,
        "urge_form": _bound(bound, "urge", NoteForm(prefix="urge")) if can["urge"] else None,
        "report_form": _bound(bound, "report", ReportBackForm(prefix="report"))
        if can["report_back"]
        else None,
        "attachment_form": AttachmentForm(prefix="attachments") if can["receive"] else None,
        "open_form": bound[0] if bound else "",
        "unit_options": [unit_option(u) for u in units] if _needs_units(actions, can) else [],
        "deadlines": petition_deadlines(petition),
        "documents": documents,
        "receipt": next((d for d in documents if d.kind == DocumentKind.RECEIPT), None),
        "attachments": list(petition.attachments.order_by("created_at", "pk")),
        "transfers": transfers,
        "sent_by_us": sent_by_us[-1] if sent_by_us else None,
        "register_entries": list(petition.register_entries.select_related("org_unit")),
        "duplicates": _duplicates(request, petition, identity_visible),
        "events": _events(request, petition),
        "reasons": list(petition.ineligibility_reasons.all()),
        "parts": list(petition.parts.select_related("current_unit")),
        "recorded": request.GET.get("recorded") == "1",
        "page_errors": page_errors,
    }


def _events(request: HttpRequest, petition: Petition) -> list[PetitionEvent]:
    events = list(petition.events.select_related("actor", "org_unit"))
    notes_for_user(request.user, petition, events)
    return events
