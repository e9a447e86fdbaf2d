"""The inspectorate's compliance view: per unit, what is late or missing in a month.

Each unit is counted alone (not rolled up), so the line that is late is the unit that is late:
- overdue: petitions with a time limit of the unit running and past due at the end of the month
  (or today, if earlier);
- triaged late: petitions whose triage clock (XLD-05 and the kind-specific triage limits, LEGAL.md
  §3.5; workflow.TRIAGE_CLOCKS) was met in the month after its due date, and those whose triage
  clock is still running past due;
- leaders' periodic reception against the legal minimum (LEGAL.md §1.4), from
  reception.compliance for the month: heads listed and heads below the minimum;
- transfers with no answer: petitions transferred to the unit that it has not reported back on
  (TT 05/2021 Art. 14) within REPORTS_TRANSFER_ANSWER_DAYS days of the transfer. No general
  time limit for the report could be read [U], so the grace period is a setting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet

from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import PetitionDeadline, Transfer
from tiepdan.petitions.workflow import TRIAGE_CLOCKS
from tiepdan.reception.compliance import compliance_for_month, month_bounds
from tiepdan.reports.dashboard import as_of_day, overdue_deadlines, subtree_units

DEFAULT_TRANSFER_ANSWER_DAYS = 30


def transfer_answer_days() -> int:
    return int(getattr(settings, "REPORTS_TRANSFER_ANSWER_DAYS", DEFAULT_TRANSFER_ANSWER_DAYS))


@dataclass
class UnitCompliance:
    unit: OrgUnit
    overdue: int = 0
    triaged_late: int = 0
    triage_running_late: int = 0
    heads: int = 0
    heads_below: int = 0
    sessions_held: int = 0
    sessions_required: int = 0
    transfers_unanswered: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def has_issue(self) -> bool:
        return bool(
            self.overdue
            or self.triaged_late
            or self.triage_running_late
            or self.heads_below
            or self.transfers_unanswered
        )


def _by_unit(qs: QuerySet[Any], unit_field: str, count: str) -> dict[int, int]:
    return dict(
        qs.values(unit_field)
        .order_by()
        .annotate(n=Count(count, distinct=True))
        .values_list(unit_field, "n")
    )


def triage_late_met(units: QuerySet[OrgUnit], first: dt.date, last: dt.date) -> QuerySet[Any]:
    return PetitionDeadline.objects.filter(
        org_unit__in=units,
        rule_id__in=TRIAGE_CLOCKS,
        met_on__range=(first, last),
        met_on__gt=F("due_on"),
    )


def triage_late_running(units: QuerySet[OrgUnit], as_of: dt.date) -> QuerySet[Any]:
    return overdue_deadlines(units, as_of).filter(rule_id__in=TRIAGE_CLOCKS)


def transfers_unanswered(units: QuerySet[OrgUnit], as_of: dt.date) -> QuerySet[Transfer]:
    sent_by = as_of - dt.timedelta(days=transfer_answer_days())
    return Transfer.objects.filter(
        Q(reported_back_on__isnull=True) | Q(reported_back_on__gt=as_of),
        to_unit__in=units,
        sent_on__lte=sent_by,
    )


def compliance_by_unit(*, user: Any, unit: OrgUnit, year: int, month: int) -> list[UnitCompliance]:
    """One line per unit of the chosen subtree that the official may see, in tree order."""
    first, last = month_bounds(year, month)
    as_of = as_of_day(last)
    units = subtree_units(user, unit)
    rows = {u.pk: UnitCompliance(u) for u in units.order_by("path")}
    for pk, n in _by_unit(overdue_deadlines(units, as_of), "org_unit_id", "petition").items():
        rows[pk].overdue = n
    for pk, n in _by_unit(triage_late_met(units, first, last), "org_unit_id", "petition").items():
        rows[pk].triaged_late = n
    running = triage_late_running(units, as_of)
    for pk, n in _by_unit(running, "org_unit_id", "petition").items():
        rows[pk].triage_running_late = n
    for pk, n in _by_unit(transfers_unanswered(units, as_of), "to_unit_id", "pk").items():
        rows[pk].transfers_unanswered = n
    by_code = {r.unit.code: r for r in rows.values()}
    # Per head, already counted in grouped queries by reception.compliance; summed per unit.
    for head in compliance_for_month(user=user, year=year, month=month, units=units):
        row = by_code.get(head.unit_code)
        if row is None:
            continue
        row.heads += 1
        row.heads_below += int(head.is_below)
        row.sessions_held += head.held
        row.sessions_required += head.required or 0
    return list(rows.values())
