"""Recording a received petition: one keyboard-first form, then its attachments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from tiepdan.accounts.permissions import Capability, capability_required, units_in_scope
from tiepdan.core.exceptions import ApplicationError, ValidationFailed
from tiepdan.petitions.forms import PetitionForm, error_summary, petitioner_forms
from tiepdan.petitions.forms.intake import PetitionerForm
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.models import Petition
from tiepdan.petitions.services import attachment_add, petition_data_check, petition_receive


def _apply_errors(
    errors: dict[str, str],
    form: PetitionForm,
    people: list[PetitionerForm],
    blocks: list[int],
) -> None:
    """Put each service error ('summary', 'petitioners.0.citizen_id' ...) next to its input;
    an input that already shows an error keeps that one."""
    for key, message in errors.items():
        target: Any = form
        name: str | None = key
        if key == "petitioners":
            target, name = people[0], "full_name"
        elif key.startswith("petitioners."):
            _prefix, index, name = key.split(".", 2)
            target = people[blocks[int(index)]] if int(index) < len(blocks) else people[0]
        if name not in target.fields:
            target, name = form, None
        if name is not None and name in target.errors:
            continue
        target.add_error(name, message)


def attach_files(request: HttpRequest, petition: Petition, files: list[UploadedFile]) -> int:
    """Store the files one by one; a refused file is named in a message, the rest are kept."""
    stored = 0
    for upload in files:
        try:
            attachment_add(actor=request.user, petition_id=petition.pk, upload=upload)
        except ApplicationError as exc:
            messages.error(
                request,
                _("“%(name)s” was not attached: %(reason)s Add it again below.")
                % {"name": upload.name, "reason": exc},
            )
        else:
            stored += 1
    return stored


@capability_required(Capability.RECEIVE_PETITIONS)
def receive(request: HttpRequest) -> HttpResponse:
    units = list(units_in_scope(request.user, Capability.RECEIVE_PETITIONS).order_by("path"))
    if request.method != "POST":
        form = PetitionForm(units=units)
        return render(
            request, "petitions/receive.html", {"form": form, "people": petitioner_forms()}
        )
    form = PetitionForm(request.POST, units=units)
    people = petitioner_forms(request.POST)
    form_ok = form.is_valid()
    valid = [p.is_valid() for p in people]  # every block validated, to show all errors
    people_ok = all(valid)
    blocks = [index for index, person in enumerate(people) if not person.is_blank()]
    data = form.to_data([people[i].to_data() for i in blocks])
    if not (form_ok and people_ok):
        _apply_errors(petition_data_check(data), form, people, blocks)
    else:
        try:
            petition = petition_receive(actor=request.user, unit=form.chosen_unit(), data=data)
        except ValidationFailed as exc:
            _apply_errors(exc.extra.get("errors") or {"": str(exc)}, form, people, blocks)
        except ApplicationError as exc:
            form.add_error(None, str(exc))
        else:
            code = tracking_code_display(petition.tracking_code)
            messages.success(
                request, _("The petition was recorded. Tracking code: %(code)s.") % {"code": code}
            )
            attach_files(request, petition, request.FILES.getlist("attachments"))
            url = reverse("petitions:detail", kwargs={"reference": petition.reference})
            return HttpResponseRedirect(f"{url}?recorded=1")
    for field in form.fields.values():
        field.widget.attrs.pop("autofocus", None)  # the error summary takes the focus instead
    return render(
        request,
        "petitions/receive.html",
        {
            "form": form,
            "people": people,
            "errors": error_summary([form, *people]),
            "had_files": bool(request.FILES.getlist("attachments")),
        },
        status=400,
    )
