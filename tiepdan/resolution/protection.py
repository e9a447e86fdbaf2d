"""Protection of denouncers and their relatives: the request, the decision on it, its end.

The right to ask for protection is LTC Art. 9.1; the people protected are the denouncer and
their spouse, parents and children, adopted ones included (LTC Art. 47.1). The procedure is in
LTC Art. 48-58, which LEGAL.md §5.5 does not detail: no time limit is enforced here, the dates
are only recorded.

A request is as secret as the denouncer: its rows are read only by those who may see the
denouncer's identity, and the timeline and the audit journal, which others read, carry neither
the person's name nor the grounds given, only the step and the measures' codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiepdan.accounts.permissions import ensure_any_capability
from tiepdan.accounts.roles import Capability
from tiepdan.core import clock
from tiepdan.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from tiepdan.petitions.permissions import can_see_identity
from tiepdan.petitions.services.common import event_write
from tiepdan.resolution.documents import resolution_document_issue
from tiepdan.resolution.models import ProtectionRequest, Resolution
from tiepdan.resolution.workflow import Status, Track

Relation = ProtectionRequest.Relation
Measure = ProtectionRequest.Measure
State = ProtectionRequest.Status

# Timeline labels (registered in apps.py): the step only, never who or why.
EVENT_LABELS = {
    "protection_request": gettext_lazy("Protection request recorded"),
    "protection_grant": gettext_lazy("Protection decided: granted"),
    "protection_refuse": gettext_lazy("Protection decided: refused"),
    "protection_end": gettext_lazy("Protection ended"),
}


def _locked_case(resolution_id: int) -> Resolution:
    return (
        Resolution.objects.select_for_update(of=("self",))
        .select_related("petition", "org_unit")
        .get(pk=resolution_id)
    )


def _locked_request(request_id: int) -> ProtectionRequest:
    """The request and its case, locked case first (the order every resolution write uses)."""
    resolution_id = (
        ProtectionRequest.objects.filter(pk=request_id).values_list("resolution_id", flat=True)
    ).first()
    if resolution_id is None:
        raise NotFound(_("This protection request does not exist."))
    resolution = _locked_case(resolution_id)
    request = ProtectionRequest.objects.select_for_update().get(pk=request_id)
    request.resolution = resolution
    return request


def _ensure_may_handle(
    actor: Any, resolution: Resolution, capabilities: Sequence[Capability]
) -> None:
    """Rights first (an outsider learns nothing), then the identity: whoever handles a request
    reads the protected person's name (LTC Art. 47.2, 56)."""
    ensure_any_capability(actor, capabilities, resolution.org_unit)
    if not can_see_identity(actor, resolution.petition):
        raise PermissionDenied(
            _("Only the officials who may see the denouncer handle protection requests.")
        )


def _ensure_open(resolution: Resolution) -> None:
    """Protection outlives the resolution: retaliation often follows the conclusion, so a
    concluded or closed case still takes requests, decisions and ends (LTC Art. 47-48). Only a
    case taken over by the superior is handled in the superior's case."""
    if resolution.track != Track.DENUNCIATION:
        raise ValidationFailed(_("Protection is asked for in a denunciation case only."))
    if resolution.status == Status.TAKEN_OVER:
        raise ValidationFailed(
            _("The case was taken over by the superior: handle protection in the superior's case.")
        )


def _clean_measures(measures: Sequence[str]) -> list[str]:
    chosen = [m for m in Measure.values if m in set(measures)]  # the law's order, no repeats
    unknown = sorted(set(measures) - set(Measure.values))
    if unknown:
        raise ValidationFailed(
            _("Unknown protection measure: %(m)s") % {"m": ", ".join(unknown)},
            extra={"field": "measures"},
        )
    if not chosen:
        raise ValidationFailed(
            _("Choose at least one protection measure."), extra={"field": "measures"}
        )
    return chosen


def _clean_request(
    resolution: Resolution,
    *,
    person_name: str,
    relation: str,
    grounds: str,
    requested_on: dt.date | None,
) -> None:
    if not person_name.strip():
        raise ValidationFailed(
            _("Write the name of the person to protect."), extra={"field": "person_name"}
        )
    if len(person_name.strip()) > 255:
        raise ValidationFailed(
            _("The name is too long (255 characters at most)."), extra={"field": "person_name"}
        )
    if relation not in Relation.values:
        # LTC Art. 47.1: the denouncer, spouse, parents, children (adopted ones included).
        raise ValidationFailed(
            _("Choose who the person is: the denouncer, a spouse, a parent or a child."),
            extra={"field": "relation"},
        )
    if not grounds.strip():
        raise ValidationFailed(
            _("Write the grounds given for the request."), extra={"field": "grounds"}
        )
    received_on = resolution.petition.received_on
    if requested_on is None:
        raise ValidationFailed(
            _("Give the date the protection was asked for."), extra={"field": "requested_on"}
        )
    if not received_on <= requested_on <= clock.today():
        raise ValidationFailed(
            _(
                "The request date must be between the day the petition was received "
                "(%(received)s) and today."
            )
            % {"received": received_on.strftime("%d/%m/%Y")},
            extra={"field": "requested_on"},
        )


