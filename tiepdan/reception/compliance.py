"""Did each head hold the periodic reception the law requires? (LEGAL.md §1.4)

For one month and the official's units: the sessions each head held, counted in the database,
against the minimum in force that month (ReceptionMinimum rows, by date, with their source and
whether the rule is confirmed).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tiepdan.accounts.permissions import units_in_scope
from tiepdan.accounts.roles import Capability
from tiepdan.organizations.models import OrgUnit
from tiepdan.reception.models import HeadKind, ReceptionKind, ReceptionMinimum, ReceptionSession

# A head is listed for a month if they had a session (any status) in the twelve months up to
# its end: a head who stopped scheduling is flagged, one who left long ago is not listed.
LOOKBACK_DAYS = 365


@dataclass(frozen=True)
class ComplianceRow:
    unit_name: str
    head_name: str
    head_kind: str
    head_kind_label: str
    held: int
    required: int | None  # None: no minimum in force for this head that month
    minimum: ReceptionMinimum | None
    unit_code: str = ""  # the API names units by code and heads by username
    head_username: str = ""

    @property
    def is_below(self) -> bool:
        return self.required is not None and self.held < self.required


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def weeks_in_month(year: int, month: int) -> int:
    """The weeks a "per week" minimum asks for in a month.

    Rule (ISO 8601's own): a Monday-to-Sunday week belongs to the month holding its Thursday,
    i.e. most of its days. Every week then belongs to exactly one month, none is counted twice
    across a month boundary and none is lost; a month has 4 or 5 such weeks. Sessions are still
    counted by their own date, so a session on Tue 30/09 in a week whose Thursday is 02/10
    counts for September.
    """
    first, last = month_bounds(year, month)
    first_thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    return (last - first_thursday).days // 7 + 1


def minimums_for_month(year: int, month: int) -> dict[str, ReceptionMinimum]:
    """The minimum in force for each head kind during the month: the row overlapping it that
    started last (a new law replaces the old one; the seeded rows change on the 1st)."""
    first, last = month_bounds(year, month)
    rows = ReceptionMinimum.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=last),
        Q(valid_to__isnull=True) | Q(valid_to__gte=first),
    )
    chosen: dict[str, ReceptionMinimum] = {}
    for row in rows:  # a handful of reference rows, not sessions
        current = chosen.get(row.head_kind)
        if current is None or (row.valid_from or dt.date.min) > (current.valid_from or dt.date.min):
            chosen[row.head_kind] = row
    return chosen


def required_days(minimum: ReceptionMinimum, year: int, month: int) -> int:
    if minimum.period == ReceptionMinimum.Period.WEEK:
        return minimum.days * weeks_in_month(year, month)
    return minimum.days


def compliance_units(user: Any) -> QuerySet[OrgUnit]:
    """The units whose heads the official may check: where they receive citizens, and, for
    leaders and reporting officers, the units they oversee (VIEW_REPORTS reaches down)."""
    receiving = units_in_scope(user, Capability.RECEIVE_CITIZENS)
    overseen = units_in_scope(user, Capability.VIEW_REPORTS)
    return OrgUnit.objects.filter(Q(pk__in=receiving) | Q(pk__in=overseen))


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def compliance_for_month(
    *, user: Any, year: int, month: int, units: QuerySet[OrgUnit] | None = None
) -> list[ComplianceRow]:
    """One row per (unit, head, head kind): periodic sessions held that month against the
    minimum.

    Counted in one grouped query; months are local (Asia/Ho_Chi_Minh) calendar months.
    """
    first, last = month_bounds(year, month)
    start, end = _aware(first), _aware(last + dt.timedelta(days=1))
    scope = compliance_units(user) if units is None else units.filter(pk__in=compliance_units(user))
    grouped = (
        ReceptionSession.objects.filter(
            org_unit__in=scope,
            starts_at__lt=end,
            starts_at__gte=_aware(last - dt.timedelta(days=LOOKBACK_DAYS)),
        )
        .values(
            "org_unit__path",
            "org_unit__name",
            "org_unit__code",
            "head_id",
            "head__full_name",
            "head__username",
            "head_kind",
        )
        .annotate(
            held=Count(
                "pk",
                # Periodic sessions only: ad-hoc reception (LTCD Art. 18.3) is due on top of the
                # periodic days, it does not replace them.
                filter=Q(
                    status=ReceptionSession.Status.HELD,
                    kind=ReceptionKind.PERIODIC,
                    starts_at__gte=start,
                    starts_at__lt=end,
                ),
            )
        )
        .order_by("org_unit__path", "head__full_name", "head_id", "head_kind")
    )
    minimums = minimums_for_month(year, month)
    labels = dict(HeadKind.choices)
    result = []
    for row in grouped:
        minimum = minimums.get(row["head_kind"])
        result.append(
            ComplianceRow(
                unit_name=row["org_unit__name"],
                head_name=row["head__full_name"] or row["head__username"],
                head_kind=row["head_kind"],
                head_kind_label=str(labels.get(row["head_kind"], row["head_kind"])),
                held=row["held"],
                required=required_days(minimum, year, month) if minimum else None,
                minimum=minimum,
                unit_code=row["org_unit__code"],
                head_username=row["head__username"],
            )
        )
    return result
