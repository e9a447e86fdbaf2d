"""Triage: every move of a petition goes through `petition_transition`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.accounts.permissions import ensure_any_capability, ensure_capability
from tiepdan.accounts.roles import Capability
from tiepdan.core import clock
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import Channel, Kind, Petition, PetitionEvent, Transfer
from tiepdan.petitions.services.common import (
    deadlines_start,
    deadlines_stop,
    event_write,
    register,
    rules_on_receipt,
)
from tiepdan.petitions.services.documents import document_issue
from tiepdan.petitions.workflow import Action, Status, move_for

TRANSFER_ACTIONS = {Action.TRANSFER, Action.TRANSFER_OUT}


@dataclass(frozen=True)
class SplitPart:
    """One case cut out of a mixed petition: its kind and the unit competent for it."""

    kind: str
    unit: OrgUnit
    summary: str = ""


def _require(action: Action, requires: Sequence[str], given: dict[str, Any]) -> None:
    messages = {
        "note": _("Write the reason or note for this decision."),
        "to_unit": _("Choose the unit to send the petition to."),
        "competent_body": _("Name the competent body."),
        "parts": _("Give at least two parts, each with its kind and competent unit."),
    }
    for name in requires:
        value = given.get(name)
        if not value or (name == "parts" and len(value) < 2):
            raise ValidationFailed(messages[name], extra={"field": name})


def _check_anonymous(petition: Petition, action: Action) -> None:
    # XLD-03: an anonymous denunciation is not handled as a denunciation (LTC Art. 25.1), and a
    # complaint without a signature cannot be accepted (LKN Art. 11.5). A concrete anonymous
    # report is passed on for inspection instead (LTC Art. 25.2): transfer or file away.
    if petition.is_anonymous and action in (Action.PROPOSE_ACCEPTANCE, Action.ACCEPT):
        raise ValidationFailed(
            _(
                "An anonymous petition cannot be accepted (LTC Art. 25.1, LKN Art. 11.5). If it "
                "names the violation with evidence, pass it on for inspection; otherwise file it "
                "away."
            )
        )


def _check_refusal(petition: Petition, action: Action) -> None:
    # The grounds of a refusal are data (KN-20, LKN Art. 11): they are recorded first, in the
    # classification, so the notice and the statistics carry them.
    if action == Action.REFUSE_ACCEPTANCE and not petition.ineligibility_reasons.exists():
        raise ValidationFailed(
            _("Record the grounds for refusing (KN-20) in the classification first.")
        )


def _check_acceptance(petition: Petition, action: Action) -> None:
    # Acceptance is for an eligible petition within the unit's competence (LEGAL.md §3.4;
    # LKN Art. 11; LTC Art. 29.1): a classification that says otherwise blocks it.
    if action not in (Action.PROPOSE_ACCEPTANCE, Action.ACCEPT):
        return
    if petition.is_eligible is False:
        raise ValidationFailed(
            _("The petition was classified as not eligible; it cannot be accepted.")
        )
    if petition.is_within_competence is False:
        raise ValidationFailed(
            _("The petition was classified as outside the unit's competence; guide or transfer it.")
        )


def _check_kind_rules(petition: Petition, action: Action, parts: Sequence[SplitPart]) -> None:
    kinds = set(petition.kinds or []) | {petition.kind}
    # LEGAL.md §3.4: a complaint outside competence is guided, not transferred (TT 05/2021
    # Art. 8); a denunciation is transferred, not guided (LTC Art. 24.2).
    if action in TRANSFER_ACTIONS and kinds == {Kind.COMPLAINT}:
        raise ValidationFailed(
            _(
                "A complaint outside the unit's competence is guided, not transferred "
                "(TT 05/2021 Art. 8)."
            )
        )
    if action == Action.GUIDE and kinds == {Kind.DENUNCIATION}:
        raise ValidationFailed(
            _(
                "A denunciation outside the unit's competence is transferred, not guided "
                "(LTC Art. 24.2)."
            )
        )
    if action == Action.SPLIT:
        # Only a received mixed petition is split, into the kinds it holds, once.
        if petition.kind != Kind.MIXED or petition.part_number:
            raise ValidationFailed(_("Only a mixed petition can be split."))
        if any(part.kind not in kinds for part in parts):
            raise ValidationFailed(_("Each part must be one of the kinds the petition holds."))
        if any(not part.unit.is_valid_on(clock.today()) for part in parts):
            raise ValidationFailed(_("A part is sent to a unit that has ended."))


def _check_once_rules(petition: Petition, action: Action, to_unit: OrgUnit | None) -> None:
    # Transfer "only once" for the same content (TT 05/2021 Art. 14.1): a petition already sent
    # on from one unit to another is not passed along again; the holder guides or resolves.
    if (
        action in TRANSFER_ACTIONS
        and petition.transfers.filter(kind__in=[Action.TRANSFER, Action.TRANSFER_OUT]).exists()
    ):
        raise ValidationFailed(
            _(
                "This petition was already transferred once (TT 05/2021 Art. 14); it cannot be "
                "transferred again. Guide the petitioner or propose acceptance."
            )
        )
    if to_unit is not None and to_unit.pk == petition.current_unit_id:
        raise ValidationFailed(_("Choose a unit other than the one holding the petition."))
    if to_unit is not None and not to_unit.is_valid_on(clock.today()):
        raise ValidationFailed(
            _("%(unit)s has ended; choose the unit that took over its work.") % {"unit": to_unit}
        )


@transaction.atomic
def petition_transition(
    *,
    actor: Any,
    petition_id: int,
    action: str,
    note: str = "",
    to_unit: OrgUnit | None = None,
    competent_body: str = "",
    parts: Sequence[SplitPart] = (),
) -> Petition:
    """Apply one workflow move.

    Locks the petition, checks the actor's right in the holding unit, checks what the move
    requires, changes the state, stops and starts time limits, writes the event and the audit
    entry, issues the move's document, and notifies the receiving unit of a transfer.
    """
    petition = (
        Petition.objects.select_for_update(no_key=True)
        .select_related("current_unit")
        .get(pk=petition_id)
    )
    unit = petition.current_unit
    # Someone with no say in the holding unit learns nothing about the petition's state.
    ensure_any_capability(actor, (Capability.TRIAGE_PETITIONS, Capability.DECIDE), unit)
    move = move_for(petition.status, action)
    action = Action(action)
    ensure_capability(actor, move.capability, unit)
    _require(
        action,
        move.requires,
        {
            "note": note.strip(),
            "to_unit": to_unit,
            "competent_body": competent_body.strip(),
            "parts": parts,
        },
    )
    _check_anonymous(petition, action)
    _check_acceptance(petition, action)
    _check_refusal(petition, action)
    _check_kind_rules(petition, action, parts)
    _check_once_rules(petition, action, to_unit)
    today = clock.today()
    from_status = petition.status
    petition.status = move.to
    deadlines_stop(petition=petition, unit=unit, families=move.stops, on=today)
    data: dict[str, Any] = {}
    target = competent_body.strip() or (to_unit.name if to_unit else "")
    if competent_body:
        petition.competent_body = competent_body.strip()
    document = None
    if move.document:
        document = document_issue(
            petition=petition,
            unit=unit,
            kind=move.document,
            actor=actor,
            note=note,
            target=target,
        )
        data["document"] = document.number
    if action in TRANSFER_ACTIONS | {Action.URGE, Action.FORWARD_TO_PARTY, Action.REPORT_TO_POLICE}:
        Transfer.objects.create(
            petition=petition,
            from_unit=unit,
            to_unit=to_unit,
            to_body=competent_body.strip(),
            kind=action,
            sent_on=today,
            document=document,
        )
        data["to"] = target
    if action == Action.TRANSFER:
        assert to_unit is not None  # checked by _require  # noqa: S101
        petition.current_unit = to_unit
        petition.assigned_to = None
        petition.competent_unit = to_unit
    if action == Action.ACCEPT:
        petition.is_within_competence = True
    petition.save()
    event_write(
        petition=petition,
        actor=actor,
        unit=unit,
        action=action,
        from_status=from_status,
        to_status=petition.status,
        note=note,
        data=data,
        audit_summary=f"{action.label}: {petition.reference}",
    )
    if action == Action.TRANSFER:
        _receive_transferred(petition=petition, actor=actor, from_unit=unit, to_unit=to_unit)
    if action == Action.ACCEPT:
        from tiepdan.petitions.hooks import ACCEPT_HOOKS

        for hook in ACCEPT_HOOKS:
            hook(actor=actor, petition=petition)
    if action == Action.REOPEN:
        deadlines_start(petition=petition, unit=unit, rules=["XLD-05"], start_on=today)
    if action == Action.URGE and to_unit is not None:
        _notify_unit(to_unit, _("A higher unit urges you to resolve a petition"), petition)
    if action == Action.SPLIT:
        _split(petition=petition, actor=actor, parts=parts)
    if action in PETITIONER_TOLD:
        _tell_petitioner(petition=petition, action=action, target=target, document=document)
    return petition


# The petitioner is told when the petition goes elsewhere or they are guided (LTC Art. 24.2,
# TC-02; LTCD Art. 28.1, TCD-04).
PETITIONER_TOLD = {
    Action.TRANSFER,
    Action.TRANSFER_OUT,
    Action.GUIDE,
    Action.RETURN,
    Action.REFUSE_ACCEPTANCE,
}


def _tell_petitioner(*, petition: Petition, action: Action, target: str, document: Any) -> None:
    from tiepdan.petitions.identity import tracking_code_display
    from tiepdan.petitions.services.notify import petitioner_tell

    code = tracking_code_display(petition.tracking_code)
    what = {
        Action.TRANSFER: f"đã được chuyển đến {target}",
        Action.TRANSFER_OUT: f"đã được chuyển đến {target}",
        Action.GUIDE: f"không thuộc thẩm quyền của cơ quan; đề nghị gửi đến {target}",
        Action.RETURN: "được trả lại kèm hướng dẫn",
        Action.REFUSE_ACCEPTANCE: "không được thụ lý giải quyết; xem thông báo kèm lý do",
    }[action]
    petitioner_tell(
        petition=petition,
        subject=f"Đơn mã {code}: {what}",
        body=f"Đơn của ông/bà (mã tra cứu {code}) {what}.",
        document=document,
    )


def _receive_transferred(
    *, petition: Petition, actor: Any, from_unit: OrgUnit, to_unit: OrgUnit
) -> None:
    """The receiving unit registers it and its own triage limits run from today (receipt)."""
    today = clock.today()
    entry = register(petition=petition, unit=to_unit, on=today)
    deadlines_start(
        petition=petition, unit=to_unit, rules=rules_on_receipt(petition), start_on=today
    )
    event_write(
        petition=petition,
        actor=actor,
        unit=to_unit,
        action="receive",
        to_status=petition.status,
        data={
            "register_number": entry.number,
            "channel": Channel.TRANSFERRED_IN,
            "from_unit": from_unit.name,
        },
        audit_summary=f"Nhận đơn chuyển đến {petition.reference} từ {from_unit.name}",
    )
    _notify_unit(to_unit, _("A petition was transferred to your unit"), petition)


def _notify_unit(unit: OrgUnit, title: str, petition: Petition) -> None:
    from tiepdan.notifications.services import notification_send
    from tiepdan.petitions.selectors import unit_triage_officials

    notification_send(
        recipients=unit_triage_officials(unit),
        title=f"{title}: {petition.reference}",
        body=petition.summary if not petition.is_confidential else _("A denunciation."),
        link=f"/don-thu/{petition.reference}/",
    )


def _split(*, petition: Petition, actor: Any, parts: Sequence[SplitPart]) -> list[Petition]:
    """Each part is a petition of its own kind in its competent unit, under the same code."""
    created = []
    for number, part in enumerate(parts, start=1):
        if part.kind not in Kind.values or part.kind == Kind.MIXED:
            raise ValidationFailed(_("Each part needs one kind of petition (not mixed)."))
        child = Petition.objects.create(
            tracking_code=petition.tracking_code,
            # The citizen follows every part with the one code and PIN of the receipt.
            tracking_pin_hash=petition.tracking_pin_hash,
            part_number=number,
            parent=petition,
            received_on=petition.received_on,
            channel=petition.channel,
            forwarded_by=petition.forwarded_by,
            receiving_unit=petition.current_unit,
            current_unit=part.unit,
            kind=part.kind,
            kinds=[part.kind],
            summary=part.summary or petition.summary,
            content=petition.content,
            request=petition.request,
            respondent_name=petition.respondent_name,
            respondent_is_body=petition.respondent_is_body,
            signatory_count=petition.signatory_count,
            is_anonymous=petition.is_anonymous,
            created_by=actor,
        )
        for person in petition.petitioners.all():
            person.pk = None
            person.petition = child
            person.save()
        from tiepdan.petitions.services.common import search_text_for

        child.search_text = search_text_for(child, child.petitioners.all())
        child.save(update_fields=["search_text"])
        for attachment in petition.attachments.all():
            attachment.pk = None
            attachment.petition = child
            attachment.save()
        today = clock.today()
        register(petition=child, unit=part.unit, on=today)
        if part.unit.pk != petition.current_unit_id:
            register(petition=child, unit=petition.current_unit, on=today)
        deadlines_start(
            petition=child, unit=part.unit, rules=rules_on_receipt(child), start_on=today
        )
        event_write(
            petition=child,
            actor=actor,
            unit=part.unit,
            action="receive",
            to_status=child.status,
            data={"split_from": petition.reference},
            audit_summary=f"Tách từ đơn {petition.reference}: {child.reference}",
        )
        created.append(child)
    return created


def petition_event_list(petition: Petition, user: Any = None) -> list[PetitionEvent]:
    """The history; notes masked for an official who may not know the denouncer."""
    from tiepdan.petitions.permissions import notes_for_user

    events = list(petition.events.select_related("actor", "org_unit"))
    if user is not None:
        notes_for_user(user, petition, events)
    return events


def status_label(status: str) -> str:
    return str(Status(status).label)
