"""Publishing decisions and conclusions on the public portal, redacted and reviewed first."""

from tiepdan.resolution.publication.selectors import (
    member_units,
    publication_get_for_user,
    publication_list_for_user,
    publication_public_get,
    publication_public_search,
    publication_public_units,
    publication_resolution_for_user,
)
from tiepdan.resolution.publication.services import (
    PUBLISHABLE,
    publication_approve,
    publication_draft,
    publication_update,
    publication_withdraw,
    redaction_labels,
)

__all__ = [
    "PUBLISHABLE",
    "member_units",
    "publication_approve",
    "publication_draft",
    "publication_get_for_user",
    "publication_list_for_user",
    "publication_public_get",
    "publication_public_search",
    "publication_public_units",
    "publication_resolution_for_user",
    "publication_update",
    "publication_withdraw",
    "redaction_labels",
]
