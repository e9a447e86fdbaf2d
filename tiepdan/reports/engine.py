"""Computes a report form's cells from records and events dated inside the period, for one unit
or for the unit with every unit below it; and lists the records behind any cell.

The cell and its drill-down are built from the same queryset (`cell_base`), so they always
agree. Every number is one database aggregation; past periods recompute to the same numbers
because only records and events dated inside the period are read (DESIGN.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import Petition, PetitionEvent, RegisterEntry, Transfer
from tiepdan.petitions.workflow import TRIAGE_DECISIONS, Action
from tiepdan.reception.models import ReceptionSession, Visit, VisitPerson
from tiepdan.reports.columns import Column, FormDefinition, Measure, Source, Window
from tiepdan.reports.forms_gqkn import FORM_GQKN
from tiepdan.reports.forms_gqtc import FORM_GQTC
from tiepdan.reports.forms_kqth import FORM_KQTH
from tiepdan.reports.forms_tcd import FORM_TCD
from tiepdan.reports.forms_xld import FORM_XLD
from tiepdan.reports.periods import Period
from tiepdan.resolution.models import Implementation, ProtectionRequest, Resolution
from tiepdan.resolution.workflow import Track

FORMS: dict[str, FormDefinition] = {
    form.slug: form for form in (FORM_TCD, FORM_XLD, FORM_GQKN, FORM_GQTC, FORM_KQTH)
}


def form_get(slug: str) -> FormDefinition:
    return FORMS[slug]


def window_of(period: Period) -> Window:
    """The period's local days as aware instants, so indexes on the timestamps are used."""
    zone = timezone.get_current_timezone()
    return Window(
        start=period.start,
        end=period.end,
        start_at=dt.datetime.combine(period.start, dt.time.min, tzinfo=zone),
        end_at=dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )


def report_units(
    unit: OrgUnit, *, rollup: bool, within: QuerySet[OrgUnit] | None = None
) -> QuerySet[OrgUnit]:
    """The units whose records a report counts: the unit, or its subtree (by materialized path)
    with roll-up; and units that ended (the districts of 2025) through their successors
    (LEGAL.md §7.2, §9.1). A unit with several successors reports through each of them [U].
    `within` limits the set to what the official may see."""
    condition = Q(path__startswith=unit.path) if rollup else Q(pk=unit.pk)
    units = OrgUnit.objects.filter(condition)
    predecessors = list(
        OrgUnit.objects.filter(successors__in=units, valid_to__isnull=False)
        .exclude(condition)
        .values_list("pk", "path")
        .distinct()
    )
    for pk, path in predecessors:
        condition |= Q(path__startswith=path) if rollup else Q(pk=pk)
    result = OrgUnit.objects.filter(condition)
    if within is not None:
        result = result.filter(pk__in=within.values("pk"))
    return result


def source_queryset(source: Source, units: QuerySet[OrgUnit], window: Window) -> QuerySet[Any]:
    """A source's records for the units and the period, before any column's filter."""
    if source == Source.VISITS:
        return Visit.objects.filter(
            org_unit__in=units, received_at__gte=window.start_at, received_at__lt=window.end_at
        )
    if source == Source.SESSIONS:
        return ReceptionSession.objects.filter(
            org_unit__in=units,
            starts_at__gte=window.start_at,
            starts_at__lt=window.end_at,
            status=ReceptionSession.Status.HELD,
        )
    if source == Source.REGISTER:
        # A decision the same unit reopened before the period (workflow REOPEN: undone for an
        # error) no longer settles the petition: it is carried over unless decided again
        # before the period. Events of the period itself never change what was carried over.
        reopened_before = PetitionEvent.objects.filter(
            petition=OuterRef("petition"),
            org_unit=OuterRef("org_unit"),
            action=Action.REOPEN,
            at__gt=OuterRef("at"),
            at__lt=window.start_at,
        )
        decided_before = PetitionEvent.objects.filter(
            petition=OuterRef("petition"),
            org_unit=OuterRef("org_unit"),
            action__in=TRIAGE_DECISIONS,
            at__lt=window.start_at,
        ).filter(~Exists(reopened_before))
        return RegisterEntry.objects.filter(
            org_unit__in=units, registered_on__lte=window.end
        ).filter(~Exists(decided_before))
    if source == Source.DECISIONS:
        return PetitionEvent.objects.filter(
            org_unit__in=units,
            action__in=TRIAGE_DECISIONS,
            at__gte=window.start_at,
            at__lt=window.end_at,
        )
    if source == Source.TRANSFERS:
        return Transfer.objects.filter(from_unit__in=units, sent_on__lte=window.end)
    if source == Source.RESOLUTIONS:
        # Ended before the period: decided, or closed without a decision (withdrawn,
        # terminated, taken over by the superior, a lawsuit filed).
        ended_before = Q(decided_on__lt=window.start) | Q(closed_on__lt=window.start)
        return Resolution.objects.filter(org_unit__in=units, accepted_on__lte=window.end).exclude(
            ended_before
        )
    if source == Source.TO_IMPLEMENT:
        completed_before = Implementation.objects.filter(
            resolution=OuterRef("pk"), completes=True, done_on__lt=window.start
        )
        return (
            Resolution.objects.filter(org_unit__in=units)
            .filter(
                Q(track=Track.COMPLAINT, effective_on__lte=window.end)
                | Q(track=Track.DENUNCIATION, decided_on__lte=window.end)
            )
            .filter(~Exists(completed_before))
        )
    if source == Source.IMPLEMENTATIONS:
        return Implementation.objects.filter(
            resolution__org_unit__in=units, done_on__gte=window.start, done_on__lte=window.end
        )
    if source == Source.PROTECTIONS:
        return ProtectionRequest.objects.filter(
            resolution__org_unit__in=units,
            decided_on__gte=window.start,
            decided_on__lte=window.end,
        )
    raise ValueError(source)


