"""Reporting periods and their cut-off dates (RPT-01, LEGAL.md §7.1)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tiepdan.reports.periods import (
    PeriodError,
    PeriodKind,
    period_containing,
    period_custom,
    period_of,
)

D = dt.date


@pytest.mark.parametrize(
    ("kind", "year", "number", "start", "end"),
    [
        # TT 01/2024 / TT 02/2021: the 15th to the 14th.
        (PeriodKind.QUARTER, 2026, 1, D(2025, 12, 15), D(2026, 3, 14)),
        (PeriodKind.QUARTER, 2026, 2, D(2026, 3, 15), D(2026, 6, 14)),
        (PeriodKind.QUARTER, 2026, 3, D(2026, 6, 15), D(2026, 9, 14)),
        (PeriodKind.QUARTER, 2026, 4, D(2026, 9, 15), D(2026, 12, 14)),
        (PeriodKind.HALF_YEAR, 2026, 1, D(2025, 12, 15), D(2026, 6, 14)),
        (PeriodKind.NINE_MONTHS, 2026, 1, D(2025, 12, 15), D(2026, 9, 14)),
        (PeriodKind.YEAR, 2026, 1, D(2025, 12, 15), D(2026, 12, 14)),
        (PeriodKind.MONTH, 2026, 1, D(2025, 12, 15), D(2026, 1, 14)),
        (PeriodKind.MONTH, 2026, 3, D(2026, 2, 15), D(2026, 3, 14)),
        (PeriodKind.MONTH, 2026, 12, D(2026, 11, 15), D(2026, 12, 14)),
        (PeriodKind.MONTH, 2024, 3, D(2024, 2, 15), D(2024, 3, 14)),
    ],
)
def test_periods_run_from_the_15th_to_the_14th(kind, year, number, start, end, settings):
    settings.REPORT_CUTOFF_DAY = 15
    period = period_of(kind, year, number)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("day", "kind", "number", "start", "end"),
    [
        # TT 03/2013: the 16th to the 15th.
        (16, PeriodKind.QUARTER, 1, D(2025, 12, 16), D(2026, 3, 15)),
        (16, PeriodKind.YEAR, 1, D(2025, 12, 16), D(2026, 12, 15)),
        # Calendar periods when the cut-off is the 1st.
        (1, PeriodKind.QUARTER, 1, D(2026, 1, 1), D(2026, 3, 31)),
        (1, PeriodKind.MONTH, 2, D(2026, 2, 1), D(2026, 2, 28)),
        (1, PeriodKind.YEAR, 1, D(2026, 1, 1), D(2026, 12, 31)),
        (1, PeriodKind.HALF_YEAR, 1, D(2026, 1, 1), D(2026, 6, 30)),
    ],
)
def test_the_cutoff_day_is_a_setting(day, kind, number, start, end, settings):
    settings.REPORT_CUTOFF_DAY = day
    period = period_of(kind, 2026, number)
    assert (period.start, period.end) == (start, end)


def test_the_default_cutoff_is_the_15th(settings):
    del settings.REPORT_CUTOFF_DAY
    assert period_of(PeriodKind.QUARTER, 2026, 1).start == D(2025, 12, 15)


def test_quarters_and_months_tile_the_year_without_gaps(settings):
    settings.REPORT_CUTOFF_DAY = 15
    for kind, count in ((PeriodKind.QUARTER, 4), (PeriodKind.MONTH, 12)):
        periods = [period_of(kind, 2026, n) for n in range(1, count + 1)]
        assert periods[0].start == period_of(PeriodKind.YEAR, 2026).start
        assert periods[-1].end == period_of(PeriodKind.YEAR, 2026).end
        for before, after in itertools.pairwise(periods):
            assert after.start == before.end + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("kind", "number"),
    [(PeriodKind.QUARTER, 0), (PeriodKind.QUARTER, 5), (PeriodKind.MONTH, 13), ("week", 1)],
)
def test_periods_that_do_not_exist_are_refused(kind, number):
    with pytest.raises(PeriodError):
        period_of(kind, 2026, number)


@pytest.mark.parametrize("day", [0, 29, 31])
def test_a_cutoff_day_missing_from_some_months_is_refused(day, settings):
    settings.REPORT_CUTOFF_DAY = day
    with pytest.raises(PeriodError):
        period_of(PeriodKind.QUARTER, 2026, 1)


def test_a_custom_range_is_any_dates_in_order():
    period = period_custom(D(2024, 8, 1), D(2025, 7, 31))
    assert (period.start, period.end, period.kind) == (D(2024, 8, 1), D(2025, 7, 31), "custom")
    assert "01/08/2024" in period.label
    with pytest.raises(PeriodError):
        period_custom(D(2025, 7, 31), D(2024, 8, 1))


@pytest.mark.parametrize(
    ("day", "kind", "year", "number"),
    [
        (D(2025, 12, 14), PeriodKind.QUARTER, 2025, 4),
        (D(2025, 12, 15), PeriodKind.QUARTER, 2026, 1),
        (D(2026, 3, 14), PeriodKind.QUARTER, 2026, 1),
        (D(2026, 3, 15), PeriodKind.QUARTER, 2026, 2),
        (D(2025, 12, 20), PeriodKind.MONTH, 2026, 1),
        (D(2025, 12, 20), PeriodKind.YEAR, 2026, 1),
        (D(2026, 11, 1), PeriodKind.NINE_MONTHS, 2026, 1),
    ],
)
def test_the_period_containing_a_day(day, kind, year, number, settings):
    settings.REPORT_CUTOFF_DAY = 15
    period = period_containing(kind, day)
    assert (period.year, period.number) == (year, number)


def test_labels_name_the_period_and_its_dates(settings):
    settings.REPORT_CUTOFF_DAY = 15
    label = period_of(PeriodKind.QUARTER, 2026, 1).label
    assert label.startswith("Quý I năm 2026")
    assert "15/12/2025" in label
    assert "14/03/2026" in label
