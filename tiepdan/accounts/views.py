"""Sign-in and sign-out."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from tiepdan.accounts.forms import LoginForm
from tiepdan.core.access import login_only, public

login_view = public(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=LoginForm,
        redirect_authenticated_user=True,
    )
)
logout_view = login_only(auth_views.LogoutView.as_view())
