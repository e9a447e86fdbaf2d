"""The officials' petition pages: inbox, recording, the petition page and its actions."""

from tiepdan.petitions.views.actions import (
    assign,
    attachment_upload,
    classify,
    mark_duplicate,
    pin_reset,
    report_back,
    transition,
    urge,
)
from tiepdan.petitions.views.detail import attachment_download, detail, document_download
from tiepdan.petitions.views.inbox import inbox
from tiepdan.petitions.views.intake import receive

__all__ = [
    "assign",
    "attachment_download",
    "attachment_upload",
    "classify",
    "detail",
    "document_download",
    "inbox",
    "mark_duplicate",
    "pin_reset",
    "receive",
    "report_back",
    "transition",
    "urge",
]
