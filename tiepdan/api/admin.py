"""Admin page for API tokens (registered here, beside the token services, so that accounts does
not import the API layer). Tokens are issued through the service, which shows the raw token
once, and revoked, never edited or deleted: the journal refers to them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiepdan.accounts.models import ApiToken
from tiepdan.api.services import api_token_create, api_token_ensure_may_manage, api_token_revoke
from tiepdan.core.exceptions import ApplicationError


class ApiTokenForm(forms.ModelForm):
    # Set per request on a subclass (see ApiTokenAdmin.get_form), never on this class.
    actor: Any = None

    class Meta:
        model = ApiToken
        fields = ("user", "name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user = cleaned.get("user")
        if user is not None and self.actor is not None:
            try:
                api_token_ensure_may_manage(actor=self.actor, user=user)
            except ApplicationError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return cleaned


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("name", "prefix", "user__username", "user__full_name")
    autocomplete_fields = ("user",)
    form = ApiTokenForm
    actions = ["revoke_selected"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ()
        return ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return  # nothing is editable
        token, raw = api_token_create(
            actor=request.user, user=form.cleaned_data["user"], name=form.cleaned_data["name"]
        )
        obj.pk, obj.key_hash, obj.prefix, obj.created_at = (
            token.pk,
            token.key_hash,
            token.prefix,
            token.created_at,
        )
        messages.warning(
            request, _("Copy the token now; it is not shown again: %(token)s") % {"token": raw}
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Revoke the selected API tokens"))
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        revoked = 0
        for token in queryset.filter(revoked_at=None):
            try:
                api_token_revoke(actor=request.user, token=token)
                revoked += 1
            except ApplicationError as exc:
                messages.error(request, f"{token}: {exc}")
        messages.success(request, _("Tokens revoked: %(count)s.") % {"count": revoked})
