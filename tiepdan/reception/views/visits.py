"""The reception desk's pages: entering a visit, a visit, a person's history, the register."""

from __future__ import annotations

import os
from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from tiepdan.accounts.permissions import Capability, capability_required, units_in_scope
from tiepdan.core.access import login_only
from tiepdan.core.exceptions import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from tiepdan.petitions.forms import error_summary
from tiepdan.petitions.identity import citizen_id_check
from tiepdan.petitions.models import DocumentKind
from tiepdan.reception.forms import RegisterFilterForm, VisitForm, VisitorForm, visitor_forms
from tiepdan.reception.register_export import register_xlsx
from tiepdan.reception.selectors import (
    REGISTER_COLUMNS,
    petitions_of_visit,
    register_rows,
    visit_counts,
    visit_get_for_user,
    visit_units_for_user,
    visitor_history,
)
from tiepdan.reception.services import (
    register_identity_read,
    visit_appointment_open,
    visit_data_check,
    visit_identity_read,
    visit_record,
)
from tiepdan.reception.services.visits import APPOINTMENT_TYPES, visit_url

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Service error keys that are not the name of an input of the form.
ERROR_TARGETS = {
    "representatives": "people_count",
    "case": "same_case_as",
    "received_at": "received_on",
}


def _apply_errors(
    errors: dict[str, str], form: VisitForm, people: list[VisitorForm], blocks: list[int]
) -> None:
    """Put each service error ('summary', 'visitors.0.citizen_id' ...) next to its input; an
    input that already shows an error keeps that one."""
    for key, message in errors.items():
        target: forms.Form = form
        name: str | None = ERROR_TARGETS.get(key, key)
        if key == "visitors":
            target, name = people[0], "full_name"
        elif key.startswith("visitors."):
            _prefix, index, name = key.split(".", 2)
            target = people[blocks[int(index)]] if int(index) < len(blocks) else people[0]
        if name not in target.fields:
            target, name = form, None
        if name is not None and name in target.errors:
            continue
        target.add_error(name, message)


def _file_not_kept(form: VisitForm) -> None:
    """A browser cannot put a chosen file back in the page: say so next to the input, so the
    officer chooses it again (everything typed is shown again as it was)."""
    name = "appointment_document"
    if form.files.get(name) and name in form.fields and name not in form.errors:
        form.add_error(
            name, _("Choose the file again: it is not kept while the visit is not saved.")
        )


def _entry_page(
    request: HttpRequest, form: VisitForm, people: list[VisitorForm], status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "people": people}
    if status != 200:
        _file_not_kept(form)
        context["errors"] = error_summary([form, *people])
        for field in form.fields.values():
            field.widget.attrs.pop("autofocus", None)  # the error summary takes the focus
    return render(request, "reception/visits/entry.html", context, status=status)


@capability_required(Capability.RECEIVE_CITIZENS)
def visit_new(request: HttpRequest) -> HttpResponse:
    units = list(units_in_scope(request.user, Capability.RECEIVE_CITIZENS).order_by("path"))
    if request.method != "POST":
        return _entry_page(request, VisitForm(units=units, user=request.user), visitor_forms())
    form = VisitForm(request.POST, request.FILES, units=units, user=request.user)
    people = visitor_forms(request.POST)
    form_ok = form.is_valid()
    valid = [p.is_valid() for p in people]  # every block validated, to show every error
    people_ok = all(valid)
    blocks = [index for index, person in enumerate(people) if not person.is_blank()]
    data = form.to_data([people[i].to_data() for i in blocks])
    if not (form_ok and people_ok):
        _apply_errors(visit_data_check(data), form, people, blocks)
        return _entry_page(request, form, people, status=400)
    try:
        visit = visit_record(actor=request.user, unit=form.chosen_unit(), data=data)
    except ValidationFailed as exc:
        field = str(exc.extra.get("field", ""))
        _apply_errors(exc.extra.get("errors") or {field: str(exc)}, form, people, blocks)
    except ApplicationError as exc:
        form.add_error(None, str(exc))
    else:
        messages.success(
            request,
            _("Visit no. %(serial)s/%(year)s was recorded.")
            % {"serial": visit.serial, "year": visit.year},
        )
        return HttpResponseRedirect(f"{visit_url(visit)}?recorded=1")
    return _entry_page(request, form, people, status=400)


