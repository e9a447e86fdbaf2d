"""Time the statistics on a province-sized generated data set (issue 7, item 6).

Generates, once, into the configured database (DATABASE_URL; never a test_* database):
a province with N communes and a few departments, petitions with register entries, events,
time limits, transfers and resolutions, and reception visits, with the report records the
services keep (each register entry's handled day, each triage decision's classification: the same
as migration petitions 0012 fills in); then times the dashboard (each part, the page's numbers, the
page through Django's test client), the compliance view and the 01/TCD and 02/XLD forms for the
year.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tiepdan_bench \\
        .venv/bin/python bench/reports_bench.py --communes 100 --petitions 200000 --visits 50000

Run again to time only (the data set is kept; --reset deletes it first).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from tiepdan.accounts.models import Membership, User  # noqa: E402
from tiepdan.accounts.roles import Role  # noqa: E402
from tiepdan.organizations.models import OrgUnit  # noqa: E402
from tiepdan.organizations.services import org_unit_create  # noqa: E402
from tiepdan.petitions.models import (  # noqa: E402
    Field,
    Kind,
    Petition,
    PetitionDeadline,
    PetitionEvent,
    RegisterEntry,
    Transfer,
)
from tiepdan.petitions.services.common import classification_of  # noqa: E402
from tiepdan.reception.models import Visit  # noqa: E402
from tiepdan.resolution.models import Resolution  # noqa: E402

YEAR = 2025
CODE = "BENCH-P"
BATCH = 5000
TRIAGE = ["accept", "guide", "transfer", "return", "file_away"]


def local(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def generate(communes: int, petitions: int, visits: int, seed: int = 1) -> None:
    rng = random.Random(seed)  # noqa: S311 - generated test data, not secrets
    province = org_unit_create(
        actor=None,
        parent=None,
        code=CODE,
        name="Tỉnh thử tải",
        level="province",
        kind="peoples_committee",
    )
    units = [province]
    for i in range(communes):
        units.append(
            org_unit_create(
                actor=None,
                parent=province,
                code=f"{CODE}-X{i:03d}",
                name=f"Xã thử {i:03d}",
                level="commune",
                kind="peoples_committee",
            )
        )
    for i in range(5):
        units.append(
            org_unit_create(
                actor=None,
                parent=province,
                code=f"{CODE}-S{i}",
                name=f"Sở thử {i}",
                level="province",
                kind="department",
            )
        )
    user = User.objects.create_user(username="bench-leader", password=None, full_name="Bench")
    Membership.objects.create(user=user, org_unit=province, role=Role.UNIT_LEADER)
    numbers: dict[int, int] = {}
    start = dt.date(YEAR, 1, 1)
    done = 0
    while done < petitions:
        size = min(BATCH, petitions - done)
        rows = []
        for i in range(done, done + size):
            unit = rng.choice(units)
            rows.append(
                Petition(
                    tracking_code=f"B{i:07d}",
                    received_on=start + dt.timedelta(rng.randrange(365)),
                    channel="post",
                    receiving_unit=unit,
                    current_unit=unit,
                    kind=rng.choice(Kind.values[:4]),
                    field=rng.choice(Field.values),
                    summary=f"Đơn thử {i}",
                )
            )
        with transaction.atomic():
            created = Petition.objects.bulk_create(rows)
            entries, events, limits, transfers, resolutions = [], [], [], [], []
            for p in created:
                holders = [p.receiving_unit]
                if rng.random() < 0.2 and p.receiving_unit != province:
                    holders.append(province)
                for k, holder in enumerate(holders):
                    on = p.received_on + dt.timedelta(days=3 * k)
                    numbers[holder.pk] = numbers.get(holder.pk, 0) + 1
                    # As the services record it: handled_on is the unit's first triage or
                    # resolution decision (register_mark_handled), and a triage decision keeps
                    # the classification it was made on (event_write).
                    entry = RegisterEntry(
                        org_unit=holder,
                        petition=p,
                        year=on.year,
                        number=numbers[holder.pk],
                        registered_on=on,
                    )
                    entries.append(entry)
                    events.append(
                        PetitionEvent(
                            petition=p, at=local(on, 8), org_unit=holder, action="receive"
                        )
                    )
                    decided = on + dt.timedelta(days=rng.randrange(1, 30))
                    if rng.random() < 0.7:
                        events.append(
                            PetitionEvent(
                                petition=p,
                                at=local(decided, 10),
                                org_unit=holder,
                                action=rng.choice(TRIAGE),
                                data={"classified": classification_of(p)},
                            )
                        )
                        entry.handled_on = decided
                    due = on + dt.timedelta(days=14)
                    met = decided if rng.random() < 0.7 else None
                    limits.append(
                        PetitionDeadline(
                            petition=p,
                            org_unit=holder,
                            rule_id="XLD-05",
                            family="triage",
                            started_on=on,
                            due_on=due,
                            met_on=met,
                            explanation="bench",
                            source="bench",
                        )
                    )
                    if rng.random() < 0.1:
                        resolved = on + dt.timedelta(days=40)
                        resolutions.append(
                            Resolution(
                                petition=p,
                                track="complaint",
                                org_unit=holder,
                                accepted_on=on,
                                rule_id="KN-05",
                                decided_on=resolved,
                            )
                        )
                        entry.handled_on = min(entry.handled_on or resolved, resolved)
                if len(holders) == 2:
                    transfers.append(
                        Transfer(
                            petition=p,
                            from_unit=holders[0],
                            to_unit=province,
                            sent_on=p.received_on + dt.timedelta(days=3),
                            reported_back_on=None
                            if rng.random() < 0.3
                            else p.received_on + dt.timedelta(days=20),
                        )
                    )
            for model, objs in (
                (RegisterEntry, entries),
                (PetitionEvent, events),
                (PetitionDeadline, limits),
                (Transfer, transfers),
                (Resolution, resolutions),
            ):
                model.objects.bulk_create(objs, batch_size=BATCH)
        done += size
        print(f"  petitions {done}/{petitions}", flush=True)
    serials: dict[int, int] = {}
    rows_v = []
    for _i in range(visits):
        unit = rng.choice(units)
        serials[unit.pk] = serials.get(unit.pk, 0) + 1
        day = start + dt.timedelta(rng.randrange(365))
        rows_v.append(
            Visit(
                org_unit=unit,
                year=YEAR,
                serial=serials[unit.pk],
                received_at=local(day, 9),
                people_count=rng.choice([1, 1, 1, 2, 3, 6, 12]),
                summary="Lượt tiếp thử",
                petition_kind="complaint",
                outcome="guided",
                created_by=user,
            )
        )
    Visit.objects.bulk_create(rows_v, batch_size=BATCH)
    print(f"  visits {visits}", flush=True)


def reset() -> None:
    province = OrgUnit.objects.filter(code=CODE).first()
    if province is None:
        return
    units = OrgUnit.objects.filter(path__startswith=province.path)
    Visit.objects.filter(org_unit__in=units).delete()
    petitions = Petition.objects.filter(receiving_unit__in=units)
    Resolution.objects.filter(petition__in=petitions).delete()
    Transfer.objects.filter(petition__in=petitions).delete()
    petitions.delete()
    Membership.objects.filter(user__username="bench-leader").delete()
    User.objects.filter(username="bench-leader").delete()
    for unit in units.order_by("-depth"):
        unit.delete()


def timed(label: str, fn: Callable[[], Any], runs: int = 3) -> None:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    print(f"{label:<48} best {min(times) * 1000:8.0f} ms   first {times[0] * 1000:8.0f} ms")


def measure() -> None:
    from django.test import Client
    from django.urls import reverse

    from tiepdan.reports.compliance import compliance_by_unit
    from tiepdan.reports.dashboard import (
        Scope,
        by_choice,
        by_kind_and_field,
        by_month,
        by_unit,
        dashboard_numbers,
        totals,
    )
    from tiepdan.reports.early_warning import early_warnings

    province = OrgUnit.objects.get(code=CODE)
    user = User.objects.get(username="bench-leader")
    units = OrgUnit.objects.filter(path__startswith=province.path).count()
    counts = {
        "units": units,
        "petitions": Petition.objects.filter(
            receiving_unit__path__startswith=province.path
        ).count(),
        "register entries": RegisterEntry.objects.filter(
            org_unit__path__startswith=province.path
        ).count(),
        "events": PetitionEvent.objects.filter(org_unit__path__startswith=province.path).count(),
        "time limits": PetitionDeadline.objects.filter(
            org_unit__path__startswith=province.path
        ).count(),
        "visits": Visit.objects.filter(org_unit__path__startswith=province.path).count(),
    }
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print("data set: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    scope = Scope(user=user, unit=province, start=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 12, 31))
    timed("dashboard totals (year, province roll-up)", lambda: totals(scope))
    timed("dashboard by unit (communes)", lambda: by_unit(scope))
    timed("dashboard by kind", lambda: by_choice(scope, "kind", Kind.choices))
    timed("dashboard by field", lambda: by_choice(scope, "field", Field.choices))
    timed("dashboard by kind and field (counted once)", lambda: by_kind_and_field(scope))
    timed("dashboard by month", lambda: by_month(scope))
    timed("early warning", lambda: early_warnings(scope))
    timed(
        "whole dashboard (numbers + early warning)",
        lambda: (dashboard_numbers(scope), early_warnings(scope)),
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    page = {"don_vi": CODE, "tu": f"01/01/{YEAR}", "den": f"31/12/{YEAR}"}

    def view() -> None:
        response = client.get(reverse("reports:dashboard"), page)
        if response.status_code != 200:  # pragma: no cover - a broken set-up, not a timing
            raise RuntimeError(f"dashboard answered {response.status_code}")

    timed("dashboard page through the test client (rendered)", view)
    timed(
        "compliance view (12/2025, every unit)",
        lambda: compliance_by_unit(user=user, unit=province, year=YEAR, month=12),
    )
    from tiepdan.reports.engine import FORMS, form_compute
    from tiepdan.reports.export import forms_xlsx
    from tiepdan.reports.periods import PeriodKind, period_of

    period = period_of(PeriodKind.YEAR, YEAR)
    for form in FORMS.values():
        timed(
            f"form {form.code} (year {period.start}–{period.end}, roll-up)",
            lambda form=form: form_compute(form, unit=province, period=period, rollup=True),
        )
    timed(
        "the whole set as one .xlsx (every form computed)",
        lambda: forms_xlsx(
            [form_compute(f, unit=province, period=period, rollup=True) for f in FORMS.values()]
        ),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--petitions", type=int, default=200_000)
    parser.add_argument("--visits", type=int, default=50_000)
    parser.add_argument("--reset", action="store_true", help="delete the data set first")
    args = parser.parse_args()
    name = str(connection.settings_dict["NAME"])
    if Path(name).name.startswith("test_") or name.startswith("test_"):
        sys.exit("refusing to write into a test database")
    if args.reset:
        reset()
    if not OrgUnit.objects.filter(code=CODE).exists():
        began = time.perf_counter()
        generate(args.communes, args.petitions, args.visits)
        print(f"generated in {time.perf_counter() - began:.0f} s")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")  # as autovacuum would leave it
    measure()


if __name__ == "__main__":
    main()
