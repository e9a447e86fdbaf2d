"""Forms of the heads' sessions and online sessions (input only; the services hold the rules)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiepdan.accounts.models import Membership, User
from tiepdan.accounts.roles import Role
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.reception.compliance import month_check
from tiepdan.reception.models import ReceptionKind

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SESSION_KINDS = [
    (ReceptionKind.PERIODIC.value, ReceptionKind.PERIODIC.label),
    (ReceptionKind.AD_HOC.value, ReceptionKind.AD_HOC.label),
]


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class HeadChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _leaders(unit_ids: list[int]) -> Any:
    """The officials who may stand as the head: the units' leaders (LTCD Art. 18: the head
    receives in person; the head's office follows from the unit)."""
    members = Membership.objects.filter(
        org_unit_id__in=unit_ids, is_active=True, role=Role.UNIT_LEADER
    )
    return User.objects.filter(pk__in=members.values("user"), is_active=True).order_by(
        "full_name", "username"
    )


HEAD_HELP = _("A leader of the unit; the head's office follows from the unit.")


class SessionForm(forms.Form):
    """A head's session in person; an online session has its own form (OnlineSessionForm)."""

    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    head = HeadChoiceField(
        label=_("Head receiving"), queryset=User.objects.none(), help_text=HEAD_HELP
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=SESSION_KINDS, widget=forms.RadioSelect, initial="periodic"
    )
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_WIDGET)
    office = forms.ModelChoiceField(
        label=_("Reception office"), queryset=ReceptionOffice.objects.none(), required=False
    )
    place = forms.CharField(label=_("Other place"), max_length=255, required=False)

    def __init__(self, *args: Any, units: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [u.pk for u in units]
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=ids).order_by("path")
        self._only_unit = units[0] if len(units) == 1 else None
        if self._only_unit is not None:
            # One unit: nothing to choose, the field is not shown.
            self.fields["unit"].initial = self._only_unit.pk
            self.fields["unit"].required = False
            self.fields["unit"].widget = forms.HiddenInput()
        self.fields["head"].queryset = _leaders(ids)
        self.fields["office"].queryset = ReceptionOffice.objects.filter(
            org_unit_id__in=ids, is_active=True
        )

    def clean_unit(self) -> OrgUnit | None:
        return self.cleaned_data.get("unit") or self._only_unit

    def clean_starts_at(self) -> dt.datetime | None:
        return _aware(self.cleaned_data.get("starts_at"))


class PostponeForm(forms.Form):
    new_starts_at = forms.DateTimeField(label=_("New date and time"), widget=DATETIME_WIDGET)
    reason = forms.CharField(
        label=_("Reason, announced with the new date"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_new_starts_at(self) -> dt.datetime | None:
        return _aware(self.cleaned_data.get("new_starts_at"))


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=255)
    citizen_id = forms.CharField(label=_("Citizen ID"), max_length=20, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    summary = forms.CharField(label=_("Matter"), max_length=500)


class ConclusionForm(forms.Form):
    number = forms.CharField(
        label=_("Number"),
        max_length=64,
        required=False,
        help_text=_("Leave empty for the unit's next number."),
    )
    content = forms.CharField(label=_("Conclusions"), widget=forms.Textarea(attrs={"rows": 5}))
    recipients = forms.ModelMultipleChoiceField(
        label=_("Send to"),
        queryset=OrgUnit.objects.all().order_by("path"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    follow_up_due_on = forms.DateField(
        label=_("Report back by"), required=False, widget=DATE_WIDGET
    )


class FollowUpForm(forms.Form):
    result = forms.CharField(label=_("Result reported"), widget=forms.Textarea(attrs={"rows": 3}))


class OnlineSessionForm(forms.Form):
    central_unit = UnitChoiceField(label=_("Central site"), queryset=OrgUnit.objects.none())
    component_units = forms.ModelMultipleChoiceField(
        label=_("Component sites"),
        queryset=OrgUnit.objects.all().order_by("path"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    head = HeadChoiceField(
        label=_("Head receiving"), queryset=User.objects.none(), help_text=HEAD_HELP
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=SESSION_KINDS, widget=forms.RadioSelect, initial="ad_hoc"
    )
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_WIDGET)
    petitions = forms.CharField(
        label=_("Cases (tracking codes)"),
        required=False,
        help_text=_("One tracking code per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, units: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [u.pk for u in units]
        self.fields["central_unit"].queryset = OrgUnit.objects.filter(pk__in=ids).order_by("path")
        if len(units) == 1:
            self.fields["central_unit"].initial = units[0].pk
        self.fields["head"].queryset = _leaders(ids)

    def clean_starts_at(self) -> dt.datetime | None:
        return _aware(self.cleaned_data.get("starts_at"))

    def references(self) -> list[str]:
        text = self.cleaned_data.get("petitions", "")
        return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


class LinkTestForm(forms.Form):
    tested_on = forms.DateField(label=_("Tested on"), widget=DATE_WIDGET, required=False)


class JoinForm(forms.Form):
    participants = forms.CharField(
        label=_("Participants at this site"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Name and position, one per line."),
    )


class RecordForm(forms.Form):
    recording_reference = forms.CharField(
        label=_("Recording reference"),
        max_length=255,
        required=False,
        help_text=_("Where the audio/video recording is stored (NĐ 154/2026 Art. 24.1)."),
    )
    minutes = forms.FileField(label=_("Minutes (PDF or Word)"), required=False)


class ComplianceForm(forms.Form):
    month = forms.CharField(
        label=_("Month"), widget=forms.DateInput(attrs={"type": "month"}), required=False
    )

    def clean_month(self) -> tuple[int, int] | None:
        value = (self.cleaned_data.get("month") or "").strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            dt.date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(_("Enter a month as YYYY-MM, e.g. 2026-11.")) from None
        try:
            month_check(year, month)
        except ValidationFailed as exc:
            raise forms.ValidationError(str(exc)) from None
        return year, month

    def period(self, today: dt.date) -> tuple[int, int]:
        """The month asked for; this month when none is given. Call once the form is valid."""
        chosen = self.cleaned_data.get("month") if self.is_valid() else None
        return chosen or (today.year, today.month)
