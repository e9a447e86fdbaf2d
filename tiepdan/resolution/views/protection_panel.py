"""The protection panel of a denunciation's case page: its rows and forms, for those allowed.

Shown only to officials who may see the denouncer's identity (LTC Art. 47.2, 56): for anyone
else the page has no trace of it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest

from tiepdan.resolution.models import ProtectionRequest, Resolution
from tiepdan.resolution.protection_forms import (
    ProtectionDecisionForm,
    ProtectionEndForm,
    ProtectionRequestForm,
)
from tiepdan.resolution.selectors import protection_requests_for, protection_rights_for

Bound = tuple[str, forms.Form] | None
RECORD_KEY = "protection:request"


def decide_key(item: ProtectionRequest) -> str:
    return f"protection:decide:{item.pk}"


def end_key(item: ProtectionRequest) -> str:
    return f"protection:end:{item.pk}"


def _form(bound: Bound, key: str, default: forms.Form) -> forms.Form:
    if bound is None or bound[0] != key:
        return default
    form = bound[1]
    # Shown again after an error: the focus goes to the first input in error.
    wrong = [name for name in form.errors if name in form.fields]
    if wrong:
        form.fields[wrong[0]].widget.attrs["autofocus"] = True
    return form


def _row(item: ProtectionRequest, *, decide: bool, bound: Bound) -> dict[str, Any]:
    can_decide = decide and item.status == ProtectionRequest.Status.REQUESTED
    can_end = decide and item.status == ProtectionRequest.Status.GRANTED
    labels = dict(ProtectionRequest.Measure.choices)
    return {
        "item": item,
        "measures": [labels.get(m, m) for m in item.measures],
        "decide_form": _form(
            bound, decide_key(item), ProtectionDecisionForm(prefix=f"decide-{item.pk}")
        )
        if can_decide
        else None,
        "end_form": _form(bound, end_key(item), ProtectionEndForm(prefix=f"end-{item.pk}"))
        if can_end
        else None,
        "is_open": bound is not None and bound[0] in (decide_key(item), end_key(item)),
    }


def protection_panel(
    request: HttpRequest, resolution: Resolution, bound: Bound = None
) -> dict[str, Any] | None:
    """The panel's context, or None when the official may not see it."""
    rights = protection_rights_for(request.user, resolution)
    if not rights.see:
        return None
    rows = [
        _row(item, decide=rights.decide, bound=bound)
        for item in protection_requests_for(request.user, resolution)
    ]
    record_form = (
        _form(bound, RECORD_KEY, ProtectionRequestForm(prefix="protection"))
        if rights.record
        else None
    )
    keys = {RECORD_KEY} if record_form is not None else set()
    for row in rows:
        if row["decide_form"] is not None:
            keys.add(decide_key(row["item"]))
        if row["end_form"] is not None:
            keys.add(end_key(row["item"]))
    return {
        "rows": rows,
        "record_form": record_form,
        "record_open": bound is not None and bound[0] == RECORD_KEY,
        "keys": keys,
    }
