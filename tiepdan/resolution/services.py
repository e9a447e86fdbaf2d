"""Every write to resolution cases: opening on acceptance, complexity, and each workflow move."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.accounts.permissions import ensure_any_capability, ensure_capability
from tiepdan.accounts.roles import Capability
from tiepdan.core import clock
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import (
    Kind,
    Petition,
    PetitionDeadline,
    PetitionDocument,
    ProcedureStage,
)
from tiepdan.petitions.services.common import (
    deadlines_start,
    event_write,
    register,
    register_mark_handled,
)
from tiepdan.resolution.dialogue import (
    dialogue_check_invitation,
    dialogue_invite,
    dialogue_record_minutes,
)
from tiepdan.resolution.documents import (
    body_paragraphs,
    documents_on_open,
    resolution_document_issue,
)
from tiepdan.resolution.limits import COMPLEXITY_CRITERIA
from tiepdan.resolution.limits import limit_recompute as _recompute
from tiepdan.resolution.limits import main_rule as _main_rule
from tiepdan.resolution.models import (
    Implementation,
    Outcome,
    RegulationOutcome,
    Resolution,
    Suspension,
)
from tiepdan.resolution.notices import resolution_tell, stage_after
from tiepdan.resolution.review import REVIEW_RULE, opens_in_review, re_resolve
from tiepdan.resolution.withdrawals import withdraw_part, withdraw_whole
from tiepdan.resolution.workflow import PREVIOUS, TERMINAL, Action, Status, Track, move_for

TRACK_OF_KIND = {
    Kind.COMPLAINT: Track.COMPLAINT,
    Kind.DENUNCIATION: Track.DENUNCIATION,
    Kind.RECOMMENDATION: Track.RECOMMENDATION,
    Kind.FEEDBACK: Track.RECOMMENDATION,
    Kind.REGULATION_FEEDBACK: Track.REGULATION_FEEDBACK,
}


# Complexity can be found while the case is still being resolved (or paused).
OPEN_STATUSES = (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE, Status.SUSPENDED)


def resolution_open(*, actor: Any, petition: Petition) -> Resolution:
    """Open the case when a petition is accepted (called by the petitions workflow, in its
    transaction). Starts the resolution limit (KN-03/KN-07, TC-05, PA-01) and, for a
    denunciation, the notices limit (TC-04). A re-denunciation opens under review by the
    direct superior instead (TC-13, `tiepdan.resolution.review`): no acceptance papers yet."""
    if petition.kind not in TRACK_OF_KIND:
        raise ValidationFailed(
            _("A mixed petition is split into cases before acceptance (LTCD Art. 25.3).")
        )
    track = TRACK_OF_KIND[Kind(petition.kind)]
    review = opens_in_review(petition)
    level = (
        2
        if review
        or (track == Track.COMPLAINT and petition.procedure_stage == ProcedureStage.RESOLVED_ONCE)
        else 1
    )
    unit = petition.current_unit
    first = _first_resolution(petition, track) if level == 2 else None
    if review and first is not None and first.org_unit_id == unit.pk:
        # LTC Art. 37.2: the direct superior of the resolver reviews, never the resolver.
        raise ValidationFailed(
            _(
                "This re-denunciation is about a conclusion of %(unit)s: it is reviewed by the "
                "direct superior of that unit (LTC Art. 37.2). Transfer it there."
            )
            % {"unit": unit.name}
        )
    today = clock.today()
    resolution = Resolution.objects.create(
        petition=petition,
        track=track,
        level=level,
        org_unit=unit,
        accepted_on=today,
        is_remote=unit.remote_area,
        status=Status.REVIEWING if review else Status.ACCEPTED,
        rule_id=REVIEW_RULE
        if review
        else _main_rule(
            track, level, disciplinary=petition.complaint_subject == "disciplinary_decision"
        ),
        assigned_to=petition.assigned_to,
        first_resolution=first,
    )
    _recompute(resolution)
    documents: list[PetitionDocument] = []
    if track == Track.DENUNCIATION and not review:
        deadlines_start(petition=petition, unit=unit, rules=["TC-04"], start_on=today)
    if not review:
        # The acceptance papers: complaint notice (LKN Art. 27); Mẫu 04, 05, 06 (LTC Art. 29).
        documents = documents_on_open(resolution=resolution, actor=actor)
    event_write(
        petition=petition,
        actor=actor,
        unit=unit,
        action="resolution_open",
        to_status=resolution.status,
        data={
            "track": track.value,
            "level": level,
            "due_on": resolution.due_on,
            "documents": [d.number for d in documents],
        },
        audit_summary=(
            f"Xem xét tố cáo tiếp {petition.reference} (TC-13)"
            if review
            else f"Thụ lý giải quyết {petition.reference} ({track.label}, lần {level})"
        ),
    )
    if review:
        return resolution  # the denouncer is told the outcome of the review
    told_with = next((d for d in documents if d.addressed_to_petitioner), None)
    resolution_tell(resolution=resolution, stage="accepted", document=told_with)
    return resolution


def _first_resolution(petition: Petition, track: str) -> Resolution | None:
    """The first-level case a second complaint (LKN Art. 33) or a re-denunciation (LTC Art. 37)
    follows, when the official marked the petition as repeating the earlier one at intake. A
    case taken over by the superior is not it: its successor resolved the matter."""
    if petition.duplicate_of_id is None:
        return None
    return (
        Resolution.objects.filter(petition_id=petition.duplicate_of_id, track=track, level=1)
        .exclude(status=Status.TAKEN_OVER)
        .order_by("-accepted_on", "-pk")
        .first()
    )


def _locked(resolution_id: int) -> Resolution:
    return (
        Resolution.objects.select_for_update(of=("self",))
        .select_related("petition", "org_unit")
        .get(pk=resolution_id)
    )


def _ensure_member(actor: Any, unit: OrgUnit) -> None:
    # Rights before state: an outsider learns nothing about the case.
    ensure_any_capability(actor, (Capability.RESOLVE_PETITIONS, Capability.DECIDE), unit)


@transaction.atomic
def resolution_set_complexity(
    *, actor: Any, resolution_id: int, criteria: Sequence[str], note: str = ""
) -> Resolution:
    """Record in writing which complexity criteria apply; the time limit follows (KN-03 complex
    45 days; TC-06/TC-07 extensions become possible)."""
    resolution = _locked(resolution_id)
    ensure_capability(actor, Capability.DECIDE, resolution.org_unit)
    if resolution.status not in OPEN_STATUSES:
        raise ValidationFailed(_("Complexity is decided while the case is being resolved."))
    unknown = set(criteria) - set(COMPLEXITY_CRITERIA)
    if unknown:
        raise ValidationFailed(_("Unknown complexity criteria: %(c)s") % {"c": ", ".join(unknown)})
    before = list(resolution.complexity_criteria)
    resolution.complexity_criteria = sorted(set(criteria))
    resolution.save(update_fields=["complexity_criteria", "updated_at"])
    _recompute(resolution)
    event_write(
        petition=resolution.petition,
        actor=actor,
        unit=resolution.org_unit,
        action="complexity",
        note=note,
        data={"from": before, "to": resolution.complexity_criteria, "due_on": resolution.due_on},
        audit_summary=f"Xác định tính chất phức tạp {resolution.petition.reference}",
    )
    return resolution


def _require(requires: Sequence[str], given: dict[str, Any]) -> None:
    messages = {
        "note": _("Write the content or the reason."),
        "outcome": _("Choose the outcome: founded, partly founded or unfounded."),
        "regulation_outcome": _("Choose what is done with the regulation."),
        "dialogue_on": _("Give the date the dialogue was held."),
        "planned_on": _("Give the date planned for the dialogue."),
        "dialogue_minutes": _(
            "Say how the minutes were closed: signed, refused, or the complainant absent."
        ),
        "to_unit": _("Choose the superior unit that takes over."),
    }
    for name in requires:
        if not given.get(name):
            raise ValidationFailed(messages[name], extra={"field": name})


@transaction.atomic
def resolution_transition(
    *,
    actor: Any,
    resolution_id: int,
    action: str,
    note: str = "",
    outcome: str = "",
    regulation_outcome: str = "",
    dialogue_on: dt.date | None = None,
    planned_on: dt.date | None = None,
    dialogue_minutes: str = "",
    to_unit: OrgUnit | None = None,
    must_continue: bool = False,
    forced: bool = False,
    decision_number: str = "",
    amounts: dict[str, Any] | None = None,
    verifying_unit: OrgUnit | None = None,
    verifier: Any = None,
    document_text: str = "",
    draft: bool = False,
    persons: str = "",
    implementation: dict[str, Any] | None = None,
) -> Resolution:
    """Apply one move of the case's track table: rights, requirements, state, limits, event.

    `document_text` is the move's document as the officer edited it; with `draft` the move is
    made, its document's text generated, and everything rolled back (`DocumentDraft`).
    """
    resolution = _locked(resolution_id)
    unit = resolution.org_unit
    _ensure_member(actor, unit)
    move = move_for(resolution.track, resolution.status, action)
    action = Action(action)
    ensure_capability(actor, move.capability, unit)
    _require(
        move.requires,
        {
            "note": note.strip(),
            "outcome": outcome,
            "regulation_outcome": regulation_outcome,
            "dialogue_on": dialogue_on,
            "planned_on": planned_on,
            "dialogue_minutes": dialogue_minutes,
            "to_unit": to_unit,
        },
    )
    today = clock.today()
    from_status = resolution.status
    target = resolution.suspended_from if move.to == PREVIOUS else move.to
    data: dict[str, Any] = {}
    handler = _HANDLERS.get(action)
    if handler is not None:
        target = handler(
            resolution,
            target=target,
            today=today,
            note=note,
            outcome=outcome,
            regulation_outcome=regulation_outcome,
            dialogue_on=dialogue_on,
            planned_on=planned_on,
            dialogue_minutes=dialogue_minutes,
            to_unit=to_unit,
            must_continue=must_continue,
            forced=forced,
            decision_number=decision_number,
            amounts=amounts or {},
            verifying_unit=verifying_unit,
            verifier=verifier,
            actor=actor,
            data=data,
            draft=draft,
            persons=persons,
            action=action,
            implementation=implementation or {},
        )
    resolution.status = target
    if target in TERMINAL and resolution.closed_on is None:
        resolution.closed_on = today
        PetitionDeadline.objects.filter(
            petition=resolution.petition, org_unit=unit, met_on=None
        ).update(met_on=today)
    resolution.save()
    # The move's document reflects the state just saved; a withdrawal that goes on (TC-16)
    # terminates nothing.
    document = None
    issues = move.document and (
        move.document != "termination_decision" or target == Status.TERMINATED
    )
    if draft:
        # The exception leaves the atomic block, so the move is rolled back.
        raise DocumentDraft(
            kind=move.document if issues else "",
            paragraphs=body_paragraphs(resolution, move.document, note) if issues else (),
        )
    if issues:
        document = resolution_document_issue(
            resolution=resolution, kind=move.document, actor=actor, note=note, text=document_text
        )
        data["edited"] = bool(document_text.strip())
        data["document"] = document.number
    event_write(
        petition=resolution.petition,
        actor=actor,
        unit=unit,
        action=action,
        from_status=from_status,
        to_status=target,
        note=note,
        data={**data, "track": resolution.track, "due_on": resolution.due_on},
        audit_summary=f"{action.label}: {resolution.petition.reference}",
    )
    stage = stage_after(action, resolution)
    if stage:
        resolution_tell(resolution=resolution, stage=stage, document=document)
    return resolution


class DocumentDraft(Exception):  # a result carried out of a rolled-back move
    """The text a move's document would have, from a move made and rolled back."""

    def __init__(self, *, kind: str, paragraphs: tuple[str, ...]) -> None:
        super().__init__(kind)
        self.kind = kind
        self.paragraphs = paragraphs

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def resolution_transition_draft(**kwargs: Any) -> DocumentDraft:
    """What `resolution_transition(**kwargs)` would issue, for the officer to read and edit
    before the move (issue 4: documents editable before issue). Nothing is kept: not the
    move, not a number; the same checks apply, so a draft of an impossible move fails alike."""
    try:
        resolution_transition(**kwargs, draft=True)
    except DocumentDraft as result:
        return result
    raise AssertionError("resolution_transition ignored draft=True")  # pragma: no cover


