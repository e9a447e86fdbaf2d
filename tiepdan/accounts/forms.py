"""Sign-in form with Vietnamese messages and the lockout notice."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from tiepdan.accounts.backends import client_ip
from tiepdan.accounts.services import login_is_locked


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The username or password is not correct. Check both (passwords are case-sensitive)."
        ),
        "inactive": _("This account is disabled. Ask your unit administrator."),
        "locked": _(
            "Too many failed attempts. Sign-in is locked for %(minutes)s minutes; "
            "try again later or ask your unit administrator."
        ),
    }

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username and login_is_locked(username=username, ip_address=client_ip(self.request)):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        return super().clean()
