"""The leaders' dashboard: received, handled, rate handled and overdue, rolled up the tree.

Definitions (the drill-down lists exactly the records behind each number):
- received: distinct petitions with a register entry (RegisterEntry.registered_on) in the period
  in a unit of the chosen subtree (LEGAL.md §7: counted from records dated in the period);
- handled: of those, the petitions whose registering unit took a triage decision (a move that
  stops the triage clocks, TT 05/2021 Art. 8-16, workflow.TRIAGE_CLOCKS) or decided a resolution
  by the end of the period (RegisterEntry.handled_on); so a closed period recomputes to the same
  numbers;
- overdue: distinct petitions with a time limit of a unit in the subtree that was running and past
  due at the end of the period (or today, if earlier).

How it is counted (measured with bench/reports_bench.py): a petition registered by two units of
the subtree is one petition, so most numbers are distinct counts, and each is one grouped query.
Kind and field are the petition's own, so one query per measure grouped by both gives the totals,
the kinds and the fields (`by_kind_and_field`). A unit registers a petition once, so counting the
entries of one unit needs no DISTINCT: the rows by unit count each unit's entries, and only a row
that rolls up several units (a child with units below it) is counted distinctly (`unit_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from tiepdan.accounts.permissions import Capability, units_in_scope
from tiepdan.core import clock
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import Field, Kind, Petition, PetitionDeadline, RegisterEntry

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
    period: RegisterEntry.handled_on, the day of the unit's first triage decision or resolution
    decision (petitions.services.common.register_mark_handled). It is set once and kept when a
    decision is reopened and taken again, so a closed period recomputes to the same numbers."""
    return Q(handled_on__lte=scope.end)


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


