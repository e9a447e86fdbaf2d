"""Every write to petitions. Views, the API, commands and tasks call these and nothing else."""

from tiepdan.petitions.services.deadline_scan import deadline_scan
from tiepdan.petitions.services.documents import document_issue
from tiepdan.petitions.services.handling import (
    attachment_add,
    petition_assign,
    petition_classify,
    petition_identity_read,
    petition_mark_duplicate,
    petition_report_back,
    petition_urge_follow_up,
)
from tiepdan.petitions.services.intake import (
    PetitionData,
    PetitionerData,
    PinReset,
    petition_data_check,
    petition_pin_check,
    petition_pin_reset,
    petition_receive,
    petition_receive_online,
)
from tiepdan.petitions.services.triage import SplitPart, petition_transition

__all__ = [
    "PetitionData",
    "PetitionerData",
    "PinReset",
    "SplitPart",
    "attachment_add",
    "deadline_scan",
    "document_issue",
    "petition_assign",
    "petition_classify",
    "petition_data_check",
    "petition_identity_read",
    "petition_mark_duplicate",
    "petition_pin_check",
    "petition_pin_reset",
    "petition_receive",
    "petition_receive_online",
    "petition_report_back",
    "petition_transition",
    "petition_urge_follow_up",
]
