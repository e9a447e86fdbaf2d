"""Recording, deciding and ending a protection request from the case page (POST, then back)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.accounts.permissions import Capability, capability_required
from tiepdan.resolution.models import ProtectionRequest, Resolution
from tiepdan.resolution.protection import protection_decide, protection_end, protection_request
from tiepdan.resolution.protection_forms import (
    ProtectionDecisionForm,
    ProtectionEndForm,
    ProtectionRequestForm,
)
from tiepdan.resolution.selectors import protection_requests_for
from tiepdan.resolution.views.common import case_or_404
from tiepdan.resolution.views.detail import _handle
from tiepdan.resolution.views.protection_panel import RECORD_KEY, decide_key, end_key


def _request_or_404(request: HttpRequest, resolution: Resolution, pk: int) -> ProtectionRequest:
    """One of the case's requests, if the official may see them; a 404 otherwise (whether a
    denouncer asked for protection is itself secret)."""
    for item in protection_requests_for(request.user, resolution):
        if item.pk == pk:
            return item
    raise Http404("protection request")


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def protection_record(request: HttpRequest, reference: str) -> HttpResponse:
    resolution = case_or_404(request, reference)
    form = ProtectionRequestForm(request.POST, prefix="protection")

    def call(d: dict[str, Any]) -> Any:
        return protection_request(
            actor=request.user, resolution_id=resolution.pk, **form.service_values()
        )

    done = _("The protection request was recorded.")
    return _handle(request, resolution, RECORD_KEY, form, call, done)


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def protection_decision(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    resolution = case_or_404(request, reference)
    item = _request_or_404(request, resolution, pk)
    form = ProtectionDecisionForm(request.POST, prefix=f"decide-{item.pk}")

    def call(d: dict[str, Any]) -> Any:
        return protection_decide(actor=request.user, request_id=item.pk, **form.service_values())

    done = _("The decision on protection was issued; it is in the documents.")
    return _handle(request, resolution, decide_key(item), form, call, done)


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def protection_stop(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    resolution = case_or_404(request, reference)
    item = _request_or_404(request, resolution, pk)
    form = ProtectionEndForm(request.POST, prefix=f"end-{item.pk}")

    def call(d: dict[str, Any]) -> Any:
        return protection_end(actor=request.user, request_id=item.pk, note=d["note"])

    done = _("The protection was ended.")
    return _handle(request, resolution, end_key(item), form, call, done)
