"""Forms of the officials' petition pages."""

from tiepdan.petitions.forms.actions import (
    AssignForm,
    AttachmentForm,
    ClassifyForm,
    DuplicateForm,
    NoteForm,
    ReportBackForm,
    TransitionForm,
    action_form_fields,
    tristate_initial,
)
from tiepdan.petitions.forms.inbox import ALL_UNITS, InboxFilterForm
from tiepdan.petitions.forms.intake import PetitionForm, error_summary, petitioner_forms
from tiepdan.petitions.forms.units import UnitField, unit_option, units_to_send_to

__all__ = [
    "ALL_UNITS",
    "AssignForm",
    "AttachmentForm",
    "ClassifyForm",
    "DuplicateForm",
    "InboxFilterForm",
    "NoteForm",
    "PetitionForm",
    "ReportBackForm",
    "TransitionForm",
    "UnitField",
    "action_form_fields",
    "error_summary",
    "petitioner_forms",
    "tristate_initial",
    "unit_option",
    "units_to_send_to",
]
