"""A denunciation concluded once, and a re-denunciation of it accepted by the superior."""

from __future__ import annotations

import datetime as dt

from tiepdan.petitions.models import Petition
from tiepdan.petitions.services import PetitionerData, petition_mark_duplicate, petition_transition
from tiepdan.petitions.tests.conftest import receive
from tiepdan.resolution.models import Resolution
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at

DENOUNCER = ("Nguyễn Văn Đức", "019085001234", "Xóm 3, xã Đại Từ")


def concluded(world, *, accepted_on: dt.date = dt.date(2026, 3, 4)) -> Resolution:
    case = accepted(
        world,
        kind="denunciation",
        received_on=accepted_on - dt.timedelta(days=2),
        accepted_on=accepted_on,
    )
    with at(accepted_on + dt.timedelta(days=10)):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="start_verification"
        )
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="decide",
            outcome="unfounded",
            note="Không có căn cứ kết luận ông Trần Văn Nam nhận tiền",
        )
    # The first conclusion is the commune's: its superior reviews the re-denunciation (LTC
    # Art. 37.2). The case was resolved in the board only to reuse the board's officials.
    Resolution.objects.filter(pk=case.pk).update(org_unit=world.commune)
    case.refresh_from_db()
    return case


def re_denunciation(
    world, *, first: Resolution, received_on: dt.date, accepted_on: dt.date
) -> Resolution:
    """The denouncer says the first conclusion was unlawful (LTC Art. 37); marked at intake as
    repeating the first petition, resolved once."""
    with at(received_on):
        petition = receive(
            world,
            kind="denunciation",
            received_on=received_on,
            summary="Ông Nguyễn Văn Đức tố cáo tiếp: việc xác minh bỏ sót chứng cứ",
            petitioners=[
                PetitionerData(
                    full_name=DENOUNCER[0],
                    citizen_id=DENOUNCER[1],
                    address=DENOUNCER[2],
                    email="duc@example.vn",
                )
            ],
        )
        petition_mark_duplicate(
            actor=world.triage, petition_id=petition.pk, status="repeat", original=first.petition
        )
        Petition.objects.filter(pk=petition.pk).update(procedure_stage="resolved_once")
    with at(accepted_on):
        petition_transition(
            actor=world.triage, petition_id=petition.pk, action="propose_acceptance", note="Đủ ĐK"
        )
        petition_transition(actor=world.leader, petition_id=petition.pk, action="accept")
    return Resolution.objects.get(petition=petition)
