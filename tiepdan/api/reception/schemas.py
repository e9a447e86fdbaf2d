"""Input and output schemas of the reception API (tiepdan.api.reception). No database ids."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema

from tiepdan.api.schemas import StrictIn, UnitOut
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.petitions.models import Kind
from tiepdan.reception.models import (
    DeskOutcome,
    HeadKind,
    ReceptionForm,
    ReceptionKind,
    ReceptionSession,
)
from tiepdan.reception.services import VisitData, VisitorData

LOCAL_TIME = "Date and time; without an offset it is Hà Nội time (Asia/Ho_Chi_Minh)."
SessionKind = Literal["periodic", "ad_hoc"]  # a head's session (LTCD Art. 18)
USERNAME = "Username of an official of the unit."


def aware(moment: dt.datetime) -> dt.datetime:
    """A datetime typed without an offset is a local one (officials think in Hà Nội time)."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def month_parse(text: str, today: dt.date) -> tuple[int, int]:
    """'2026-11' → (2026, 11); empty → this month."""
    if not text.strip():
        return today.year, today.month
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        dt.date(year, month, 1)
    except ValueError:
        message = _("Enter a month as YYYY-MM, e.g. 2026-11.")
        raise ValidationFailed(
            message, extra={"field": "month", "errors": {"month": message}}
        ) from None
    return year, month


# --- Visits -----------------------------------------------------------------------------------


class VisitorIn(StrictIn):
    full_name: str = Field(max_length=255)
    citizen_id: str = Field("", max_length=16, description="12-digit citizen ID (CCCD).")
    id_paper: str = Field("", max_length=64, description="Another identity paper, if no ID.")
    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=32)
    is_representative: bool = Field(
        False, description="Speaks for a group (TCD-01: 5-10 people → 1-2; more → up to 5)."
    )


class VisitIn(StrictIn):
    unit: str = Field(max_length=32, description="Code of the unit whose register it goes in.")
    received_at: dt.datetime = Field(description=LOCAL_TIME)
    visitors: list[VisitorIn] = Field(max_length=50, description="At least one.")
    summary: str = Field(max_length=500)
    petition_kind: Kind
    outcome: DeskOutcome = Field(description="What was done at the desk (TCD-03).")
    office: str = Field("", max_length=255, description="Name of one of the unit's offices.")
    session: str = Field("", max_length=16, description="Slug of the unit's head's session.")
    kind: ReceptionKind = ReceptionKind.REGULAR
    form: ReceptionForm = ReceptionForm.IN_PERSON
    receivers: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Usernames of the officials receiving; empty: the caller.",
    )
    head_received: bool = Field(
        False, description="The head (or the reception board's head) received: a group needs it."
    )
    people_count: int | None = Field(
        None, ge=1, le=100000, description="People with the same content; empty: the visitors."
    )
    same_case_as: str = Field(
        "", max_length=20, description="A repeated visit: an earlier visit's number, 12/2026."
    )
    prior_bodies: str = Field("", max_length=500)
    within_competence: bool | None = None
    statement: str = Field("", max_length=20000, description="For statement_recorded.")
    guidance_to: str = Field("", max_length=255, description="For guided.")
    guidance_number: str = Field("", max_length=64)
    transfer_to: str = Field("", max_length=255, description="For transferred.")
    transfer_number: str = Field("", max_length=64)
    petition_reference: str = Field(
        "",
        max_length=32,
        description="For petition_received: a petition already recorded; empty: the written "
        "petition handed in now is recorded (tracking code, receipt Mẫu 02/TCD).",
    )
    petition_content: str = Field("", max_length=20000)
    refusal_ground: str = Field("", max_length=32, description="For refused: a ground's code.")
    follow_up: str = Field("", max_length=5000)
    note: str = Field("", max_length=5000)

    def to_data(
        self, *, receiver_ids: list[int], office_id: int | None, session_id: int | None
    ) -> VisitData:
        return VisitData(
            received_at=aware(self.received_at),
            visitors=[VisitorData(**v.model_dump()) for v in self.visitors],
            summary=self.summary,
            petition_kind=self.petition_kind.value,
            outcome=self.outcome.value,
            receiver_ids=receiver_ids,
            office_id=office_id,
            session_id=session_id,
            kind=self.kind.value,
            form=self.form.value,
            head_received=self.head_received,
            people_count=self.people_count,
            same_case_as=self.same_case_as,
            prior_bodies=self.prior_bodies,
            within_competence=self.within_competence,
            statement=self.statement,
            guidance_to=self.guidance_to,
            guidance_number=self.guidance_number,
            transfer_to=self.transfer_to,
            transfer_number=self.transfer_number,
            petition_code=self.petition_reference,
            petition_content=self.petition_content,
            refusal_ground=self.refusal_ground,
            follow_up=self.follow_up,
            note=self.note,
        )


