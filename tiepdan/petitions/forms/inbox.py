"""The inbox filters, read from the query string."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import Channel, Kind
from tiepdan.petitions.workflow import Status

ALL_UNITS = "all"
SORTS = [("due", _("Due date")), ("received", _("Newest first")), ("oldest", _("Oldest first"))]
ASSIGNEES = [("", _("Anyone")), ("me", _("Me")), ("none", _("Not assigned"))]
VIEWS = [("", _("Held by the unit")), ("transferred", _("Transferred by the unit"))]


class InboxFilterForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Tracking code, name, citizen ID or words of the content."),
        widget=forms.TextInput(attrs={"type": "search", "accesskey": "k"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Status.choices], required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All")), *Channel.choices], required=False
    )
    assignee = forms.ChoiceField(label=_("Assigned to"), choices=ASSIGNEES, required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)
    view = forms.ChoiceField(choices=VIEWS, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, units: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["unit"].choices = [(str(u.pk), u.name) for u in units] + [
            (ALL_UNITS, _("All units I can see"))
        ]

    def chosen_unit(self) -> OrgUnit | None:
        """The unit asked for, else the first of the official's units; None for all units."""
        value = self.cleaned_data.get("unit") if self.is_valid() else ""
        if value == ALL_UNITS or not self.units:
            return None
        return next((u for u in self.units if str(u.pk) == value), self.units[0])

    def value(self, name: str) -> Any:
        return self.cleaned_data.get(name) if self.is_valid() else self.fields[name].initial
