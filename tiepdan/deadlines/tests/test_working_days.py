"""The working-day calendar and day counting (CAL-01..CAL-07)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiepdan.deadlines.tests.calendars import OFFICIAL, PACKAGE_ONLY
from tiepdan.deadlines.working_days import WorkingCalendar

D = dt.date

days_2024_2027 = st.dates(min_value=D(2024, 1, 1), max_value=D(2027, 12, 31))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D(2026, 1, 5), True, id="ordinary-monday"),
        pytest.param(D(2026, 1, 3), False, id="saturday"),
        pytest.param(D(2026, 1, 4), False, id="sunday"),
        pytest.param(D(2026, 1, 1), False, id="tet-duong-lich-2026"),
        pytest.param(D(2026, 1, 2), False, id="declared-day-off-02-01-2026"),
        pytest.param(D(2026, 1, 10), True, id="make-up-saturday-10-01-2026"),
        pytest.param(D(2025, 1, 27), False, id="tet-2025-first-day"),
        pytest.param(D(2025, 1, 31), False, id="tet-2025-last-day"),
        pytest.param(D(2025, 2, 3), True, id="after-tet-2025"),
        pytest.param(D(2025, 4, 7), False, id="gio-to-2025"),
        pytest.param(D(2025, 4, 26), True, id="make-up-saturday-26-04-2025"),
        pytest.param(D(2025, 5, 2), False, id="swapped-day-off-02-05-2025"),
        pytest.param(D(2025, 9, 1), False, id="quoc-khanh-2025"),
        pytest.param(D(2026, 2, 13), True, id="last-working-day-before-tet-2026"),
        pytest.param(D(2026, 2, 16), False, id="tet-2026-first-day"),
        pytest.param(D(2026, 2, 20), False, id="tet-2026-last-day"),
        pytest.param(D(2026, 2, 23), True, id="first-working-day-after-tet-2026"),
        pytest.param(D(2026, 4, 27), False, id="gio-to-2026-compensatory-monday"),
        pytest.param(D(2026, 4, 30), False, id="victory-day-2026"),
        pytest.param(D(2026, 5, 1), False, id="labour-day-2026"),
        pytest.param(D(2026, 8, 22), True, id="make-up-saturday-22-08-2026"),
        pytest.param(D(2026, 8, 31), False, id="swapped-day-off-31-08-2026"),
        pytest.param(D(2026, 9, 2), False, id="quoc-khanh-2026"),
        pytest.param(D(2026, 11, 24), True, id="van-hoa-day-not-applied-cal05"),
    ],
)
def test_is_working_day_follows_the_official_2025_2026_schedule(day: dt.date, expected: bool):
    assert OFFICIAL.is_working_day(day) is expected


@pytest.mark.parametrize(
    ("day", "package_says", "override_says"),
    [
        pytest.param(D(2026, 1, 2), True, False, id="02-01-2026-off-only-by-override"),
        pytest.param(D(2026, 1, 10), False, True, id="10-01-2026-worked-only-by-override"),
        pytest.param(D(2026, 11, 24), False, True, id="24-11-cancelled-only-by-override"),
    ],
)
def test_overrides_change_what_the_package_alone_says(
    day: dt.date, package_says: bool, override_says: bool
):
    assert PACKAGE_ONLY.is_working_day(day) is package_says
    assert OFFICIAL.is_working_day(day) is override_says


def test_holiday_name_comes_from_the_package_unless_cancelled():
    assert "Tết" in (OFFICIAL.holiday_name(D(2026, 2, 17)) or "")
    assert PACKAGE_ONLY.holiday_name(D(2026, 11, 24)) is not None
    assert OFFICIAL.holiday_name(D(2026, 11, 24)) is None


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        pytest.param(D(2026, 2, 13), 7, D(2026, 3, 3), id="seven-working-days-skip-tet-2026"),
        pytest.param(D(2025, 1, 24), 1, D(2025, 2, 3), id="one-working-day-skips-tet-2025"),
        pytest.param(D(2025, 12, 31), 2, D(2026, 1, 6), id="skips-01-and-02-01-2026"),
        pytest.param(D(2026, 1, 9), 1, D(2026, 1, 10), id="make-up-saturday-counts"),
        pytest.param(D(2026, 1, 5), 5, D(2026, 1, 10), id="week-ending-on-make-up-saturday"),
        pytest.param(D(2026, 8, 28), 1, D(2026, 9, 3), id="skips-31-08-and-quoc-khanh-2026"),
        pytest.param(D(2026, 1, 3), 1, D(2026, 1, 5), id="start-on-weekend-not-counted"),
        pytest.param(D(2026, 1, 5), 0, D(2026, 1, 5), id="zero-days-is-the-start"),
        pytest.param(D(2026, 1, 12), -5, D(2026, 1, 6), id="backwards-counts-make-up-saturday"),
    ],
)
def test_add_working_days_does_not_count_the_start_day(
    start: dt.date, days: int, expected: dt.date
):
    assert OFFICIAL.add_working_days(start, days) == expected


@pytest.mark.parametrize(
    ("start", "days", "roll_forward", "expected"),
    [
        pytest.param(D(2026, 1, 5), 30, True, D(2026, 2, 4), id="ends-on-a-working-day"),
        pytest.param(D(2026, 1, 17), 30, True, D(2026, 2, 23), id="tet-2026-rolls-forward"),
        pytest.param(D(2026, 1, 17), 30, False, D(2026, 2, 16), id="tet-2026-no-roll"),
        pytest.param(D(2026, 1, 1), 30, True, D(2026, 2, 2), id="saturday-rolls-to-monday"),
        pytest.param(D(2026, 1, 1), 30, False, D(2026, 1, 31), id="saturday-kept-without-roll"),
        pytest.param(D(2025, 12, 31), 10, True, D(2026, 1, 10), id="make-up-saturday-is-last-day"),
        pytest.param(D(2025, 12, 23), 10, True, D(2026, 1, 5), id="declared-day-off-rolls"),
        pytest.param(D(2026, 7, 23), -5, True, D(2026, 7, 17), id="backwards-rolls-to-friday"),
        pytest.param(D(2026, 7, 23), -5, False, D(2026, 7, 18), id="backwards-no-roll"),
    ],
)
def test_add_calendar_days_rolls_a_non_working_last_day_when_asked(
    start: dt.date, days: int, roll_forward: bool, expected: dt.date
):
    assert OFFICIAL.add_calendar_days(start, days, roll_forward=roll_forward) == expected


@pytest.mark.parametrize(
    ("start", "days", "suspended", "expected"),
    [
        pytest.param(
            D(2026, 3, 2), 5, [(D(2026, 3, 4), D(2026, 3, 6))], D(2026, 3, 12), id="mid-period"
        ),
        pytest.param(
            D(2026, 3, 5), 1, [(D(2026, 3, 4), D(2026, 3, 6))], D(2026, 3, 9), id="start-inside"
        ),
        pytest.param(
            D(2026, 3, 2), 5, [(D(2026, 4, 1), D(2026, 4, 30))], D(2026, 3, 9), id="after-due"
        ),
    ],
)
def test_suspended_working_days_do_not_count(
    start: dt.date, days: int, suspended: list[tuple[dt.date, dt.date]], expected: dt.date
):
    assert OFFICIAL.add_working_days(start, days, suspended=suspended) == expected


@pytest.mark.parametrize(
    ("roll_forward", "expected"),
    [
        pytest.param(True, D(2026, 4, 13), id="roll-forward"),
        pytest.param(False, D(2026, 4, 11), id="no-roll"),
    ],
)
def test_ten_suspended_days_push_a_calendar_period_by_ten_days(
    roll_forward: bool, expected: dt.date
):
    suspended = [(D(2026, 3, 10), D(2026, 3, 19))]
    got = OFFICIAL.add_calendar_days(
        D(2026, 3, 2), 30, roll_forward=roll_forward, suspended=suspended
    )
    assert got == expected


def test_a_suspension_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends before"):
        OFFICIAL.add_working_days(D(2026, 3, 2), 5, suspended=[(D(2026, 3, 9), D(2026, 3, 4))])


def test_next_and_previous_working_day_jump_over_tet_2026():
    assert OFFICIAL.next_working_day(D(2026, 2, 13)) == D(2026, 2, 23)
    assert OFFICIAL.previous_working_day(D(2026, 2, 23)) == D(2026, 2, 13)
    assert OFFICIAL.roll_to_working_day(D(2026, 2, 13)) == D(2026, 2, 13)


def test_working_days_between_counts_after_start_up_to_end():
    assert OFFICIAL.working_days_between(D(2026, 2, 13), D(2026, 3, 3)) == 7
    assert OFFICIAL.working_days_between(D(2026, 1, 12), D(2026, 1, 6)) == -5
    assert OFFICIAL.working_days_between(D(2026, 2, 16), D(2026, 2, 20)) == 0


def test_a_day_with_two_overrides_is_refused():
    with pytest.raises(ValueError, match="two calendar overrides"):
        WorkingCalendar(
            days_off=frozenset({D(2026, 1, 2)}), not_holidays=frozenset({D(2026, 1, 2)})
        )


def test_from_overrides_sorts_days_by_kind():
    calendar = WorkingCalendar.from_overrides(
        [(D(2026, 1, 2), "day_off"), (D(2026, 1, 10), "make_up_workday")]
    )
    assert calendar.days_off == {D(2026, 1, 2)}
    assert calendar.make_up_workdays == {D(2026, 1, 10)}
    with pytest.raises(ValueError):
        WorkingCalendar.from_overrides([(D(2026, 1, 2), "holiday")])


# --- Properties -----------------------------------------------------------------------------


@given(a=days_2024_2027, b=days_2024_2027, n=st.integers(0, 60))
def test_working_day_due_date_is_monotonic_in_the_start(a: dt.date, b: dt.date, n: int):
    first, second = sorted((a, b))
    assert OFFICIAL.add_working_days(first, n) <= OFFICIAL.add_working_days(second, n)
    assert OFFICIAL.add_working_days(first, -n) <= OFFICIAL.add_working_days(second, -n)


@given(a=days_2024_2027, b=days_2024_2027, n=st.integers(0, 120), roll=st.booleans())
def test_calendar_day_due_date_is_monotonic_in_the_start(
    a: dt.date, b: dt.date, n: int, roll: bool
):
    first, second = sorted((a, b))
    assert OFFICIAL.add_calendar_days(first, n, roll_forward=roll) <= OFFICIAL.add_calendar_days(
        second, n, roll_forward=roll
    )


@given(start=days_2024_2027, n=st.integers(1, 60))
def test_working_day_period_never_ends_on_a_non_working_day(start: dt.date, n: int):
    assert OFFICIAL.is_working_day(OFFICIAL.add_working_days(start, n))
    assert OFFICIAL.is_working_day(OFFICIAL.add_working_days(start, -n))


@given(start=days_2024_2027, n=st.integers(0, 120))
def test_rolled_calendar_period_never_ends_on_a_non_working_day(start: dt.date, n: int):
    assert OFFICIAL.is_working_day(OFFICIAL.add_calendar_days(start, n, roll_forward=True))
    assert OFFICIAL.is_working_day(OFFICIAL.add_calendar_days(start, -n, roll_forward=True))


@given(
    start=days_2024_2027,
    n=st.integers(-60, 60),
    pause_offset=st.integers(0, 40),
    pause_length=st.integers(0, 20),
)
def test_n_working_days_after_start_hold_exactly_n_working_days(
    start: dt.date, n: int, pause_offset: int, pause_length: int
):
    pause_start = start + dt.timedelta(days=pause_offset)
    suspended = [(pause_start, pause_start + dt.timedelta(days=pause_length))]
    due = OFFICIAL.add_working_days(start, n, suspended=suspended)
    assert OFFICIAL.working_days_between(start, due, suspended=suspended) == n
