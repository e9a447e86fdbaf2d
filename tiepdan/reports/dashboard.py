"""The leaders' dashboard: received, handled, rate handled and overdue, rolled up the tree.

Definitions (each number is one grouped query, and the drill-down lists exactly its records):
- received: distinct petitions with a register entry (RegisterEntry.registered_on) in the period
  in a unit of the chosen subtree (LEGAL.md §7: counted from records dated in the period);
- handled: of those, the petitions on which the registering unit took a triage decision (a move
  that stops the triage clocks, TT 05/2021 Art. 8-16, workflow.TRIAGE_CLOCKS) or decided a
  resolution, by the end of the period; so a closed period recomputes to the same numbers;
- overdue: distinct petitions with a time limit of a unit in the subtree that was running and past
  due at the end of the period (or today, if earlier).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from tiepdan.accounts.permissions import Capability, units_in_scope
from tiepdan.core import clock
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import Petition, PetitionDeadline, PetitionEvent, RegisterEntry
from tiepdan.petitions.workflow import TRIAGE_DECISIONS
from tiepdan.resolution.models import Resolution

MEASURES = ("received", "handled", "overdue")
GROUPS = ("unit", "kind", "field", "month", "all")


def local_start(day: dt.date) -> dt.datetime:
    """Midnight of a local (Asia/Ho_Chi_Minh) day, as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def report_units(user: Any) -> QuerySet[OrgUnit]:
    """The units whose statistics the official may see."""
    return units_in_scope(user, Capability.VIEW_REPORTS)


