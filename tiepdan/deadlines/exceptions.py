"""Errors of the time-limit rules; their messages are shown to officials, so they are translated."""

from __future__ import annotations

from tiepdan.core.exceptions import ValidationFailed


class UnknownRule(ValidationFailed):
    """No time-limit rule has this ID or family."""


class RuleNotInForce(UnknownRule):
    """The rule exists, but no version of it is in force on the date asked (CAL-00)."""


class RuleNotConfigurable(ValidationFailed):
    """A duration override names a rule the law fixes (only [U] rules are configuration)."""


class DeadlineNotExtendable(ValidationFailed):
    """More extensions were asked for than the law allows for this case (LTC Art. 30)."""
