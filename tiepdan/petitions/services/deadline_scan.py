"""The periodic overdue scan: mark what is past its time limit and tell the people responsible."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.core import clock
from tiepdan.petitions.models import PetitionDeadline


def deadline_scan() -> dict[str, int]:
    """Mark every running time limit whose due date has passed; notify once per limit.

    Idempotent: a limit is marked and notified once (overdue_notified_at), so the job can run
    as often as wanted, by Celery beat or `manage.py run_deadline_scan`. The assignee (or, with
    none, the unit's triage officers) and the unit's leaders are notified, in-app and by e-mail.
    """
    from tiepdan.notifications.services import notification_send
    from tiepdan.petitions.selectors import unit_triage_officials
    from tiepdan.petitions.services.handling import leaders_of

    today = clock.today()
    due = PetitionDeadline.objects.filter(
        met_on=None, is_paused=False, due_on__lt=today, overdue_notified_at=None
    )
    marked = 0
    notified = 0
    with transaction.atomic():
        rows = list(
            due.select_for_update(skip_locked=True, of=("self",)).select_related(
                "petition", "petition__assigned_to", "org_unit"
            )
        )
        by_recipient: dict[Any, list[PetitionDeadline]] = defaultdict(list)
        for row in rows:
            # Only the unit that holds the petition is responsible now.
            if row.petition.current_unit_id != row.org_unit_id:
                continue
            people = [row.petition.assigned_to] if row.petition.assigned_to else []
            people = people or unit_triage_officials(row.org_unit)
            for person in [*people, *leaders_of(row.org_unit)]:
                by_recipient[person].append(row)
        ids = [row.pk for row in rows]
        marked = PetitionDeadline.objects.filter(pk__in=ids).update(
            is_overdue=True, overdue_notified_at=clock.now()
        )
        for person, items in by_recipient.items():
            lines = [
                f"{d.petition.reference}: {d.rule_id}, hạn {d.due_on:%d/%m/%Y} ({d.source})"
                for d in items
            ]
            notification_send(
                recipients=[person],
                title=_("%(count)s petition time limits are overdue") % {"count": len(items)},
                body="\n".join(lines),
                link="/don-thu/?han=qua-han",
            )
            notified += 1
    return {"marked": marked, "notified": notified}