# The way from each source's records to their petitions, for a cell's list of records.
PETITION_PATH: dict[Source, str] = {
    Source.REGISTER: "petition",
    Source.DECISIONS: "petition",
    Source.TRANSFERS: "petition",
    Source.RESOLUTIONS: "petition",
    Source.TO_IMPLEMENT: "petition",
    Source.IMPLEMENTATIONS: "resolution__petition",
    Source.PROTECTIONS: "resolution__petition",
}


def cell_base(column: Column, units: QuerySet[OrgUnit], window: Window) -> QuerySet[Any]:
    return source_queryset(column.source, units, window).filter(column.condition(window))


def persons_received(visits: QuerySet[Visit]) -> int:
    """Persons received, as reception.selectors counts them for the register (LEGAL.md §2.3-2.4):
    each named person once, plus the unnamed members of each group visit."""
    named = VisitPerson.objects.filter(visit__in=visits).aggregate(
        n=Count("visitor", distinct=True)
    )["n"]
    unnamed = (
        visits.annotate(entered=Count("persons"))
        .filter(people_count__gt=F("entered"))
        .aggregate(n=Sum(F("people_count") - F("entered")))["n"]
    )
    return int(named or 0) + int(unnamed or 0)


def _aggregate(column: Column, condition: Q) -> Any:
    if column.measure == Measure.ROWS:
        return Count("pk", filter=condition)
    if column.measure == Measure.DISTINCT:
        return Count(column.field, filter=condition, distinct=True)
    if column.measure == Measure.SUM:
        # `default` keeps the field's type: money and land are decimals, people integers.
        return Sum(column.field, filter=condition, default=0)
    raise ValueError(column.measure)


Number = int | Decimal


def cells_compute(
    columns: Iterable[Column], units: QuerySet[OrgUnit], window: Window
) -> dict[int, Number]:
    """Every cell of the columns: one aggregate query per source, plus two per persons column."""
    values: dict[int, Number] = {}
    by_source: dict[Source, list[Column]] = {}
    for column in columns:
        by_source.setdefault(column.source, []).append(column)
    for source, source_columns in by_source.items():
        base = source_queryset(source, units, window)
        aggregates = {}
        for column in source_columns:
            if column.measure == Measure.PERSONS:
                values[column.code] = persons_received(base.filter(column.condition(window)))
            else:
                aggregates[f"c{column.code}"] = _aggregate(column, column.condition(window))
        if aggregates:
            for key, value in base.aggregate(**aggregates).items():
                values[int(key[1:])] = value if isinstance(value, Decimal) else int(value or 0)
    return values


@dataclass(frozen=True)
class FormReport:
    form: FormDefinition
    unit: OrgUnit
    period: Period
    rollup: bool
    values: dict[int, Number] = field(default_factory=dict)

    @property
    def row(self) -> list[tuple[Column, Number]]:
        return [(column, self.values[column.code]) for column in self.form.columns]


def form_compute(
    form: FormDefinition,
    *,
    unit: OrgUnit,
    period: Period,
    rollup: bool,
    within: QuerySet[OrgUnit] | None = None,
) -> FormReport:
    units = report_units(unit, rollup=rollup, within=within)
    values = cells_compute(form.columns, units, window_of(period))
    return FormReport(form=form, unit=unit, period=period, rollup=rollup, values=values)


def cell_records(
    form: FormDefinition,
    code: int,
    *,
    unit: OrgUnit,
    period: Period,
    rollup: bool,
    within: QuerySet[OrgUnit] | None = None,
) -> QuerySet[Any]:
    """The records behind a cell: the visits or sessions it counts, or the petitions whose
    register entries or decisions it counts. Raises KeyError for an unknown column."""
    column = form.column(code)
    units = report_units(unit, rollup=rollup, within=within)
    base = cell_base(column, units, window_of(period))
    if column.source == Source.VISITS:
        return base.select_related("org_unit", "case").order_by("received_at", "pk")
    if column.source == Source.SESSIONS:
        return base.select_related("org_unit", "head").order_by("starts_at", "pk")
    return (
        Petition.objects.filter(pk__in=base.values(PETITION_PATH[column.source]))
        .select_related("current_unit", "receiving_unit")
        .order_by("received_on", "pk")
    )
