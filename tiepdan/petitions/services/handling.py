"""Work on a petition besides workflow moves: classify, assign, follow a transfer, attach files."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.accounts.models import Membership
from tiepdan.accounts.permissions import (
    ensure_any_capability,
    ensure_capability,
    user_has_capability,
)
from tiepdan.accounts.roles import Capability, Role
from tiepdan.core import clock
from tiepdan.core.exceptions import PermissionDenied, ValidationFailed
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.files import attachment_check, safe_name
from tiepdan.petitions.models import (
    Attachment,
    DuplicateStatus,
    Field,
    IneligibilityReason,
    Petition,
    ProcedureStage,
    Transfer,
)
from tiepdan.petitions.services.common import event_write
from tiepdan.petitions.services.documents import document_issue

CLASSIFY_FIELDS = (
    "field",
    "is_repeated",
    "procedure_stage",
    "complaint_subject",
    "is_anonymous",
    "is_eligible",
    "is_within_competence",
    "competent_body",
)


def _locked(petition_id: int) -> Petition:
    return (
        Petition.objects.select_for_update(no_key=True)
        .select_related("current_unit")
        .get(pk=petition_id)
    )


@transaction.atomic
def petition_classify(
    *,
    actor: Any,
    petition_id: int,
    reasons: Iterable[IneligibilityReason] = (),
    competent_unit: OrgUnit | None = None,
    **values: Any,
) -> Petition:
    """Record the triage classification (LEGAL.md §3.2-3.3).

    Field, procedure stage, eligibility with its reasons, competence. Audited.
    """
    petition = _locked(petition_id)
    ensure_capability(actor, Capability.TRIAGE_PETITIONS, petition.current_unit)
    unknown = set(values) - set(CLASSIFY_FIELDS)
    if unknown:
        raise ValidationFailed(f"Unknown fields: {', '.join(sorted(unknown))}")
    if values.get("field") and values["field"] not in Field.values:
        raise ValidationFailed(_("Choose a field of content from the list."))
    if values.get("procedure_stage") and values["procedure_stage"] not in ProcedureStage.values:
        raise ValidationFailed(_("Choose a procedure stage from the list."))
    reasons = list(reasons)
    if values.get("is_eligible") is False and not reasons:
        raise ValidationFailed(_("Tick at least one reason why the petition is not eligible."))
    changes = {}
    for name, value in values.items():
        if getattr(petition, name) != value:
            changes[name] = {"from": getattr(petition, name), "to": value}
            setattr(petition, name, value)
    if competent_unit is not None and competent_unit.pk != petition.competent_unit_id:
        changes["competent_unit"] = {"from": petition.competent_unit_id, "to": competent_unit.pk}
        petition.competent_unit = competent_unit
    petition.save()
    if values.get("is_eligible") is not False:
        reasons = []
    petition.ineligibility_reasons.set(reasons)
    event_write(
        petition=petition,
        actor=actor,
        unit=petition.current_unit,
        action="classify",
        data={"changes": changes, "reasons": [r.code for r in reasons]},
        audit_summary=f"Phân loại đơn {petition.reference}",
    )
    return petition


@transaction.atomic
def petition_assign(*, actor: Any, petition_id: int, assignee: Any) -> Petition:
    """Give the petition to an official of the holding unit. Notifies the official."""
    petition = _locked(petition_id)
    unit = petition.current_unit
    ensure_capability(actor, Capability.ASSIGN_WORK, unit)
    from tiepdan.petitions.selectors import ASSIGNABLE_ROLES

    if not Membership.objects.filter(
        user=assignee, org_unit=unit, is_active=True, role__in=ASSIGNABLE_ROLES
    ).exists():
        raise ValidationFailed(
            _("%(name)s has no role in %(unit)s.") % {"name": assignee, "unit": unit}
        )
    previous = petition.assigned_to_id
    petition.assigned_to = assignee
    petition.save(update_fields=["assigned_to", "updated_at"])
    event_write(
        petition=petition,
        actor=actor,
        unit=unit,
        action="assign",
        data={"from": previous, "to": assignee.pk, "to_name": str(assignee)},
        audit_summary=f"Giao đơn {petition.reference} cho {assignee.username}",
    )
    from tiepdan.notifications.services import notification_send

    notification_send(
        recipients=[assignee],
        title=_("A petition was assigned to you: %(ref)s") % {"ref": petition.reference},
        link=f"/don-thu/{petition.reference}/",
    )
    return petition


def _sender_transfer(petition: Petition, actor: Any) -> Transfer:
    """The transfer out of a unit where the actor works, of this petition still held elsewhere."""
    units = Membership.objects.filter(user=actor, is_active=True).values_list("org_unit", flat=True)
    transfer = (
        petition.transfers.filter(from_unit__in=units, to_unit__isnull=False)
        .select_related("from_unit", "to_unit")
        .order_by("-sent_on", "-pk")
        .first()
    )
    if transfer is None:
        raise PermissionDenied(_("Your unit did not transfer this petition."))
    return transfer


@transaction.atomic
def petition_urge_follow_up(*, actor: Any, petition_id: int, note: str = "") -> Transfer:
    """The sender urges the receiving unit (đôn đốc): an urging letter and a notification."""
    petition = _locked(petition_id)
    transfer = _sender_transfer(petition, actor)
    if not (
        user_has_capability(actor, Capability.TRIAGE_PETITIONS)
        or user_has_capability(actor, Capability.DECIDE)
    ):
        raise PermissionDenied(_("Only triage officers and leaders can urge another unit."))
    ensure_capability(
        actor,
        Capability.TRIAGE_PETITIONS
        if user_has_capability(actor, Capability.TRIAGE_PETITIONS)
        else Capability.DECIDE,
        transfer.from_unit,
    )
    document = document_issue(
        petition=petition,
        unit=transfer.from_unit,
        kind="urging_letter",
        actor=actor,
        note=note,
        target=petition.current_unit.name,
    )
    transfer.last_urged_on = clock.today()
    transfer.save(update_fields=["last_urged_on", "updated_at"])
    event_write(
        petition=petition,
        actor=actor,
        unit=transfer.from_unit,
        action="urge_follow_up",
        note=note,
        data={"document": document.number, "to": petition.current_unit.name},
        audit_summary=f"Đôn đốc {petition.current_unit.name} về đơn {petition.reference}",
    )
    from tiepdan.petitions.services.triage import _notify_unit

    _notify_unit(
        petition.current_unit, _("The unit that transferred a petition urges you"), petition
    )
    return transfer


@transaction.atomic
def petition_report_back(*, actor: Any, petition_id: int, report: str) -> Transfer:
    """The holder tells the unit that transferred the petition what it did (TCD-05)."""
    petition = _locked(petition_id)
    ensure_capability(actor, Capability.TRIAGE_PETITIONS, petition.current_unit)
    if not report.strip():
        raise ValidationFailed(_("Write what was done with the petition."))
    transfer = (
        petition.transfers.filter(to_unit=petition.current_unit)
        .select_related("from_unit")
        .order_by("-sent_on", "-pk")
        .first()
    )
    if transfer is None:
        raise ValidationFailed(_("This petition was not transferred to your unit."))
    transfer.reported_back_on = clock.today()
    transfer.report = report.strip()
    transfer.save(update_fields=["reported_back_on", "report", "updated_at"])
    event_write(
        petition=petition,
        actor=actor,
        unit=petition.current_unit,
        action="report_back",
        note=report.strip(),
        data={"to": transfer.from_unit.name},
        audit_summary=f"Báo cáo kết quả đơn {petition.reference} cho {transfer.from_unit.name}",
    )
    from tiepdan.petitions.services.triage import _notify_unit

    _notify_unit(transfer.from_unit, _("The receiving unit reported back on a petition"), petition)
    return transfer


@transaction.atomic
def petition_mark_duplicate(
    *, actor: Any, petition_id: int, status: str, original: Petition | None = None
) -> Petition:
    """The official's verdict on the intake duplicate check (XLD-04): new, duplicate, repeat."""
    petition = _locked(petition_id)
    # Leaders may compare a denunciation's candidates (they see the identity), so they may mark too.
    ensure_any_capability(
        actor,
        (Capability.RECEIVE_PETITIONS, Capability.DECIDE, Capability.TRIAGE_PETITIONS),
        petition.current_unit,
    )
    status = DuplicateStatus(status)
    if status in (DuplicateStatus.DUPLICATE, DuplicateStatus.REPEAT) and original is None:
        raise ValidationFailed(_("Choose the earlier petition it repeats."))
    if original is not None and original.pk == petition.pk:
        raise ValidationFailed(_("A petition cannot duplicate itself."))
    petition.duplicate_status = status
    petition.duplicate_of = original if status != DuplicateStatus.NEW else None
    petition.is_repeated = status == DuplicateStatus.REPEAT or petition.is_repeated
    petition.save(update_fields=["duplicate_status", "duplicate_of", "is_repeated", "updated_at"])
    event_write(
        petition=petition,
        actor=actor,
        unit=petition.current_unit,
        action="duplicate_check",
        data={"status": status.value, "original": original.reference if original else ""},
    )
    return petition


