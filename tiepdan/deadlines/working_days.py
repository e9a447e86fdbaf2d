"""Working days of state agencies: Monday-Friday, public holidays, declared days off and swaps.

Pure Python (no Django, no database): the declared days come in as data, so every rule of
LEGAL.md §8 (CAL-01..CAL-07) can be unit-tested without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

import holidays

ONE_DAY = dt.timedelta(days=1)
# CAL-01 (QĐ 188/1999/QĐ-TTg Art. 1): Saturday and Sunday are the weekly rest days.
WEEKEND_DAYS = frozenset({5, 6})

# (first day, last day), both inclusive: a suspension of resolution (LTC Art. 34.2; NĐ 124/2020
# Art. 28b.2). Its days do not count and the clock continues from the day after the last one.
SuspendedPeriod = tuple[dt.date, dt.date]


class OverrideKind(StrEnum):
    """What a declared calendar entry does (CAL-04, CAL-05)."""

    DAY_OFF = "day_off"
    MAKE_UP_WORKDAY = "make_up_workday"
    NOT_HOLIDAY = "not_holiday"


@lru_cache(maxsize=64)
def package_holidays(year: int) -> Mapping[dt.date, str]:
    """Public holidays of Vietnam in `year`, from the holidays package (CAL-02, CAL-03).

    The package computes the lunar holidays (Tết, Giỗ Tổ) and the compensatory days. It is
    asked for one year at a time and the answer cached, because the calendar asks day by day.
    We do not use its `weekend_workdays`: it is not filtered by year and misses announced swaps
    (DEPENDENCIES.md); make-up Saturdays come only from the override table.
    """
    found = holidays.country_holidays("VN", years=year, language="vi")
    return MappingProxyType({day: str(name) for day, name in found.items() if day.year == year})


def _is_suspended(day: dt.date, suspended: Sequence[SuspendedPeriod]) -> bool:
    return any(first <= day <= last for first, last in suspended)


def _check_periods(suspended: Sequence[SuspendedPeriod]) -> None:
    for first, last in suspended:
        if last < first:
            raise ValueError(f"suspended period ends before it starts: {first} .. {last}")


@dataclass(frozen=True)
class WorkingCalendar:
    """The working-day calendar: weekends, package holidays, and the declared overrides.

    `days_off` are announced weekday days off (e.g. 02/01/2026, VPCP 12729/VPCP-KGVX),
    `make_up_workdays` announced working Saturdays (e.g. 10/01/2026), `not_holidays` package
    holidays whose legal force is not established (CAL-05: 24/11 Ngày Văn hóa Việt Nam).
    """

    days_off: frozenset[dt.date] = frozenset()
    make_up_workdays: frozenset[dt.date] = frozenset()
    not_holidays: frozenset[dt.date] = frozenset()

    def __post_init__(self) -> None:
        clash = (
            (self.days_off & self.make_up_workdays)
            | (self.days_off & self.not_holidays)
            | (self.make_up_workdays & self.not_holidays)
        )
        if clash:
            raise ValueError(f"a day has two calendar overrides: {sorted(clash)}")

    @classmethod
    def from_overrides(cls, overrides: Iterable[tuple[dt.date, str]]) -> WorkingCalendar:
        """Build from (day, kind) pairs, `kind` being an OverrideKind value."""
        by_kind: dict[OverrideKind, set[dt.date]] = {kind: set() for kind in OverrideKind}
        for day, kind in overrides:
            by_kind[OverrideKind(kind)].add(day)
        return cls(
            days_off=frozenset(by_kind[OverrideKind.DAY_OFF]),
            make_up_workdays=frozenset(by_kind[OverrideKind.MAKE_UP_WORKDAY]),
            not_holidays=frozenset(by_kind[OverrideKind.NOT_HOLIDAY]),
        )

    def holiday_name(self, day: dt.date) -> str | None:
        """The package's name of the public holiday on `day`, unless the override cancels it."""
        if day in self.not_holidays:
            return None
        return package_holidays(day.year).get(day)

    def is_working_day(self, day: dt.date) -> bool:
        """Whether state agencies work on `day` (GLOSSARY: ngày làm việc)."""
        if day in self.make_up_workdays:  # CAL-04: an announced make-up Saturday is worked
            return True
        if day in self.days_off:  # CAL-04: an announced swap or extra day off
            return False
        if day.weekday() in WEEKEND_DAYS:  # CAL-01
            return False
        return self.holiday_name(day) is None  # CAL-02, CAL-03, CAL-05

    def _counts(self, day: dt.date, suspended: Sequence[SuspendedPeriod]) -> bool:
        return self.is_working_day(day) and not _is_suspended(day, suspended)

    def next_working_day(
        self, day: dt.date, *, suspended: Sequence[SuspendedPeriod] = ()
    ) -> dt.date:
        """The first working day strictly after `day` that is not suspended."""
        day += ONE_DAY
        while not self._counts(day, suspended):
            day += ONE_DAY
        return day

    def previous_working_day(
        self, day: dt.date, *, suspended: Sequence[SuspendedPeriod] = ()
    ) -> dt.date:
        """The last working day strictly before `day` that is not suspended."""
        day -= ONE_DAY
        while not self._counts(day, suspended):
            day -= ONE_DAY
        return day

    def add_working_days(
        self, start: dt.date, days: int, *, suspended: Sequence[SuspendedPeriod] = ()
    ) -> dt.date:
        """The day on which a period of `days` working days from `start` ends.

        CAL-06 (BLDS Art. 147.2): the start day is not counted. Weekends, holidays, declared days
        off and suspended days are skipped; declared make-up Saturdays count. A negative `days`
        counts backwards from an event (rules with direction BEFORE), the event day not counted.
        """
        _check_periods(suspended)
        step = ONE_DAY if days >= 0 else -ONE_DAY
        day, remaining = start, abs(days)
        while remaining:
            day += step
            if self._counts(day, suspended):
                remaining -= 1
        return day

    def add_calendar_days(
        self,
        start: dt.date,
        days: int,
        *,
        roll_forward: bool,
        suspended: Sequence[SuspendedPeriod] = (),
    ) -> dt.date:
        """The day on which a period of `days` calendar days from `start` ends.

        CAL-06: the start day is not counted (BLDS Art. 147.2); suspended days are not counted
        (LTC Art. 34.2; NĐ 124/2020 Art. 28b.2). With `roll_forward`, a period ending on a
        non-working day ends on the next working day (BLDS Art. 148.5). Counting backwards
        (negative `days`, direction BEFORE), the latest day to act moves to the previous working
        day instead, so acting on it still leaves the full period before the event.
        """
        _check_periods(suspended)
        step = ONE_DAY if days >= 0 else -ONE_DAY
        day, remaining = start, abs(days)
        while remaining:
            day += step
            if not _is_suspended(day, suspended):
                remaining -= 1
        if roll_forward:
            return self.roll_to_working_day(day, backwards=days < 0, suspended=suspended)
        return day

    def roll_to_working_day(
        self,
        day: dt.date,
        *,
        backwards: bool = False,
        suspended: Sequence[SuspendedPeriod] = (),
    ) -> dt.date:
        """`day` if it is a working day, else the next one (CAL-06, BLDS Art. 148.5).

        `backwards` gives the previous working day instead: the latest day to act before an
        event (direction BEFORE).
        """
        if self.is_working_day(day):
            return day
        if backwards:
            return self.previous_working_day(day, suspended=suspended)
        return self.next_working_day(day, suspended=suspended)

    def working_days_between(
        self, first: dt.date, last: dt.date, *, suspended: Sequence[SuspendedPeriod] = ()
    ) -> int:
        """Working days after `first` up to and including `last`; the inverse of add_working_days.

        working_days_between(d, add_working_days(d, n)) == n for every n. Counting backwards
        (`last` before `first`) mirrors that: the answer is negative and the event day `first`
        is the one left out.
        """
        _check_periods(suspended)
        if first <= last:
            low, high, sign = first + ONE_DAY, last, 1
        else:
            low, high, sign = last, first - ONE_DAY, -1
        count, day = 0, low
        while day <= high:
            count += self._counts(day, suspended)
            day += ONE_DAY
        return sign * count
