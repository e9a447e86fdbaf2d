"""Did each head hold the periodic reception the law requires? (LEGAL.md §1.4)

For one month and the official's units: the days each head held a periodic session, counted in
the database, against the minimum in force that month (ReceptionMinimum rows, by date, with
their source and whether the rule is confirmed). The heads listed are the units' leaders and
whoever held or planned a session there in the last year, so a head with no session at all is
listed with 0 and flagged.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.accounts.models import Membership
from tiepdan.accounts.permissions import units_in_scope
from tiepdan.accounts.roles import Capability, Role
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.organizations.models import OrgUnit
from tiepdan.reception.models import HeadKind, ReceptionKind, ReceptionMinimum, ReceptionSession
from tiepdan.reception.services.sessions import head_kind_for

# A head is listed for a month if they had a session (any status) in the twelve months up to
# its end: a head who stopped scheduling is flagged, one who left long ago is not listed.
LOOKBACK_DAYS = 365
# The months the view answers for: the law's minimums are dated from 2014; beyond these bounds
# the date arithmetic overflows, and nobody asks.
FIRST_YEAR, LAST_YEAR = 2000, 2100

HeadKey = tuple[int, int, str]  # (unit id, head id, head kind)


@dataclass(frozen=True)
class ComplianceRow:
    unit_name: str
    head_name: str
    head_kind: str
    head_kind_label: str
    held: int  # distinct days with a periodic session held, in the month (or its weeks)
    required: int | None  # None: no minimum in force for this head that month
    minimum: ReceptionMinimum | None
    unit_code: str = ""  # the API names units by code and heads by username
    head_username: str = ""
    weeks_missed: tuple[dt.date, ...] = ()  # Mondays of the weeks below a weekly minimum

    @property
    def is_below(self) -> bool:
        if self.minimum is None or self.required is None:
            return False
        if self.minimum.period == ReceptionMinimum.Period.WEEK:
            return bool(self.weeks_missed)
        return self.held < self.required

    @property
    def weeks_missed_spans(self) -> list[tuple[dt.date, dt.date]]:
        return [(monday, monday + dt.timedelta(days=6)) for monday in self.weeks_missed]


def month_check(year: int, month: int) -> None:
    """Refuse a month the view cannot answer for, with a message rather than an overflow."""
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        message = _("Choose a month between %(first)s and %(last)s.") % {
            "first": f"01/{FIRST_YEAR}",
            "last": f"12/{LAST_YEAR}",
        }
        raise ValidationFailed(message, extra={"field": "month", "errors": {"month": message}})


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def month_weeks(year: int, month: int) -> list[dt.date]:
    """The Mondays of the weeks a "per week" minimum asks for in a month.

    Rule (ISO 8601's own): a Monday-to-Sunday week belongs to the month holding its Thursday,
    i.e. most of its days. Every week then belongs to exactly one month, none is counted twice
    across a month boundary and none is lost; a month has 4 or 5 such weeks. Each week is
    checked whole, Monday to Sunday, even where some of its days fall in the next or previous
    month: a chair who receives every Monday meets the minimum every week.
    """
    first, last = month_bounds(year, month)
    thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    mondays = []
    while thursday <= last:
        mondays.append(thursday - dt.timedelta(days=3))
        thursday += dt.timedelta(days=7)
    return mondays


def weeks_in_month(year: int, month: int) -> int:
    return len(month_weeks(year, month))


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


@dataclass(frozen=True)
class _Head:
    path: str
    unit_name: str
    unit_code: str
    name: str
    username: str


def _heads_with_sessions(
    scope: QuerySet[OrgUnit], since: dt.date, until: dt.date
) -> dict[HeadKey, _Head]:
    """Whoever had a session (any status) in the units between the two days: one grouped
    query."""
    rows = (
        ReceptionSession.objects.filter(
            org_unit__in=scope, starts_at__gte=_aware(since), starts_at__lt=_aware(until)
        )
        .values(
            "org_unit_id",
            "org_unit__path",
            "org_unit__name",
            "org_unit__code",
            "head_id",
            "head__full_name",
            "head__username",
            "head_kind",
        )
        .order_by()
        .distinct()
    )
    return {
        (r["org_unit_id"], r["head_id"], r["head_kind"]): _Head(
            r["org_unit__path"],
            r["org_unit__name"],
            r["org_unit__code"],
            r["head__full_name"] or r["head__username"],
            r["head__username"],
        )
        for r in rows
    }


def _unit_leaders(scope: QuerySet[OrgUnit]) -> dict[HeadKey, _Head]:
    """The leaders of the units whose head owes periodic reception (head_kind_for).

    Memberships keep no history: the unit's current leaders are listed for any month asked.
    """
    rows = Membership.objects.filter(
        org_unit__in=scope, role=Role.UNIT_LEADER, is_active=True, user__is_active=True
    ).values(
        "org_unit_id",
        "org_unit__path",
        "org_unit__name",
        "org_unit__code",
        "org_unit__level",
        "org_unit__kind",
        "user_id",
        "user__full_name",
        "user__username",
    )
    leaders: dict[HeadKey, _Head] = {}
    for r in rows:
        kind = head_kind_for(r["org_unit__level"], r["org_unit__kind"])
        if kind is not None:
            leaders[(r["org_unit_id"], r["user_id"], kind.value)] = _Head(
                r["org_unit__path"],
                r["org_unit__name"],
                r["org_unit__code"],
                r["user__full_name"] or r["user__username"],
                r["user__username"],
            )
    return leaders


def _days_held(
    scope: QuerySet[OrgUnit], first: dt.date, last: dt.date
) -> dict[HeadKey, set[dt.date]]:
    """The distinct local days on which each head held a periodic session between two days:
    one grouped query. The law counts reception days, so two sessions on one day are one.
    Ad-hoc sessions do not count: ad-hoc reception (LTCD Art. 18.3) is due on top of the
    periodic days, it does not replace them."""
    rows = (
        ReceptionSession.objects.filter(
            org_unit__in=scope,
            status=ReceptionSession.Status.HELD,
            kind=ReceptionKind.PERIODIC,
            starts_at__gte=_aware(first),
            starts_at__lt=_aware(last + dt.timedelta(days=1)),
        )
        .annotate(day=TruncDate("starts_at", tzinfo=timezone.get_current_timezone()))
        .values("org_unit_id", "head_id", "head_kind", "day")
        .order_by()
        .distinct()
    )
    days: dict[HeadKey, set[dt.date]] = defaultdict(set)
    for r in rows:
        days[(r["org_unit_id"], r["head_id"], r["head_kind"])].add(r["day"])
    return days


def _weekly(
    days: Iterable[dt.date], mondays: list[dt.date], per_week: int
) -> tuple[int, tuple[dt.date, ...]]:
    """(days held in the month's weeks, Mondays of the weeks below the minimum)."""
    counts = Counter(day - dt.timedelta(days=day.weekday()) for day in days)
    missed = tuple(monday for monday in mondays if counts[monday] < per_week)
    return sum(counts[monday] for monday in mondays), missed


def compliance_for_month(
    *, user: Any, year: int, month: int, units: QuerySet[OrgUnit] | None = None
) -> list[ComplianceRow]:
    """One row per (unit, head, head kind): the days of periodic reception held that month
    against the minimum.

    A monthly minimum counts the distinct days in the calendar month; a weekly one checks each
    week of the month (month_weeks) on its own, Monday to Sunday, and is met when every week
    is. Months and days are local (Asia/Ho_Chi_Minh). Counted in grouped queries.
    """
    month_check(year, month)
    first, last = month_bounds(year, month)
    mondays = month_weeks(year, month)
    span_first = min(first, mondays[0])
    span_last = max(last, mondays[-1] + dt.timedelta(days=6))
    scope = compliance_units(user) if units is None else units.filter(pk__in=compliance_units(user))
    heads = _unit_leaders(scope)
    heads.update(
        _heads_with_sessions(
            scope, last - dt.timedelta(days=LOOKBACK_DAYS), span_last + dt.timedelta(days=1)
        )
    )
    held_days = _days_held(scope, span_first, span_last)
    minimums = minimums_for_month(year, month)
    labels = dict(HeadKind.choices)
    result = []
    for key, head in sorted(heads.items(), key=lambda item: (item[1].path, item[1].name, item[0])):
        head_kind = key[2]
        minimum = minimums.get(head_kind)
        days = held_days.get(key, set())
        missed: tuple[dt.date, ...] = ()
        if minimum is not None and minimum.period == ReceptionMinimum.Period.WEEK:
            held, missed = _weekly(days, mondays, minimum.days)
        else:
            held = sum(1 for day in days if first <= day <= last)
        result.append(
            ComplianceRow(
                unit_name=head.unit_name,
                head_name=head.name,
                head_kind=head_kind,
                head_kind_label=str(labels.get(head_kind, head_kind)),
                held=held,
                required=required_days(minimum, year, month) if minimum else None,
                minimum=minimum,
                unit_code=head.unit_code,
                head_username=head.username,
                weeks_missed=missed,
            )
        )
    return result
