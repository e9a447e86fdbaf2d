"""The shape of a time-limit rule (LEGAL.md §0: status tags; CAL-00: validity; CAL-07: unit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from tiepdan.deadlines.exceptions import RuleNotConfigurable

Text = str | Promise  # a plain or a lazily translated string


class Unit(StrEnum):
    """CAL-07: working days only where the text says "ngày làm việc", else calendar days."""

    WORKING = "working"
    CALENDAR = "calendar"


class Direction(StrEnum):
    """AFTER: the limit runs from an event. BEFORE: a minimum notice before an event ("≥ N days
    before"); the computed day is then the latest day on which to act."""

    AFTER = "after"
    BEFORE = "before"


class Status(StrEnum):
    """How well the rule's source was checked (LEGAL.md §0)."""

    CONFIRMED = "C"
    CONFIRMED_COPY = "C*"
    SECONDARY = "S"
    UNCONFIRMED = "U"


class Variant(StrEnum):
    """Which of the rule's durations applied."""

    BASE = "base"
    COMPLEX = "complex"
    REMOTE = "remote"
    COMPLEX_REMOTE = "complex_remote"


@dataclass(frozen=True)
class Variants:
    """Longer durations the law gives for complex cases and remote areas (vùng sâu, vùng xa)."""

    complex: int | None = None
    remote: int | None = None
    complex_remote: int | None = None


@dataclass(frozen=True)
class Extension:
    """An extension the law allows: the rule `rule_id` gives its length, `times` how often.

    `especially_complex_only`: TC-07 (two extensions) needs an especially complex case, i.e.
    two or more complexity criteria (NĐ 31/2019 Art. 3.3); TC-06 needs any complex case.
    """

    rule_id: str
    times: int
    especially_complex_only: bool = False


@dataclass(frozen=True)
class TimeLimitRule:
    """One legal time limit, one version of it (CAL-00: versions share a family)."""

    rule_id: str
    family: str
    name: Text
    duration_days: int
    unit: Unit
    starts_on: Text  # the event the period runs from (or, for BEFORE, the event it precedes)
    source: str
    status: Status
    direction: Direction = Direction.AFTER
    variants: Variants = field(default_factory=Variants)
    extensions: tuple[Extension, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    roll_forward: bool | None = None  # None: settings.DEADLINE_ROLL_FORWARD decides (CAL-06)
    configurable: bool = False  # [U] rules: settings.TIME_LIMIT_OVERRIDES may change the duration

    def is_in_force_on(self, day: dt.date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to

    def duration_for(self, *, complex: bool, remote: bool) -> tuple[Variant, int]:
        """The duration for the case: the most specific variant the law gives, else the base."""
        v = self.variants
        if complex and remote and v.complex_remote is not None:
            return Variant.COMPLEX_REMOTE, v.complex_remote
        if complex and v.complex is not None:
            return Variant.COMPLEX, v.complex
        if remote and v.remote is not None:
            return Variant.REMOTE, v.remote
        return Variant.BASE, self.duration_days

    def extension_for(self, *, complex: bool, especially_complex: bool) -> Extension | None:
        """The extension open to the case, if any (TC-06 for complex, TC-07 especially complex)."""
        for extension in sorted(self.extensions, key=lambda e: -e.times):
            if extension.especially_complex_only and not especially_complex:
                continue
            if complex or especially_complex:
                return extension
        return None

    def with_duration(self, days: int) -> TimeLimitRule:
        """This rule with a configured duration; refused where the law fixes the duration."""
        if not self.configurable:
            raise RuleNotConfigurable(
                _(
                    "The time limit %(rule)s is fixed by law (%(source)s) and cannot be changed "
                    "in TIME_LIMIT_OVERRIDES; only unconfirmed rules are configurable."
                )
                % {"rule": self.rule_id, "source": self.source}
            )
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise RuleNotConfigurable(
                _("The override of %(rule)s must be a whole number of days of at least 1.")
                % {"rule": self.rule_id}
            )
        return replace(self, duration_days=days)
