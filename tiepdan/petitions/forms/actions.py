"""Small forms of the petition page: a workflow move, classification, assignment, follow-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.forms.intake import SINGLE_KINDS, MultipleFileInput
from tiepdan.petitions.forms.units import UnitField
from tiepdan.petitions.models import (
    ComplaintSubject,
    DuplicateStatus,
    Field,
    IneligibilityReason,
    ProcedureStage,
)
from tiepdan.petitions.services import SplitPart
from tiepdan.petitions.workflow import Action

SPLIT_ROWS = 3
TRISTATE = [("", _("Not decided yet")), ("yes", _("Yes")), ("no", _("No"))]
TRISTATE_VALUES = {"": None, "yes": True, "no": False}


def tristate_initial(value: bool | None) -> str:
    return {None: "", True: "yes", False: "no"}[value]


class TransitionForm(forms.Form):
    """One workflow move; the inputs shown are those the move requires (workflow.Move)."""

    note = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    to_unit = UnitField(
        label=_("Send to unit"),
        help_text=_("Type part of the unit's name or its code, then pick it from the list."),
    )
    competent_body = forms.CharField(
        label=_("Competent body"),
        required=False,
        max_length=255,
        help_text=_("The body outside tiepdan that is competent."),
    )

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to_unit = self.fields["to_unit"]
        assert isinstance(to_unit, UnitField)  # noqa: S101  (declared above)
        to_unit.units = units
        to_unit.widget.attrs.update({"list": "units-to-send-to", "autocomplete": "off"})
        for row in range(1, SPLIT_ROWS + 1):
            self.fields[f"part{row}_kind"] = forms.ChoiceField(
                label=_("Kind of part %(n)s") % {"n": row},
                choices=[("", "—"), *SINGLE_KINDS],
                required=False,
            )
            unit_field = UnitField(
                label=_("Competent unit of part %(n)s") % {"n": row}, units=units
            )
            unit_field.widget.attrs.update({"list": "units-to-send-to", "autocomplete": "off"})
            self.fields[f"part{row}_unit"] = unit_field
            self.fields[f"part{row}_summary"] = forms.CharField(
                label=_("Summary of part %(n)s") % {"n": row}, required=False, max_length=500
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        parts = []
        for row in range(1, SPLIT_ROWS + 1):
            kind, unit = data.get(f"part{row}_kind"), data.get(f"part{row}_unit")
            if kind and unit:
                parts.append(
                    SplitPart(kind=kind, unit=unit, summary=data.get(f"part{row}_summary", ""))
                )
            elif kind or unit:
                self.add_error(
                    f"part{row}_unit" if kind else f"part{row}_kind",
                    _("Give both the kind and the unit of this part."),
                )
        data["parts"] = parts
        return data

    def part_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"part{r}_kind"], self[f"part{r}_unit"], self[f"part{r}_summary"])
            for r in range(1, SPLIT_ROWS + 1)
        ]


def action_form_fields(action: Action, requires: tuple[str, ...]) -> list[str]:
    """Which inputs a move's form shows, in order; every move may carry a note."""
    fields = [name for name in ("to_unit", "competent_body", "parts") if name in requires]
    return [*fields, "note"]


class ClassifyForm(forms.Form):
    field = forms.ChoiceField(label=_("Field"), choices=[("", "—"), *Field.choices], required=False)
    procedure_stage = forms.ChoiceField(
        label=_("Procedure stage"), choices=[("", "—"), *ProcedureStage.choices], required=False
    )
    complaint_subject = forms.ChoiceField(
        label=_("Complaint about"), choices=[("", "—"), *ComplaintSubject.choices], required=False
    )
    is_repeated = forms.BooleanField(label=_("Repeated petition"), required=False)
    is_anonymous = forms.BooleanField(label=_("Anonymous"), required=False)
    is_eligible = forms.ChoiceField(
        label=_("Eligible to be handled"),
        choices=TRISTATE,
        required=False,
        widget=forms.RadioSelect,
    )
    reasons = forms.ModelMultipleChoiceField(
        label=_("Reasons it is not eligible"),
        queryset=IneligibilityReason.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_within_competence = forms.ChoiceField(
        label=_("Within our competence"), choices=TRISTATE, required=False, widget=forms.RadioSelect
    )
    competent_unit = UnitField(label=_("Competent unit in tiepdan"))
    competent_body = forms.CharField(
        label=_("Competent body (outside tiepdan)"), required=False, max_length=255
    )

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reasons = self.fields["reasons"]
        assert isinstance(reasons, forms.ModelMultipleChoiceField)  # noqa: S101
        reasons.queryset = IneligibilityReason.objects.filter(is_active=True)
        unit_field = self.fields["competent_unit"]
        assert isinstance(unit_field, UnitField)  # noqa: S101
        unit_field.units = units
        unit_field.widget.attrs.update({"list": "units-to-send-to", "autocomplete": "off"})

    def service_values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "field": d["field"],
            "procedure_stage": d["procedure_stage"],
            "complaint_subject": d["complaint_subject"],
            "is_repeated": d["is_repeated"],
            "is_anonymous": d["is_anonymous"],
            "is_eligible": TRISTATE_VALUES[d["is_eligible"]],
            "is_within_competence": TRISTATE_VALUES[d["is_within_competence"]],
            "competent_body": d["competent_body"].strip(),
        }


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Official"))

    def __init__(self, *args: Any, officials: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.officials = {str(u.pk): u for u in officials}
        self.fields["assignee"].choices = [("", "—")] + [
            (pk, getattr(u, "display_name", str(u))) for pk, u in self.officials.items()
        ]

    def clean_assignee(self) -> Any:
        value = self.cleaned_data["assignee"]
        if value not in self.officials:
            raise forms.ValidationError(_("Choose an official of the unit."))
        return self.officials[value]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReportBackForm(forms.Form):
    report = forms.CharField(
        label=_("What was done with the petition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DuplicateForm(forms.Form):
    status = forms.ChoiceField(choices=DuplicateStatus.choices)
    original = forms.IntegerField(required=False)


class AttachmentForm(forms.Form):
    files = forms.FileField(
        label=_("Add files"),
        required=False,
        help_text=_("PDF, images (JPEG, PNG, GIF, TIFF) or Word documents (.docx, not .doc)."),
        widget=MultipleFileInput(attrs={"multiple": True}),
    )
