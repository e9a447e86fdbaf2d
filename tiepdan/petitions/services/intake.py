"""Recording a received petition, from any channel."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tiepdan.accounts.permissions import ensure_capability
from tiepdan.accounts.roles import Capability
from tiepdan.core import clock
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.core.text import fold, nfc
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.files import PUBLIC_TYPES, attachment_check, safe_name
from tiepdan.petitions.identity import citizen_id_check, tracking_code_new
from tiepdan.petitions.models import (
    Attachment,
    Channel,
    Kind,
    Petition,
    PetitionDocument,
    Petitioner,
)
from tiepdan.petitions.services.common import (
    deadlines_start,
    event_write,
    limitation_check,
    register,
    rules_on_receipt,
    search_text_for,
)


@dataclass(frozen=True)
class PetitionerData:
    full_name: str
    citizen_id: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    is_organisation: bool = False
    is_representative: bool = False
    authorisation: str = ""


@dataclass(frozen=True)
class PetitionData:
    """Everything an official (or another system) enters for a received petition."""

    received_on: dt.date
    channel: str
    kind: str
    summary: str
    petitioners: Sequence[PetitionerData] = ()
    kinds: Sequence[str] = ()
    content: str = ""
    request: str = ""
    prior_handling: str = ""
    respondent_name: str = ""
    respondent_is_body: bool = False
    respondent_details: str = ""
    complaint_subject: str = ""
    field: str = ""
    forwarded_by: str = ""
    decision_known_on: dt.date | None = None
    is_anonymous: bool = False
    signatory_count: int | None = None


EARLIEST = dt.date(1990, 1, 1)  # older dates are typing mistakes, and break date arithmetic
MAX_SIGNATORIES = 100_000

# Column sizes of the models, checked here so bad input gets a message, not a database error.
LIMITS = {
    "summary": 500,
    "respondent_name": 255,
    "respondent_details": 255,
    "forwarded_by": 255,
}
PETITIONER_LIMITS = {
    "full_name": 255,
    "address": 500,
    "phone": 32,
    "email": 254,
    "authorisation": 255,
}


def petition_data_check(data: PetitionData) -> dict[str, str]:
    """Every problem with the input, by field, in Vietnamese, so a form can show them all."""
    errors: dict[str, str] = {}
    if not nfc(data.summary).strip():
        errors["summary"] = _("Write a short summary of the petition.")
    if data.channel not in Channel.values:
        errors["channel"] = _("Choose the channel the petition came through.")
    if data.kind not in Kind.values:
        errors["kind"] = _("Choose the kind of petition.")
    # A missing or unknown main kind is reported once, under "kind", not again under "kinds".
    main = {data.kind} if data.kind in Kind.values and data.kind != Kind.MIXED else set()
    kinds = set(data.kinds) | main
    if data.kind == Kind.MIXED and len(set(data.kinds) - {Kind.MIXED}) < 2:
        errors["kinds"] = _("A mixed petition contains at least two kinds: tick them.")
    if any(k not in Kind.values or k == Kind.MIXED for k in kinds):
        errors["kinds"] = _("One of the kinds ticked is not a kind of petition.")
    if data.received_on > clock.today():
        errors["received_on"] = _("The received date cannot be in the future.")
    elif data.received_on < EARLIEST:
        errors["received_on"] = _("Check the received date: it is before %(year)s.") % {
            "year": EARLIEST.year
        }
    if data.decision_known_on is not None and not (
        EARLIEST <= data.decision_known_on <= data.received_on
    ):
        errors["decision_known_on"] = _(
            "The date the decision became known must be on or before the received date."
        )
    if data.signatory_count is not None and data.signatory_count > MAX_SIGNATORIES:
        errors["signatory_count"] = _("Check the number of signatories.")
    if not data.petitioners and not data.is_anonymous:
        errors["petitioners"] = _(
            "Enter the petitioner's name, or tick 'anonymous' if the petition has none."
        )
    for name, limit in LIMITS.items():
        if len(getattr(data, name) or "") > limit:
            errors[name] = _("Too long: at most %(limit)s characters.") % {"limit": limit}
    for index, person in enumerate(data.petitioners):
        if not nfc(person.full_name).strip():
            errors[f"petitioners.{index}.full_name"] = _("Enter the petitioner's full name.")
        for name, limit in PETITIONER_LIMITS.items():
            if len(getattr(person, name) or "") > limit:
                errors[f"petitioners.{index}.{name}"] = _(
                    "Too long: at most %(limit)s characters."
                ) % {"limit": limit}
        if person.email:
            try:
                validate_email(person.email)
            except DjangoValidationError:
                errors[f"petitioners.{index}.email"] = _(
                    "This e-mail address is not valid (example: ten@example.vn)."
                )
        if person.citizen_id:
            try:
                citizen_id_check(person.citizen_id)
            except ValidationFailed as exc:
                errors[f"petitioners.{index}.citizen_id"] = str(exc)
    if data.signatory_count is not None and data.signatory_count < max(1, len(data.petitioners)):
        errors["signatory_count"] = _(
            "The number of signatories cannot be less than the petitioners entered."
        )
    return errors


def _unique_tracking_code() -> str:
    for _attempt in range(10):
        code = tracking_code_new()
        if not Petition.objects.filter(tracking_code=code).exists():
            return code
    raise RuntimeError("could not draw a free tracking code")  # 30^10 codes: never in practice


PIN_LENGTH = 6


def tracking_pin_new() -> str:
    """Six random digits: the citizen's secret to follow the petition with its code."""
    return f"{secrets.randbelow(10**PIN_LENGTH):0{PIN_LENGTH}d}"