@login_only
def visit_detail(request: HttpRequest, unit_code: str, year: int, serial: int) -> HttpResponse:
    try:
        visit = visit_get_for_user(user=request.user, unit_code=unit_code, year=year, serial=serial)
    except NotFound:
        raise Http404(unit_code) from None
    identity = visit_identity_read(actor=request.user, visit=visit)
    # A masked person's other visits would name them: their history shows only unmasked.
    histories = (
        [
            (person, visitor_history(request.user, person.citizen_id, exclude_visit=visit))
            for person in identity.persons
            if person.citizen_id
        ]
        if identity.visible
        else []
    )
    petition = petitions_of_visit(visit, request.user)
    receipt = (
        petition.documents.filter(kind=DocumentKind.RECEIPT).order_by("pk").first()
        if petition
        else None
    )
    return render(
        request,
        "reception/visits/detail.html",
        {
            "visit": visit,
            "identity": identity,
            "histories": histories,
            "petition": petition,
            "receipt": receipt,
            "recorded": request.GET.get("recorded") == "1",
        },
    )


@login_only
def visit_appointment_document(
    request: HttpRequest, unit_code: str, year: int, serial: int
) -> HttpResponse:
    """The document appointing a group's representatives, for the officials who may open the
    visit (never a public media URL: it names and identifies citizens)."""
    try:
        visit = visit_get_for_user(user=request.user, unit_code=unit_code, year=year, serial=serial)
    except NotFound:
        raise Http404(unit_code) from None
    if not visit.appointment_document:
        raise Http404("appointment document")
    try:
        document = visit_appointment_open(actor=request.user, visit=visit)
    except PermissionDenied as exc:
        return render(request, "403.html", {"reason": str(exc)}, status=403)
    suffix = os.path.splitext(document.name)[1].lower()
    types = {ext: content_type for content_type, ext in APPOINTMENT_TYPES.items()}
    try:
        handle = document.open("rb")
    except (OSError, ValueError):
        raise Http404("file missing") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"van-ban-cu-nguoi-dai-dien-{visit.serial}-{visit.year}{suffix}",
        content_type=types.get(suffix, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_only
def citizen_lookup(request: HttpRequest) -> HttpResponse:
    """A person's earlier visits and petitions by citizen ID. The ID is sent in the body of a
    POST, never in the address, so it stays out of access logs and browser history. The entry
    page asks for a fragment when the citizen ID field is left; without JavaScript it is a
    page of its own with a small form."""
    text, error, history = "", "", None
    if request.method == "POST":
        text = request.POST.get("cccd", "")
        if text.strip():
            try:
                citizen_id = citizen_id_check(text)
            except ValidationFailed as exc:
                error = str(exc)
            else:
                history = visitor_history(request.user, citizen_id)
    fragment = request.POST.get("fragment") == "1"
    # "Same case" buttons fill in the entry form: only in the fragment shown inside it.
    context = {"history": history, "error": error, "cccd": text[:16], "pick_case": fragment}
    if fragment:
        return render(request, "reception/visits/history.html", context)
    return render(request, "reception/visits/lookup.html", context)


def _register_context(request: HttpRequest) -> dict[str, Any]:
    units = list(visit_units_for_user(request.user).order_by("path"))
    if not units:
        raise PermissionDenied(Capability.RECEIVE_CITIZENS.label)
    code = request.GET.get("don_vi")
    if code and code not in {u.code for u in units}:
        raise Http404(code)  # another unit's register: not revealed
    form = RegisterFilterForm(request.GET or None, units=units)
    if form.is_bound:
        form.is_valid()
    unit, date_from, date_to = form.chosen()
    rows = register_rows(request.user, unit, date_from, date_to)
    return {
        "form": form,
        "unit": unit,
        "date_from": date_from,
        "date_to": date_to,
        "rows": rows,
        "masked_rows": any(not row.identity_visible for row in rows),
        "counts": visit_counts(unit, date_from, date_to),
        "columns": REGISTER_COLUMNS,
        "query": request.GET.urlencode(),
    }


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "403.html", {"reason": Capability.RECEIVE_CITIZENS.label}, status=403)


@login_only
def register(request: HttpRequest) -> HttpResponse:
    try:
        context = _register_context(request)
    except PermissionDenied:
        return _forbidden(request)
    _identity_read(request, context, export=False)
    return render(request, "reception/register/register.html", context)


def _identity_read(request: HttpRequest, context: dict[str, Any], *, export: bool) -> None:
    register_identity_read(
        actor=request.user,
        unit=context["unit"],
        rows=context["rows"],
        date_from=context["date_from"],
        date_to=context["date_to"],
        export=export,
    )


@login_only
def register_export(request: HttpRequest) -> HttpResponse:
    try:
        context = _register_context(request)
    except PermissionDenied:
        return _forbidden(request)
    if context["form"].errors:
        # Not another period's book: the register page, with the message next to the date.
        _identity_read(request, context, export=False)
        return render(request, "reception/register/register.html", context, status=400)
    _identity_read(request, context, export=True)
    content = register_xlsx(
        unit=context["unit"],
        date_from=context["date_from"],
        date_to=context["date_to"],
        rows=context["rows"],
        counts=context["counts"],
    )
    name = f"so-tiep-cong-dan-{context['unit'].code}-{context['date_from']:%Y%m%d}.xlsx"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
