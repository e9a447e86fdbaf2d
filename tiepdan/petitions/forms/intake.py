"""The form an official fills in to record a received petition (postal, e-mail, in person...)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiepdan.core import clock
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import Channel, ComplaintSubject, Kind
from tiepdan.petitions.services import PetitionData, PetitionerData

# Channels a person records by hand; the others are set by the system itself.
MANUAL_CHANNELS = [
    (value, label)
    for value, label in Channel.choices
    if value not in (Channel.TRANSFERRED_IN, Channel.API, Channel.PORTAL)
]
SINGLE_KINDS = [(value, label) for value, label in Kind.choices if value != Kind.MIXED]
EXTRA_PETITIONERS = 2


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _text(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"autocomplete": "off", **attrs})


# Officers type dates as on paper (22/11/2026); a text input behaves the same in every browser,
# where a date picker's segments and order depend on the browser's own language.
DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


def _date() -> forms.DateInput:
    return forms.DateInput(
        format="%d/%m/%Y",
        attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "dd/mm/yyyy"},
    )


def _area(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PetitionForm(forms.Form):
    """The petition itself. Business rules are checked by `petition_receive`; this form only
    parses what was typed, so every message comes from one place."""

    unit = forms.ChoiceField(label=_("Receiving unit"), required=False)
    received_on = forms.DateField(
        label=_("Received on"),
        input_formats=DATE_FORMATS,
        help_text=_("dd/mm/yyyy"),
        widget=_date(),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=MANUAL_CHANNELS, initial=Channel.POST)
    forwarded_by = forms.CharField(
        label=_("Forwarded by"),
        required=False,
        max_length=255,
        help_text=_("Agency, deputy or newspaper that forwarded it, if any."),
        widget=_text(),
    )
    kind = forms.ChoiceField(
        label=_("Kind of petition"),
        choices=Kind.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds it contains (mixed petition)"),
        choices=SINGLE_KINDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    complaint_subject = forms.ChoiceField(
        label=_("Complaint about"),
        choices=[("", "—"), *ComplaintSubject.choices],
        required=False,
    )
    summary = forms.CharField(
        label=_("Summary of the petition"),
        required=False,
        max_length=500,
        help_text=_("One line: who, what, where. It is shown in the inbox."),
        widget=_text(),
    )
    content = forms.CharField(label=_("Full content"), required=False, widget=_area(5))
    request = forms.CharField(label=_("Petitioner's request"), required=False, widget=_area(2))
    prior_handling = forms.CharField(
        label=_("Prior handling by other bodies"), required=False, widget=_area(2)
    )
    respondent_name = forms.CharField(
        label=_("Respondent / accused"), required=False, max_length=255, widget=_text()
    )
    respondent_is_body = forms.BooleanField(label=_("The respondent is a body"), required=False)
    respondent_details = forms.CharField(
        label=_("Respondent's position, address"), required=False, max_length=255, widget=_text()
    )
    decision_known_on = forms.DateField(
        label=_("Date the decision became known"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("dd/mm/yyyy. For complaints: starts the 90-day limitation period."),
        widget=_date(),
    )
    is_anonymous = forms.BooleanField(
        label=_("Anonymous petition (no name, or a false name)"), required=False
    )
    signatory_count = forms.IntegerField(
        label=_("Number of signatories"),
        required=False,
        min_value=1,
        help_text=_("Leave empty when it is the number of petitioners entered."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    attachments = forms.FileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "Scans or photos of the petition and its papers: PDF, images, Word (.docx, not .doc)."
        ),
        widget=MultipleFileInput(attrs={"multiple": True}),
    )

    def __init__(self, *args: Any, units: list[OrgUnit], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"received_on": clock.today(), "channel": Channel.POST})
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["unit"].choices = [(str(u.pk), u.name) for u in units]
        if len(units) <= 1:
            del self.fields["unit"]
        first = next(iter(self.fields.values()))
        first.widget.attrs["autofocus"] = True

    def chosen_unit(self) -> OrgUnit:
        chosen = self.cleaned_data.get("unit")
        return next((u for u in self.units if str(u.pk) == chosen), self.units[0])

    def to_data(self, petitioners: list[PetitionerData]) -> PetitionData:
        """What was typed, for the service; inputs that did not parse are left at defaults
        (their own error is already shown)."""
        d = getattr(self, "cleaned_data", {})
        text = {name: d.get(name) or "" for name in self.TEXT_FIELDS}
        return PetitionData(
            received_on=d.get("received_on") or clock.today(),
            petitioners=petitioners,
            kinds=d.get("kinds") or [],
            respondent_is_body=bool(d.get("respondent_is_body")),
            decision_known_on=d.get("decision_known_on"),
            is_anonymous=bool(d.get("is_anonymous")),
            signatory_count=d.get("signatory_count"),
            **text,
        )

    TEXT_FIELDS = (
        "channel",
        "kind",
        "summary",
        "content",
        "request",
        "prior_handling",
        "respondent_name",
        "respondent_details",
        "complaint_subject",
        "forwarded_by",
    )


class PetitionerForm(forms.Form):
    """One petitioner (or a representative): a fixed block of the recording form."""

    full_name = forms.CharField(
        label=_("Full name"), required=False, max_length=255, widget=_text()
    )
    citizen_id = forms.CharField(
        label=_("Citizen ID"),
        required=False,
        max_length=16,
        help_text=_("12 digits."),
        widget=_text(inputmode="numeric"),
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=500, widget=_text())
    phone = forms.CharField(
        label=_("Phone"), required=False, max_length=32, widget=_text(inputmode="tel")
    )
    email = forms.EmailField(label=_("E-mail"), required=False, widget=_text(type="email"))
    is_organisation = forms.BooleanField(label=_("An organisation"), required=False)

    TEXT_FIELDS = ("full_name", "citizen_id", "address", "phone", "email")

    def is_blank(self) -> bool:
        return not any((self.data.get(self.add_prefix(n)) or "").strip() for n in self.TEXT_FIELDS)

    def to_data(self) -> PetitionerData:
        d = getattr(self, "cleaned_data", {})
        return PetitionerData(
            full_name=d.get("full_name") or "",
            citizen_id=(d.get("citizen_id") or "").strip(),
            address=d.get("address") or "",
            phone=d.get("phone") or "",
            email=d.get("email") or "",
            is_organisation=bool(d.get("is_organisation")),
            is_representative=bool(d.get("is_representative")),
            authorisation=d.get("authorisation") or "",
        )


class OtherPetitionerForm(PetitionerForm):
    """A second or third petitioner, or the representative of the first."""

    is_representative = forms.BooleanField(label=_("A representative"), required=False)
    authorisation = forms.CharField(
        label=_("Authorisation document"), required=False, max_length=255, widget=_text()
    )


def petitioner_forms(data: Any = None) -> list[PetitionerForm]:
    first: PetitionerForm = PetitionerForm(data, prefix="p1")
    others: list[PetitionerForm] = [
        OtherPetitionerForm(data, prefix=f"p{n}") for n in range(2, 2 + EXTRA_PETITIONERS)
    ]
    return [first, *others]


def error_summary(forms_: list[forms.Form]) -> list[dict[str, str]]:
    """Every error of the page, in page order, with the id of the field it belongs to."""
    items = []
    for form in forms_:
        for message in form.non_field_errors():
            items.append({"id": "", "label": "", "message": message})
        for field in form:
            # A group of radios or checkboxes has no single input: link to its first one.
            target = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
            for message in field.errors:
                items.append({"id": target, "label": field.label, "message": message})
    return items
