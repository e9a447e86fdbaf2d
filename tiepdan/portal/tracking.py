"""Public pages to follow a petition (code + PIN), download what was sent to the petitioner,
rate the handling, and register for a head's reception session. No sign-in; no database ids."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tiepdan.core.access import public
from tiepdan.core.exceptions import ApplicationError
from tiepdan.petitions.models import Petition
from tiepdan.portal.ratings import RatingForm, rating_allowed, rating_submit
from tiepdan.portal.tracking_services import (
    TrackingRefused,
    client_ip,
    portal_session_register,
    session_for_registration,
    tracking_document,
    tracking_forget,
    tracking_remember,
    tracking_unlock,
    tracking_unlocked,
    tracking_view,
)


class TrackingForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Tracking code"),
        max_length=32,
        help_text=gettext_lazy("On your receipt, for example K7QXM-3PD9R."),
        error_messages={"required": gettext_lazy("Enter the tracking code from your receipt.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    # Not required here: a missing PIN gets the same answer as a wrong one (nothing leaks).
    pin = forms.CharField(
        label=gettext_lazy("PIN (6 digits)"),
        max_length=32,
        required=False,
        help_text=gettext_lazy("The secret number printed next to the code on your receipt."),
        widget=forms.PasswordInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )


class RegistrationForm(TrackingForm):
    full_name = forms.CharField(
        label=gettext_lazy("Full name"),
        max_length=255,
        error_messages={"required": gettext_lazy("Enter your full name.")},
    )
    citizen_id = forms.CharField(
        label=gettext_lazy("Citizen ID (optional)"), max_length=20, required=False
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone (optional)"),
        max_length=32,
        required=False,
        help_text=gettext_lazy("So that the agency can call you if the session changes."),
    )
    summary = forms.CharField(
        label=gettext_lazy("What you want to raise with the head (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("If left empty, the summary of your petition is used."),
    )


# --- Following a petition -----------------------------------------------------------------


def _status_page(request: HttpRequest, petition: Petition, **extra: Any) -> HttpResponse:
    view = tracking_view(petition)
    for part in [view, *view.parts]:
        target = _part_of(petition, part.part_number)
        part.can_rate = part.has_final_answer and target is not None and rating_allowed(target)
    status = extra.pop("status", 200)
    context = {
        "view": view,
        "rating_form": extra.pop("rating_form", None) or RatingForm(),
        "rating_part": extra.pop("rating_part", None),
        **extra,
    }
    return render(request, "portal/tracking/status.html", context, status=status)


def _part_of(petition: Petition, part: int) -> Petition | None:
    if part == 0:
        return petition
    return petition.parts.filter(part_number=part).first()


@public
@never_cache
def tracking(request: HttpRequest) -> HttpResponse:
    """GET: the form (or the unlocked petition); POST: code + PIN."""
    if request.method == "POST":
        return _tracking_post(request)
    petition = tracking_unlocked(request)
    wanted = request.GET.get("ma", "")
    if petition is not None and (not wanted or _same_code(wanted, petition)):
        return _status_page(request, petition)
    form = TrackingForm(initial={"code": wanted[:32]})
    return render(request, "portal/tracking/form.html", {"form": form})


def _same_code(text: str, petition: Petition) -> bool:
    from tiepdan.petitions.identity import reference_parse

    return reference_parse(text)[0] == petition.tracking_code


def _tracking_post(request: HttpRequest) -> HttpResponse:
    form = TrackingForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/tracking/form.html", {"form": form}, status=400)
    try:
        petition = tracking_unlock(
            ip=client_ip(request), code=form.cleaned_data["code"], pin=form.cleaned_data["pin"]
        )
    except ApplicationError as exc:
        status = 429 if isinstance(exc, TrackingRefused) else 400
        context = {"form": form, "failure": str(exc)}
        return render(request, "portal/tracking/form.html", context, status=status)
    tracking_remember(request, petition)
    return redirect("portal:tracking")


@public
@require_POST
def tracking_close(request: HttpRequest) -> HttpResponse:
    tracking_forget(request)
    return redirect("portal:tracking")


@public
@never_cache
def tracking_document_download(request: HttpRequest, part: int, index: int) -> HttpResponse:
    """A document addressed to the petitioner, only in the session that unlocked the petition."""
    petition = tracking_unlocked(request)
    document = tracking_document(petition, part=part, index=index) if petition else None
    if document is None:
        return render(request, "portal/tracking/not_found.html", status=404)
    name = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


@public
@require_POST
def tracking_rate(request: HttpRequest, part: int) -> HttpResponse:
    petition = tracking_unlocked(request)
    if petition is None:
        return redirect("portal:tracking")
    target = _part_of(petition, part)
    form = RatingForm(request.POST)
    if target is None:
        return render(request, "portal/tracking/not_found.html", status=404)
    if form.is_valid():
        try:
            rating_submit(
                petition=target,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ApplicationError as exc:
            form.add_error(exc.extra.get("field"), str(exc))
        else:
            messages.success(request, _("Thank you. Your rating was sent to the agency."))
            return HttpResponseRedirect(reverse("portal:tracking"))
    return _status_page(request, petition, rating_form=form, rating_part=part, status=400)


# --- Registration for a head's reception session --------------------------------------------


@public
def session_registration(request: HttpRequest, slug: str) -> HttpResponse:
    session = session_for_registration(slug)
    if session is None:
        return render(request, "portal/tracking/not_found.html", status=404)
    online = session.form == "online"
    form_class = TrackingForm if online else RegistrationForm
    form = form_class(request.POST or None, initial={"code": request.GET.get("ma", "")[:32]})
    context: dict[str, Any] = {"session": session, "online": online, "form": form}
    if request.method != "POST":
        return render(request, "portal/tracking/register.html", context)
    if not form.is_valid():
        return render(request, "portal/tracking/register.html", context, status=400)
    try:
        petition = tracking_unlock(
            ip=client_ip(request), code=form.cleaned_data["code"], pin=form.cleaned_data["pin"]
        )
    except ApplicationError as exc:
        context["failure"] = str(exc)
        status = 429 if isinstance(exc, TrackingRefused) else 400
        return render(request, "portal/tracking/register.html", context, status=status)
    try:
        registered = portal_session_register(
            session=session,
            petition=petition,
            **{k: v for k, v in form.cleaned_data.items() if k not in ("code", "pin")},
        )
    except ApplicationError as exc:
        errors = exc.extra.get("errors") or {exc.extra.get("field"): str(exc)}
        for name, message in errors.items():
            form.add_error(name if name in form.fields else None, message)
        return render(request, "portal/tracking/register.html", context, status=400)
    context["done"] = True
    context["registered"] = registered
    return render(request, "portal/tracking/register_done.html", context)
