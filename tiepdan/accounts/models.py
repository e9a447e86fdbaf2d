"""Officials, their memberships in units with a role, and failed-login records."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.accounts.roles import Role
from tiepdan.core.models import BaseModel


class User(AbstractUser):
    """An official (cán bộ, công chức) who signs in to the workspace."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)


class Membership(BaseModel):
    """An official's role in one unit; an official may hold several."""

    user = models.ForeignKey(
        User, verbose_name=_("official"), on_delete=models.CASCADE, related_name="memberships"
    )
    org_unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("org unit"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "org_unit", "role"], name="membership_unique_role_in_unit"
            )
        ]
        indexes = [models.Index(fields=["org_unit", "role"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.org_unit}"


class LoginFailure(models.Model):
    """One failed sign-in, kept in the database so lockout holds across app processes."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.CharField(max_length=45, blank=True, db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")

    def __str__(self) -> str:
        return f"{self.username} {self.ip_address} {self.at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A key another system uses to call the API as an official; only its hash is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("official"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Which system uses the token, and for what.")
    )
    # sha256 of the token: the token itself is shown once at creation and never stored.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
