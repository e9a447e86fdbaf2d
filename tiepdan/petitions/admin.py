"""Admin pages for the petition reference data (reasons are edited by administrators)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms.models import model_to_dict
from django.http import HttpRequest

from tiepdan.audit.services import audit_record, model_changes
from tiepdan.petitions.models import IneligibilityReason


@admin.register(IneligibilityReason)
class IneligibilityReasonAdmin(admin.ModelAdmin):
    """XLD-01/XLD-02 reasons as data: a new circular means editing this list, not the code."""

    list_display = ("code", "text", "source", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "text", "source")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = model_to_dict(IneligibilityReason.objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action="ineligibility_reason.save",
            obj=obj,
            summary=f"Lý do không đủ điều kiện xử lý: {obj.code}",
            changes=model_changes(before, model_to_dict(obj)),
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Petitions refer to reasons; retire one with "in use" off instead.
        return False
