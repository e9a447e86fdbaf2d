"""The table of time-limit rules and how the applicable version is found (CAL-00)."""

import datetime as dt
import itertools

import pytest
from django.core import checks

from tiepdan.core.exceptions import ValidationFailed
from tiepdan.deadlines.checks import check_time_limit_overrides
from tiepdan.deadlines.exceptions import RuleNotConfigurable, RuleNotInForce, UnknownRule
from tiepdan.deadlines.rules import (
    RULES,
    Direction,
    Status,
    Unit,
    override_errors,
    rule_get,
    rule_list,
)

D = dt.date
WD, CD = Unit.WORKING, Unit.CALENDAR

LEGAL_MD_IDS = [
    "TCD-02", "TCD-04", "TCD-05a", "TCD-05b", "TCD-06", "TCD-07", "TCD-08",
    "XLD-05", "XLD-06",
    "KN-01", "KN-02a", "KN-02b", "KN-03", "KN-04", "KN-05", "KN-06", "KN-07", "KN-08",
    "KN-09", "KN-10", "KN-11", "KN-12", "KN-13", "KN-14", "KN-15", "KN-16",
    "KN-D1", "KN-D2", "KN-D3", "KN-D4", "KN-D5",
    "TC-01", "TC-02", "TC-03", "TC-04", "TC-05", "TC-06", "TC-07", "TC-08", "TC-09", "TC-10",
    "TC-11", "TC-12", "TC-13", "TC-14a", "TC-14b",
    "PA-01", "PA-02",
]  # fmt: skip


def test_the_table_holds_exactly_the_rules_of_legal_md():
    assert [rule.rule_id for rule in rule_list()] == LEGAL_MD_IDS


DURATIONS = [
    ("TCD-02", 3, WD, "NĐ 154/2026 Art. 4.3"),
    ("TCD-04", 10, WD, "LTCD Art. 28.1"),
    ("TCD-05a", 7, WD, "LTCD Art. 27.2"),
    ("TCD-05b", 5, WD, "LTCD Art. 28.2"),
    ("XLD-05", 10, WD, "TT 05/2021/TT-TTCP: chưa quy định thời hạn; mặc định (XLD-05)"),
    ("KN-01", 90, CD, "LKN Art. 9"),
    ("KN-02a", 10, CD, "LKN Art. 27, 36.1"),
    ("KN-02b", 7, WD, "NĐ 155/2026 Art. 10"),
    ("KN-03", 30, CD, "LKN Art. 28"),
    ("KN-05", 3, WD, "LKN Art. 32"),
    ("KN-09", 7, CD, "LKN Art. 41.1"),
    ("KN-13", 5, WD, "NĐ 124/2020 Art. 31"),
    ("KN-15", 3, WD, "NĐ 124/2020 Art. 28b (added by NĐ 155/2026 Art. 12)"),
    ("KN-16", 30, CD, "LKN Art. 11.8"),
    ("KN-D1", 15, CD, "LKN Art. 48"),
    ("KN-D5", 30, CD, "LKN Art. 50"),
    ("TC-01", 7, WD, "LTC Art. 24.1"),
    ("TC-03", 20, CD, "LTC Art. 26.2"),
    ("TC-05", 30, CD, "LTC Art. 30.1"),
    ("TC-06", 30, CD, "LTC Art. 30.2; NĐ 31 Art. 3.2"),
    ("TC-07", 30, CD, "LTC Art. 30.3; NĐ 31 Art. 3.3"),
    ("TC-10", 7, WD, "LTC Art. 36.1"),
    ("TC-13", 20, CD, "LTC Art. 37.2"),
    ("PA-01", 30, CD, "Chưa có thời hạn luật định (LEGAL.md §6.1); mặc định (PA-01)"),
    ("PA-02", 5, WD, "NĐ 20/2008 Art. 9.1.d"),
]


@pytest.mark.parametrize(
    ("rule_id", "days", "unit", "source"), DURATIONS, ids=[row[0] for row in DURATIONS]
)
def test_rule_duration_unit_and_source_match_legal_md(
    rule_id: str, days: int, unit: Unit, source: str
):
    rule = rule_get(rule_id, D(2026, 7, 1))
    assert (rule.duration_days, rule.unit, rule.source) == (days, unit, source)


