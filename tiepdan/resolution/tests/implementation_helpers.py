"""A complaint decision in legal effect and a denunciation conclusion, both with figures to
carry out (money, land, people)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tiepdan.resolution.models import Resolution
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at
from tiepdan.resolution.workflow import Status

DECIDED_ON = dt.date(2026, 3, 20)


def effective_complaint(world) -> Resolution:
    """A complaint decided on 20/03/2026 (50 million đồng and 120,5 m² to give back, two people
    to discipline), legally effective the day after its KN-11 window."""
    case = accepted(
        world, kind="complaint", received_on=dt.date(2026, 3, 2), accepted_on=dt.date(2026, 3, 4)
    )
    with at(DECIDED_ON):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="start_verification"
        )
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="decide",
            outcome="partly_founded",
            note="Bồi thường bổ sung cho hộ gia đình",
            amounts={
                "amount_returned": Decimal(50_000_000),
                "land_returned_m2": Decimal("120.5"),
                "persons_to_discipline": 2,
            },
        )
    window = case.petition.deadlines.get(family="KN-11")
    with at(window.due_on + dt.timedelta(days=1)):
        resolution_transition(actor=world.leader, resolution_id=case.pk, action="make_effective")
    case.refresh_from_db()
    assert case.status == Status.EFFECTIVE
    return case


def decided_denunciation(world) -> Resolution:
    case = accepted(
        world,
        kind="denunciation",
        received_on=dt.date(2026, 3, 2),
        accepted_on=dt.date(2026, 3, 4),
    )
    with at(DECIDED_ON):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="start_verification"
        )
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="decide",
            outcome="founded",
            note="Tố cáo đúng: nhận tiền của người dân",
            amounts={
                "amount_recovered": 20_000_000,
                "persons_to_discipline": 1,
                "persons_referred": 1,
            },
        )
    case.refresh_from_db()
    return case
