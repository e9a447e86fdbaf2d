"""Forms of the resolution pages: the case list's filters, one workflow move, complexity."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.forms.intake import DATE_FORMATS
from tiepdan.resolution.models import MinutesSignature, Outcome, RegulationOutcome
from tiepdan.resolution.services import AMOUNT_FIELDS, COMPLEXITY_CRITERIA
from tiepdan.resolution.workflow import Action, Move, Status, Track

ALL_UNITS = "all"
TABS = [("mine", _("Mine")), ("unit", _("Unit"))]
# The order the amounts are asked for in a decision (LKN Art. 40.2; the statistics forms).
AMOUNTS = [
    "amount_recovered",
    "amount_returned",
    "land_recovered_m2",
    "land_returned_m2",
    "people_rights_restored",
    "persons_to_discipline",
    "persons_referred",
]
# What was actually done, asked for by the moves that carry a decision or conclusion out (Biểu
# 05/KQTH): the form's input → the implementation record's field. The money and land inputs
# have names of their own, as the decision's amounts use the plain ones.
IMPLEMENTATION = {
    "done_amount_recovered": "amount_recovered",
    "done_amount_returned": "amount_returned",
    "done_land_recovered_m2": "land_recovered_m2",
    "done_land_returned_m2": "land_returned_m2",
    "persons_disciplined": "persons_disciplined",
    "persons_prosecuted": "persons_prosecuted",
}
IMPLEMENTING = (Action.RECORD_IMPLEMENTATION, Action.ENFORCE, Action.ACT_ON_CONCLUSION)
# What the note is, for the moves where it is more than a reason.
NOTE_LABELS = {
    Action.DECIDE: _("Content of the decision, conclusion or answer"),
    Action.HOLD_DIALOGUE: _("What was said at the dialogue"),
    Action.NOTIFY_DIALOGUE: _("Time, place and participants of the dialogue"),
    Action.ENFORCE: _("How the decision was enforced"),
    Action.RECORD_IMPLEMENTATION: _("What was done this time"),
    Action.RECORD_SENDING: _("Sent to whom, on which day, how"),
    Action.ACT_ON_CONCLUSION: _("What was done on the conclusion"),
    Action.WITHDRAW_PART: _("The content withdrawn"),
    Action.RE_RESOLVE: _(
        "Grounds: the verification was inaccurate, evidence was missed or the law misapplied"
    ),
    Action.DECLINE_REVIEW: _("Reasons for not resolving the denunciation again"),
}


class CaseFilterForm(forms.Form):
    tab = forms.ChoiceField(choices=TABS, required=False, widget=forms.HiddenInput)
    unit = forms.ChoiceField(label=_("Resolving unit"), required=False)
    track = forms.ChoiceField(
        label=_("Track"), choices=[("", _("All")), *Track.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Status.choices], required=False
    )
    # A context of its own: the petitions catalogue says "petitions" where this says "cases".
    overdue = forms.BooleanField(label=pgettext_lazy("resolution", "Overdue only"), required=False)

    def __init__(self, *args: Any, units: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["unit"].choices = [(ALL_UNITS, _("All units I can see"))] + [
            (u.code, u.name) for u in units
        ]

    def values(self) -> dict[str, Any]:
        """What was asked for, leaving out any value that does not parse."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}

    def chosen_unit(self) -> OrgUnit | None:
        code = self.values().get("unit")
        return next((u for u in self.units if u.code == code), None)


def _date() -> forms.DateInput:
    return forms.DateInput(
        format="%d/%m/%Y",
        attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "dd/mm/yyyy"},
    )


def _number(*, decimal_places: int, **kwargs: Any) -> forms.DecimalField:
    """Money in whole đồng (18 digits) or land in m² with one decimal (14 digits), as stored."""
    return forms.DecimalField(
        required=False,
        min_value=0,
        decimal_places=decimal_places,
        max_digits=18 if decimal_places == 0 else 14,
        error_messages={"min_value": _("Amounts cannot be negative.")},
        widget=forms.NumberInput(
            attrs={
                "inputmode": "decimal",
                "min": "0",
                "step": "1" if decimal_places == 0 else "0.1",
            }
        ),
        **kwargs,
    )


