"""Deadlines computed from a rule, a start event and the calendar (variants, extensions, pauses)."""

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tiepdan.deadlines.compute import compute_deadline
from tiepdan.deadlines.exceptions import DeadlineNotExtendable
from tiepdan.deadlines.rules import RULES, Direction, Unit, Variant, rule_get
from tiepdan.deadlines.tests.calendars import OFFICIAL

D = dt.date


def deadline(rule_id: str, start: dt.date, **options: object):
    return compute_deadline(rule_get(rule_id, start), start, OFFICIAL, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rule_id", "start", "options", "due", "variant"),
    [
        pytest.param("TC-01", D(2026, 2, 13), {}, D(2026, 3, 3), Variant.BASE,
                     id="tc01-seven-working-days-skip-tet-2026"),
        pytest.param("TC-01", D(2026, 2, 13), {"complex": True}, D(2026, 3, 6), Variant.COMPLEX,
                     id="tc01-ten-working-days-several-places"),
        pytest.param("KN-02", D(2026, 6, 20), {}, D(2026, 6, 30), Variant.BASE,
                     id="kn02a-ten-calendar-days-before-reform"),
        pytest.param("KN-02", D(2026, 7, 2), {}, D(2026, 7, 13), Variant.BASE,
                     id="kn02b-seven-working-days-from-1-july-2026"),
        pytest.param("KN-03", D(2026, 1, 5), {}, D(2026, 2, 4), Variant.BASE,
                     id="kn03-thirty-calendar-days"),
        pytest.param("KN-03", D(2026, 1, 5), {"complex": True}, D(2026, 2, 23), Variant.COMPLEX,
                     id="kn03-complex-45-days-ends-in-tet-rolls-forward"),
        pytest.param("KN-03", D(2026, 1, 5), {"remote": True}, D(2026, 2, 23), Variant.REMOTE,
                     id="kn03-remote-takes-kn04-45-days"),
        pytest.param("KN-03", D(2026, 1, 5), {"complex": True, "remote": True}, D(2026, 3, 6),
                     Variant.COMPLEX_REMOTE, id="kn03-complex-remote-takes-kn04-60-days"),
        pytest.param("KN-04", D(2026, 1, 5), {}, D(2026, 2, 23), Variant.BASE,
                     id="kn04-remote-45-days"),
        pytest.param("KN-04", D(2026, 1, 5), {"complex": True}, D(2026, 3, 6), Variant.COMPLEX,
                     id="kn04-remote-complex-60-days"),
        pytest.param("KN-07", D(2026, 3, 2), {}, D(2026, 4, 16), Variant.BASE,
                     id="kn07-45-days"),
        pytest.param("KN-07", D(2026, 3, 2), {"complex": True}, D(2026, 5, 4), Variant.COMPLEX,
                     id="kn07-complex-60-days-ends-on-labour-day-rolls"),
        pytest.param("KN-07", D(2026, 3, 2), {"complex": True, "remote": True}, D(2026, 5, 11),
                     Variant.COMPLEX_REMOTE, id="kn07-complex-remote-70-days"),
        pytest.param("KN-08", D(2026, 3, 2), {}, D(2026, 5, 4), Variant.BASE,
                     id="kn08-remote-60-days"),
        pytest.param("KN-08", D(2026, 3, 2), {"complex": True}, D(2026, 5, 11), Variant.COMPLEX,
                     id="kn08-remote-complex-70-days"),
        pytest.param("KN-06", D(2026, 3, 2), {"remote": True}, D(2026, 4, 16), Variant.REMOTE,
                     id="kn06-second-complaint-window-remote-45-days"),
        pytest.param("KN-05", D(2026, 3, 2), {"remote": True, "complex": True}, D(2026, 3, 5),
                     Variant.BASE, id="kn05-has-no-variants-flags-ignored"),
        pytest.param("KN-03", D(2026, 1, 5), {"complex": True, "roll_forward_default": False},
                     D(2026, 2, 19), Variant.COMPLEX, id="kn03-complex-without-roll-forward"),
        pytest.param("TC-12", D(2026, 1, 2), {}, D(2026, 1, 17), Variant.BASE,
                     id="tc12-minimum-posting-never-rolls"),
        pytest.param("TCD-06", D(2026, 1, 12), {}, D(2026, 1, 6), Variant.BASE,
                     id="tcd06-schedule-five-working-days-before-counts-make-up-saturday"),
        pytest.param("TCD-08", D(2026, 8, 24), {}, D(2026, 8, 22), Variant.BASE,
                     id="tcd08-link-test-on-make-up-saturday-22-08-2026"),
        pytest.param("KN-14", D(2026, 7, 23), {}, D(2026, 7, 17), Variant.BASE,
                     id="kn14-dialogue-notice-moves-back-to-friday"),
        pytest.param("KN-14", D(2026, 7, 23), {"roll_forward_default": False}, D(2026, 7, 18),
                     Variant.BASE, id="kn14-dialogue-notice-without-roll"),
        pytest.param("TCD-05b", D(2025, 12, 31), {}, D(2026, 1, 9), Variant.BASE,
                     id="tcd05b-skips-declared-day-off-02-01-2026"),
    ],
)  # fmt: skip
def test_compute_deadline(
    rule_id: str, start: dt.date, options: dict, due: dt.date, variant: Variant
):
    result = deadline(rule_id, start, **options)
    assert (result.due_on, result.variant) == (due, variant)


