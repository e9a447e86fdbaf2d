"""Taking a petition through triage to an open resolution case, on a chosen day."""

from __future__ import annotations

import datetime as dt

import time_machine

from tiepdan.petitions.services import petition_transition
from tiepdan.petitions.tests.conftest import receive
from tiepdan.resolution.models import Resolution


def at(day: dt.date):  # type: ignore[no-untyped-def]
    return time_machine.travel(dt.datetime.combine(day, dt.time(3, 0), tzinfo=dt.UTC), tick=False)


def accepted(
    world, *, kind: str, received_on: dt.date, accepted_on: dt.date, **extra
) -> Resolution:
    with at(received_on):
        petition = receive(world, kind=kind, received_on=received_on, **extra)
    with at(accepted_on):
        petition_transition(
            actor=world.triage, petition_id=petition.pk, action="propose_acceptance", note="Đủ ĐK"
        )
        petition_transition(actor=world.leader, petition_id=petition.pk, action="accept")
    return Resolution.objects.get(petition=petition)
