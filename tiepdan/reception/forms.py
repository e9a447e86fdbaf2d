"""Forms of the reception pages: entering a visit, choosing a register period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tiepdan.accounts.models import Membership
from tiepdan.accounts.permissions import user_can_in_unit
from tiepdan.accounts.roles import Capability
from tiepdan.core import clock
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.petitions.forms.intake import DATE_FORMATS
from tiepdan.petitions.models import Kind
from tiepdan.reception.models import DeskOutcome, ReceptionKind, RefusalGround
from tiepdan.reception.selectors import (
    PERIOD_EARLIEST,
    period_latest,
    register_period_errors,
    visit_sessions_on,
)
from tiepdan.reception.services import VisitData, VisitorData
from tiepdan.reception.services.visits import APPOINTMENT_MAX_MB, EARLIEST_VISIT, MAX_PEOPLE

VISITOR_ROWS = 5  # a group sends at most 5 representatives (TCD-01); more people are a count
TIME_FORMATS = ["%H:%M", "%H.%M", "%Hh%M", "%H"]
COMPETENCE_CHOICES = [("", _("Not assessed")), ("yes", _("Yes")), ("no", _("No"))]


def _text(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"autocomplete": "off", **attrs})


def _date() -> forms.DateInput:
    return forms.DateInput(
        format="%d/%m/%Y",
        attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "dd/mm/yyyy"},
    )


class VisitForm(forms.Form):
    """The visit itself. Business rules are checked by `visit_record`; this form only parses
    what was typed, so every message comes from one place."""

    unit = forms.ChoiceField(label=_("Unit"), required=False)
    received_on = forms.DateField(
        label=_("Date"), input_formats=DATE_FORMATS, help_text=_("dd/mm/yyyy"), widget=_date()
    )
    received_time = forms.TimeField(
        label=_("Time"),
        input_formats=TIME_FORMATS,
        help_text=_("hh:mm"),
        widget=forms.TimeInput(format="%H:%M", attrs={"autocomplete": "off", "size": 5}),
    )
    office = forms.ChoiceField(label=_("Reception office"), required=False)
    kind = forms.ChoiceField(
        label=_("Reception"), choices=ReceptionKind.choices, initial=ReceptionKind.REGULAR
    )
    session = forms.ChoiceField(
        label=_("Head's reception session"),
        required=False,
        help_text=_("A visit at a head's session takes the session's kind (periodic or ad-hoc)."),
    )
    people_count = forms.IntegerField(
        label=_("Number of people with the same content"),
        required=False,
        min_value=1,
        max_value=MAX_PEOPLE,
        help_text=_("Leave empty for the visitors entered. 5 or more people are a group."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    head_received = forms.BooleanField(
        label=_("Received by the head or the head of the reception board"), required=False
    )
    appointment_document = forms.FileField(
        label=_("Document appointing the representatives"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.doc,.docx"}),
    )
    summary = forms.CharField(
        label=_("Summary of the matter"),
        required=False,
        max_length=500,
        help_text=_("One line: who, what, where."),
        widget=_text(),
    )
    petition_kind = forms.ChoiceField(
        label=_("Kind"), choices=Kind.choices, initial=Kind.COMPLAINT, widget=forms.RadioSelect
    )
    prior_bodies = forms.CharField(
        label=_("Bodies that already decided"), required=False, max_length=500, widget=_text()
    )
    within_competence = forms.ChoiceField(
        label=_("Within our competence"), choices=COMPETENCE_CHOICES, required=False
    )
    same_case_as = forms.CharField(
        label=_("Same case as visit no."),
        required=False,
        max_length=20,
        help_text=_("For a repeated visit: the number of an earlier visit, e.g. 12/2026."),
        widget=_text(),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome at the desk"),
        choices=DeskOutcome.choices,
        initial=DeskOutcome.PETITION_RECEIVED,
        widget=forms.RadioSelect,
    )
    petition_code = forms.CharField(
        label=_("Tracking code of a petition already received"),
        required=False,
        max_length=20,
        help_text=_("Leave empty to record the petition handed in now."),
        widget=_text(),
    )
    petition_content = forms.CharField(
        label=_("Content of the written petition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    statement = forms.CharField(
        label=_("Statement recorded"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    guidance_to = forms.CharField(
        label=_("Guided to"), required=False, max_length=255, widget=_text()
    )
    guidance_number = forms.CharField(
        label=_("Guidance document no."), required=False, max_length=64, widget=_text()
    )
    transfer_to = forms.CharField(
        label=_("Transferred to"), required=False, max_length=255, widget=_text()
    )
    transfer_number = forms.CharField(
        label=_("Transfer slip no."), required=False, max_length=64, widget=_text()
    )
    refusal_ground = forms.ChoiceField(label=_("Ground for refusal"), required=False)
    receivers = forms.MultipleChoiceField(
        label=_("Received by"), required=False, widget=forms.CheckboxSelectMultiple
    )
    follow_up = forms.CharField(
        label=_("Follow-up of the result"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    TEXT_FIELDS = (
        "summary",
        "petition_kind",
        "prior_bodies",
        "same_case_as",
        "outcome",
        "petition_code",
        "petition_content",
        "statement",
        "guidance_to",
        "guidance_number",
        "transfer_to",
        "transfer_number",
        "refusal_ground",
        "follow_up",
        "note",
        "kind",
    )

    def __init__(self, *args: Any, units: list[OrgUnit], user: Any, **kwargs: Any) -> None:
        now = timezone.localtime(clock.now())
        kwargs.setdefault(
            "initial",
            {
                "received_on": now.date(),
                "received_time": now.time().replace(second=0, microsecond=0),
                "receivers": [str(user.pk)],
            },
        )
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["unit"].choices = [(u.code, u.name) for u in units]
        if len(units) <= 1:
            del self.fields["unit"]
        offices = ReceptionOffice.objects.filter(org_unit__in=units, is_active=True)
        self.fields["office"].choices = [("", "—")] + [
            (str(o.pk), o.name if len(units) <= 1 else f"{o.name} ({o.org_unit.name})")
            for o in offices.select_related("org_unit")
        ]
        if len(self.fields["office"].choices) == 2:  # one office: it is the one
            self.initial.setdefault("office", self.fields["office"].choices[1][0])
        self._session_choices(units, now.date())
        self._outcome_choices(units, user)
        # Formatted here, not on the class: a lazy text formatted at import is never translated.
        self.fields["appointment_document"].help_text = gettext(
            "For a group: PDF, JPEG, PNG or Word, at most %(limit)s MB."
        ) % {"limit": APPOINTMENT_MAX_MB}
        self.fields["refusal_ground"].choices = [("", "—")] + [
            (g.code, f"{g.text} ({g.source})") for g in RefusalGround.objects.filter(is_active=True)
        ]
        members = (
            Membership.objects.filter(org_unit__in=units, is_active=True)
            .select_related("user")
            .order_by("user__full_name", "user__username")
        )
        self.fields["receivers"].choices = list(
            {str(m.user.pk): (str(m.user.pk), m.user.display_name) for m in members}.values()
        )

    def _outcome_choices(self, units: list[OrgUnit], user: Any) -> None:
        """Leaders receive citizens but do not record petitions: for them the first outcome
        only links a petition already received, and says so."""
        if any(user_can_in_unit(user, Capability.RECEIVE_PETITIONS, u) for u in units):
            return
        field = self.fields["outcome"]
        field.choices = [
            (
                value,
                gettext("Petition already received (enter its tracking code)")
                if value == DeskOutcome.PETITION_RECEIVED
                else label,
            )
            for value, label in DeskOutcome.choices
        ]
        field.help_text = gettext(
            "Only reception or triage officers record a written petition handed in now."
        )
        self.initial.setdefault("outcome", DeskOutcome.EXPLAINED)
        self.fields["outcome"].initial = DeskOutcome.EXPLAINED

    def _session_choices(self, units: list[OrgUnit], day: dt.date) -> None:
        """Today's heads' sessions of the units; without any, the field is not shown."""
        sessions = list(visit_sessions_on(units, day))
        if not sessions:
            del self.fields["session"]
            return
        self.fields["session"].choices = [("", _("None: regular reception"))] + [
            (str(s.pk), self._session_label(s, many_units=len(units) > 1)) for s in sessions
        ]

    @staticmethod
    def _session_label(session: Any, *, many_units: bool) -> str:
        label = (
            f"{timezone.localtime(session.starts_at):%H:%M} · {session.head.display_name} · "
            f"{session.get_kind_display()}"
        )
        return f"{label} ({session.org_unit.name})" if many_units else label

    def clean_received_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["received_on"]
        if day < EARLIEST_VISIT:
            raise forms.ValidationError(
                gettext("Check the date of the visit: it is before %(year)s.")
                % {"year": EARLIEST_VISIT.year}
            )
        return day

    def chosen_unit(self) -> OrgUnit:
        chosen = getattr(self, "cleaned_data", {}).get("unit")
        return next((u for u in self.units if u.code == chosen), self.units[0])

    def to_data(self, visitors: list[VisitorData]) -> VisitData:
        """What was typed, for the service; inputs that did not parse are left at defaults
        (their own error is already shown)."""
        d = getattr(self, "cleaned_data", {})
        day = d.get("received_on") or clock.today()  # a refused date has its own message
        moment = d.get("received_time") or dt.time(0, 0)
        received_at = dt.datetime.combine(day, moment, tzinfo=timezone.get_current_timezone())
        competence = {"yes": True, "no": False}.get(d.get("within_competence") or "")
        office = d.get("office")
        session = d.get("session")
        return VisitData(
            received_at=received_at,
            visitors=visitors,
            receiver_ids=[int(pk) for pk in d.get("receivers") or []],
            office_id=int(office) if office else None,
            session_id=int(session) if session else None,
            appointment_document=d.get("appointment_document") or None,
            head_received=bool(d.get("head_received")),
            people_count=d.get("people_count"),
            within_competence=competence,
            **{name: d.get(name) or "" for name in self.TEXT_FIELDS},
        )


class VisitorForm(forms.Form):
    """One visitor (or a representative of a group): a fixed block of the entry form."""

    citizen_id = forms.CharField(
        label=_("Citizen ID"),
        required=False,
        max_length=16,
        help_text=_("12 digits: earlier visits and petitions show."),
        widget=_text(inputmode="numeric"),
    )
    full_name = forms.CharField(
        label=_("Full name"), required=False, max_length=255, widget=_text()
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=500, widget=_text())
    phone = forms.CharField(
        label=_("Phone"), required=False, max_length=32, widget=_text(inputmode="tel")
    )
    id_paper = forms.CharField(
        label=_("Other identity paper"), required=False, max_length=64, widget=_text()
    )
    is_representative = forms.BooleanField(label=_("Representative"), required=False)

    TEXT_FIELDS = ("citizen_id", "full_name", "address", "phone", "id_paper")

    def is_blank(self) -> bool:
        return not any((self.data.get(self.add_prefix(n)) or "").strip() for n in self.TEXT_FIELDS)

    def to_data(self) -> VisitorData:
        d = getattr(self, "cleaned_data", {})
        return VisitorData(
            full_name=d.get("full_name") or "",
            citizen_id=(d.get("citizen_id") or "").strip(),
            id_paper=d.get("id_paper") or "",
            address=d.get("address") or "",
            phone=d.get("phone") or "",
            is_representative=bool(d.get("is_representative")),
        )


def visitor_forms(data: Any = None) -> list[VisitorForm]:
    people = [VisitorForm(data, prefix=f"v{n}") for n in range(1, VISITOR_ROWS + 1)]
    if data is None:
        # The date, time, office and receiver have defaults: typing starts at the citizen ID.
        people[0].fields["citizen_id"].widget.attrs["autofocus"] = True
    return people


def _first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _last_of_month(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


class RegisterFilterForm(forms.Form):
    """Which unit's register, for which days (default: this month)."""

    don_vi = forms.ChoiceField(label=_("Unit"), required=False)
    tu = forms.DateField(
        label=_("From"), required=False, input_formats=DATE_FORMATS, widget=_date()
    )
    den = forms.DateField(label=_("To"), required=False, input_formats=DATE_FORMATS, widget=_date())

    def __init__(self, *args: Any, units: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["don_vi"].choices = [(u.code, u.name) for u in units]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "tu" in self.errors or "den" in self.errors:
            return data  # a date that did not parse has its message already
        start = data.get("tu") or _first_of_month(clock.today())
        if PERIOD_EARLIEST <= start <= period_latest():
            end = data.get("den") or _last_of_month(start)
        else:
            end = data.get("den") or start  # no month arithmetic on a date out of range
        data["tu"], data["den"] = start, end
        for key, message in register_period_errors(start, end).items():
            self.add_error({"date_from": "tu", "date_to": "den"}[key], message)
        return data

    def chosen(self) -> tuple[OrgUnit, dt.date, dt.date]:
        """The unit and period asked for; this month when the period was refused."""
        d = getattr(self, "cleaned_data", None) or {}
        code = d.get("don_vi")
        unit = next((u for u in self.units if u.code == code), self.units[0])
        this_month = _first_of_month(clock.today())
        if self.is_bound and ("tu" in self.errors or "den" in self.errors):
            return unit, this_month, _last_of_month(this_month)
        start = d.get("tu") or this_month
        end = d.get("den") or _last_of_month(start)
        return unit, start, end