class VisitorOut(Schema):
    full_name: str
    citizen_id: str
    id_paper: str
    address: str
    phone: str
    is_representative: bool


class VisitPetitionOut(Schema):
    reference: str = Field(description="The tracking code to give the citizen.")
    tracking_code: str
    status: str
    status_label: str
    receipt_number: str = Field(description="Number of the receipt Mẫu 02/TCD, if issued.")


class RefusalGroundOut(Schema):
    code: str
    text: str
    source: str


class VisitOut(Schema):
    key: str = Field(description="`unit/year/serial`: the visit's address in this API.")
    number: str = Field(description="serial/year, as the register prints it.")
    unit: UnitOut
    year: int
    serial: int
    received_at: dt.datetime
    office: str | None
    session: str | None = Field(description="Slug of the head's session it was part of.")
    kind: str
    kind_label: str
    form: str
    receivers: list[str] = Field(description="Usernames of the officials receiving.")
    head_received: bool
    case_first_visit: str = Field(
        description="Number of the case's first visit: give it as `same_case_as`."
    )
    is_repeat: bool
    is_group: bool = Field(description="5 or more people on the same content.")
    people_count: int
    representatives_count: int
    has_appointment_document: bool = Field(description="The group's appointment is attached.")
    identity_visible: bool = Field(
        description="False: a visit about a denunciation whose denouncer the caller may not "
        "know; `visitors`, `statement` and names in the text are masked (LTC Art. 47.2, 56)."
    )
    visitors: list[VisitorOut] = Field(description="As given at this visit.")
    summary: str
    petition_kind: str
    petition_kind_label: str
    prior_bodies: str
    within_competence: bool | None
    outcome: str
    outcome_label: str
    statement: str
    guidance_to: str
    guidance_number: str
    transfer_to: str
    transfer_number: str
    petition: VisitPetitionOut | None = Field(
        description="The petition received, when the caller may open it."
    )
    refusal_ground: RefusalGroundOut | None
    refusal_notice_due_on: dt.date | None = Field(description="Mẫu 01/TCD due (TCD-02).")
    refusal_notice_number: str
    follow_up: str
    note: str
    recorded_by: str


# --- The register (Mẫu 03/TCD) ----------------------------------------------------------------


class RegisterQuery(Schema):
    unit: str = Field(max_length=32, description="Code of the unit whose register to read.")
    date_from: dt.date | None = Field(None, description="Default: the 1st of this month.")
    date_to: dt.date | None = Field(None, description="Default: the end of date_from's month.")


class RegisterColumnOut(Schema):
    field: str = Field(description="Name of the field in `rows`.")
    heading: str = Field(description="The column's heading on Mẫu 03/TCD.")


class RegisterRowOut(Schema):
    """The 13 columns of Mẫu 03/TCD, in the form's order, then the visit's key."""

    serial: int
    received_on: dt.date
    names_addresses: str
    identity_papers: str
    summary: str
    classification: str = Field(description="KN, TC or KN-PA.")
    people_count: int
    prior_bodies: str
    within_competence: str = Field(description="“x” when within the unit's competence.")
    guidance: str
    transfer: str
    follow_up: str
    notes: str
    key: str