def tracking_pin_set(petition: Petition) -> str:
    """Give the petition a new PIN: only its hash is stored; the plain PIN is left on the
    instance (`petition.tracking_pin`) for the receipt and the caller, never saved."""
    pin = tracking_pin_new()
    petition.tracking_pin_hash = make_password(pin)
    petition.tracking_pin = pin  # type: ignore[attr-defined]  # transient, for the receipt
    return pin


def petition_pin_check(petition: Petition, pin: str) -> bool:
    """Whether the PIN is the petition's (check_password compares in constant time). A petition
    without a PIN (recorded before PINs existed) matches nothing."""
    cleaned = "".join((pin or "").split())
    if not petition.tracking_pin_hash or not cleaned.isdigit() or len(cleaned) != PIN_LENGTH:
        # Still hash once, so a malformed PIN takes as long to refuse as a wrong one.
        make_password(cleaned or "-")
        return False
    return check_password(cleaned, petition.tracking_pin_hash)


@dataclass(frozen=True)
class PinReset:
    pin: str
    receipt: PetitionDocument


@transaction.atomic
def petition_pin_reset(*, actor: Any, petition_id: int) -> PinReset:
    """Give a petition a new PIN for a citizen who lost it (the old one stops working).

    Only an official who records petitions in the holding unit may do it; audited (never the
    PIN itself). Issues a new receipt (Mẫu 02/TCD) carrying the code and the new PIN.
    """
    petition = Petition.objects.select_for_update(no_key=True).get(pk=petition_id)
    ensure_capability(actor, Capability.RECEIVE_PETITIONS, petition.current_unit)
    pin = tracking_pin_set(petition)
    petition.save(update_fields=["tracking_pin_hash", "updated_at"])
    event_write(
        petition=petition,
        actor=actor,
        unit=petition.current_unit,
        action="pin_reset",
        audit_summary=f"Cấp lại mã PIN tra cứu đơn {petition.reference}",
    )
    from tiepdan.petitions.services.documents import document_issue

    receipt = document_issue(
        petition=petition, unit=petition.current_unit, kind="receipt", actor=actor
    )
    return PinReset(pin=pin, receipt=receipt)


@transaction.atomic
def petition_receive(*, actor: Any, unit: OrgUnit, data: PetitionData) -> Petition:
    """Record a received petition in a unit.

    Gives it a tracking code, a 6-digit PIN (hashed; the plain PIN is on the returned instance
    as `tracking_pin` and on the receipt) and a register number, starts the time limits that
    run from receipt (XLD-05, TCD-04, TC-01/TC-02, KN-02, PA-02; KN-01 checked), writes the
    first event and the audit entry, and issues the receipt (Mẫu 02/TCD).
    """
    ensure_capability(actor, Capability.RECEIVE_PETITIONS, unit)
    return _petition_record(actor=actor, unit=unit, data=data)


