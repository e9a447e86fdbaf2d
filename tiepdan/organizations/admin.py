"""Admin pages to edit units and reception offices; every save goes through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from tiepdan.core.exceptions import ApplicationError
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.organizations.services import (
    EDITABLE_FIELDS,
    org_unit_create,
    org_unit_update,
    reception_office_save,
)


class ReceptionOfficeInline(admin.TabularInline):
    model = ReceptionOffice
    extra = 0
    fields = ("name", "address", "phone", "opening_hours", "is_active")


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "kind", "remote_area", "valid_from", "valid_to")
    list_filter = ("level", "kind", "remote_area")
    search_fields = ("name", "code", "gov_code")
    autocomplete_fields = ("parent", "successors")
    readonly_fields = ("path", "depth")
    list_per_page = 50
    # The service's editable fields, with the parent after the kind, then the derived ones.
    fields = (*EDITABLE_FIELDS[:4], "parent", *EDITABLE_FIELDS[4:], "successors", "path", "depth")
    inlines = [ReceptionOfficeInline]

    def save_model(self, request: HttpRequest, obj: OrgUnit, form: Any, change: bool) -> None:
        data = {
            name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.cleaned_data
        }
        try:
            if change:
                saved = org_unit_update(
                    actor=request.user, unit=obj, parent=form.cleaned_data.get("parent"), **data
                )
            else:
                saved = org_unit_create(
                    actor=request.user, parent=form.cleaned_data.get("parent"), **data
                )
        except ApplicationError as exc:
            messages.error(request, str(exc))
            raise
        obj.pk, obj.path, obj.depth = saved.pk, saved.path, saved.depth

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Through the service (audited) instead of formset.save(); the admin's change message
        # reads these three lists afterwards.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for office_form in formset.forms:
            stored = (
                ReceptionOffice.objects.get(pk=office_form.instance.pk)
                if office_form.instance.pk
                else None
            )
            if office_form in formset.deleted_forms:
                if stored is not None:  # offices are closed, never deleted: visits refer to them
                    saved = reception_office_save(
                        actor=request.user, office=stored, is_active=False
                    )
                    formset.changed_objects.append((saved, ["is_active"]))
                continue
            if not office_form.has_changed():
                continue
            data = {
                key: value
                for key, value in office_form.cleaned_data.items()
                if key not in {"id", "DELETE", "org_unit"}
            }
            saved = reception_office_save(
                actor=request.user, office=stored, org_unit=form.instance, **data
            )
            if stored is None:
                formset.new_objects.append(saved)
            else:
                formset.changed_objects.append((saved, office_form.changed_data))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Units are ended (valid_to + successors), never deleted: their history must stay.
        return False
