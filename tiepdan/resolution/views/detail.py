"""The case page, and what an official does on it: each form posts here and comes back (PRG)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.accounts.permissions import Capability, capability_required
from tiepdan.core.exceptions import ApplicationError
from tiepdan.resolution.forms import (
    AMOUNTS,
    IMPLEMENTATION,
    ComplexityForm,
    ResolutionActionForm,
)
from tiepdan.resolution.models import Resolution
from tiepdan.resolution.selectors import resolution_superior_units, resolution_verifying_units
from tiepdan.resolution.services import (
    resolution_set_complexity,
    resolution_transition,
    resolution_transition_draft,
)
from tiepdan.resolution.views.common import case_or_404, case_url
from tiepdan.resolution.views.context import detail_context
from tiepdan.resolution.workflow import Action


@capability_required(Capability.VIEW_PETITIONS)
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    resolution = case_or_404(request, reference)
    return render(request, "resolution/detail.html", detail_context(request, resolution))


def _add_service_error(form: forms.Form, exc: ApplicationError) -> None:
    """Put a service's message next to the input it is about (`extra["field"]`), or on top."""
    field = str(exc.extra.get("field", ""))
    field = {"amounts": AMOUNTS[0], "implementation": next(iter(IMPLEMENTATION))}.get(field, field)
    if field in form.fields:
        form.add_error(field, str(exc))
    else:
        form.add_error(None, str(exc))


def _handle(
    request: HttpRequest,
    resolution: Resolution,
    key: str,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Validate, call the service and come back with a message; or show the page again with
    the error next to the input and the form open."""
    status = 400
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ApplicationError as exc:
            _add_service_error(form, exc)
            status = exc.status_code
        else:
            messages.success(request, done)
            return redirect(case_url(resolution))
    context = detail_context(request, resolution, bound=(key, form))
    return render(request, "resolution/detail.html", context, status=status)


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def transition(request: HttpRequest, reference: str) -> HttpResponse:
    resolution = case_or_404(request, reference)
    action = request.POST.get("action", "")
    if action not in Action.values:
        messages.error(request, _("Choose one of the actions shown on the page."))
        return redirect(case_url(resolution))
    form = ResolutionActionForm(
        request.POST,
        prefix=action,
        superiors=resolution_superior_units(resolution),
        action=Action(action),
        verifying_units=(
            resolution_verifying_units(resolution) if action == Action.START_VERIFICATION else None
        ),
    )

    key = f"action:{action}"
    if request.POST.get("step") == "draft":
        return _draft(request, resolution, key, form)

    def call(d: dict[str, Any]) -> Any:
        return resolution_transition(
            actor=request.user,
            resolution_id=resolution.pk,
            action=action,
            **form.service_values(),
        )

    done = _("Done: %(action)s.") % {"action": Action(action).label}
    return _handle(request, resolution, key, form, call, done)


def _draft(
    request: HttpRequest, resolution: Resolution, key: str, form: ResolutionActionForm
) -> HttpResponse:
    """Show the move's form again with the document it would issue, to read and edit; nothing
    is issued or kept until the officer submits the move."""
    status = 400
    if form.is_valid():
        try:
            draft = resolution_transition_draft(
                actor=request.user,
                resolution_id=resolution.pk,
                action=key.removeprefix("action:"),
                **{**form.service_values(), "document_text": ""},
            )
        except ApplicationError as exc:
            _add_service_error(form, exc)
            status = exc.status_code
        else:
            data = request.POST.copy()
            data[form.add_prefix("document_text")] = draft.text
            form = ResolutionActionForm(
                data,
                prefix=form.prefix,
                superiors=list(form.superiors.values()),
                action=form.action,
                verifying_units=list(form.verifying_units.values()),
            )
            form.is_valid()
            status = 200
    context = detail_context(request, resolution, bound=(key, form))
    return render(request, "resolution/detail.html", context, status=status)


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def complexity(request: HttpRequest, reference: str) -> HttpResponse:
    resolution = case_or_404(request, reference)
    form = ComplexityForm(request.POST, prefix="complexity")

    def call(d: dict[str, Any]) -> Any:
        return resolution_set_complexity(
            actor=request.user,
            resolution_id=resolution.pk,
            criteria=d["criteria"],
            note=d["note"],
        )

    done = _("The complexity of the case was recorded; the time limit follows it.")
    return _handle(request, resolution, "complexity", form, call, done)