@pytest.mark.parametrize(
    ("rule_id", "complex_days", "remote_days", "complex_remote_days"),
    [
        pytest.param("KN-03", 45, 45, 60, id="KN-03-remote-from-KN-04"),
        pytest.param("KN-04", 60, None, None, id="KN-04"),
        pytest.param("KN-06", None, 45, None, id="KN-06"),
        pytest.param("KN-07", 60, 60, 70, id="KN-07-remote-from-KN-08"),
        pytest.param("KN-08", 70, None, None, id="KN-08"),
        pytest.param("TC-01", 10, None, None, id="TC-01-several-places"),
    ],
)
def test_variants_for_complex_cases_and_remote_areas(
    rule_id: str, complex_days: int | None, remote_days: int | None, complex_remote_days: int | None
):
    variants = rule_get(rule_id, D(2026, 1, 5)).variants
    assert (variants.complex, variants.remote, variants.complex_remote) == (
        complex_days,
        remote_days,
        complex_remote_days,
    )


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        pytest.param(D(2026, 6, 20), "KN-02a", id="before-reform"),
        pytest.param(D(2026, 6, 30), "KN-02a", id="last-day-of-old-law"),
        pytest.param(D(2026, 7, 1), "KN-02b", id="first-day-of-new-law"),
        pytest.param(D(2027, 1, 1), "KN-02b", id="later"),
    ],
)
def test_family_kn02_picks_the_version_in_force_on_receipt(on: dt.date, expected: str):
    assert rule_get("KN-02", on).rule_id == expected


def test_exact_version_id_is_returned_whatever_the_date():
    assert rule_get("KN-02a", D(2027, 1, 1)).rule_id == "KN-02a"


def test_rule_ids_are_matched_without_regard_to_case_or_spaces():
    assert rule_get(" kn-02 ", D(2026, 7, 2)).rule_id == "KN-02b"


def test_unknown_rule_is_a_validation_error_naming_the_rule():
    with pytest.raises(UnknownRule, match="NOPE") as caught:
        rule_get("NOPE", D(2026, 1, 1))
    assert isinstance(caught.value, ValidationFailed)
    assert "--list" in str(caught.value)


def test_a_shared_prefix_lists_the_rules_it_could_mean():
    with pytest.raises(UnknownRule, match="TCD-05a, TCD-05b"):
        rule_get("TCD-05", D(2026, 1, 1))


@pytest.mark.parametrize("rule_id", ["KN-14", "KN-15", "TCD-02", "TCD-07", "XLD-06"], ids=str)
def test_rules_of_the_2026_decrees_are_not_in_force_before_1_july_2026(rule_id: str):
    with pytest.raises(RuleNotInForce, match="2026-07-01"):
        rule_get(rule_id, D(2026, 6, 30))
    assert rule_get(rule_id, D(2026, 7, 1)).rule_id == rule_id


def test_versions_of_a_family_never_overlap():
    families: dict[str, list] = {}
    for rule in RULES:
        families.setdefault(rule.family, []).append(rule)
    for versions in families.values():
        ordered = sorted(versions, key=lambda r: r.valid_from or D.min)
        for earlier, later in itertools.pairwise(ordered):
            assert earlier.valid_to is not None
            assert later.valid_from is not None
            assert earlier.valid_to < later.valid_from


def test_before_rules_are_the_minimum_notices():
    before = {rule.rule_id for rule in RULES if rule.direction is Direction.BEFORE}
    assert before == {"TCD-06", "TCD-07", "TCD-08", "KN-14"}


def test_exactly_the_unconfirmed_rules_are_configurable():
    configurable = {rule.rule_id for rule in RULES if rule.configurable}
    unconfirmed = {rule.rule_id for rule in RULES if rule.status is Status.UNCONFIRMED}
    assert configurable == unconfirmed == {"XLD-05", "PA-01"}


def test_override_of_a_configurable_rule_changes_its_duration():
    assert rule_get("PA-01", D(2026, 1, 5)).with_duration(45).duration_days == 45


@pytest.mark.parametrize("days", [0, -3, True, "45"], ids=["zero", "negative", "bool", "text"])
def test_override_must_be_a_positive_whole_number(days: object):
    with pytest.raises(RuleNotConfigurable):
        rule_get("PA-01", D(2026, 1, 5)).with_duration(days)  # type: ignore[arg-type]


def test_override_of_a_rule_fixed_by_law_is_refused():
    with pytest.raises(RuleNotConfigurable, match=r"KN-03.*LKN Art\. 28"):
        rule_get("KN-03", D(2026, 1, 5)).with_duration(60)


def test_override_errors_name_every_bad_entry():
    errors = override_errors({"PA-01": 45, "KN-03": 60, "NOPE": 3})
    assert len(errors) == 2
    assert any("KN-03" in error for error in errors)
    assert any("NOPE" in error for error in errors)


def test_system_check_refuses_to_start_with_an_override_of_a_fixed_rule(settings):
    settings.TIME_LIMIT_OVERRIDES = {"XLD-05": 15}
    assert check_time_limit_overrides() == []
    settings.TIME_LIMIT_OVERRIDES = {"TC-05": 45}
    errors = check_time_limit_overrides()
    assert [error.id for error in errors] == ["deadlines.E002"]
    assert errors[0].level == checks.ERROR
