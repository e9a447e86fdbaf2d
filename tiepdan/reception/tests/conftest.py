"""Reception fixtures: the petitions' small province, plus desk officers and an office."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.organizations.models import ReceptionOffice
from tiepdan.petitions.tests.conftest import world  # noqa: F401  (fixture used by the ones below)
from tiepdan.reception.services import VisitData, VisitorData, visit_record

VISIT_AT = dt.datetime(2026, 3, 2, 2, 30, tzinfo=dt.UTC)  # Monday 02/03/2026, 09:30 in Hà Nội
CITIZEN_ID = "019085001234"


@pytest.fixture
def desk(world):  # noqa: F811
    """The world, with a reception officer and an office in the commune."""
    world.commune_desk = make_official(world.commune, Role.RECEPTION_OFFICER, username="xa.letan")
    world.commune_office = ReceptionOffice.objects.create(
        org_unit=world.commune, name="Trụ sở tiếp công dân xã", address="Xóm 1, xã Đại Từ"
    )
    world.board_office = ReceptionOffice.objects.create(
        org_unit=world.board, name="Trụ sở tiếp công dân tỉnh", address="Số 1 đường Hoàng Văn Thụ"
    )
    return world


def visitor(name: str = "Nguyễn Văn Đức", citizen_id: str = CITIZEN_ID, **extra) -> VisitorData:
    extra.setdefault("address", "Xóm 3, xã Đại Từ")
    return VisitorData(full_name=name, citizen_id=citizen_id, **extra)


def visit_data(**extra) -> VisitData:
    values = {
        "received_at": VISIT_AT,
        "visitors": [visitor()],
        "summary": "Khiếu nại quyết định thu hồi đất của UBND xã",
        "petition_kind": "complaint",
        "outcome": "explained",
    }
    values.update(extra)
    return VisitData(**values)


def record(actor, unit, **extra):
    return visit_record(actor=actor, unit=unit, data=visit_data(**extra))


# --- Heads' sessions (test_sessions, test_compliance, test_online) ------------------------------

SCHEDULED_ON = dt.date(2026, 10, 5)  # a Monday with no holiday near it


def local_at(day: dt.date, hour: int = 8) -> dt.datetime:
    """An aware datetime at `hour` o'clock in Hà Nội on `day`."""
    return dt.datetime(day.year, day.month, day.day, hour - 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def heads(desk):
    """The desk world, with the chair of the second commune and its reception officer."""
    desk.other_chair = make_official(desk.other, Role.UNIT_LEADER, username="khac.chutich")
    desk.other_desk = make_official(desk.other, Role.RECEPTION_OFFICER, username="khac.letan")
    desk.commune_leader.full_name = "Nguyễn Văn Chủ"
    desk.commune_leader.save()
    return desk