class VisitCountsOut(Schema):
    visits: int
    persons: int
    cases: int
    first_cases: int
    repeated_cases: int
    group_visits: int


class RegisterOut(Schema):
    unit: UnitOut
    date_from: dt.date
    date_to: dt.date
    columns: list[RegisterColumnOut]
    rows: list[RegisterRowOut]
    counts: VisitCountsOut


# --- A person's history -----------------------------------------------------------------------


class HistoryIn(StrictIn):
    citizen_id: str = Field(
        max_length=16,
        description="12-digit citizen ID; sent in the body, so it stays out of access logs.",
    )


class HistoryVisitOut(Schema):
    key: str
    number: str
    unit_name: str
    received_at: dt.datetime
    summary: str
    outcome_label: str
    is_group: bool
    petition: str | None = Field(description="Reference, when the caller may see it.")


class HistoryPetitionOut(Schema):
    reference: str
    received_on: dt.date
    unit_name: str
    kind_label: str
    status_label: str
    summary: str


class HistoryOut(Schema):
    visitor_name: str
    visits: list[HistoryVisitOut]
    petitions: list[HistoryPetitionOut]


# --- Heads' sessions --------------------------------------------------------------------------


class SessionListQuery(Schema):
    unit: str = Field("", max_length=32, description="Code of the session's unit.")
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    status: ReceptionSession.Status | None = None
    form: ReceptionForm | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


class SessionIn(StrictIn):
    unit: str = Field(max_length=32, description="Code of the unit holding the session.")
    head: str = Field(max_length=150, description=USERNAME + " A leader of the unit.")
    head_kind: HeadKind | None = Field(
        None, description="Optional: set from the unit; if given it must agree (LEGAL.md §1.4)."
    )
    kind: SessionKind = Field(description="Periodic: published ≥ 5 working days ahead (TCD-06).")
    starts_at: dt.datetime = Field(description=LOCAL_TIME)
    form: ReceptionForm = Field(
        ReceptionForm.IN_PERSON,
        description="In person; an online session is created under /online-sessions.",
    )
    office: str = Field("", max_length=255, description="Name of one of the unit's offices.")
    place: str = Field("", max_length=255, description="Another place, without an office.")


class PostponeIn(StrictIn):
    new_starts_at: dt.datetime = Field(description=LOCAL_TIME)
    reason: str = Field(max_length=5000, description="Announced with the new date.")


class RegistrationIn(StrictIn):
    full_name: str = Field(max_length=255)
    citizen_id: str = Field("", max_length=16)
    phone: str = Field("", max_length=32)
    summary: str = Field(max_length=500)


class ConclusionIn(StrictIn):
    content: str = Field(max_length=50000, description="The head's conclusions.")
    recipients: list[str] = Field(max_length=100, description="Codes of the units sent to.")
    number: str = Field("", max_length=64, description="Empty: the unit's next, 12/TB-TCD.")
    follow_up_due_on: dt.date | None = Field(None, description="When they report back.")


class FollowUpIn(StrictIn):
    result: str = Field(max_length=20000, description="What the agency reported.")


class RegistrationOut(Schema):
    full_name: str = Field(description="Empty for a case put into an online session.")
    phone: str
    summary: str
    petition: str | None = Field(description="Reference of the case, if one is linked.")


class ConclusionOut(Schema):
    session: str = Field(description="The session's slug; with `number`, the notice's key.")
    number: str
    issued_on: dt.date
    content: str
    recipients: list[UnitOut]
    follow_up_due_on: dt.date | None
    followed_up_on: dt.date | None
    follow_up: str


class SessionListItem(Schema):
    slug: str
    unit: UnitOut
    head: str = Field(description="Username of the head receiving.")
    head_name: str
    head_kind: str
    head_kind_label: str
    kind: str
    kind_label: str
    form: str
    form_label: str
    office: str | None
    place: str
    starts_at: dt.datetime
    status: str
    status_label: str
    published_on: dt.date | None
    postponed_from: dt.datetime | None = Field(description="The date first announced.")
    postponement_reason: str


class SessionListOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[SessionListItem]


class SessionOut(SessionListItem):
    may_write: bool = Field(description="The caller may act on the session.")
    registrations: list[RegistrationOut]
    visits: list[str] = Field(description="Keys of the visits recorded at the session.")
    conclusions: list[ConclusionOut]


# --- Online sessions --------------------------------------------------------------------------


class OnlineSessionIn(StrictIn):
    central_unit: str = Field(max_length=32, description="Code of the central site's unit.")
    component_units: list[str] = Field(
        max_length=100, description="Codes of the component sites' units (at least one)."
    )
    head: str = Field(max_length=150, description=USERNAME + " A leader of the central unit.")
    head_kind: HeadKind | None = Field(
        None, description="Optional: set from the central unit; if given it must agree."
    )
    starts_at: dt.datetime = Field(
        description=LOCAL_TIME + " At least 5 working days away (TCD-07)."
    )
    kind: SessionKind = "ad_hoc"
    petitions: list[str] = Field(
        default_factory=list,
        max_length=100,
        description="References of the cases to receive; a denunciation whose denouncer asked "
        "for secrecy is refused (NĐ 154/2026 Art. 20).",
    )


class OnlinePetitionIn(StrictIn):
    petition: str = Field(max_length=32, description="Reference of the case to put in.")


class LinkTestIn(StrictIn):
    tested_on: dt.date | None = Field(None, description="Default: today.")


class JoinIn(StrictIn):
    participants: str = Field(max_length=5000, description="Name and position, one per line.")


class RecordIn(StrictIn):
    recording_reference: str = Field(
        max_length=255, description="Where the recording is stored (NĐ 154/2026 Art. 24.1)."
    )


class SiteOut(Schema):
    unit: UnitOut
    is_central: bool
    participants: str
    link_tested_on: dt.date | None
    is_link_test_late: bool = Field(description="Tested after the TCD-08 day.")
    joined_at: dt.datetime | None


class OnlineSessionOut(SessionOut):
    room_url: str = Field(
        description="The Jitsi room (with a JWT when the server needs one, valid from two hours "
        "before the start): for the head and the sites' officials only, else empty."
    )
    jitsi_configured: bool
    notified_on: dt.date | None
    notify_by: dt.date = Field(description="Last day to notify the participants (TCD-07).")
    link_tested_on: dt.date | None = Field(description="When every site had tested.")
    link_test_by: dt.date = Field(description="Last day to test the links (TCD-08).")
    recording_reference: str
    has_minutes: bool
    sites: list[SiteOut]


# --- Compliance -------------------------------------------------------------------------------


class ComplianceQuery(Schema):
    month: str = Field("", max_length=7, description="YYYY-MM; default: this month.")


class MinimumOut(Schema):
    days: int
    period: str = Field(description="week or month.")
    source: str
    confirmed: bool = Field(description="False: the rule is not yet confirmed [U].")
    valid_from: dt.date | None
    valid_to: dt.date | None


class ComplianceRowOut(Schema):
    unit: UnitOut
    head: str = Field(description="Username of the head.")
    head_name: str
    head_kind: str
    head_kind_label: str
    held: int = Field(
        description="Distinct days with a periodic session held: in the month, or, for a weekly "
        "minimum, in the month's weeks (Monday to Sunday, the week of its Thursday)."
    )
    required: int | None = Field(description="The legal minimum that month; null: none.")
    minimum: MinimumOut | None
    is_below: bool
    weeks_missed: list[dt.date] = Field(
        description="Mondays of the weeks below a weekly minimum (each week is checked alone)."
    )


class ComplianceOut(Schema):
    month: str
    below: int = Field(description="Rows below the minimum.")
    rows: list[ComplianceRowOut]
