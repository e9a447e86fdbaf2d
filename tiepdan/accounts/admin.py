"""Admin pages for officials and their memberships."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tiepdan.accounts.models import Membership, User
from tiepdan.audit.services import audit_record, model_changes


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("org_unit",)
    fields = ("org_unit", "role", "is_active")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "position", "email", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "position", "email", "phone")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    inlines = [MembershipInline]

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action="official.update" if change else "official.create",
            obj=obj,
            summary=f"Sửa tài khoản {obj.username}" if change else f"Tạo tài khoản {obj.username}",
            changes={
                name: "…" if name == "password" else form.cleaned_data.get(name)
                for name in form.changed_data
            },
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        deleted = [(f.instance.pk, f.instance) for f in formset.deleted_forms if f.instance.pk]
        before = {
            m.pk: {"role": m.role, "is_active": m.is_active, "org_unit": m.org_unit_id}
            for m in formset.queryset
        }
        super().save_formset(request, form, formset, change)
        for membership in formset.new_objects + [m for m, _f in formset.changed_objects]:
            audit_record(
                actor=request.user,
                action="membership.update",
                obj=membership,
                unit=membership.org_unit,
                summary=f"Vai trò {membership.get_role_display()} của {membership.user.username}",
                changes=model_changes(
                    before.get(membership.pk, {}),
                    {
                        "role": membership.role,
                        "is_active": membership.is_active,
                        "org_unit": membership.org_unit_id,
                    },
                ),
            )
        for pk, membership in deleted:
            audit_record(
                actor=request.user,
                action="membership.delete",
                object_type="accounts.Membership",
                object_id=pk,
                unit=membership.org_unit,
                summary=f"Xoá vai trò của {membership.user.username}",
            )