def _amount(name: str, value: Any, allowed: set[str]) -> Decimal | int:
    """A figure of a decision or of its implementation, checked here too (not only by the form
    or the API), so any caller gets a clear message instead of a failure."""
    if name not in allowed:
        raise ValidationFailed(_("Unknown amount: %(name)s") % {"name": name})
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationFailed(_("Enter a number.")) from None
    if not number.is_finite():
        raise ValidationFailed(_("Enter a number."))
    if number < 0:
        raise ValidationFailed(_("Amounts cannot be negative."))
    if name.startswith("persons_") or name == "people_rights_restored":
        if number != number.to_integral_value():
            raise ValidationFailed(_("The number of people must be a whole number."))
        return int(number)
    return number


def _decide(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    if (
        resolution.track == Track.COMPLAINT
        and resolution.level == 2
        and resolution.status != (Status.DIALOGUE)
    ):
        raise ValidationFailed(
            _("A second-level complaint is decided only after a dialogue (LKN Art. 39).")
        )
    outcome, regulation_outcome = kw["outcome"], kw["regulation_outcome"]
    if outcome and outcome not in Outcome.values:
        raise ValidationFailed(_("Choose the outcome: founded, partly founded or unfounded."))
    if regulation_outcome and regulation_outcome not in RegulationOutcome.values:
        raise ValidationFailed(_("Choose what is done with the regulation."))
    resolution.outcome = outcome
    resolution.regulation_outcome = regulation_outcome
    resolution.decision_summary = kw["note"].strip()
    resolution.decision_number = kw["decision_number"].strip()
    resolution.decided_on = today
    for name, value in kw["amounts"].items():
        setattr(resolution, name, _amount(name, value, AMOUNT_FIELDS))
    PetitionDeadline.objects.filter(
        petition=resolution.petition, org_unit=resolution.org_unit, family=resolution.rule_id
    ).update(met_on=today)
    register_mark_handled(petition=resolution.petition, unit=resolution.org_unit, on=today)
    # What the decision starts: sending it (KN-05 / KN-09), its legal effect (KN-11 / KN-12);
    # for a conclusion: sending (TC-09), acting on it (TC-10), publishing it (TC-11).
    rules = {
        Track.COMPLAINT: ["KN-05", "KN-11"] if resolution.level == 1 else ["KN-09", "KN-12"],
        Track.DENUNCIATION: ["TC-09", "TC-10", "TC-11"],
    }.get(Track(resolution.track), [])
    started = deadlines_start(
        petition=resolution.petition, unit=resolution.org_unit, rules=rules, start_on=today
    )
    kw["data"]["outcome"] = outcome or regulation_outcome
    kw["data"]["started"] = [d.rule_id for d in started]
    return target


def _start_verification(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    """Verification may be given to any unit or official (LKN Art. 29; LEGAL.md §1.3: at
    commune level there is no inspectorate). A verifier from another unit is not given the
    denouncer's identity: only the case's resolver changes, not the petition's assignee
    (LTC Art. 56: identity is stripped before papers go to verifiers)."""
    from tiepdan.accounts.models import Membership
    from tiepdan.notifications.services import notification_send

    unit = kw["verifying_unit"] or resolution.org_unit
    verifier = kw["verifier"]
    if verifier is not None:
        if not Membership.objects.filter(user=verifier, org_unit=unit, is_active=True).exists():
            raise ValidationFailed(
                _("%(name)s does not work in %(unit)s.") % {"name": verifier, "unit": unit}
            )
        resolution.assigned_to = verifier
        notification_send(
            recipients=[verifier],
            title=_("You are asked to verify a case: %(ref)s")
            % {"ref": resolution.petition.reference},
            link=f"/giai-quyet/{resolution.petition.reference}/",
        )
    resolution.verifying_unit = unit
    kw["data"]["verifying_unit"] = unit.name
    kw["data"]["verifier"] = verifier.get_username() if verifier is not None else ""
    return target


def _hold_dialogue(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    # The date the dialogue was held goes into the decision (LKN Art. 31.2.đ) and the minutes:
    # it was held after acceptance and not in the future.
    if not resolution.accepted_on <= kw["dialogue_on"] <= today:
        raise ValidationFailed(
            _("The dialogue date must be between the acceptance (%(accepted)s) and today.")
            % {"accepted": resolution.accepted_on.strftime("%d/%m/%Y")}
        )
    # From 01/07/2026 the participants were invited at least 5 days before (KN-14).
    dialogue_check_invitation(resolution, held_on=kw["dialogue_on"])
    dialogue_record_minutes(resolution, signature=kw["dialogue_minutes"])
    resolution.dialogue_on = kw["dialogue_on"]
    kw["data"]["dialogue_on"] = kw["dialogue_on"]
    kw["data"]["dialogue_minutes"] = resolution.dialogue_minutes
    return target


def _notify_dialogue(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    # The invitation (LKN Art. 30.2; KN-14); a new one moves the dialogue to a new date.
    kw["data"].update(dialogue_invite(resolution, planned_on=kw["planned_on"], today=today))
    return target


def _make_effective(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    # A decision takes effect when the window for a second complaint or a lawsuit has passed
    # (KN-11: 30 days, 45 in remote areas; KN-12 for second decisions; LKN Art. 44).
    family = "KN-11" if resolution.level == 1 else "KN-12"
    window = PetitionDeadline.objects.filter(
        petition=resolution.petition, org_unit=resolution.org_unit, family=family
    ).first()
    if window is not None and today <= window.due_on:
        raise ValidationFailed(
            _("The decision takes effect after %(day)s (%(rule)s).")
            % {"day": window.due_on.strftime("%d/%m/%Y"), "rule": family}
        )
    if window is not None:
        window.met_on = today
        window.save(update_fields=["met_on"])
    resolution.effective_on = today
    # Enforcement is organised within 5 working days of the effect (KN-13, NĐ 124/2020 Art. 31).
    started = deadlines_start(
        petition=resolution.petition, unit=resolution.org_unit, rules=["KN-13"], start_on=today
    )
    kw["data"]["started"] = [d.rule_id for d in started]
    return target


# What recording the sending meets: the sending limits the decision started.
SENDING_RULES = ("KN-05", "KN-09", "TC-09")


def _record_sending(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    """The decision or conclusion was sent (to whom: the note). The petitioner was already told
    by the system at the decision; this records the papers sent to everyone else."""
    met = PetitionDeadline.objects.filter(
        petition=resolution.petition,
        org_unit=resolution.org_unit,
        family__in=SENDING_RULES,
        met_on=None,
    ).update(met_on=today)
    kw["data"]["met"] = met
    return target


# What an implementation record carries (Biểu 05/KQTH): amounts actually recovered or returned,
# people disciplined or prosecuted.
IMPLEMENTATION_FIELDS = {
    "amount_recovered",
    "amount_returned",
    "land_recovered_m2",
    "land_returned_m2",
    "persons_disciplined",
    "persons_prosecuted",
}


def _implement(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    """A day's progress in carrying out the decision or conclusion; enforcement recorded and
    action on the conclusion complete it. Progress is recorded only after the decision
    (the table allows the move from `effective` or `decided` only)."""
    values = {
        name: _amount(name, value, IMPLEMENTATION_FIELDS)
        for name, value in kw["implementation"].items()
    }
    if kw["draft"]:
        return target
    record = Implementation.objects.create(
        resolution=resolution,
        done_on=today,
        completes=kw["action"] != Action.RECORD_IMPLEMENTATION,
        note=kw["note"].strip(),
        recorded_by=kw["actor"],
        **values,
    )
    kw["data"]["implementation"] = {name: str(getattr(record, name)) for name in values}
    return target


def _extend(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    resolution.extensions_used += 1
    _recompute(resolution)  # raises DeadlineNotExtendable past TC-06 / TC-07's allowance
    kw["data"]["extension"] = resolution.extensions_used
    return target


def _suspend(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    resolution.suspended_from = resolution.status
    Suspension.objects.create(resolution=resolution, started_on=today, reason=kw["note"].strip())
    PetitionDeadline.objects.filter(
        petition=resolution.petition, org_unit=resolution.org_unit, family=resolution.rule_id
    ).update(is_paused=True)
    return target


def _resume(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    suspension = resolution.suspensions.filter(ended_on=None).last()
    if suspension is not None:
        suspension.ended_on = today
        suspension.save(update_fields=["ended_on"])
    PetitionDeadline.objects.filter(
        petition=resolution.petition, org_unit=resolution.org_unit, family=resolution.rule_id
    ).update(is_paused=False)
    _recompute(resolution)
    kw["data"]["suspended_days"] = (today - suspension.started_on).days if suspension else 0
    resolution.suspended_from = ""
    return target or Status.ACCEPTED


def _take_over(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    # The superior takes over an overdue or biased case; the limit restarts from its acceptance
    # (LTC Art. 38.5; NĐ 31/2019 Art. 5.3).
    superior: OrgUnit = kw["to_unit"]
    if not resolution.org_unit.path.startswith(superior.path) or superior == resolution.org_unit:
        raise ValidationFailed(_("Only a unit above the resolving unit can take the case over."))
    petition = resolution.petition
    petition.current_unit = superior
    # The lower unit's resolver no longer handles it, and must no longer see the denouncer.
    petition.assigned_to = None
    petition.save(update_fields=["current_unit", "assigned_to", "updated_at"])
    if not petition.register_entries.filter(org_unit=superior).exists():
        register(petition=petition, unit=superior, on=today)
    successor = Resolution.objects.create(
        petition=petition,
        track=resolution.track,
        level=resolution.level,
        org_unit=superior,
        accepted_on=today,
        is_remote=superior.remote_area,
        rule_id=resolution.rule_id,
        complexity_criteria=resolution.complexity_criteria,
    )
    _recompute(successor)
    kw["data"]["to"] = superior.name
    return target


AMOUNT_FIELDS = {
    "amount_recovered",
    "amount_returned",
    "land_recovered_m2",
    "land_returned_m2",
    "people_rights_restored",
    "persons_to_discipline",
    "persons_referred",
}
_HANDLERS = {
    Action.HOLD_DIALOGUE: _hold_dialogue,
    Action.NOTIFY_DIALOGUE: _notify_dialogue,
    Action.START_VERIFICATION: _start_verification,
    Action.DECIDE: _decide,
    Action.MAKE_EFFECTIVE: _make_effective,
    Action.RECORD_SENDING: _record_sending,
    Action.RECORD_IMPLEMENTATION: _implement,
    Action.ENFORCE: _implement,
    Action.ACT_ON_CONCLUSION: _implement,
    Action.EXTEND: _extend,
    Action.SUSPEND: _suspend,
    Action.RESUME: _resume,
    # Withdrawals are recorded as rows; TC-16 and forced ones go on (resolution.withdrawals).
    Action.WITHDRAW: withdraw_whole,
    Action.WITHDRAW_PART: withdraw_part,
    Action.RE_RESOLVE: re_resolve,
    Action.TAKE_OVER: _take_over,
}
