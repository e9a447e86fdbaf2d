"""Reporting periods with the legal cut-off dates (RPT-01, LEGAL.md §7.1). Pure functions.

TT 01/2024 and TT 02/2021 count a period from the 15th of the month before it starts to the 14th
of its last month (Q1 = 15/12 of the previous year → 14/03; the year = 15/12 → 14/12). TT 03/2013
used 16 → 15. TT 06/2025's own cut-offs were not read [U], so the day is the setting
`REPORT_CUTOFF_DAY` (default 15; 1 gives calendar months). Ad-hoc requests take any date range.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_CUTOFF_DAY = 15


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("6 months")
    NINE_MONTHS = "nine_months", _("9 months")
    YEAR = "year", _("Year")
    CUSTOM = "custom", _("Date range")


# How many numbered periods a year has, and the (first month, months long) of number n.
PERIOD_COUNT: dict[str, int] = {
    PeriodKind.MONTH: 12,
    PeriodKind.QUARTER: 4,
    PeriodKind.HALF_YEAR: 1,
    PeriodKind.NINE_MONTHS: 1,
    PeriodKind.YEAR: 1,
}


class PeriodError(ValueError):
    """A period that does not exist (quarter 5, cut-off day 31, end before start)."""


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date  # inclusive
    year: int = 0
    number: int = 0

    @property
    def label(self) -> str:
        """As the forms print it (statutory Vietnamese text)."""
        dates = f"từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"
        names = {
            PeriodKind.MONTH: f"Tháng {self.number}/{self.year}",
            PeriodKind.QUARTER: f"Quý {_roman(self.number)} năm {self.year}",
            PeriodKind.HALF_YEAR: f"6 tháng năm {self.year}",
            PeriodKind.NINE_MONTHS: f"9 tháng năm {self.year}",
            PeriodKind.YEAR: f"Năm {self.year}",
        }
        name = names.get(PeriodKind(self.kind)) if self.kind in PERIOD_COUNT else None
        return f"{name} ({dates})" if name else dates[0].upper() + dates[1:]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _roman(number: int) -> str:
    return ("I", "II", "III", "IV")[number - 1] if 1 <= number <= 4 else str(number)


def cutoff_day() -> int:
    day = int(getattr(settings, "REPORT_CUTOFF_DAY", DEFAULT_CUTOFF_DAY))
    if not 1 <= day <= 28:
        # 29-31 do not exist in every month; a configuration error, caught at first use.
        raise PeriodError(f"REPORT_CUTOFF_DAY must be 1-28, not {day}")
    return day


def month_start(year: int, month: int, day: int) -> dt.date:
    """The first day of reporting month (year, month): the cut-off day of the month before, or
    the 1st of the month itself when the cut-off day is 1. `month` may run past 12."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    if day == 1:
        return dt.date(year, month, 1)
    if month == 1:
        return dt.date(year - 1, 12, day)
    return dt.date(year, month - 1, day)


def period_of(kind: str, year: int, number: int = 1, *, day: int | None = None) -> Period:
    """The numbered period of a year: month 1-12, quarter 1-4; 6 months, 9 months and the year
    have number 1. Each ends the day before the next period of its length would start."""
    day = cutoff_day() if day is None else day
    if kind not in PERIOD_COUNT:
        raise PeriodError(f"unknown period kind {kind!r}")
    if not 1 <= number <= PERIOD_COUNT[kind]:
        raise PeriodError(f"{kind} {number} does not exist")
    first, months = {
        PeriodKind.MONTH: (number, 1),
        PeriodKind.QUARTER: (3 * number - 2, 3),
        PeriodKind.HALF_YEAR: (1, 6),
        PeriodKind.NINE_MONTHS: (1, 9),
        PeriodKind.YEAR: (1, 12),
    }[PeriodKind(kind)]
    start = month_start(year, first, day)
    end = month_start(year, first + months, day) - dt.timedelta(days=1)
    return Period(kind=kind, start=start, end=end, year=year, number=number)


def period_custom(start: dt.date, end: dt.date) -> Period:
    """Any date range, for ad-hoc requests (e.g. TTCP's 01/08/2024-31/07/2025, LEGAL.md §7.1)."""
    if end < start:
        raise PeriodError("the end is before the start")
    return Period(kind=PeriodKind.CUSTOM, start=start, end=end)


def period_containing(kind: str, day: dt.date, *, cutoff: int | None = None) -> Period:
    """The numbered period of a kind that contains a day (the default choice on the page)."""
    cutoff = cutoff_day() if cutoff is None else cutoff
    for year in (day.year, day.year + 1):
        for number in range(1, PERIOD_COUNT[kind] + 1):
            period = period_of(kind, year, number, day=cutoff)
            if period.contains(day):
                return period
    # 6 and 9 months do not cover the whole year: the latest one that started.
    return period_of(kind, day.year if day >= month_start(day.year, 1, cutoff) else day.year - 1)
