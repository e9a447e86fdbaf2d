"""The portal's search form: every field optional, units chosen by their public code."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiepdan.resolution.models import Publication
from tiepdan.resolution.publication import publication_public_units


class PublicationSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words to look for"),
        required=False,
        max_length=200,
        help_text=_("With or without accents, e.g. đất đai or dat dai."),
    )
    unit = forms.ChoiceField(label=_("Agency"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Publication.Kind.choices],
    )
    published_from = forms.DateField(
        label=_("Published from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    published_to = forms.DateField(
        label=_("Published until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {u.code: u for u in publication_public_units()}
        self.fields["unit"].choices = [("", _("All agencies"))] + [
            (code, unit.name) for code, unit in self.units.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_to")
        if start and end and start > end:
            self.add_error("published_to", _("The end date is before the start date."))
        return data