@pytest.mark.parametrize(
    ("options", "due", "extensions"),
    [
        pytest.param({}, D(2026, 4, 1), (), id="no-extension"),
        pytest.param({"complex": True, "extensions_used": 1}, D(2026, 5, 4), (30,),
                     id="complex-once-tc06-rolls-past-labour-day"),
        pytest.param({"especially_complex": True, "extensions_used": 1}, D(2026, 5, 4), (30,),
                     id="especially-complex-once"),
        pytest.param({"especially_complex": True, "extensions_used": 2}, D(2026, 6, 3), (30, 30),
                     id="especially-complex-twice-tc07-from-current-deadline"),
    ],
)  # fmt: skip
def test_tc05_extensions_add_thirty_days_to_the_current_deadline(
    options: dict, due: dt.date, extensions: tuple[int, ...]
):
    result = deadline("TC-05", D(2026, 3, 2), **options)
    assert (result.due_on, result.extensions, result.duration_days) == (due, extensions, 30)


@pytest.mark.parametrize(
    ("rule_id", "options"),
    [
        pytest.param("TC-05", {"extensions_used": 1}, id="tc05-simple-case-cannot-extend"),
        pytest.param("TC-05", {"complex": True, "extensions_used": 2}, id="tc06-complex-only-once"),
        pytest.param("TC-05", {"especially_complex": True, "extensions_used": 3},
                     id="tc07-especially-complex-only-twice"),
        pytest.param("KN-03", {"complex": True, "extensions_used": 1}, id="kn03-no-extension"),
    ],
)  # fmt: skip
def test_more_extensions_than_the_law_allows_are_refused(rule_id: str, options: dict):
    with pytest.raises(DeadlineNotExtendable, match=rule_id):
        deadline(rule_id, D(2026, 3, 2), **options)


def test_negative_extension_count_is_a_programming_error():
    with pytest.raises(ValueError, match="negative"):
        deadline("TC-05", D(2026, 3, 2), extensions_used=-1)


def test_suspended_days_extend_the_resolution_and_are_reported():
    pause = [(D(2026, 3, 10), D(2026, 3, 19))]
    result = deadline("TC-05", D(2026, 3, 2), suspended=pause)
    assert result.due_on == D(2026, 4, 13)  # 01/04 + 10 days = Sat 11/04, rolled to Monday
    assert result.suspended_days == 10
    assert result.moved_to_working_day


def test_suspension_after_the_deadline_does_not_count():
    result = deadline("TC-05", D(2026, 3, 2), suspended=[(D(2026, 5, 1), D(2026, 5, 9))])
    assert (result.due_on, result.suspended_days) == (D(2026, 4, 1), 0)


def test_explanation_names_rule_start_and_legal_source():
    with translation.override("en"):
        text = deadline("TC-01", D(2026, 2, 13)).explain()
    assert text == (
        "TC-01 Initial processing of a denunciation: 7 working days from receipt (2026-02-13)"
        " — LTC Art. 24.1"
    )


def test_explanation_of_an_extended_suspended_rolled_deadline_says_so():
    result = deadline(
        "TC-05",
        D(2026, 3, 2),
        especially_complex=True,
        extensions_used=2,
        suspended=[(D(2026, 3, 10), D(2026, 3, 12))],
    )
    with translation.override("en"):
        text = result.explain()
    assert "30 calendar days from acceptance (2026-03-02)" in text
    assert "2 extensions of 30 days" in text
    assert "3 suspended days not counted" in text
    assert text.endswith("— LTC Art. 30.1")


def test_explanation_of_a_before_rule_says_at_least():
    with translation.override("en"):
        text = deadline("KN-14", D(2026, 7, 23)).explain()
    assert "at least 5 calendar days before the dialogue (2026-07-23)" in text
    assert "moved to the previous working day" in text


def test_record_keeps_what_is_needed_to_recompute():
    record = deadline("KN-02", D(2026, 6, 20)).as_record()
    assert record == {
        "rule_id": "KN-02a",
        "start_on": "2026-06-20",
        "due_on": "2026-06-30",
        "duration_days": 10,
        "unit": "calendar",
        "direction": "after",
        "variant": "base",
        "extensions": [],
        "suspended_days": 0,
        "source": "LKN Art. 27, 36.1",
        "valid_from": None,
        "valid_to": "2026-06-30",
    }


# --- Properties over every rule --------------------------------------------------------------

rules = st.sampled_from(RULES)
days = st.dates(min_value=D(2024, 1, 1), max_value=D(2027, 12, 31))


@given(rule=rules, a=days, b=days, complex=st.booleans(), remote=st.booleans())
def test_due_date_is_monotonic_in_the_start_for_every_rule(rule, a, b, complex, remote):
    first, second = sorted((a, b))
    due_first = compute_deadline(rule, first, OFFICIAL, complex=complex, remote=remote).due_on
    due_second = compute_deadline(rule, second, OFFICIAL, complex=complex, remote=remote).due_on
    assert due_first <= due_second


@given(rule=rules, start=days, roll=st.booleans())
def test_deadline_falls_on_a_working_day_unless_rolling_is_off(rule, start, roll):
    result = compute_deadline(rule, start, OFFICIAL, roll_forward_default=roll)
    rolls = rule.roll_forward if rule.roll_forward is not None else roll
    if rule.unit is Unit.WORKING or rolls:
        assert OFFICIAL.is_working_day(result.due_on)


@given(rule=st.sampled_from([r for r in RULES if r.unit is Unit.WORKING]), start=days)
def test_working_day_rule_holds_exactly_its_working_days(rule, start):
    result = compute_deadline(rule, start, OFFICIAL)
    sign = -1 if rule.direction is Direction.BEFORE else 1
    assert OFFICIAL.working_days_between(start, result.due_on) == sign * result.duration_days
