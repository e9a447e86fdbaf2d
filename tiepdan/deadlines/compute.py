"""A deadline from a rule, a start event and the working-day calendar (pure: no database)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tiepdan.deadlines.exceptions import DeadlineNotExtendable
from tiepdan.deadlines.rules import Direction, Status, TimeLimitRule, Unit, Variant, rule_get
from tiepdan.deadlines.rules.base import Text
from tiepdan.deadlines.working_days import ONE_DAY, SuspendedPeriod, WorkingCalendar

VARIANT_LABELS: dict[Variant, Text] = {
    Variant.COMPLEX: gettext_lazy("complex case"),
    Variant.REMOTE: gettext_lazy("remote area"),
    Variant.COMPLEX_REMOTE: gettext_lazy("complex case in a remote area"),
}


def duration_text(days: int, unit: Unit) -> str:
    """The duration as people say it ("7 working days"), in the active language (CAL-07)."""
    if unit is Unit.WORKING:
        text = ngettext("%(count)d working day", "%(count)d working days", days)
    else:
        text = ngettext("%(count)d calendar day", "%(count)d calendar days", days)
    return text % {"count": days}


@dataclass(frozen=True)
class Deadline:
    """A computed time limit with everything needed to explain and recompute it (LEGAL.md §11)."""

    rule_id: str
    family: str
    name: Text
    event: Text  # what starts the period (AFTER) or what it precedes (BEFORE)
    start_on: dt.date
    due_on: dt.date
    duration_days: int
    unit: Unit
    direction: Direction
    variant: Variant
    extensions: tuple[int, ...]  # days added by each extension, in order (TC-06/TC-07)
    suspended_days: int  # calendar days of suspension between the start and the due day
    moved_to_working_day: bool  # CAL-06: the last day fell on a non-working day
    source: str
    status: Status
    valid_from: dt.date | None
    valid_to: dt.date | None

    def explain(self) -> str:
        """One line: the rule, how the day was counted, and its legal source."""
        values = {
            "duration": duration_text(self.duration_days, self.unit),
            "event": self.event,
            "start": self.start_on.isoformat(),
        }
        if self.direction is Direction.BEFORE:
            details = [_("at least %(duration)s before %(event)s (%(start)s)") % values]
        else:
            details = [_("%(duration)s from %(event)s (%(start)s)") % values]
        if self.variant is not Variant.BASE:
            details.append(str(VARIANT_LABELS[self.variant]))
        if self.extensions:
            count = len(self.extensions)
            details.append(
                ngettext(
                    "%(count)d extension of %(days)d days",
                    "%(count)d extensions of %(days)d days",
                    count,
                )
                % {"count": count, "days": self.extensions[0]}
            )
        if self.suspended_days:
            details.append(
                ngettext(
                    "%(count)d suspended day not counted",
                    "%(count)d suspended days not counted",
                    self.suspended_days,
                )
                % {"count": self.suspended_days}
            )
        if self.moved_to_working_day:
            details.append(
                _("moved to the previous working day")
                if self.direction is Direction.BEFORE
                else _("moved to the next working day (BLDS Art. 148.5)")
            )
        return _("%(rule)s %(name)s: %(details)s — %(source)s") % {
            "rule": self.rule_id,
            "name": self.name,
            "details": "; ".join(details),
            "source": self.source,
        }

    def as_record(self) -> dict[str, object]:
        """JSON-ready fields to store with a case, so the deadline can be shown and recomputed."""
        return {
            "rule_id": self.rule_id,
            "start_on": self.start_on.isoformat(),
            "due_on": self.due_on.isoformat(),
            "duration_days": self.duration_days,
            "unit": str(self.unit),
            "direction": str(self.direction),
            "variant": str(self.variant),
            "extensions": list(self.extensions),
            "suspended_days": self.suspended_days,
            "source": self.source,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
        }


def _count(
    calendar: WorkingCalendar,
    rule: TimeLimitRule,
    start: dt.date,
    days: int,
    roll_forward_default: bool,
    suspended: Sequence[SuspendedPeriod],
) -> tuple[dt.date, bool]:
    """(last day of the period, whether CAL-06 moved it to a working day)."""
    signed = -days if rule.direction is Direction.BEFORE else days
    if rule.unit is Unit.WORKING:
        return calendar.add_working_days(start, signed, suspended=suspended), False
    day = calendar.add_calendar_days(start, signed, roll_forward=False, suspended=suspended)
    roll = rule.roll_forward if rule.roll_forward is not None else roll_forward_default
    if not roll:
        return day, False
    rolled = calendar.roll_to_working_day(day, backwards=signed < 0, suspended=suspended)
    return rolled, rolled != day


def _suspended_days(first: dt.date, last: dt.date, suspended: Sequence[SuspendedPeriod]) -> int:
    """Calendar days of suspension strictly after `first` and up to `last` (either order)."""
    low, high = (first + ONE_DAY, last) if first <= last else (last, first - ONE_DAY)
    total = 0
    for begin, end in suspended:
        overlap = (min(end, high) - max(begin, low)).days + 1
        total += max(overlap, 0)
    return total


def _allowed_extensions(
    rule: TimeLimitRule, *, complex: bool, especially_complex: bool, used: int, on: dt.date
) -> TimeLimitRule | None:
    """The extension rule to apply `used` times; refuses more than the law allows (LTC Art. 30)."""
    if used < 0:
        raise ValueError("extensions_used cannot be negative")
    extension = rule.extension_for(complex=complex, especially_complex=especially_complex)
    allowed = extension.times if extension is not None else 0
    if used > allowed:
        if allowed == 0:
            message = _("The time limit %(rule)s cannot be extended for this case (%(source)s).")
        else:
            message = ngettext(
                "The time limit %(rule)s can be extended at most %(count)d time for this case "
                "(%(source)s).",
                "The time limit %(rule)s can be extended at most %(count)d times for this case "
                "(%(source)s).",
                allowed,
            )
        raise DeadlineNotExtendable(
            message % {"rule": rule.rule_id, "count": allowed, "source": rule.source}
        )
    if extension is None or used == 0:
        return None
    return rule_get(extension.rule_id, on)


def compute_deadline(
    rule: TimeLimitRule,
    start: dt.date,
    calendar: WorkingCalendar,
    *,
    complex: bool = False,
    especially_complex: bool = False,
    remote: bool = False,
    suspended: Sequence[SuspendedPeriod] = (),
    extensions_used: int = 0,
    roll_forward_default: bool = True,
) -> Deadline:
    """The deadline of `rule` for an event on `start`.

    AFTER rules: the last day of the period running from `start`. BEFORE rules: `start` is the
    event (session, dialogue) and the answer the latest day to act. `especially_complex` (two or
    more complexity criteria, NĐ 31/2019 Art. 3.3) implies `complex`. Each extension adds its
    rule's days to the current deadline (CAL-07); DeadlineNotExtendable if too many are asked.
    """
    complex = complex or especially_complex
    variant, days = rule.duration_for(complex=complex, remote=remote)
    extension_rule = _allowed_extensions(
        rule,
        complex=complex,
        especially_complex=especially_complex,
        used=extensions_used,
        on=start,
    )
    due, moved = _count(calendar, rule, start, days, roll_forward_default, suspended)
    extensions: list[int] = []
    if extension_rule is not None:
        for _used in range(extensions_used):
            due, moved = _count(
                calendar,
                extension_rule,
                due,
                extension_rule.duration_days,
                roll_forward_default,
                suspended,
            )
            extensions.append(extension_rule.duration_days)
    return Deadline(
        rule_id=rule.rule_id,
        family=rule.family,
        name=rule.name,
        event=rule.starts_on,
        start_on=start,
        due_on=due,
        duration_days=days,
        unit=rule.unit,
        direction=rule.direction,
        variant=variant,
        extensions=tuple(extensions),
        suspended_days=_suspended_days(start, due, suspended),
        moved_to_working_day=moved,
        source=rule.source,
        status=rule.status,
        valid_from=rule.valid_from,
        valid_to=rule.valid_to,
    )
