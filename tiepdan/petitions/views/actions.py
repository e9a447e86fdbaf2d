"""What an official does on the petition page: each form posts here and comes back (PRG)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tiepdan.accounts.permissions import Capability, capability_required
from tiepdan.core.exceptions import ApplicationError
from tiepdan.petitions.forms import (
    AssignForm,
    ClassifyForm,
    DuplicateForm,
    NoteForm,
    ReportBackForm,
    TransitionForm,
    units_to_send_to,
)
from tiepdan.petitions.models import DuplicateStatus, Petition
from tiepdan.petitions.selectors import duplicate_candidates, unit_officials
from tiepdan.petitions.services import (
    petition_assign,
    petition_classify,
    petition_mark_duplicate,
    petition_pin_reset,
    petition_report_back,
    petition_transition,
    petition_urge_follow_up,
)
from tiepdan.petitions.views.common import add_service_error, petition_or_404
from tiepdan.petitions.views.context import detail_context
from tiepdan.petitions.views.intake import attach_files
from tiepdan.petitions.workflow import Action

# Which input a service's `extra["field"]` points to, per form.
TRANSITION_FIELDS = {
    "note": "note",
    "to_unit": "to_unit",
    "competent_body": "competent_body",
    "parts": "part1_kind",
}


def _back(petition: Petition) -> HttpResponse:
    return redirect("petitions:detail", reference=petition.reference)


def _handle(
    request: HttpRequest,
    petition: Petition,
    key: str,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    done: str,
    fields: dict[str, str] | None = None,
) -> HttpResponse:
    """Validate, call the service, and come back with a message; or show the page again
    with the error next to the input and the form open."""
    status = 400
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc, fields=fields or {})
            status = exc.status_code
        else:
            messages.success(request, done)
            return _back(petition)
    context = detail_context(request, petition, bound=(key, form))
    return render(request, "petitions/detail.html", context, status=status)


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def transition(request: HttpRequest, reference: str) -> HttpResponse:
    petition = petition_or_404(request, reference)
    action = request.POST.get("action", "")
    if action not in Action.values:
        messages.error(request, _("Choose one of the actions shown on the page."))
        return _back(petition)
    form = TransitionForm(
        request.POST, prefix=action, units=units_to_send_to(petition.current_unit)
    )

    def call(d: dict[str, Any]) -> Any:
        return petition_transition(
            actor=request.user,
            petition_id=petition.pk,
            action=action,
            note=d["note"],
            to_unit=d["to_unit"],
            competent_body=d["competent_body"],
            parts=d["parts"],
        )

    done = _("Done: %(action)s.") % {"action": Action(action).label}
    return _handle(request, petition, f"action:{action}", form, call, done, TRANSITION_FIELDS)


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def classify(request: HttpRequest, reference: str) -> HttpResponse:
    petition = petition_or_404(request, reference)
    form = ClassifyForm(
        request.POST, prefix="classify", units=units_to_send_to(petition.current_unit)
    )

    def call(d: dict[str, Any]) -> Any:
        return petition_classify(
            actor=request.user,
            petition_id=petition.pk,
            reasons=d["reasons"],
            competent_unit=d["competent_unit"],
            **form.service_values(),
        )

    return _handle(request, petition, "classify", form, call, _("The classification was saved."))


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    petition = petition_or_404(request, reference)
    form = AssignForm(
        request.POST, prefix="assign", officials=unit_officials(petition.current_unit)
    )

    def call(d: dict[str, Any]) -> Any:
        return petition_assign(actor=request.user, petition_id=petition.pk, assignee=d["assignee"])

    return _handle(request, petition, "assign", form, call, _("The petition was assigned."))


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def urge(request: HttpRequest, reference: str) -> HttpResponse:
    petition = petition_or_404(request, reference)
    form = NoteForm(request.POST, prefix="urge")

    def call(d: dict[str, Any]) -> Any:
        return petition_urge_follow_up(actor=request.user, petition_id=petition.pk, note=d["note"])

    done = _("The receiving unit was urged; the urging letter is in the documents.")
    return _handle(request, petition, "urge", form, call, done)


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def report_back(request: HttpRequest, reference: str) -> HttpResponse:
    petition = petition_or_404(request, reference)
    form = ReportBackForm(request.POST, prefix="report")

    def call(d: dict[str, Any]) -> Any:
        return petition_report_back(actor=request.user, petition_id=petition.pk, report=d["report"])

    done = _("The unit that transferred the petition was told.")
    return _handle(request, petition, "report", form, call, done, {"": "report"})


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def mark_duplicate(request: HttpRequest, reference: str) -> HttpResponse:
    petition = petition_or_404(request, reference)
    form = DuplicateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the buttons shown on the page."))
        return _back(petition)
    # The earlier petition can only be one of the candidates the page offered.
    candidates = {c.pk: c for c in duplicate_candidates(petition)}
    original = candidates.get(form.cleaned_data["original"] or 0)
    try:
        petition_mark_duplicate(
            actor=request.user,
            petition_id=petition.pk,
            status=form.cleaned_data["status"],
            original=original,
        )
    except ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        label = DuplicateStatus(form.cleaned_data["status"]).label
        messages.success(request, _("Duplicate check saved: %(status)s.") % {"status": label})
    return _back(petition)


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def attachment_upload(request: HttpRequest, reference: str) -> HttpResponse:
    petition = petition_or_404(request, reference)
    files = request.FILES.getlist("attachments-files")
    if not files:
        messages.error(request, _("Choose one or more files to add."))
    elif stored := attach_files(request, petition, files):
        messages.success(request, _("Files added: %(count)s.") % {"count": stored})
    return _back(petition)


@capability_required(Capability.RECEIVE_PETITIONS)
@never_cache
@require_POST
def pin_reset(request: HttpRequest, reference: str) -> HttpResponse:
    """A new tracking PIN for a citizen who lost it; shown once, in this response only (not in
    the messages cookie, which is signed but readable, nor in the session), and on the new
    receipt."""
    petition = petition_or_404(request, reference)
    try:
        reset = petition_pin_reset(actor=request.user, petition_id=petition.pk)
    except ApplicationError as exc:
        messages.error(request, str(exc))
        return _back(petition)
    context = {"petition": petition, "pin": reset.pin, "receipt_number": reset.receipt.number}
    return render(request, "petitions/pin_reset_done.html", context)