def unit_rows(scope: Scope, children: Iterable[OrgUnit] | None = None) -> dict[int, int]:
    """Each unit of the subtree that the official may see → the row of the table by unit that
    counts it: the child whose subtree holds it, or else the chosen unit (the unit itself, and
    units below a child that ended before the period, which reports through its successor)."""
    child_of_path = {c.path: c.pk for c in (scope.children() if children is None else children)}
    rows: dict[int, int] = {}
    for pk, path in scope.units().values_list("pk", "path"):
        parts = path.strip("/").split("/")
        prefixes = ("/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1))
        rows[pk] = next((child_of_path[p] for p in prefixes if p in child_of_path), scope.unit.pk)
    return rows


def _members(rows: dict[int, int]) -> dict[int, list[int]]:
    members: dict[int, list[int]] = defaultdict(list)
    for unit, row in rows.items():
        members[row].append(unit)
    return members


def row_of_unit(rows: dict[int, int]) -> Case:
    """The row (as unit_rows gives it) of a record's org_unit, as an SQL expression."""
    moved: dict[int, list[int]] = defaultdict(list)
    for unit, row in rows.items():
        if unit != row:
            moved[row].append(unit)
    whens = [When(org_unit_id__in=units, then=Value(row)) for row, units in moved.items()]
    return Case(*whens, default=F("org_unit_id"), output_field=IntegerField())


def entry_counts(
    qs: QuerySet[RegisterEntry], rows: dict[int, int], group: str | None, **measures: Q | None
) -> dict[tuple[int, Any], dict[str, int]]:
    """Distinct petitions per (row by unit, `group` value) for each measure (a condition on the
    entry, or None for all), from register entries.

    A unit registers a petition once (RegisterEntry register_once), so a row that is a single unit
    counts its entries as they are: one grouped query by unit, with no DISTINCT (which PostgreSQL
    can neither hash nor run in parallel). Only rows that roll up several units count distinct
    petitions, in a second query over their units' entries alone."""
    keys = ["org_unit", *([group] if group else [])]
    members = _members(rows)
    single = {units[0]: row for row, units in members.items() if len(units) == 1}
    result: dict[tuple[int, Any], dict[str, int]] = {}
    plain = (
        qs.values(*keys)
        .order_by()
        .annotate(**{name: Count("pk", filter=cond) for name, cond in measures.items()})
    )
    for values in plain:
        if values["org_unit"] in single:
            key = (single[values["org_unit"]], values.get(group) if group else None)
            result[key] = {name: values[name] for name in measures}
    several = {row: units for row, units in members.items() if len(units) > 1}
    if several:
        whens = [When(org_unit_id__in=units, then=Value(row)) for row, units in several.items()]
        distinct = (
            qs.filter(org_unit__in=[u for units in several.values() for u in units])
            .annotate(row=Case(*whens, output_field=IntegerField()))
            .values("row", *keys[1:])
            .order_by()
            .annotate(
                **{
                    name: Count("petition", distinct=True, filter=cond)
                    for name, cond in measures.items()
                }
            )
        )
        for values in distinct:
            key = (values["row"], values.get(group) if group else None)
            result[key] = {name: values[name] for name in measures}
    return result


def by_kind_and_field(scope: Scope) -> dict[tuple[str, str], tuple[int, int]]:
    """(received, handled) per (kind, field). Each petition has one kind and one field, so these
    add up to the totals, the rows by kind and the rows by field. Each measure is one query over
    the petitions, in the drill-down's own form (a semi-join on the register entries)."""

    def count(rows: QuerySet[RegisterEntry]) -> dict[tuple[str, str], int]:
        petitions = Petition.objects.filter(pk__in=rows.values("petition_id"))
        grouped = petitions.values("kind", "field").order_by().annotate(n=Count("pk"))
        return {(kind, field): n for kind, field, n in grouped.values_list("kind", "field", "n")}

    received = count(entries(scope))
    handled = count(entries(scope).filter(handled_condition(scope)))
    return {key: (n, handled.get(key, 0)) for key, n in received.items()}


Classified = dict[tuple[str, str], tuple[int, int]]


def totals(scope: Scope, classified: Classified | None = None) -> Row:
    """The whole subtree; `classified` is by_kind_and_field(scope), if already counted."""
    counts = by_kind_and_field(scope) if classified is None else classified
    overdue = overdue_deadlines(scope.units(), as_of_day(scope.end)).aggregate(
        n=Count("petition", distinct=True)
    )["n"]
    return Row(
        None,
        scope.unit.name,
        sum(received for received, _handled in counts.values()),
        sum(handled for _received, handled in counts.values()),
        overdue,
    )


def by_unit(scope: Scope) -> list[Row]:
    """One row per unit directly below the chosen one (its whole subtree), then the chosen unit
    alone, with the overdue petitions of each."""
    children = scope.children()
    rows = unit_rows(scope, children)
    counts = entry_counts(
        entries(scope), rows, None, received=None, handled=handled_condition(scope)
    )
    overdue = dict(
        overdue_deadlines(scope.units(), as_of_day(scope.end))
        .annotate(row=row_of_unit(rows))
        .values("row")
        .order_by()
        .annotate(n=Count("petition", distinct=True))
        .values_list("row", "n")
    )
    result = []
    for unit in [*children, scope.unit]:
        n = counts.get((unit.pk, None), {"received": 0, "handled": 0})
        result.append(Row(unit.pk, unit.name, n["received"], n["handled"], overdue.get(unit.pk, 0)))
    return result


def by_choice(
    scope: Scope,
    field: str,
    choices: Iterable[tuple[str, Any]],
    classified: Classified | None = None,
) -> list[Row]:
    """By kind or by field of content (LEGAL.md §7.2 content classification)."""
    position = ("kind", "field").index(field)
    counts: dict[str, tuple[int, int]] = {}
    if classified is None:
        classified = by_kind_and_field(scope)
    for key, (received, handled) in classified.items():
        was = counts.get(key[position], (0, 0))
        counts[key[position]] = (was[0] + received, was[1] + handled)
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
    """Received per month of registration, and how many of those were handled (one query: the
    condition is a column of the entry, so it costs nothing inside the aggregate)."""
    grouped = (
        entries(scope)
        .annotate(month=TruncMonth("registered_on"))
        .values("month")
        .order_by()
        .annotate(
            received=Count("petition", distinct=True),
            handled=Count("petition", distinct=True, filter=handled_condition(scope)),
        )
        .values_list("month", "received", "handled")
    )
    counts = {
        (month.date() if isinstance(month, dt.datetime) else month): (received, handled)
        for month, received, handled in grouped
        if month
    }
    return [
        Row(month, f"{month:%m/%Y}", *counts.get(month, (0, 0)))
        for month in months_between(scope.start, scope.end)
    ]


@dataclass(frozen=True)
class Numbers:
    total: Row
    units: list[Row]
    kinds: list[Row]
    fields: list[Row]
    months: list[Row]


def dashboard_numbers(scope: Scope) -> Numbers:
    """Everything the dashboard page shows but the early warnings, with the counts by kind and
    field made once for the totals, the kinds and the fields."""
    classified = by_kind_and_field(scope)
    return Numbers(
        total=totals(scope, classified),
        units=by_unit(scope),
        kinds=by_choice(scope, "kind", Kind.choices, classified),
        fields=by_choice(scope, "field", Field.choices, classified),
        months=by_month(scope),
    )


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
        children = scope.children()
        unit = next((u for u in [*children, scope.unit] if str(u.pk) == key), None)
        if unit is None:
            return Petition.objects.none()
        units = [u for u, row in unit_rows(scope, children).items() if row == unit.pk]
        rows = rows.filter(org_unit__in=units)
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
