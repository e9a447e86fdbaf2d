"""Admin for the calendar overrides; every edit goes through the audited services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from tiepdan.accounts.permissions import user_has_capability
from tiepdan.accounts.roles import Capability
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.deadlines.models import CalendarOverride
from tiepdan.deadlines.services import (
    calendar_override_delete,
    calendar_override_set,
    calendar_override_validate,
)


class CalendarOverrideForm(forms.ModelForm):
    class Meta:
        model = CalendarOverride
        fields = ["day", "kind", "document", "note"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        day = cleaned.get("day") or getattr(self.instance, "day", None)
        kind, document = cleaned.get("kind"), cleaned.get("document")
        if day and kind and document is not None:
            try:
                calendar_override_validate(day=day, kind=kind, document=document)
            except ValidationFailed as error:
                raise forms.ValidationError(str(error)) from error
        return cleaned


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    form = CalendarOverrideForm
    list_display = ["day", "kind", "document", "note"]
    list_filter = ["kind"]
    search_fields = ["document", "note"]
    date_hierarchy = "day"
    ordering = ["-day"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The day is the row's identity: moving it is a delete plus a new override, both audited.
        return ["day"] if obj is not None else []

    def _may_edit(self, request: HttpRequest) -> bool:
        return user_has_capability(request.user, Capability.MANAGE_CALENDAR)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may_edit(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_edit(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_edit(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_edit(request) or super().has_view_permission(request, obj)

    def save_model(
        self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool
    ) -> None:
        saved = calendar_override_set(
            actor=request.user, day=obj.day, kind=obj.kind, document=obj.document, note=obj.note
        )
        obj.pk = saved.pk  # the admin redirects to and messages about the saved row

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        calendar_override_delete(actor=request.user, day=obj.day)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarOverride]) -> None:
        with transaction.atomic():
            for day in queryset.values_list("day", flat=True):
                calendar_override_delete(actor=request.user, day=day)