def _event(
    request: ProtectionRequest, *, actor: Any, action: str, summary: str, **data: Any
) -> None:
    # Never the name, the relation or the grounds: the timeline and the journal are read by
    # officials who must not learn who denounced (LTC Art. 47.2; NĐ 31/2019 Art. 22.2.b).
    resolution = request.resolution
    event_write(
        petition=resolution.petition,
        actor=actor,
        unit=resolution.org_unit,
        action=action,
        data={"request": request.pk, "measures": list(request.measures), **data},
        audit_summary=f"{summary}: {resolution.petition.reference}",
    )


@transaction.atomic
def protection_request(
    *,
    actor: Any,
    resolution_id: int,
    person_name: str,
    relation: str,
    measures: Sequence[str],
    grounds: str,
    requested_on: dt.date | None,
) -> ProtectionRequest:
    """Record a request for protection of the denouncer or a relative (LTC Art. 9.1, 47.1).

    Writes a timeline event and an audit entry without the name or the grounds.
    """
    resolution = _locked_case(resolution_id)
    _ensure_may_handle(actor, resolution, (Capability.RESOLVE_PETITIONS, Capability.DECIDE))
    _ensure_open(resolution)
    _clean_request(
        resolution,
        person_name=person_name,
        relation=relation,
        grounds=grounds,
        requested_on=requested_on,
    )
    request = ProtectionRequest.objects.create(
        resolution=resolution,
        person_name=person_name.strip(),
        relation=relation,
        measures=_clean_measures(measures),
        grounds=grounds.strip(),
        requested_on=requested_on,
    )
    _event(
        request,
        actor=actor,
        action="protection_request",
        summary="Ghi nhận yêu cầu bảo vệ người tố cáo",
        requested_on=requested_on,
    )
    return request


@transaction.atomic
def protection_decide(
    *, actor: Any, request_id: int, grant: bool, note: str, protecting_body: str = ""
) -> ProtectionRequest:
    """The head's decision to apply the protection asked for, or to refuse it (with reasons).

    Issues the numbered decision (which names the protected person, and so is shown only to
    those who may see the denouncer), a timeline event and an audit entry.
    """
    request = _locked_request(request_id)
    resolution = request.resolution
    _ensure_may_handle(actor, resolution, (Capability.DECIDE,))
    _ensure_open(resolution)
    if request.status != State.REQUESTED:
        raise ValidationFailed(
            _("This request was already decided (%(status)s).")
            % {"status": request.get_status_display()},
            extra={"field": "status"},
        )
    if not note.strip():
        message = (
            _("Write how the measures are carried out.")
            if grant
            else _("Write the reasons for the refusal.")
        )
        raise ValidationFailed(message, extra={"field": "note"})
    request.status = State.GRANTED if grant else State.REFUSED
    request.decided_on = clock.today()
    request.decided_by = actor
    request.decision_note = note.strip()
    # Without another body named, the resolving unit protects (e.g. keeping the identity secret).
    request.protecting_body = (
        (protecting_body.strip() or resolution.org_unit.name)[:255] if grant else ""
    )
    request.save(
        update_fields=[
            "status",
            "decided_on",
            "decided_by",
            "decision_note",
            "protecting_body",
            "updated_at",
        ]
    )
    document = resolution_document_issue(
        resolution=resolution, kind="protection_decision", actor=actor, subject=request
    )
    _event(
        request,
        actor=actor,
        action="protection_grant" if grant else "protection_refuse",
        summary="Quyết định áp dụng biện pháp bảo vệ"
        if grant
        else "Quyết định không áp dụng biện pháp bảo vệ",
        decision=request.status,
        document=document.number,
    )
    return request


@transaction.atomic
def protection_end(*, actor: Any, request_id: int, note: str) -> ProtectionRequest:
    """End a protection that was applied. The reason is kept with the decision note (the model
    has no field of its own for it); the timeline and the journal only say it ended."""
    request = _locked_request(request_id)
    resolution = request.resolution
    _ensure_may_handle(actor, resolution, (Capability.DECIDE,))
    _ensure_open(resolution)
    if request.status != State.GRANTED:
        raise ValidationFailed(
            _("Only a protection that was applied can be ended."), extra={"field": "status"}
        )
    if not note.strip():
        raise ValidationFailed(_("Write why the protection ends."), extra={"field": "note"})
    today = clock.today()
    request.status = State.ENDED
    request.ended_on = today
    request.decision_note = (
        f"{request.decision_note}\n\nKết thúc bảo vệ ngày {today:%d/%m/%Y}: {note.strip()}"
    )
    request.save(update_fields=["status", "ended_on", "decision_note", "updated_at"])
    _event(request, actor=actor, action="protection_end", summary="Kết thúc việc bảo vệ")
    return request
