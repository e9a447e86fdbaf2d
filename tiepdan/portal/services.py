"""Writes made from the public portal: a citizen filing a petition online."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.core import clock
from tiepdan.core.exceptions import ApplicationError
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import Channel, ComplaintSubject, DocumentKind, Kind, Petition
from tiepdan.petitions.services import PetitionData, PetitionerData, petition_receive_online
from tiepdan.portal.filing_selectors import portal_receiving_unit
from tiepdan.portal.tracking_services import rate_bucket

# A spam brake, not a security boundary: 5 filings per address per hour is more than a person
# needs, and a shared office address that needs more can file at the desk. Counted in the cache
# (Redis in production, shared by every process); a restart forgetting the count is harmless.
FILINGS_PER_HOUR = 5
WINDOW_SECONDS = 3600
# Version of the personal-data notice the citizen agreed to, recorded with the petition as
# evidence of consent (Law 91/2025/QH15: consent must be provable).
CONSENT_NOTICE = "pdp-notice-2026-01"


class TooManyFilings(ApplicationError):
    status_code = 429


@dataclass(frozen=True)
class Filing:
    """What the citizen wrote, already checked by the form."""

    kind: str
    unit_code: str
    full_name: str
    address: str
    summary: str
    content: str
    citizen_id: str = ""
    phone: str = ""
    email: str = ""
    request: str = ""
    respondent_name: str = ""
    decision: str = ""
    decision_known_on: dt.date | None = None
    keep_identity_secret: bool = False
    consent: bool = False


def _limit_key(ip: str) -> str:
    return f"portal:filings:{rate_bucket(ip)}"


def portal_filing_allowed(*, ip: str) -> bool:
    """Whether this address may file again now (shown on the form; not the enforcing check)."""
    return int(cache.get(_limit_key(ip), 0)) < FILINGS_PER_HOUR


def _count_filing(ip: str) -> int:
    """Count this filing and return the count including it. `add` then `incr` are atomic in
    the cache, so parallel requests each get their own number: no one slips past the check."""
    key = _limit_key(ip)
    if cache.add(key, 1, timeout=WINDOW_SECONDS):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        return 1


def _petition_data(filing: Filing) -> PetitionData:
    is_complaint = filing.kind == Kind.COMPLAINT
    return PetitionData(
        received_on=clock.today(),
        channel=Channel.PORTAL,
        kind=filing.kind,
        summary=filing.summary,
        content=filing.content,
        request=filing.request,
        respondent_name=filing.respondent_name,
        respondent_details=filing.decision[:255],
        complaint_subject=ComplaintSubject.ADMINISTRATIVE_ACT if is_complaint else "",
        decision_known_on=filing.decision_known_on if is_complaint else None,
        petitioners=[
            PetitionerData(
                full_name=filing.full_name,
                citizen_id=filing.citizen_id,
                address=filing.address,
                phone=filing.phone,
                email=filing.email,
            )
        ],
    )


def portal_petition_file(
    *, filing: Filing, uploads: Sequence[UploadedFile] = (), ip: str = ""
) -> Petition:
    """Record a petition filed online, in the agency the citizen chose.

    No official acts: `petition_receive_online` records it with channel "portal" (code, PIN,
    register number, time limits, event, audit, receipt). The consent and, for a denunciation,
    the request for identity secrecy are recorded in the receipt event. Counts the filing
    against the address's hourly limit first. Returns the petition with its plain PIN on
    `tracking_pin` (never saved).
    """
    # Counted before filing (a refused or failed try counts too), then checked.
    if ip and _count_filing(ip) > FILINGS_PER_HOUR:
        raise TooManyFilings(
            _(
                "Too many petitions were sent from your connection in the last hour. "
                "Try again later."
            )
        )
    if not filing.consent:
        raise ApplicationError(_("Without your consent we cannot receive the petition online."))
    unit: OrgUnit | None = portal_receiving_unit(filing.unit_code)
    if unit is None:
        raise ApplicationError(
            _("Choose an agency from the list."), extra={"errors": {"unit": "unit"}}
        )
    event_data: dict[str, object] = {"consent": CONSENT_NOTICE}
    if filing.kind == Kind.DENUNCIATION:
        # Every denouncer is protected anyway (LTC Art. 9, 47, 56); the explicit request is kept
        # on the petition so officials see it and online reception leaves the case out.
        event_data["identity_secrecy_requested"] = filing.keep_identity_secret
    with transaction.atomic():
        petition = petition_receive_online(
            unit=unit, data=_petition_data(filing), uploads=uploads, event_data=event_data
        )
        if filing.kind == Kind.DENUNCIATION and filing.keep_identity_secret:
            Petition.objects.filter(pk=petition.pk).update(identity_secrecy_requested=True)
            petition.identity_secrecy_requested = True
    return petition


def portal_receipt(petition: Petition) -> int | None:
    """The newest receipt's id, for the download allowed in the filing session only."""
    receipt = petition.documents.filter(kind=DocumentKind.RECEIPT).order_by("-pk").first()
    return receipt.pk if receipt else None
