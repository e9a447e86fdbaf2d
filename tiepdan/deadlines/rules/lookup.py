"""Finding the rule that applies: by exact ID, or by family and date (CAL-00)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils.translation import gettext as _

from tiepdan.deadlines.exceptions import RuleNotConfigurable, RuleNotInForce, UnknownRule
from tiepdan.deadlines.rules.base import TimeLimitRule
from tiepdan.deadlines.rules.table import RULES

_BY_ID: dict[str, TimeLimitRule] = {rule.rule_id.casefold(): rule for rule in RULES}
_BY_FAMILY: dict[str, list[TimeLimitRule]] = {}
for _rule in RULES:
    _BY_FAMILY.setdefault(_rule.family.casefold(), []).append(_rule)


def rule_list() -> tuple[TimeLimitRule, ...]:
    """Every rule, every version, in LEGAL.md order."""
    return RULES


def rule_get(rule_id_or_family: str, on: dt.date) -> TimeLimitRule:
    """The version of this family in force on `on` (CAL-00), or the rule with this exact ID.

    A family ID (KN-02, or KN-14 whose only version starts on 01/07/2026) is checked against the
    date; a version ID (KN-02a) is returned as asked, for recomputing under a given law.
    Raises UnknownRule for an unknown ID, and RuleNotInForce when no version of the family is
    in force on the date (e.g. KN-14 before 01/07/2026).
    """
    key = rule_id_or_family.strip().casefold()
    versions = _BY_FAMILY.get(key)
    if versions is None:
        exact = _BY_ID.get(key)
        if exact is not None:
            return exact
        # e.g. "TCD-05" names two limits (TCD-05a, TCD-05b): say which ones exist.
        similar = sorted(
            r.rule_id
            for r in RULES
            if r.rule_id.casefold().startswith(key) and len(r.rule_id) == len(key) + 1
        )
        if similar:
            raise UnknownRule(
                _("'%(rule)s' names several time limits: %(choices)s. Give one of them.")
                % {"rule": rule_id_or_family, "choices": ", ".join(similar)}
            )
        raise UnknownRule(
            _("There is no time-limit rule '%(rule)s'. Use --list to see the rules.")
            % {"rule": rule_id_or_family}
        )
    for rule in versions:
        if rule.is_in_force_on(on):
            return rule
    raise RuleNotInForce(
        _("No version of the time limit %(rule)s is in force on %(day)s (in force: %(ranges)s).")
        % {
            "rule": versions[0].family,
            "day": on.isoformat(),
            "ranges": ", ".join(_validity(rule) for rule in versions),
        }
    )


def _validity(rule: TimeLimitRule) -> str:
    start = rule.valid_from.isoformat() if rule.valid_from else "..."
    end = rule.valid_to.isoformat() if rule.valid_to else "..."
    return f"{rule.rule_id} {start} .. {end}"


def rule_with_override(rule: TimeLimitRule, overrides: Mapping[str, int]) -> TimeLimitRule:
    """The rule with the duration configured in `overrides` (by rule ID or family), if any.

    A non-configurable rule named there is refused (RuleNotConfigurable), never ignored.
    """
    for key in (rule.rule_id, rule.family):
        if key in overrides:
            return rule.with_duration(overrides[key])
    return rule


def override_errors(overrides: Mapping[str, int]) -> list[str]:
    """What is wrong with a TIME_LIMIT_OVERRIDES setting, one message per bad entry."""
    errors: list[str] = []
    for key, days in overrides.items():
        matching = [r for r in RULES if key in (r.rule_id, r.family)]
        if not matching:
            errors.append(
                _("There is no time-limit rule '%(rule)s'. Use --list to see the rules.")
                % {"rule": key}
            )
            continue
        try:
            for rule in matching:
                rule.with_duration(days)
        except RuleNotConfigurable as error:
            errors.append(str(error))
    return errors
