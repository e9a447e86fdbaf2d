"""A small province with officials in two units, and helpers to record petitions."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.organizations.models import OrgUnit
from tiepdan.organizations.tests.factories import make_unit
from tiepdan.petitions.services import PetitionData, PetitionerData, petition_receive

RECEIVED_ON = dt.date(2026, 3, 2)  # a Monday


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    province = make_unit(name="Ủy ban nhân dân tỉnh Thái Nguyên", code="UBND-T19")
    board = make_unit(
        parent=province,
        kind=OrgUnit.Kind.RECEPTION_BOARD,
        name="Ban Tiếp công dân tỉnh",
        code="BTCD-T19",
    )
    commune = make_unit(
        parent=province,
        level=OrgUnit.Level.COMMUNE,
        name="Ủy ban nhân dân xã Đại Từ",
        code="UBND-X05830",
    )
    other = make_unit(
        parent=province,
        level=OrgUnit.Level.COMMUNE,
        name="Ủy ban nhân dân xã Quân Chu",
        code="UBND-X05851",
    )
    w = SimpleNamespace(province=province, board=board, commune=commune, other=other)
    w.triage = make_official(board, Role.TRIAGE_OFFICER, username="xulydon")
    w.reception = make_official(board, Role.RECEPTION_OFFICER, username="letan")
    w.leader = make_official(board, Role.UNIT_LEADER, username="truongban")
    w.resolver = make_official(board, Role.RESOLVER, username="thanhtra")
    w.commune_triage = make_official(commune, Role.TRIAGE_OFFICER, username="xa.xulydon")
    w.commune_leader = make_official(commune, Role.UNIT_LEADER, username="xa.chutich")
    w.other_triage = make_official(other, Role.TRIAGE_OFFICER, username="khac.xulydon")
    for user in (w.triage, w.leader, w.commune_triage, w.commune_leader):
        user.email = f"{user.username}@example.gov.vn"
        user.save()
    return w


def receive(world, *, kind="denunciation", name="Nguyễn Văn Đức", unit=None, **extra):
    data = PetitionData(
        received_on=extra.pop("received_on", RECEIVED_ON),
        channel=extra.pop("channel", "post"),
        kind=kind,
        summary=extra.pop("summary", "Tố cáo cán bộ địa chính xã nhận tiền khi cấp sổ đỏ"),
        content=extra.pop("content", "Ông Trần Văn Nam, cán bộ địa chính, nhận 20 triệu đồng."),
        respondent_name=extra.pop("respondent_name", "Trần Văn Nam"),
        petitioners=extra.pop(
            "petitioners",
            [PetitionerData(full_name=name, citizen_id="019085001234", address="Xóm 3, xã Đại Từ")],
        ),
        **extra,
    )
    return petition_receive(actor=world.triage, unit=unit or world.board, data=data)
