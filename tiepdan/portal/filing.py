"""Filing a petition online (/cong-khai/gui-don/): form, confirmation with the PIN, receipt."""

from __future__ import annotations

import re
import secrets
from typing import Any

import segno
from django.forms.utils import ErrorDict
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from tiepdan.core.access import public
from tiepdan.core.exceptions import ApplicationError
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.models import PetitionDocument
from tiepdan.portal.filing_forms import KIND_CHOICES, FilingForm
from tiepdan.portal.services import (
    Filing,
    portal_filing_allowed,
    portal_petition_file,
    portal_receipt,
)
from tiepdan.portal.tracking_services import client_ip

SESSION_KEY = "portal_filed"
# A one-time token in the form: the POST that files answers with the confirmation itself (the
# PIN never goes into the session or a cookie), so reloading that page would send the form
# again; the token of the last filing is remembered and a second POST with it files nothing.
TOKEN_FIELD = "filing_token"  # noqa: S105  (a field name, not a secret)
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _tracking_url(request: HttpRequest, code: str) -> str:
    # The tracking page is /cong-khai/tra-cuu/; the link carries the code, never the PIN.
    return request.build_absolute_uri(f"{reverse('portal:index')}tra-cuu/?ma={code}")


def _describe_errors(form: FilingForm) -> list[tuple[str, str]]:
    """Mark each field in error for screen readers; return (anchor, message) for the summary."""
    summary = []
    for name, errors in form.errors.items():
        if name == "__all__" or name not in form.fields:
            summary += [("", str(e)) for e in errors]
            continue
        widget = form.fields[name].widget
        hint = f"{name}-hint " if form.fields[name].help_text else ""
        widget.attrs["aria-describedby"] = f"{hint}{name}-error".strip()
        widget.attrs["aria-invalid"] = "true"
        anchor = f"id_{name}_0" if name == "kind" else f"id_{name}"
        summary += [(anchor, str(e)) for e in errors]
    return summary


def _render(request: HttpRequest, form: FilingForm, *, status: int = 200, **extra: Any) -> Any:
    context = {
        "form": form,
        "kinds": [
            {"value": v, "label": label, "hint": hint, "id": f"id_kind_{i}"}
            for i, (v, label, hint) in enumerate(KIND_CHOICES)
        ],
        "error_summary": extra.pop("error_summary", []),
        "filing_token": _token(request),
        **extra,
    }
    return render(request, "portal/filing/form.html", context, status=status)


def _token(request: HttpRequest) -> str:
    """The form's one-time token: kept across re-displays of the same form, new otherwise."""
    posted = request.POST.get(TOKEN_FIELD, "") if request.method == "POST" else ""
    return posted if TOKEN_PATTERN.fullmatch(posted) else secrets.token_urlsafe(16)


def _done(request: HttpRequest, filed: dict[str, Any], pin: str = "") -> HttpResponse:
    link = _tracking_url(request, filed["code"])
    qr = segno.make(link, error="m").svg_inline(scale=4, title=_("QR code of the tracking link"))
    context = {
        "code": tracking_code_display(filed["code"]),
        "pin": pin,
        "link": link,
        "qr": qr,
        "unit": filed.get("unit", ""),
        "has_receipt": bool(filed.get("receipt")),
    }
    return render(request, "portal/filing/done.html", context)


def _filing_from(form: FilingForm) -> Filing:
    d = form.cleaned_data
    return Filing(
        kind=d["kind"],
        unit_code=d["unit"],
        full_name=d["full_name"],
        address=d["address"],
        summary=d["summary"],
        content=d["content"],
        citizen_id=d["citizen_id"],
        phone=d["phone"],
        email=d["email"],
        request=d["request"],
        respondent_name=d["respondent_name"],
        decision=d["decision"],
        decision_known_on=d["decision_known_on"],
        keep_identity_secret=d["keep_identity_secret"],
        consent=d["consent"],
    )


@public
@never_cache
@require_http_methods(["GET", "POST"])
def filing(request: HttpRequest) -> HttpResponse:
    ip = client_ip(request)
    if request.method != "POST":
        return _render(request, FilingForm(), limited=not portal_filing_allowed(ip=ip))
    form = FilingForm(request.POST, request.FILES)
    if request.POST.get("website"):  # the honeypot: only a robot fills a field nobody sees
        return redirect("portal:filing")
    token = request.POST.get(TOKEN_FIELD, "")
    if token and (request.session.get(SESSION_KEY) or {}).get("token") == token:
        # The confirmation page was reloaded: the petition is already filed.
        return redirect("portal:filing_done")
    if request.POST.get("action") == "narrow":
        # Narrowing the agency list is not sending: show the list, keep every value, and
        # say nothing about fields the citizen has not finished yet.
        form._errors = ErrorDict()  # marks the form as checked without running the checks
        return _render(request, form, narrowed=True)
    if not form.is_valid():
        return _render(request, form, status=400, error_summary=_describe_errors(form))
    try:
        petition = portal_petition_file(
            filing=_filing_from(form), uploads=form.cleaned_data["attachments"], ip=ip
        )
    except ApplicationError as exc:
        # Each of the service's reasons goes next to its answer; what has no field goes on top.
        errors = exc.extra.get("errors") or {}
        placed = False
        for name, message in errors.items():
            if name in form.fields:
                form.add_error(name, str(message))
                placed = True
        if not placed:
            form.add_error(None, str(exc))
        summary = _describe_errors(form)
        return _render(request, form, status=exc.status_code, error_summary=summary)
    # No PIN here: the session is stored server-side in clear. It is shown once, in this
    # response (never cached), and is on the receipt the citizen downloads.
    filed = {
        "code": petition.tracking_code,
        "receipt": portal_receipt(petition),
        "unit": petition.receiving_unit.name,
        "token": token,
    }
    request.session[SESSION_KEY] = filed
    return _done(request, filed, pin=petition.tracking_pin)  # type: ignore[attr-defined]


@public
@never_cache
@require_GET
def filing_done(request: HttpRequest) -> HttpResponse:
    """The confirmation again (after a reload): code, QR and receipt, but no longer the PIN."""
    filed = request.session.get(SESSION_KEY)
    if not filed:
        return redirect("portal:filing")
    return _done(request, filed)


@public
@never_cache
@require_GET
def filing_receipt(request: HttpRequest) -> HttpResponse:
    """The receipt (.docx) of the petition filed in this browser session, and no other."""
    filed = request.session.get(SESSION_KEY) or {}
    document = PetitionDocument.objects.filter(pk=filed.get("receipt") or 0).first()
    if document is None or document.petition.tracking_code != filed.get("code"):
        return render(request, "portal/not_found.html", status=404)
    name = f"bien-nhan-{tracking_code_display(filed['code'])}.docx"
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)
