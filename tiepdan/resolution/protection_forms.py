"""Forms of the protection panel on a denunciation case (tiepdan/resolution/protection.py).

Every rule is checked by the services, so every message about the content comes from there;
the forms only parse (a date, the choices offered).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiepdan.petitions.forms.intake import DATE_FORMATS
from tiepdan.resolution.models import ProtectionRequest

GRANT, REFUSE = "grant", "refuse"


class ProtectionRequestForm(forms.Form):
    person_name = forms.CharField(
        label=_("Person to protect"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    relation = forms.ChoiceField(
        label=_("Who the person is"),
        choices=ProtectionRequest.Relation.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("The denouncer, or their spouse, parent or child (LTC Art. 47.1)."),
    )
    measures = forms.MultipleChoiceField(
        label=_("Measures asked for"),
        choices=ProtectionRequest.Measure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    grounds = forms.CharField(
        label=_("Grounds given"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    requested_on = forms.DateField(
        label=_("Date of the request"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("dd/mm/yyyy"),
        widget=forms.DateInput(
            format="%d/%m/%Y",
            attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "dd/mm/yyyy"},
        ),
    )

    def service_values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "person_name": d["person_name"],
            "relation": d["relation"],
            "measures": d["measures"],
            "grounds": d["grounds"],
            "requested_on": d["requested_on"],
        }


class ProtectionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(GRANT, _("Apply the protection")), (REFUSE, _("Refuse"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose: apply the protection, or refuse it.")},
    )
    note = forms.CharField(
        label=_("Measures applied, or reasons for the refusal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    protecting_body = forms.CharField(
        label=_("Body carrying out the protection"),
        required=False,
        max_length=255,
        help_text=_("When the protection is applied; leave empty if this unit carries it out."),
    )

    def service_values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "grant": d["decision"] == GRANT,
            "note": d["note"],
            "protecting_body": d["protecting_body"],
        }


class ProtectionEndForm(forms.Form):
    note = forms.CharField(
        label=_("Why the protection ends"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