def subtree_units(user: Any, unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The chosen unit and every unit below it that the official may see (the roll-up)."""
    return report_units(user).filter(path__startswith=unit.path)


def child_units(user: Any, unit: OrgUnit, start: dt.date) -> list[OrgUnit]:
    """The units directly below the chosen one, in scope, still existing when the period began
    (units ended earlier report through their successors, LEGAL.md §7.2)."""
    return list(
        report_units(user)
        .filter(parent=unit)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .order_by("name")
    )


def child_case(field_path: str, unit: OrgUnit, children: Iterable[OrgUnit]) -> Case:
    """The child subtree a row's unit lies in (its id), or the chosen unit itself."""
    whens = [
        When(**{f"{field_path}__startswith": child.path}, then=Value(child.pk))
        for child in children
    ]
    return Case(*whens, default=Value(unit.pk), output_field=IntegerField())


def as_of_day(end: dt.date) -> dt.date:
    return min(end, clock.today())


@dataclass(frozen=True)
class Scope:
    """What the numbers are about: a unit's subtree (as the official may see it) and a period."""

    user: Any
    unit: OrgUnit
    start: dt.date
    end: dt.date

    def units(self) -> QuerySet[OrgUnit]:
        return subtree_units(self.user, self.unit)

    def children(self) -> list[OrgUnit]:
        return child_units(self.user, self.unit, self.start)


def entries(scope: Scope) -> QuerySet[RegisterEntry]:
    """Register entries of the period in the subtree."""
    return RegisterEntry.objects.filter(
        org_unit__in=scope.units(), registered_on__range=(scope.start, scope.end)
    )


def handled_condition(scope: Scope) -> Q:
    """The condition on a register entry that its unit handled the petition by the end of the
    period. Given inline to each aggregate (not as an annotation): an aggregate over an
    annotation's alias is not portable (SQLite reads the dropped alias as a string)."""
    end_at = local_start(scope.end + dt.timedelta(days=1))
    triaged = PetitionEvent.objects.filter(
        petition=OuterRef("petition_id"),
        org_unit=OuterRef("org_unit_id"),
        action__in=TRIAGE_DECISIONS,
        at__lt=end_at,
    )
    decided = Resolution.objects.filter(
        petition=OuterRef("petition_id"),
        org_unit=OuterRef("org_unit_id"),
        decided_on__lte=scope.end,
    )
    return Q(Exists(triaged)) | Q(Exists(decided))


def overdue_deadlines(units: QuerySet[OrgUnit], as_of: dt.date) -> QuerySet[PetitionDeadline]:
    """Time limits running and past due at the end of the day `as_of` (a paused clock is not
    running: LTC Art. 34; NĐ 124 Art. 28b)."""
    return PetitionDeadline.objects.filter(
        Q(met_on__isnull=True) | Q(met_on__gt=as_of),
        org_unit__in=units,
        due_on__lt=as_of,
        started_on__lte=as_of,
        is_paused=False,
    )


@dataclass(frozen=True)
class Row:
    key: Any
    label: str
    received: int
    handled: int
    overdue: int | None = None

    @property
    def rate(self) -> Decimal | None:
        """Percentage handled, one decimal; None when nothing was received."""
        if not self.received:
            return None
        value = Decimal(100 * self.handled) / Decimal(self.received)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _counts(qs: QuerySet[RegisterEntry], group: str, done: Q) -> dict[Any, tuple[int, int]]:
    """(received, handled) per group value. Two grouped queries rather than one with a FILTER:
    in WHERE, PostgreSQL runs the EXISTS conditions as a hashed semi-join; inside an aggregate's
    FILTER they run once per row (measured with bench/reports_bench.py)."""
    received = dict(
        qs.values(group)
        .order_by()
        .annotate(n=Count("petition", distinct=True))
        .values_list(group, "n")
    )
    handled = dict(
        qs.filter(done)
        .values(group)
        .order_by()
        .annotate(n=Count("petition", distinct=True))
        .values_list(group, "n")
    )
    return {key: (n, handled.get(key, 0)) for key, n in received.items()}


def totals(scope: Scope) -> Row:
    rows = entries(scope)
    agg = {
        "received": rows.aggregate(n=Count("petition", distinct=True))["n"],
        "handled": rows.filter(handled_condition(scope)).aggregate(
            n=Count("petition", distinct=True)
        )["n"],
    }
    overdue = overdue_deadlines(scope.units(), as_of_day(scope.end)).aggregate(
        n=Count("petition", distinct=True)
    )["n"]
    return Row(None, scope.unit.name, agg["received"], agg["handled"], overdue)


def by_unit(scope: Scope) -> list[Row]:
    """One row per unit directly below the chosen one (its whole subtree), then the chosen unit
    alone, with the overdue petitions of each."""
    children = scope.children()
    counts = _counts(
        entries(scope).annotate(child=child_case("org_unit__path", scope.unit, children)),
        "child",
        handled_condition(scope),
    )
    overdue = dict(
        overdue_deadlines(scope.units(), as_of_day(scope.end))
        .annotate(child=child_case("org_unit__path", scope.unit, children))
        .values("child")
        .order_by()
        .annotate(n=Count("petition", distinct=True))
        .values_list("child", "n")
    )
    result = []
    for unit in [*children, scope.unit]:
        received, handled = counts.get(unit.pk, (0, 0))
        result.append(Row(unit.pk, unit.name, received, handled, overdue.get(unit.pk, 0)))
    return result


def by_choice(scope: Scope, field: str, choices: Iterable[tuple[str, Any]]) -> list[Row]:
    """By kind or by field of content (LEGAL.md §7.2 content classification)."""
    counts = _counts(entries(scope), f"petition__{field}", handled_condition(scope))
    labels = dict(choices)
    return [
        Row(key, str(labels.get(key, key) or "—"), *counts[key])
        for key in sorted(counts, key=lambda k: -counts[k][0])
    ]


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def by_month(scope: Scope) -> list[Row]:
    """Received per month of registration, and how many of those were handled."""
    counts = _counts(
        entries(scope).annotate(month=TruncMonth("registered_on")),
        "month",
        handled_condition(scope),
    )
    normalised = {
        (k.date() if isinstance(k, dt.datetime) else k): v for k, v in counts.items() if k
    }
    return [
        Row(month, f"{month:%m/%Y}", *normalised.get(month, (0, 0)))
        for month in months_between(scope.start, scope.end)
    ]


def drilldown(scope: Scope, *, measure: str, group: str, key: str) -> QuerySet[Petition]:
    """Exactly the petitions behind one number of the dashboard."""
    if measure not in MEASURES or group not in GROUPS:
        raise ValueError(measure)
    if measure == "overdue":
        rows: QuerySet[Any] = overdue_deadlines(scope.units(), as_of_day(scope.end))
    else:
        rows = entries(scope)
        if measure == "handled":
            rows = rows.filter(handled_condition(scope))
    if group == "unit":
        unit = next((u for u in [*scope.children(), scope.unit] if str(u.pk) == key), None)
        if unit is None:
            return Petition.objects.none()
        if unit == scope.unit:
            rows = rows.filter(org_unit=unit)
        else:
            rows = rows.filter(org_unit__path__startswith=unit.path)
    elif group in ("kind", "field"):
        rows = rows.filter(**{f"petition__{group}": key})
    elif group == "month":
        try:
            month = dt.date.fromisoformat(key).replace(day=1)
        except ValueError:
            return Petition.objects.none()
        following = (month + dt.timedelta(days=32)).replace(day=1)
        rows = rows.filter(registered_on__gte=month, registered_on__lt=following)
    return Petition.objects.filter(pk__in=rows.values("petition_id")).order_by(
        "-received_on", "-pk"
    )
