"""A denunciation concluded on a known day, whose conclusion names its denouncer, to publish."""

from __future__ import annotations

import datetime as dt

from tiepdan.petitions.services import PetitionerData
from tiepdan.resolution.models import Publication, Resolution
from tiepdan.resolution.publication import publication_approve, publication_draft
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at

DENOUNCER = PetitionerData(
    full_name="Nguyễn Văn Đức",
    citizen_id="019085001234",
    address="Xóm Đồng Tâm, xã Đại Từ",
    phone="0912 345 678",
    email="duc.nguyen@example.vn",
)
ACCUSED = "Trần Văn Nam"
# What a resolver really writes: the denouncer named, once without accents, with their ID.
CONCLUSION = (
    "Ông Nguyễn Văn Đức (CCCD 019085001234, trú tại Xóm Đồng Tâm, xã Đại Từ, điện thoại "
    "0912345678, thư điện tử Duc.Nguyen@example.vn) tố cáo ông Trần Văn Nam, cán bộ địa chính "
    "xã, nhận 20 triệu đồng khi cấp giấy chứng nhận quyền sử dụng đất.\n"
    "Kết quả xác minh: nội dung tố cáo của ông nguyen van duc là đúng; ông Trần Văn Nam đã nhận "
    "tiền của hộ gia đình. Kiến nghị thu hồi 20.000.000 đồng và xử lý kỷ luật."
)
ACCEPTED_ON = dt.date(2026, 3, 4)
DECIDED_ON = dt.date(2026, 3, 20)
PUBLISHED_ON = dt.date(2026, 3, 23)


def decided_case(
    world,
    *,
    kind: str = "denunciation",
    petitioners=(DENOUNCER,),
    note: str = CONCLUSION,
) -> Resolution:
    case = accepted(
        world,
        kind=kind,
        received_on=ACCEPTED_ON - dt.timedelta(days=2),
        accepted_on=ACCEPTED_ON,
        petitioners=list(petitioners),
        respondent_name=ACCUSED,
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
            note=note,
            decision_number="15/KL-UBND",
            amounts={"amount_recovered": 20_000_000},
        )
    case.refresh_from_db()
    return case


def published(world, case: Resolution, *, on: dt.date = PUBLISHED_ON) -> Publication:
    """Prepared by the resolver, approved by the leader (two officials)."""
    with at(on):
        draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
        return publication_approve(actor=world.leader, publication_id=draft.pk)
