"""Fills the report records added in 0011 for petitions decided before it: each register
entry's handled date (the unit's first triage decision or resolution decision) and, on every
triage decision, the classification the forms count it by (taken from the petition as it is
now: the best that can be known of the past)."""

import datetime as dt

from django.conf import settings
from django.db import migrations

# workflow.TRIAGE_DECISIONS when this was written (a migration does not follow later tables).
TRIAGE_DECISIONS = [
    "accept",
    "file_away",
    "forward_to_party",
    "guide",
    "refuse_acceptance",
    "report_to_police",
    "return",
    "split",
    "transfer",
    "transfer_out",
    "urge",
]


def backfill(apps, schema_editor):
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(settings.TIME_ZONE)
    RegisterEntry = apps.get_model("petitions", "RegisterEntry")
    PetitionEvent = apps.get_model("petitions", "PetitionEvent")
    Resolution = apps.get_model("resolution", "Resolution")
    first: dict[tuple[int, int], dt.date] = {}
    events = PetitionEvent.objects.filter(action__in=TRIAGE_DECISIONS).select_related("petition")
    for event in events.order_by("at").iterator(chunk_size=2000):
        key = (event.petition_id, event.org_unit_id)
        first.setdefault(key, event.at.astimezone(zone).date())
        if "classified" not in event.data:
            p = event.petition
            event.data = {
                **event.data,
                "classified": {
                    "kind": p.kind,
                    "field": p.field,
                    "eligible": p.is_eligible,
                    "stage": p.procedure_stage,
                    "anonymous": p.is_anonymous,
                    "within": p.is_within_competence,
                },
            }
            event.save(update_fields=["data"])
    decided = Resolution.objects.exclude(decided_on=None).values_list(
        "petition_id", "org_unit_id", "decided_on"
    )
    for petition_id, unit_id, day in decided.iterator(chunk_size=2000):
        key = (petition_id, unit_id)
        first[key] = min(first.get(key, day), day)
    for (petition_id, unit_id), day in first.items():
        RegisterEntry.objects.filter(
            petition_id=petition_id, org_unit_id=unit_id, handled_on=None
        ).update(handled_on=day)


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0011_report_records"),
        ("resolution", "0005_report_records"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
