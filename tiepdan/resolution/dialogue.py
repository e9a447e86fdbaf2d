"""The complaint dialogue: its invitation (KN-14) and how its minutes were closed (Mẫu 14).

The participants are invited in writing to the time, place and content of the dialogue (LKN
Art. 30.2), from 01/07/2026 at least 5 days before it (KN-14: NĐ 124/2020 Art. 28.1 as amended
by NĐ 155/2026 Art. 11). The 2026 dialogue rules apply to cases not decided on 01/07/2026
(CAL-00), so the dialogue's own date says whether the minimum applies. The counting itself is
the deadlines package's: KN-14 is a BEFORE rule in calendar days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tiepdan.core.exceptions import ValidationFailed
from tiepdan.deadlines.compute import duration_text
from tiepdan.deadlines.exceptions import RuleNotInForce
from tiepdan.deadlines.services import calendar_load, deadline_compute
from tiepdan.deadlines.working_days import ONE_DAY, WorkingCalendar
from tiepdan.resolution.models import MinutesSignature, Resolution

NOTICE_RULE = "KN-14"
# How far past the invitation to look for the first lawful dialogue day: 5 days, plus a roll
# back over the longest run of days off (Tết) when the 5th day before falls in one.
_SEARCH_DAYS = 31


@dataclass(frozen=True)
class NoticeLimit:
    """The last day the invitation to a dialogue may go out, and the minimum notice in words."""

    latest_on: dt.date
    days: int
    notice: str  # "5 calendar days", in the active language


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def notice_limit(
    dialogue_on: dt.date, *, calendar: WorkingCalendar | None = None
) -> NoticeLimit | None:
    """KN-14 for a dialogue on `dialogue_on`; None when no version of it is in force that day
    (a dialogue before 01/07/2026 has no minimum notice)."""
    try:
        deadline = deadline_compute(rule_id=NOTICE_RULE, start_on=dialogue_on, calendar=calendar)
    except RuleNotInForce:
        return None
    days = deadline.duration_days
    return NoticeLimit(deadline.due_on, days, duration_text(days, deadline.unit))


def earliest_dialogue_on(invited_on: dt.date) -> dt.date:
    """The first day a dialogue may be held after an invitation sent on `invited_on`."""
    calendar = calendar_load()
    day = invited_on
    for _step in range(_SEARCH_DAYS):
        limit = notice_limit(day, calendar=calendar)
        if limit is None or limit.latest_on >= invited_on:
            return day
        day += ONE_DAY
    return day


def dialogue_invite(
    resolution: Resolution, *, planned_on: dt.date, today: dt.date
) -> dict[str, Any]:
    """Record today's invitation to a dialogue on `planned_on`; an earlier invitation is
    replaced (the dialogue was moved). Returns what the timeline keeps of it."""
    if planned_on < today:
        raise ValidationFailed(
            _("The dialogue cannot be planned for a day in the past."),
            extra={"field": "planned_on"},
        )
    limit = notice_limit(planned_on)
    if limit is not None and today > limit.latest_on:
        raise ValidationFailed(
            _(
                "The participants are invited at least %(notice)s before the dialogue (KN-14): "
                "an invitation sent today allows a dialogue on %(earliest)s or later."
            )
            % {"notice": limit.notice, "earliest": _day(earliest_dialogue_on(today))},
            extra={"field": "planned_on"},
        )
    resolution.dialogue_notice_on = today
    resolution.dialogue_planned_on = planned_on
    return {"planned_on": planned_on, "rule": NOTICE_RULE if limit is not None else ""}


def dialogue_check_invitation(resolution: Resolution, *, held_on: dt.date) -> None:
    """Refuse to record a dialogue held without the notice KN-14 requires on its date."""
    limit = notice_limit(held_on)
    if limit is None:
        return
    invited_on = resolution.dialogue_notice_on
    if invited_on is None:
        raise ValidationFailed(
            _(
                "Send the dialogue invitation first: the participants are invited at least "
                "%(notice)s before the dialogue (KN-14)."
            )
            % {"notice": limit.notice},
            extra={"field": "dialogue_on"},
        )
    if invited_on > limit.latest_on:
        raise ValidationFailed(
            _(
                "The invitation went out on %(invited)s: a dialogue on %(held)s needed it by "
                "%(latest)s (KN-14). Hold the dialogue on or after %(earliest)s, or send a new "
                "invitation."
            )
            % {
                "invited": _day(invited_on),
                "held": _day(held_on),
                "latest": _day(limit.latest_on),
                "earliest": _day(earliest_dialogue_on(invited_on)),
            },
            extra={"field": "dialogue_on"},
        )


def dialogue_record_minutes(resolution: Resolution, *, signature: str) -> None:
    """How the minutes were closed: signed; a refusal noted (LKN Art. 30.4); the complainant
    absent without good reason, and resolution goes on (LKN Art. 30.6; NĐ 124 Art. 28.5)."""
    if signature not in MinutesSignature.values:
        raise ValidationFailed(
            _("Say how the minutes were closed: signed, refused, or the complainant absent."),
            extra={"field": "dialogue_minutes"},
        )
    resolution.dialogue_minutes = signature
