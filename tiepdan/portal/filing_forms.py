"""The public filing form: one page, one question per section, every value kept on errors."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from tiepdan.core import clock
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.petitions.files import (
    PUBLIC_TYPES,
    legacy_word_message,
    name_matches,
    sniff,
    type_mismatch_message,
)
from tiepdan.petitions.identity import citizen_id_check
from tiepdan.petitions.models import Kind
from tiepdan.portal.filing_selectors import (
    CENTRAL,
    portal_provinces,
    portal_receiving_unit,
    portal_units_in,
)

MAX_FILES = 5
MAX_FILE_MB = 10
ALLOWED_TYPES = PUBLIC_TYPES

# What each kind means, in one plain sentence, and when it is the wrong choice.
KIND_CHOICES = [
    (
        Kind.COMPLAINT.value,
        _("Complain about a decision or an act"),
        _(
            "A decision or act of a state body or official affects your own rights and you "
            "ask for it to be reviewed. Not for reporting someone else's wrongdoing: that is a "
            "denunciation."
        ),
    ),
    (
        Kind.DENUNCIATION.value,
        _("Denounce a violation of the law"),
        _(
            "You report that a person or body broke the law and caused harm to the State or to "
            "others. Not for asking to change a decision about yourself: that is a complaint."
        ),
    ),
    (
        Kind.RECOMMENDATION.value,
        _("Make a recommendation"),
        _(
            "You propose how a policy, law or the work of a state body could be improved. Not "
            "when you want a decision about you changed: that is a complaint."
        ),
    ),
    (
        Kind.FEEDBACK.value,
        _("Give feedback"),
        _(
            "You tell a state body about a situation or a problem it should know about. Not for "
            "accusing a named person of breaking the law: that is a denunciation."
        ),
    ),
    (
        Kind.REGULATION_FEEDBACK.value,
        _("Give feedback on an administrative regulation"),
        _(
            "You comment on a procedure or rule for citizens and businesses (papers asked for, "
            "fees, time taken). Not about how your own file was handled: that is a complaint."
        ),
    ),
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the form's `clean_attachments`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


UNIT_CODE = re.compile(r"[A-Za-z0-9._-]{1,32}")


def _code(value: str) -> str:
    """A unit code as typed into a query, or "": odd bytes (NUL) never reach the database."""
    return value if UNIT_CODE.fullmatch(value or "") else ""


def _text(
    label: Any,
    *,
    required: bool = True,
    max_length: int = 255,
    help_text: Any = "",
    missing: Any = "",
    **attrs: Any,
) -> Any:
    # The error summary lists messages without their labels: each says what to write.
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
        error_messages={"required": missing} if missing else None,
    )


class FilingForm(forms.Form):
    """What a citizen fills in to file a petition; `unit` is the chosen agency's public code."""

    kind = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=[(value, label) for value, label, _hint in KIND_CHOICES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you want to do.")},
    )
    province = forms.ChoiceField(label=_("Province or city"), required=False)
    q = forms.CharField(
        label=_("Search agencies by name"),
        required=False,
        max_length=100,
        help_text=_("With or without accents, e.g. Đại Từ or dai tu."),
    )
    unit = forms.ChoiceField(
        label=_("Agency that receives your petition"),
        error_messages={"required": _("Choose the agency that receives your petition.")},
    )
    full_name = _text(_("Full name"), missing=_("Enter your full name."), autocomplete="name")
    citizen_id = _text(
        _("Citizen ID number"),
        required=False,
        max_length=20,
        inputmode="numeric",
        autocomplete="off",
        spellcheck="false",
    )
    address = _text(
        _("Address"),
        max_length=500,
        missing=_("Enter your address: an agency cannot handle a petition without it."),
        autocomplete="street-address",
    )
    phone = _text(_("Phone"), required=False, max_length=32, type="tel", autocomplete="tel")
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter an e-mail address like ten@example.vn.")},
    )
    summary = _text(
        _("In one sentence, what is your petition about?"),
        max_length=500,
        missing=_("Say in one sentence what your petition is about."),
    )
    content = forms.CharField(
        label=_("What happened"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("When and where, who was involved, and what you know. Say it in your words."),
        error_messages={"required": _("Write what happened.")},
    )
    request = forms.CharField(
        label=_("What you ask the agency to do"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    respondent_name = _text(
        _("Who made the decision, did the act or broke the law"), required=False
    )
    decision = _text(
        _("Which decision or act you complain about"),
        required=False,
        help_text=_("For example: Decision No. 12/QĐ-UBND of 5 March 2026 on land recovery."),
    )
    decision_known_on = forms.DateField(
        label=_("Date you learned of the decision or act"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("A complaint must usually be made within 90 days of that date."),
        error_messages={"invalid": _("Enter a real date, for example 05/03/2026.")},
    )
    attachments = MultipleFileField(
        label=_("Papers and evidence (optional)"),
        required=False,
        help_text=_("Up to 5 files: PDF, JPEG, PNG or Word (.docx, not .doc), at most 10 MB each."),
    )
    keep_identity_secret = forms.BooleanField(
        label=_("I ask that my identity be kept secret"), required=False
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the notice on personal data and agree that my data is processed to "
            "handle this petition"
        ),
        error_messages={
            "required": _("Tick the box to agree, or we cannot receive your petition online.")
        },
    )
    # Hidden from people by CSS; bots fill every field. Filled → the filing is dropped quietly.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [
            ("", _("All provinces")),
            *portal_provinces(),
            (CENTRAL, _("Central agencies")),
        ]
        province = _code(self.data.get("province", "")) if self.is_bound else ""
        query = self.data.get("q", "") if self.is_bound else ""
        self.units = portal_units_in(province=province, query=query[:100].replace("\x00", ""))
        chosen = _code(self.data.get("unit", "")) if self.is_bound else ""
        self.chosen_unit = portal_receiving_unit(chosen)
        listed = {u.code for u in self.units}
        extra = (
            [self.chosen_unit] if self.chosen_unit and self.chosen_unit.code not in listed else []
        )
        self.fields["unit"].choices = [
            ("", _("Choose an agency")),
            *[(u.code, u.name) for u in [*extra, *self.units]],
        ]
        for name, field in self.fields.items():
            described = [f"{name}-hint"] if field.help_text else []
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_denunciation(self) -> bool:
        return self.data.get("kind") == Kind.DENUNCIATION if self.is_bound else False

    def clean_citizen_id(self) -> str:
        value: str = self.cleaned_data.get("citizen_id", "")
        if not value.strip():
            return ""
        try:
            return citizen_id_check(value)
        except ValidationFailed as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_decision_known_on(self) -> Any:
        value = self.cleaned_data.get("decision_known_on")
        if value and value > clock.today():
            raise forms.ValidationError(_("This date cannot be in the future."))
        return value

    def clean_attachments(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Choose at most %(count)s files.") % {"count": MAX_FILES})
        problems = []
        refused_type = False
        for upload in files:
            if (upload.size or 0) > MAX_FILE_MB * 1024 * 1024:
                problems.append(
                    _("“%(name)s” is larger than %(limit)s MB.")
                    % {"name": upload.name, "limit": MAX_FILE_MB}
                )
            elif (content_type := sniff(upload)) not in ALLOWED_TYPES:
                problems.append(
                    _("“%(name)s” is not a PDF, JPEG, PNG or Word file.") % {"name": upload.name}
                )
                refused_type = True
            elif not name_matches(upload.name or "", content_type or ""):
                problems.append(type_mismatch_message(upload.name or "", content_type or ""))
        if refused_type:
            problems.append(legacy_word_message())
        if problems:
            problems.append(_("Choose your files again: for your safety they are not kept."))
            raise forms.ValidationError(problems)
        return files

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        if self.data.get("unit") and self.chosen_unit is None:
            self.add_error("unit", _("Choose an agency from the list."))
        if (
            not data.get("phone", "").strip()
            and not data.get("email")
            and not (self.has_error("email") or self.has_error("phone"))
        ):
            self.add_error(
                "phone", _("Give a phone number or an e-mail address so we can reach you.")
            )
        needs_id = kind in (Kind.COMPLAINT, Kind.DENUNCIATION) and not data.get("citizen_id")
        if needs_id and not self.has_error("citizen_id"):
            self.add_error(
                "citizen_id",
                _("Enter your citizen ID: it is needed for a complaint or denunciation."),
            )
        if (
            kind in (Kind.COMPLAINT, Kind.DENUNCIATION)
            and not data.get("respondent_name", "").strip()
        ):
            message = (
                _("Say who made the decision or did the act.")
                if kind == Kind.COMPLAINT
                else _("Say who you are denouncing (a person or a body).")
            )
            self.add_error("respondent_name", message)
        if kind == Kind.COMPLAINT and not data.get("decision", "").strip():
            self.add_error("decision", _("Say which decision or act you complain about."))
        return data
