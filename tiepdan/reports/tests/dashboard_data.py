"""A generated province for the dashboard tests, with the list of what was generated, so that
the tests can count the expected numbers in Python, independently of the queries."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils import timezone

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.organizations.models import OrgUnit
from tiepdan.organizations.tests.factories import make_unit
from tiepdan.petitions.models import (
    Field,
    Kind,
    Petition,
    PetitionDeadline,
    PetitionEvent,
    RegisterEntry,
    Transfer,
)
from tiepdan.petitions.services.common import classification_of
from tiepdan.reception.models import Visit
from tiepdan.resolution.models import Resolution

YEAR = 2026
TODAY = dt.date(2026, 6, 20)
TRIAGE_ACTIONS = ["accept", "guide", "transfer", "return", "file_away"]
OTHER_ACTIONS = ["classify", "assign", "propose_acceptance"]


@dataclass
class Generated:
    """What was generated, as plain Python values."""

    entries: list[tuple[int, int, dt.date]] = field(default_factory=list)  # unit, petition, on
    triaged: list[tuple[int, int, dt.date]] = field(default_factory=list)  # unit, petition, day
    decided: list[tuple[int, int, dt.date]] = field(default_factory=list)
    deadlines: list[dict] = field(default_factory=list)
    petitions: dict[int, dict] = field(default_factory=dict)
    transfers: list[dict] = field(default_factory=list)


def local(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def build(seed: int = 7, n: int = 160) -> SimpleNamespace:
    rng = random.Random(seed)
    province = make_unit(name="Ủy ban nhân dân tỉnh Thái Nguyên")
    a = make_unit(parent=province, level=OrgUnit.Level.COMMUNE, name="UBND xã Đại Từ")
    b = make_unit(parent=province, level=OrgUnit.Level.COMMUNE, name="UBND xã Quân Chu")
    dept = make_unit(parent=province, kind=OrgUnit.Kind.DEPARTMENT, name="Sở Xây dựng")
    team = make_unit(parent=a, kind=OrgUnit.Kind.OTHER, name="Tổ tiếp dân xã Đại Từ")
    outside = make_unit(name="Tỉnh khác")
    units = [province, a, b, dept, team]
    leader = make_official(province, Role.UNIT_LEADER)
    g = Generated()
    numbers: dict[int, int] = {}
    for i in range(n):
        unit = rng.choice(units)
        received = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(0, 170))
        kind = rng.choice([Kind.COMPLAINT, Kind.DENUNCIATION, Kind.RECOMMENDATION])
        fld = rng.choice([*Field.values, ""])
        p = Petition.objects.create(
            tracking_code=f"T{i:06d}",
            received_on=received,
            channel="post",
            receiving_unit=unit,
            current_unit=unit,
            kind=kind,
            field=fld,
            summary=f"Đơn số {i}",
        )
        g.petitions[p.pk] = {"kind": kind, "field": fld}
        holders = [unit]
        if rng.random() < 0.25:  # transferred to a second unit, which registers it too
            holders.append(rng.choice([u for u in units if u != unit]))
        for k, holder in enumerate(holders):
            on = received + dt.timedelta(days=3 * k)
            numbers[holder.pk] = numbers.get(holder.pk, 0) + 1
            entry = RegisterEntry.objects.create(
                org_unit=holder, petition=p, year=YEAR, number=numbers[holder.pk], registered_on=on
            )
            g.entries.append((holder.pk, p.pk, on))
            roll = rng.random()
            when = on + dt.timedelta(days=rng.randrange(0, 40))
            data: dict = {}
            if roll < 0.45:
                action = rng.choice(TRIAGE_ACTIONS)
                g.triaged.append((holder.pk, p.pk, when))
                data = {"classified": classification_of(p)}
            else:
                action = rng.choice(OTHER_ACTIONS)
            PetitionEvent.objects.create(
                petition=p, at=local(when, 23), org_unit=holder, action=action, data=data
            )
            resolved = rng.random() < 0.15
            if resolved:
                Resolution.objects.create(
                    petition=p,
                    track="complaint",
                    org_unit=holder,
                    accepted_on=on,
                    rule_id="KN-05",
                    decided_on=when,
                )
                g.decided.append((holder.pk, p.pk, when))
            # As the services keep it (register_mark_handled): the day of the unit's first
            # triage or resolution decision. Both fall on `when` here (23:00 local is still
            # that day).
            if action in TRIAGE_ACTIONS or resolved:
                entry.handled_on = when
                entry.save(update_fields=["handled_on"])
            due = on + dt.timedelta(days=rng.randrange(5, 60))
            met = rng.choice([None, None, due - dt.timedelta(days=2), due + dt.timedelta(days=4)])
            paused = rng.random() < 0.05
            rule = rng.choice(["XLD-05", "TC-01", "KN-05"])
            PetitionDeadline.objects.create(
                petition=p,
                org_unit=holder,
                rule_id=rule,
                family="triage",
                started_on=on,
                due_on=due,
                met_on=met,
                is_paused=paused,
                explanation="x",
                source="x",
            )
            g.deadlines.append(
                {
                    "unit": holder.pk,
                    "petition": p.pk,
                    "rule": rule,
                    "started": on,
                    "due": due,
                    "met": met,
                    "paused": paused,
                }
            )
        if len(holders) == 2:
            sent = received + dt.timedelta(days=3)
            back = rng.choice([None, sent + dt.timedelta(days=10)])
            Transfer.objects.create(
                petition=p,
                from_unit=holders[0],
                to_unit=holders[1],
                sent_on=sent,
                reported_back_on=back,
            )
            g.transfers.append({"to": holders[1].pk, "sent": sent, "back": back})
    return SimpleNamespace(
        province=province,
        a=a,
        b=b,
        dept=dept,
        team=team,
        outside=outside,
        units=units,
        leader=leader,
        g=g,
    )


def add_visits(unit: OrgUnit, actor, days: list[dt.date], people: int = 6) -> None:
    start = Visit.objects.filter(org_unit=unit).count()
    Visit.objects.bulk_create(
        Visit(
            org_unit=unit,
            year=day.year,
            serial=start + i + 1,
            received_at=local(day),
            people_count=people,
            summary="Đoàn đông người",
            petition_kind="complaint",
            outcome="guided",
            created_by=actor,
        )
        for i, day in enumerate(days)
    )
