"""Shared pieces of the petition services: counters, events, search text, time limits."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F

from tiepdan.audit.services import audit_record
from tiepdan.core import clock
from tiepdan.core.text import fold
from tiepdan.deadlines.services import calendar_load, deadline_compute
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import (
    Counter,
    Kind,
    Petition,
    PetitionDeadline,
    PetitionEvent,
    RegisterEntry,
)
from tiepdan.petitions.workflow import TRIAGE_DECISIONS


def counter_next(*, unit: OrgUnit, year: int, series: str) -> int:
    """The next number in a unit's yearly series; the row lock makes it safe across processes."""
    counter, _created = Counter.objects.select_for_update().get_or_create(
        org_unit=unit, year=year, series=series
    )
    Counter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return counter.last


def register(*, petition: Petition, unit: OrgUnit, on: dt.date) -> RegisterEntry:
    number = counter_next(unit=unit, year=on.year, series="register")
    return RegisterEntry.objects.create(
        org_unit=unit, petition=petition, year=on.year, number=number, registered_on=on
    )


def classification_of(petition: Petition) -> dict[str, Any]:
    """What the report forms classify a decided petition by (LEGAL.md §7.2, Biểu 02/XLD)."""
    return {
        "kind": petition.kind,
        "field": petition.field,
        "eligible": petition.is_eligible,
        "stage": petition.procedure_stage,
        "anonymous": petition.is_anonymous,
        "within": petition.is_within_competence,
    }


def register_mark_handled(*, petition: Petition, unit: OrgUnit, on: dt.date) -> None:
    """The unit's first decision on the petition; a later one (after a reopening) keeps it."""
    RegisterEntry.objects.filter(petition=petition, org_unit=unit, handled_on=None).update(
        handled_on=on
    )


def event_write(
    *,
    petition: Petition,
    actor: Any,
    unit: OrgUnit,
    action: str,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
    audit_summary: str = "",
) -> PetitionEvent:
    """The petition's history entry and the matching audit-journal entry, together.

    A triage decision also keeps the petition's classification as it stood (the statistics
    count a past period by it, not by a later reclassification) and marks the unit's register
    entry handled."""
    data = dict(data or {})
    if action in TRIAGE_DECISIONS:
        data["classified"] = classification_of(petition)
    data = json.loads(json.dumps(data, cls=DjangoJSONEncoder))  # dates → ISO strings
    event = PetitionEvent.objects.create(
        petition=petition,
        at=clock.now(),
        actor=actor,
        org_unit=unit,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        data=data or {},
    )
    if action in TRIAGE_DECISIONS:
        register_mark_handled(petition=petition, unit=unit, on=clock.today())
    audit_record(
        actor=actor,
        action=f"petition.{action}",
        obj=petition,
        unit=unit,
        summary=audit_summary or f"{action}: {petition.reference}",
        changes={"from": from_status, "to": to_status, **(data or {})},
    )
    return event


def search_text_for(petition: Petition, petitioners: Iterable[Any]) -> str:
    """What search matches, folded. A denouncer's identity is never part of it: neither the
    petitioners' fields nor the free text they wrote, which often names them."""
    parts = [petition.tracking_code, petition.summary, petition.respondent_name]
    if not petition.is_confidential:
        parts += [petition.content, petition.request]
        for person in petitioners:
            parts += [person.full_name, person.citizen_id, person.address]
    return fold(" ".join(p for p in parts if p))


def rules_on_receipt(petition: Petition) -> list[str]:
    """Time-limit rules that start when a unit receives the petition (LEGAL.md §2.6, §3.5)."""
    kinds = set(petition.kinds or []) | {petition.kind}
    rules = ["XLD-05"]  # default triage limit, configurable [U]
    if petition.channel == "in_person":
        rules.append("TCD-04")  # reply within 10 working days of a reception matter
    if Kind.DENUNCIATION in kinds:
        rules += ["TC-01", "TC-02"]  # initial processing; transfer if not competent
    if Kind.COMPLAINT in kinds:
        # Acceptance: 10 days for a complaint against a disciplinary decision (LKN Art. 50,
        # KN-D4); otherwise KN-02 in the version in force on the receipt date (CAL-00).
        disciplinary = petition.complaint_subject == "disciplinary_decision"
        rules.append("KN-D4" if disciplinary else "KN-02")
    if Kind.REGULATION_FEEDBACK in kinds:
        rules.append("PA-02")  # forward within 5 working days when not competent
    return rules


def deadlines_start(
    *, petition: Petition, unit: OrgUnit, rules: Iterable[str], start_on: dt.date
) -> list[PetitionDeadline]:
    calendar = calendar_load()
    created = []
    for rule_id in rules:
        deadline = deadline_compute(rule_id=rule_id, start_on=start_on, calendar=calendar)
        created.append(
            PetitionDeadline.objects.create(
                petition=petition,
                org_unit=unit,
                rule_id=deadline.rule_id,
                family=rule_id,
                started_on=start_on,
                due_on=deadline.due_on,
                explanation=deadline.explain()[:500],
                source=deadline.source[:255],
            )
        )
    return created


def limitation_rule(petition: Petition) -> str:
    """Which limitation period applies (LEGAL.md §4.2, §4.6): 90 days for a first complaint
    (KN-01), 30 for a second one (KN-06); against a disciplinary decision 15 (KN-D1) and 10 for
    a second complaint (KN-D2)."""
    second = petition.procedure_stage == "resolved_once"
    if petition.complaint_subject == "disciplinary_decision":
        return "KN-D2" if second else "KN-D1"
    return "KN-06" if second else "KN-01"


def limitation_check(petition: Petition, unit: OrgUnit) -> PetitionDeadline | None:
    """A complaint must be filed within its limitation period from learning of the decision."""
    if petition.decision_known_on is None:
        return None
    kinds = set(petition.kinds or []) | {petition.kind}
    if Kind.COMPLAINT not in kinds:
        return None
    (deadline,) = deadlines_start(
        petition=petition,
        unit=unit,
        rules=[limitation_rule(petition)],
        start_on=petition.decision_known_on,
    )
    # The limitation period is a check made at receipt, not work still to do: it is settled on
    # the receipt date, and flagged when the complaint came after the period ended (KN-20).
    deadline.met_on = petition.received_on
    deadline.is_overdue = petition.received_on > deadline.due_on
    deadline.save(update_fields=["met_on", "is_overdue"])
    return deadline


def deadlines_stop(
    *, petition: Petition, unit: OrgUnit, families: Iterable[str], on: dt.date
) -> int:
    return PetitionDeadline.objects.filter(
        petition=petition, org_unit=unit, family__in=list(families), met_on=None
    ).update(met_on=on)