def _count(**kwargs: Any) -> forms.IntegerField:
    """A number of people."""
    return forms.IntegerField(
        required=False,
        min_value=0,
        max_value=1_000_000,
        error_messages={"min_value": _("The number of people cannot be negative.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}),
        **kwargs,
    )


class ResolutionActionForm(forms.Form):
    """One move of the case; the inputs shown are those the move requires (workflow.Move).
    Requirements are checked by `resolution_transition`, so their messages come from there; the
    form checks only that dates and figures are well formed and not negative."""

    to_unit = forms.ChoiceField(label=_("Superior unit that takes over"), required=False)
    verifying_unit = forms.ChoiceField(label=_("Verifying unit"), required=False)
    verifier = forms.CharField(
        label=_("Verifier (username)"),
        required=False,
        max_length=150,
        help_text=_("An official of the verifying unit; leave empty to verify yourself."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    planned_on = forms.DateField(
        label=_("Planned date of the dialogue"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_(
            "dd/mm/yyyy. From 01/07/2026 the invitation goes out at least 5 days before the "
            "dialogue (KN-14)."
        ),
        widget=_date(),
    )
    dialogue_on = forms.DateField(
        label=_("Date of the dialogue"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("dd/mm/yyyy"),
        widget=_date(),
    )
    dialogue_minutes = forms.ChoiceField(
        label=_("The minutes"),
        choices=MinutesSignature.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, required=False, widget=forms.RadioSelect
    )
    regulation_outcome = forms.ChoiceField(
        label=_("What is done with the regulation"),
        choices=RegulationOutcome.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    decision_number = forms.CharField(
        label=_("Number and symbol"),
        required=False,
        max_length=64,
        help_text=_("For example 12/QĐ-UBND."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    amount_recovered = _number(label=_("Money to recover (VND)"), decimal_places=0)
    amount_returned = _number(label=_("Money to return (VND)"), decimal_places=0)
    land_recovered_m2 = _number(label=_("Land to recover (m²)"), decimal_places=1)
    land_returned_m2 = _number(label=_("Land to return (m²)"), decimal_places=1)
    people_rights_restored = _count(label=_("People whose rights are restored"))
    persons_to_discipline = _count(label=_("People recommended for administrative handling"))
    persons_referred = _count(label=_("People referred to the investigating body"))
    done_amount_recovered = _number(label=_("Money recovered (VND)"), decimal_places=0)
    done_amount_returned = _number(label=_("Money returned (VND)"), decimal_places=0)
    done_land_recovered_m2 = _number(label=_("Land recovered (m²)"), decimal_places=1)
    done_land_returned_m2 = _number(label=_("Land returned (m²)"), decimal_places=1)
    persons_disciplined = _count(label=_("People disciplined"))
    persons_prosecuted = _count(label=_("People prosecuted"))
    must_continue = forms.BooleanField(
        label=_("The denunciation must still be resolved"),
        required=False,
        help_text=_(
            "The act shows signs of a violation, or the denouncer was forced to withdraw "
            "(LTC Art. 33.3)."
        ),
    )
    forced = forms.BooleanField(
        label=_("Withdrawn under threat or coercion"),
        required=False,
        help_text=_(
            "The content withdrawn is then still considered (LKN Art. 10 from 01/07/2026; "
            "LTC Art. 33.3)."
        ),
    )
    persons = forms.CharField(
        label=_("Who withdraws"),
        required=False,
        max_length=500,
        help_text=_(
            "When only some of several petitioners withdraw: their names. The case goes on for "
            "the others. Leave empty when all withdraw."
        ),
    )
    note = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # Filled by the "draft the document" step: the generated body, one paragraph a line.
    document_text = forms.CharField(
        label=_("Text of the document"),
        required=False,
        max_length=50000,
        help_text=_(
            "Edit it as needed: one paragraph a line. The header, number, recipients and "
            "signature are added when it is issued."
        ),
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def __init__(
        self,
        *args: Any,
        superiors: list[OrgUnit],
        action: Action | None = None,
        verifying_units: list[OrgUnit] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        self.superiors = {u.code: u for u in superiors}
        self.fields["to_unit"].choices = [("", "—")] + [(u.code, u.name) for u in superiors]
        self.verifying_units = {u.code: u for u in verifying_units or []}
        self.fields["verifying_unit"].choices = [("", "—")] + [
            (u.code, u.name) for u in verifying_units or []
        ]
        if action in NOTE_LABELS:
            self.fields["note"].label = NOTE_LABELS[action]

    def clean_to_unit(self) -> OrgUnit | None:
        return self.superiors.get(self.cleaned_data["to_unit"])

    def clean_verifying_unit(self) -> OrgUnit | None:
        return self.verifying_units.get(self.cleaned_data["verifying_unit"])

    def clean_verifier(self) -> Any:
        from tiepdan.accounts.models import User

        username = self.cleaned_data["verifier"].strip()
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No official has this username."))
        return user

    def amounts(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in AMOUNT_FIELDS if data.get(name) is not None}

    def implementation(self) -> dict[str, Any] | None:
        """What was done, for the moves that carry the decision out; None for the others."""
        if self.action not in IMPLEMENTING:
            return None
        data = self.cleaned_data
        return {
            field: data[name]
            for name, field in IMPLEMENTATION.items()
            if data.get(name) is not None
        }

    def service_values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "note": d["note"],
            "outcome": d["outcome"],
            "regulation_outcome": d["regulation_outcome"],
            "dialogue_on": d["dialogue_on"],
            "planned_on": d["planned_on"],
            "dialogue_minutes": d["dialogue_minutes"],
            "to_unit": d["to_unit"],
            "must_continue": d["must_continue"],
            "forced": d["forced"],
            "persons": d.get("persons", ""),
            "decision_number": d["decision_number"],
            "amounts": self.amounts(),
            "implementation": self.implementation(),
            "verifying_unit": d.get("verifying_unit"),
            "verifier": d.get("verifier"),
            "document_text": d.get("document_text", ""),
        }


def action_form_fields(track: str, action: Action, move: Move) -> list[str]:
    """Which inputs a move's form shows, in order; every move may carry a note."""
    asked = (
        "to_unit",
        "planned_on",
        "dialogue_on",
        "dialogue_minutes",
        "outcome",
        "regulation_outcome",
    )
    fields = [name for name in asked if name in move.requires]
    if action == Action.DECIDE:
        fields.append("decision_number")
        if track in (Track.COMPLAINT, Track.DENUNCIATION):
            fields.append("amounts")
    withdrawal = action in (Action.WITHDRAW, Action.WITHDRAW_PART)
    if withdrawal and track == Track.DENUNCIATION:
        fields.append("must_continue")
    if withdrawal:
        fields.append("forced")
    if action == Action.WITHDRAW:
        fields.append("persons")
    if action == Action.START_VERIFICATION:
        fields += ["verifying_unit", "verifier"]
    if action in IMPLEMENTING:
        fields.append("implementation")
    return [*fields, "note"]


class ComplexityForm(forms.Form):
    criteria = forms.MultipleChoiceField(
        label=_("Criteria that apply"),
        choices=list(COMPLEXITY_CRITERIA.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "One criterion makes the case complex; two or more make a denunciation especially "
            "complex (NĐ 31/2019 Art. 3.3)."
        ),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
