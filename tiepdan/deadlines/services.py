"""Deadlines from the database calendar and the settings, and the audited calendar edits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.accounts.permissions import ensure_capability
from tiepdan.accounts.roles import Capability
from tiepdan.audit.services import audit_record, model_changes
from tiepdan.core.exceptions import NotFound, ValidationFailed
from tiepdan.deadlines.compute import Deadline, compute_deadline
from tiepdan.deadlines.models import CalendarOverride
from tiepdan.deadlines.rules import rule_get, rule_with_override
from tiepdan.deadlines.working_days import (
    WEEKEND_DAYS,
    OverrideKind,
    SuspendedPeriod,
    WorkingCalendar,
    package_holidays,
)

_AUDITED_FIELDS = ("day", "kind", "document", "note")


def calendar_load() -> WorkingCalendar:
    """The working-day calendar: the package holidays plus every declared override (one query).

    Package holidays are looked up lazily, year by year, as the counting reaches them.
    """
    return WorkingCalendar.from_overrides(CalendarOverride.objects.values_list("day", "kind"))


def deadline_compute(
    *,
    rule_id: str,
    start_on: dt.date,
    complex: bool = False,
    especially_complex: bool = False,
    remote: bool = False,
    suspended: Sequence[SuspendedPeriod] = (),
    extensions_used: int = 0,
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    """The deadline of a rule (ID or family) for an event on `start_on`.

    The family's version is the one in force on `start_on` (CAL-00). Durations of
    configurable rules come from settings.TIME_LIMIT_OVERRIDES, and the CAL-06 roll-forward
    default from settings.DEADLINE_ROLL_FORWARD. Batch jobs (overdue scans, recomputing after a
    calendar change) pass one `calendar_load()` result as `calendar` to save a query per
    deadline. No side effects.
    """
    rule = rule_with_override(rule_get(rule_id, start_on), settings.TIME_LIMIT_OVERRIDES)
    return compute_deadline(
        rule,
        start_on,
        calendar if calendar is not None else calendar_load(),
        complex=complex,
        especially_complex=especially_complex,
        remote=remote,
        suspended=suspended,
        extensions_used=extensions_used,
        roll_forward_default=settings.DEADLINE_ROLL_FORWARD,
    )


def calendar_override_validate(*, day: dt.date, kind: str, document: str) -> None:
    """Refuse an override that cannot change the calendar, or has no announcing document."""
    if not document.strip():
        raise ValidationFailed(_("Give the document that announces this day (CAL-04)."))
    try:
        parsed = OverrideKind(kind)
    except ValueError:
        raise ValidationFailed(_("Unknown kind of calendar override: %s.") % kind) from None
    weekend = day.weekday() in WEEKEND_DAYS
    if parsed is OverrideKind.MAKE_UP_WORKDAY and not weekend:
        raise ValidationFailed(_("A make-up working day must be a Saturday or a Sunday."))
    if parsed is OverrideKind.DAY_OFF and weekend:
        raise ValidationFailed(_("A declared day off must be a weekday; weekends are off anyway."))
    if parsed is OverrideKind.NOT_HOLIDAY and day not in package_holidays(day.year):
        raise ValidationFailed(
            _("%(day)s is not a public holiday in the holidays package; nothing to cancel.")
            % {"day": day.isoformat()}
        )


def _audited(override: CalendarOverride) -> dict[str, Any]:
    return {name: getattr(override, name) for name in _AUDITED_FIELDS}


def _summary(override: CalendarOverride) -> str:
    # Stable, untranslated text: the journal must read the same whatever the UI language.
    return f"{override.day.isoformat()} {override.kind} ({override.document})"


@transaction.atomic
def calendar_override_set(
    *, actor: Any, day: dt.date, kind: str, document: str, note: str = ""
) -> CalendarOverride:
    """Create or replace the override of `day`.

    Side effects: writes an audit entry; every deadline computed afterwards uses the new day.
    Deadlines already stored elsewhere are not recomputed here.
    """
    ensure_capability(actor, Capability.MANAGE_CALENDAR)
    calendar_override_validate(day=day, kind=kind, document=document)
    override = CalendarOverride.objects.select_for_update().filter(day=day).first()
    before = _audited(override) if override is not None else {}
    if override is None:
        override = CalendarOverride(day=day)
    override.kind = kind
    override.document = document.strip()
    override.note = note
    override.save()
    audit_record(
        actor=actor,
        action="calendar_override.set",
        obj=override,
        summary=_summary(override),
        changes=model_changes(before, _audited(override)),
    )
    return override


@transaction.atomic
def calendar_override_delete(*, actor: Any, day: dt.date) -> None:
    """Remove the override of `day`: the package's answer applies again.

    Side effects: writes an audit entry (before deleting, so it names the row).
    """
    ensure_capability(actor, Capability.MANAGE_CALENDAR)
    override = CalendarOverride.objects.select_for_update().filter(day=day).first()
    if override is None:
        raise NotFound(_("There is no calendar override on %(day)s.") % {"day": day.isoformat()})
    audit_record(
        actor=actor,
        action="calendar_override.delete",
        obj=override,
        summary=_summary(override),
        changes=model_changes(_audited(override), {}),
    )
    override.delete()
