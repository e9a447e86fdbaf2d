"""`manage.py deadline RULE_ID START_DATE`: a due date and its explanation; `--list`: the rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiepdan.core.exceptions import ValidationFailed
from tiepdan.deadlines.compute import VARIANT_LABELS, duration_text
from tiepdan.deadlines.rules import (
    Direction,
    TimeLimitRule,
    Variant,
    rule_list,
    rule_with_override,
)
from tiepdan.deadlines.services import deadline_compute

USAGE_ERROR = 2  # like argparse: the request itself was wrong
DIRECTION_LABELS = {
    Direction.AFTER: gettext_lazy("after the event"),
    Direction.BEFORE: gettext_lazy("before the event"),
}


class Command(BaseCommand):
    help = "Print the due date of a time-limit rule for a start date, or list the rules."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule_id", nargs="?", help="Rule ID (KN-02b) or family (KN-02).")
        parser.add_argument("start_date", nargs="?", help="Start event date, YYYY-MM-DD.")
        parser.add_argument("--complex", action="store_true", help="Complex case.")
        parser.add_argument(
            "--especially-complex",
            action="store_true",
            help="Especially complex case (two or more criteria, NĐ 31/2019 Art. 3.3).",
        )
        parser.add_argument("--remote", action="store_true", help="Remote or hard-to-reach area.")
        parser.add_argument(
            "--extensions", type=int, default=0, help="Extensions already granted (TC-05)."
        )
        parser.add_argument("--list", action="store_true", help="List every rule.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for rule in rule_list():
                self.stdout.write(_rule_line(rule))
            return
        if not options["rule_id"] or not options["start_date"]:
            raise CommandError(
                _("Give a rule ID and a start date (YYYY-MM-DD), or --list."),
                returncode=USAGE_ERROR,
            )
        start_on = _parse_date(options["start_date"])
        try:
            deadline = deadline_compute(
                rule_id=options["rule_id"],
                start_on=start_on,
                complex=options["complex"],
                especially_complex=options["especially_complex"],
                remote=options["remote"],
                extensions_used=options["extensions"],
            )
        except ValidationFailed as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from error
        except DatabaseError as error:
            # The calendar overrides live in the database; say how to fix it, not a traceback.
            raise CommandError(
                _("The database is not ready (%(error)s). Run: python manage.py migrate")
                % {"error": error},
                returncode=1,
            ) from error
        self.stdout.write(deadline.due_on.isoformat())
        self.stdout.write(deadline.explain())


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("'%(value)s' is not a valid date; write it as YYYY-MM-DD.") % {"value": value},
            returncode=USAGE_ERROR,
        ) from None


def _rule_line(rule: TimeLimitRule) -> str:
    # The configured duration of [U] rules is the one in force, so it is the one listed.
    rule = rule_with_override(rule, settings.TIME_LIMIT_OVERRIDES)
    variants = ", ".join(
        f"{VARIANT_LABELS[Variant(name)]} {days}"
        for name, days in vars(rule.variants).items()
        if days is not None
    )
    valid = ""
    if rule.valid_from or rule.valid_to:
        valid = f" [{rule.valid_from or ''} .. {rule.valid_to or ''}]"
    return "\t".join(
        [
            rule.rule_id,
            duration_text(rule.duration_days, rule.unit) + (f" ({variants})" if variants else ""),
            str(DIRECTION_LABELS[rule.direction]),
            f"{rule.source} [{rule.status}]{valid}",
            str(rule.name),
        ]
    )
