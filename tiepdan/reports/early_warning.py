"""Early warning: fields of content and units where petitions or group visits rise sharply.

The last period (REPORTS_EARLY_WARNING["period_days"] days up to the end of the chosen range) is
compared with the average of the N periods before it. What counts as "sharp" is not set by law,
so the thresholds are settings (a rise of at least `min_rise_ratio` over the average and at least
`min_rise_count` more). Counts per (group, period) are one grouped query each (by unit, as the
dashboard counts them: dashboard.entry_counts); the comparison runs over those few rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from tiepdan.petitions.models import GROUP_THRESHOLD, Field, RegisterEntry
from tiepdan.reception.models import Visit
from tiepdan.reports.dashboard import Scope, entry_counts, local_start, unit_rows

DEFAULTS: dict[str, Any] = {
    "period_days": 30,
    "previous_periods": 3,
    "min_rise_ratio": 0.5,
    "min_rise_count": 5,
}


def thresholds() -> dict[str, Any]:
    return {**DEFAULTS, **getattr(settings, "REPORTS_EARLY_WARNING", {})}


@dataclass(frozen=True)
class Window:
    index: int  # 0: the last period; 1..N: the ones before it
    start: dt.date
    end: dt.date


def windows(end: dt.date, period_days: int, previous: int) -> list[Window]:
    result = []
    for index in range(previous + 1):
        last = end - dt.timedelta(days=index * period_days)
        result.append(Window(index, last - dt.timedelta(days=period_days - 1), last))
    return result


@dataclass(frozen=True)
class EarlyWarning:
    what: str  # "petitions" or "group_visits"
    by: str  # "field" or "unit"
    label: str
    last: int
    average: Decimal

    @property
    def rise(self) -> Decimal:
        return (Decimal(self.last) - self.average).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _window_case(field: str, wins: list[Window], *, datetimes: bool) -> Case:
    whens = []
    for w in wins:
        if datetimes:
            bounds = {
                f"{field}__gte": local_start(w.start),
                f"{field}__lt": local_start(w.end + dt.timedelta(days=1)),
            }
        else:
            bounds = {f"{field}__range": (w.start, w.end)}
        whens.append(When(then=Value(w.index), **bounds))
    return Case(*whens, default=Value(-1), output_field=IntegerField())


def _series(rows: QuerySet[Any], key: str) -> dict[Any, dict[int, int]]:
    """Distinct petitions per (key, window)."""
    series: dict[Any, dict[int, int]] = {}
    grouped = rows.values(key, "window").order_by().annotate(n=Count("petition", distinct=True))
    for r in grouped:
        if r["window"] >= 0:
            series.setdefault(r[key], {})[r["window"]] = r["n"]
    return series


def _rising(
    series: dict[Any, dict[int, int]], labels: dict[Any, str], what: str, by: str
) -> list[EarlyWarning]:
    t = thresholds()
    previous = int(t["previous_periods"])
    ratio = Decimal(str(t["min_rise_ratio"]))
    result = []
    for key, counts in series.items():
        last = counts.get(0, 0)
        average = Decimal(sum(counts.get(i, 0) for i in range(1, previous + 1))) / previous
        if last - average >= int(t["min_rise_count"]) and last >= average * (1 + ratio):
            result.append(
                EarlyWarning(
                    what, by, labels.get(key, str(key)), last, average.quantize(Decimal("0.1"))
                )
            )
    return sorted(result, key=lambda w: -w.rise)


def early_warnings(scope: Scope) -> list[EarlyWarning]:
    """Petitions by field and by unit, group visits by unit: those rising sharply."""
    t = thresholds()
    wins = windows(scope.end, int(t["period_days"]), int(t["previous_periods"]))
    first = wins[-1].start
    units = scope.units()
    children = scope.children()
    rows = unit_rows(scope, children)
    unit_labels = {u.pk: u.name for u in [*children, scope.unit]}
    petitions = RegisterEntry.objects.filter(
        org_unit__in=units, registered_on__range=(first, scope.end)
    ).annotate(window=_window_case("registered_on", wins, datetimes=False))
    by_unit: dict[Any, dict[int, int]] = {}
    for (row, window), n in entry_counts(petitions, rows, "window", n=None).items():
        if window >= 0:
            by_unit.setdefault(row, {})[window] = n["n"]
    # Group visits: five or more people on the same content (LEGAL.md §2.4) [U for the form].
    # Visits are counted, not petitions: each unit's count adds up into its row.
    visits = (
        Visit.objects.filter(
            org_unit__in=units,
            people_count__gte=GROUP_THRESHOLD,
            received_at__gte=local_start(first),
            received_at__lt=local_start(scope.end + dt.timedelta(days=1)),
        )
        .annotate(window=_window_case("received_at", wins, datetimes=True))
        .values("org_unit", "window")
        .order_by()
        .annotate(n=Count("pk"))
    )
    group_visits: dict[Any, dict[int, int]] = {}
    for r in visits:
        if r["window"] >= 0 and r["org_unit"] in rows:
            counts = group_visits.setdefault(rows[r["org_unit"]], {})
            counts[r["window"]] = counts.get(r["window"], 0) + r["n"]
    field_labels = {k: str(v) for k, v in Field.choices}
    return [
        *_rising(_series(petitions, "petition__field"), field_labels, "petitions", "field"),
        *_rising(by_unit, unit_labels, "petitions", "unit"),
        *_rising(group_visits, unit_labels, "group_visits", "unit"),
    ]
