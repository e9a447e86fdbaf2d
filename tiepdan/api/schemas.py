"""Input and output schemas of the API. No database ids: petitions by reference, units by code,
officials by username."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict

from tiepdan.petitions.models import Channel, ComplaintSubject, Kind
from tiepdan.petitions.models import Field as ContentField
from tiepdan.petitions.permissions import petitioner_names_for_list
from tiepdan.petitions.services import PetitionData, PetitionerData
from tiepdan.petitions.workflow import Status

# --- Errors -----------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in the request's language.")
    errors: dict[str, str] | None = Field(
        None, description="Message per field, e.g. `petitioners.0.citizen_id`."
    )


# --- Shared -----------------------------------------------------------------------------------


class UnitOut(Schema):
    code: str
    name: str


class UnitListItem(UnitOut):
    level: str
    kind: str
    valid_to: dt.date | None = None


class StrictIn(Schema):
    # A misspelt field would otherwise be dropped without a word.
    model_config = ConfigDict(extra="forbid")


# --- Recording a petition ---------------------------------------------------------------------


class PetitionerIn(StrictIn):
    full_name: str = Field(max_length=255)
    citizen_id: str = Field("", max_length=20, description="12-digit citizen ID (CCCD).")
    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=32)
    email: str = Field("", max_length=254)
    is_organisation: bool = False
    is_representative: bool = False
    authorisation: str = Field("", max_length=255)


class RespondentIn(StrictIn):
    name: str = Field("", max_length=255)
    is_body: bool = False
    details: str = Field("", max_length=255, description="Position, address.")


class PetitionIn(StrictIn):
    unit: str = Field(description="Code of the receiving unit.", max_length=32)
    received_on: dt.date
    channel: Channel = Channel.API
    kind: Kind
    kinds: list[Kind] = Field(
        default_factory=list, description="For a mixed petition: the kinds it contains."
    )
    summary: str = Field(max_length=500)
    content: str = Field("", max_length=20000)
    request: str = Field("", max_length=5000)
    prior_handling: str = Field("", max_length=5000)
    respondent: RespondentIn = Field(default_factory=RespondentIn)
    complaint_subject: ComplaintSubject | None = None
    field: ContentField | None = None
    forwarded_by: str = Field("", max_length=255)
    decision_known_on: dt.date | None = None
    is_anonymous: bool = False
    signatory_count: int | None = Field(None, ge=1, le=100000)
    petitioners: list[PetitionerIn] = Field(default_factory=list, max_length=500)

    def to_data(self) -> PetitionData:
        return PetitionData(
            received_on=self.received_on,
            channel=self.channel.value,
            kind=self.kind.value,
            kinds=[k.value for k in self.kinds],
            summary=self.summary,
            content=self.content,
            request=self.request,
            prior_handling=self.prior_handling,
            respondent_name=self.respondent.name,
            respondent_is_body=self.respondent.is_body,
            respondent_details=self.respondent.details,
            complaint_subject=self.complaint_subject.value if self.complaint_subject else "",
            field=self.field.value if self.field else "",
            forwarded_by=self.forwarded_by,
            decision_known_on=self.decision_known_on,
            is_anonymous=self.is_anonymous,
            signatory_count=self.signatory_count,
            petitioners=[PetitionerData(**p.model_dump()) for p in self.petitioners],
        )


# --- Acting on a petition ---------------------------------------------------------------------

PSEUDO_ACTIONS = ("urge_follow_up", "report_back")
ActionName = Literal[  # the workflow's actions, and the two follow-up steps of a transfer
    "propose_acceptance",
    "accept",
    "reject_proposal",
    "guide",
    "transfer",
    "transfer_out",
    "return",
    "file_away",
    "urge",
    "forward_to_party",
    "report_to_police",
    "split",
    "refuse_acceptance",
    "reopen",
    "urge_follow_up",
    "report_back",
]


class SplitPartIn(StrictIn):
    kind: Kind
    unit: str = Field(description="Code of the unit competent for this part.", max_length=32)
    summary: str = Field("", max_length=500)


class ActionIn(StrictIn):
    action: ActionName = Field(
        description="A workflow action (see `available_actions`), or `urge_follow_up` (the "
        "unit that transferred the petition urges its holder) or `report_back` (the holder "
        "tells the sender what it did; `note` is the report)."
    )
    note: str = Field("", max_length=5000)
    to_unit: str | None = Field(None, description="Unit code: for transfer and urge.")
    competent_body: str = Field("", max_length=255, description="For guide, transfer_out …")
    parts: list[SplitPartIn] = Field(default_factory=list, description="For split.")


# --- Reading petitions ------------------------------------------------------------------------


class PetitionListQuery(Schema):
    q: str = Field("", max_length=200, description="Words (accents optional) or a code.")
    unit: str = Field("", max_length=32, description="Code of the holding unit.")
    status: Status | None = None
    kind: Kind | None = None
    overdue: bool = Field(False, description="Only petitions past a running time limit.")
    sort: Literal["due", "received", "oldest"] = "due"
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0)


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


class PetitionListItem(Schema):
    reference: str
    status: str
    status_label: str
    kind: str
    kind_label: str
    received_on: dt.date
    current_unit: UnitOut
    assigned_to: str | None
    summary: str
    petitioner_names: str = Field(description="Masked (N*** V*** Đ***) for a denunciation.")
    next_due_on: dt.date | None = Field(description="Nearest running time limit.")

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return _label(Status, obj.status)

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return _label(Kind, obj.kind)

    @staticmethod
    def resolve_assigned_to(obj: Any) -> str | None:
        return obj.assigned_to.username if obj.assigned_to_id else None

    @staticmethod
    def resolve_petitioner_names(obj: Any) -> str:
        return petitioner_names_for_list(obj)


class PetitionListOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[PetitionListItem]


class RespondentOut(Schema):
    name: str
    is_body: bool
    details: str


class PetitionerOut(Schema):
    full_name: str
    citizen_id: str
    address: str
    phone: str
    email: str
    is_organisation: bool
    is_representative: bool
    identity_visible: bool = Field(
        description="False: a denouncer's identity, masked for this caller (LTC Art. 47)."
    )


class TimeLimitOut(Schema):
    rule_id: str
    unit: str = Field(description="Code of the unit the time limit runs for.")
    started_on: dt.date
    due_on: dt.date
    days_left: int | None
    is_overdue: bool
    source: str
    explanation: str


class DocumentOut(Schema):
    kind: str
    kind_label: str
    number: str
    issued_on: dt.date
    unit: str


class ActionOut(Schema):
    action: str
    label: str


class PetitionOut(Schema):
    reference: str
    tracking_code: str
    status: str
    status_label: str
    kind: str
    kind_label: str
    kinds: list[str]
    channel: str
    channel_label: str
    forwarded_by: str
    received_on: dt.date
    receiving_unit: UnitOut
    current_unit: UnitOut
    assigned_to: str | None = Field(description="Username of the assigned official.")
    summary: str
    content: str
    request: str
    prior_handling: str
    respondent: RespondentOut
    complaint_subject: str
    field: str
    is_anonymous: bool
    is_confidential: bool = Field(description="A denunciation: the denouncer is protected.")
    signatory_count: int
    is_eligible: bool | None
    is_within_competence: bool | None
    competent_body: str
    duplicate_status: str
    petitioners: list[PetitionerOut]
    time_limits: list[TimeLimitOut] = Field(description="The time limits still running.")
    documents: list[DocumentOut]
    available_actions: list[ActionOut] = Field(
        description="Workflow actions the caller may take now."
    )


class EventOut(Schema):
    at: dt.datetime
    actor: str | None = Field(description="Username; empty for the system.")
    unit: str
    action: str
    action_label: str
    from_status: str
    to_status: str
    note: str

    @staticmethod
    def resolve_at(obj: Any) -> dt.datetime:
        return timezone.localtime(obj.at)

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.username if obj.actor_id else None

    @staticmethod
    def resolve_unit(obj: Any) -> str:
        return str(obj.org_unit.code)

    @staticmethod
    def resolve_action_label(obj: Any) -> str:
        return str(obj.action_label)