@transaction.atomic
def attachment_add(*, actor: Any, petition_id: int, upload: UploadedFile) -> Attachment:
    """Store a file after checking its type by content and its size (the petition is kept
    whatever happens to the file)."""
    petition = _locked(petition_id)
    ensure_capability(actor, Capability.RECEIVE_PETITIONS, petition.current_unit)
    content_type = attachment_check(upload)
    attachment = Attachment(
        petition=petition,
        original_name=safe_name(upload.name or "", content_type),
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    attachment.file.save(attachment.original_name, upload, save=False)
    attachment.save()
    event_write(
        petition=petition,
        actor=actor,
        unit=petition.current_unit,
        action="attach",
        # A denunciation's file names often carry the author's name: not in the journal.
        data={
            "name": "" if petition.is_confidential else attachment.original_name,
            "size": attachment.size,
        },
    )
    return attachment


def leaders_of(unit: OrgUnit) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            org_unit=unit, role=Role.UNIT_LEADER, is_active=True
        ).select_related("user")
    ]


def petition_identity_read(*, actor: Any, petition: Petition) -> list[dict[str, Any]]:
    """The petitioners as this official may see them. Showing a denouncer's identity to an
    entitled official is written to the audit journal (LTC Art. 9, 47, 56)."""
    from tiepdan.audit.services import audit_record
    from tiepdan.petitions.permissions import can_see_identity, petitioner_public

    visible = can_see_identity(actor, petition)
    if visible and petition.is_confidential:
        audit_record(
            actor=actor,
            action="petition.identity_view",
            obj=petition,
            unit=petition.current_unit,
            summary=f"Xem thông tin người tố cáo của đơn {petition.reference}",
        )
    return [
        {
            **petitioner_public(person, visible=visible),
            "is_organisation": person.is_organisation,
            "is_representative": person.is_representative,
            "identity_visible": visible,
        }
        for person in petition.petitioners.all()
    ]


def attachment_open(*, actor: Any, petition: Petition, attachment: Attachment) -> Attachment:
    """Allow opening a petitioner's file. A denunciation's papers may show the author's name or
    handwriting: only officials who may see the identity open them, and each opening is
    journaled (LTC Art. 9, 56)."""
    from tiepdan.audit.services import audit_record
    from tiepdan.petitions.permissions import can_see_identity

    if attachment.petition_id != petition.pk:
        raise PermissionDenied(_("This file belongs to another petition."))
    if petition.is_confidential:
        if not can_see_identity(actor, petition):
            raise PermissionDenied(_("Only the officials resolving a denunciation open its files."))
        audit_record(
            actor=actor,
            action="petition.identity_view",
            obj=petition,
            unit=petition.current_unit,
            summary=f"Mở tệp đính kèm của đơn {petition.reference}",
            changes={"attachment": attachment.pk},
        )
    return attachment