@transaction.atomic
def petition_receive_online(
    *,
    unit: OrgUnit,
    data: PetitionData,
    uploads: Sequence[UploadedFile] = (),
    event_data: dict[str, Any] | None = None,
) -> Petition:
    """Record a petition a citizen filed on the public portal: no official acts, so there is
    no capability to check; the unit must be one the portal offers (the caller checks it).

    Same effects as `petition_receive` (code, PIN, register, time limits, event, audit,
    receipt), plus the citizen's files, each checked by content. `event_data` goes into the
    receipt event (e.g. that a denouncer asked for identity secrecy).
    """
    if data.channel != Channel.PORTAL:
        raise ValidationFailed(_("Only the public portal records petitions without an official."))
    checked = [(upload, attachment_check(upload, PUBLIC_TYPES)) for upload in uploads]
    petition = _petition_record(actor=None, unit=unit, data=data, event_data=event_data)
    for upload, content_type in checked:
        attachment = Attachment(
            petition=petition,
            original_name=safe_name(upload.name or "", content_type),
            content_type=content_type,
            size=upload.size or 0,
        )
        attachment.file.save(attachment.original_name, upload, save=False)
        attachment.save()
        event_write(
            petition=petition,
            actor=None,
            unit=unit,
            action="attach",
            # A denunciation's file names often carry the author's name: not in the journal.
            data={
                "name": "" if petition.is_confidential else attachment.original_name,
                "size": attachment.size,
            },
        )
    return petition


def _petition_record(
    *, actor: Any, unit: OrgUnit, data: PetitionData, event_data: dict[str, Any] | None = None
) -> Petition:
    errors = petition_data_check(data)
    if errors:
        raise ValidationFailed(
            _("The petition was not saved: %(count)s things to fix.") % {"count": len(errors)},
            extra={"errors": errors},
        )
    kinds = sorted(set(data.kinds) - {Kind.MIXED}) if data.kind == Kind.MIXED else [data.kind]
    petition = Petition(
        tracking_code=_unique_tracking_code(),
        received_on=data.received_on,
        channel=data.channel,
        forwarded_by=nfc(data.forwarded_by),
        receiving_unit=unit,
        current_unit=unit,
        kind=data.kind,
        kinds=kinds,
        complaint_subject=data.complaint_subject,
        field=data.field,
        is_anonymous=data.is_anonymous,
        signatory_count=data.signatory_count or max(1, len(data.petitioners)),
        summary=nfc(data.summary).strip(),
        content=nfc(data.content),
        request=nfc(data.request),
        prior_handling=nfc(data.prior_handling),
        respondent_name=nfc(data.respondent_name),
        respondent_is_body=data.respondent_is_body,
        respondent_details=nfc(data.respondent_details),
        decision_known_on=data.decision_known_on,
        created_by=actor,
    )
    tracking_pin_set(petition)
    try:
        with transaction.atomic():
            petition.save()
    except IntegrityError:  # two processes drew the same code in the same instant
        petition.tracking_code = _unique_tracking_code()
        petition.save()
    people = [
        Petitioner(
            petition=petition,
            position=index,
            full_name=nfc(p.full_name).strip(),
            citizen_id=citizen_id_check(p.citizen_id) if p.citizen_id else "",
            address=nfc(p.address),
            phone=nfc(p.phone).strip(),
            email=nfc(p.email).strip(),
            is_organisation=p.is_organisation,
            is_representative=p.is_representative,
            authorisation=nfc(p.authorisation),
            name_folded=fold(p.full_name),
        )
        for index, p in enumerate(data.petitioners, start=1)
    ]
    Petitioner.objects.bulk_create(people)
    petition.search_text = search_text_for(petition, people)
    petition.save(update_fields=["search_text"])
    entry = register(petition=petition, unit=unit, on=data.received_on)
    deadlines_start(
        petition=petition, unit=unit, rules=rules_on_receipt(petition), start_on=data.received_on
    )
    limitation_check(petition, unit)
    event_write(
        petition=petition,
        actor=actor,
        unit=unit,
        action="receive",
        to_status=petition.status,
        data={
            "register_number": entry.number,
            "channel": petition.channel,
            **(event_data or {}),
        },
        audit_summary=f"Tiếp nhận đơn {petition.reference}, số vào sổ {entry.number}",
    )
    from tiepdan.petitions.services.documents import document_issue

    document_issue(petition=petition, unit=unit, kind="receipt", actor=actor)
    from tiepdan.petitions.services.notify import petition_receipt_tell

    # Queued after commit: a mail server that fails never fails or undoes the receipt.
    petition_receipt_tell(petition=petition)
    return petition
