"""Carrying out a decision or conclusion: records of what was done, in parts, then completed
(NĐ 124/2020 Art. 31; LTC Art. 36; Biểu 05/KQTH)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tiepdan.core.exceptions import ValidationFailed
from tiepdan.petitions.models import PetitionEvent
from tiepdan.resolution.forms import AMOUNTS, IMPLEMENTATION
from tiepdan.resolution.models import Implementation
from tiepdan.resolution.selectors import implementation_totals
from tiepdan.resolution.services import (
    AMOUNT_FIELDS,
    IMPLEMENTATION_FIELDS,
    resolution_transition,
)
from tiepdan.resolution.tests.helpers import accepted, at
from tiepdan.resolution.tests.implementation_helpers import (
    DECIDED_ON,
    decided_denunciation,
    effective_complaint,
)
from tiepdan.resolution.workflow import Status, TransitionNotAllowed


def _record(world, case, day, **kwargs):
    with at(day):
        return resolution_transition(
            actor=kwargs.pop("actor", world.resolver),
            resolution_id=case.pk,
            action=kwargs.pop("action", "record_implementation"),
            note=kwargs.pop("note", "Đã chi trả một phần"),
            **kwargs,
        )


def _totals(case):
    return {t.name: (t.done, t.ordered) for t in implementation_totals(case) if t.done or t.ordered}


def test_the_forms_ask_for_every_figure_the_service_takes():
    assert set(AMOUNTS) == AMOUNT_FIELDS
    assert set(IMPLEMENTATION.values()) == IMPLEMENTATION_FIELDS


def test_the_decision_keeps_the_people_to_discipline_and_to_refer(world):
    case = decided_denunciation(world)
    assert (case.persons_to_discipline, case.persons_referred) == (1, 1)
    assert case.amount_recovered == 20_000_000


def test_a_complaint_decision_is_carried_out_in_part_then_enforced(world):
    case = effective_complaint(world)
    first_day = case.effective_on + dt.timedelta(days=3)
    _record(
        world,
        case,
        first_day,
        implementation={"amount_returned": Decimal(30_000_000), "land_returned_m2": Decimal(80)},
    )
    case.refresh_from_db()
    assert case.status == Status.EFFECTIVE  # progress: the decision is still being carried out
    assert _totals(case) == {
        "amount_returned": (30_000_000, 50_000_000),
        "land_returned_m2": (80, Decimal("120.5")),
        "persons_disciplined": (0, 2),
    }

    _record(
        world,
        case,
        first_day + dt.timedelta(days=10),
        actor=world.leader,
        action="enforce",
        note="Đã chi trả đủ, bàn giao đất, kỷ luật hai cán bộ",
        implementation={
            "amount_returned": Decimal(20_000_000),
            "land_returned_m2": Decimal("40.5"),
            "persons_disciplined": 2,
        },
    )
    case.refresh_from_db()
    assert case.status == Status.ENFORCED
    records = list(case.implementations.order_by("done_on"))
    assert [(r.done_on, r.completes) for r in records] == [
        (first_day, False),
        (first_day + dt.timedelta(days=10), True),
    ]
    assert records[0].recorded_by == world.resolver
    assert records[0].note == "Đã chi trả một phần"
    assert _totals(case) == {
        "amount_returned": (50_000_000, 50_000_000),
        "land_returned_m2": (Decimal("120.5"), Decimal("120.5")),
        "persons_disciplined": (2, 2),
    }
    event = PetitionEvent.objects.filter(petition=case.petition, action="record_implementation")
    assert event.get().data["implementation"] == {
        "amount_returned": "30000000",
        "land_returned_m2": "80",
    }


def test_a_conclusion_is_acted_on_after_a_first_record(world):
    case = decided_denunciation(world)
    _record(
        world,
        case,
        DECIDED_ON + dt.timedelta(days=2),
        note="Thu hồi 12 triệu đồng",
        implementation={"amount_recovered": 12_000_000},
    )
    _record(
        world,
        case,
        DECIDED_ON + dt.timedelta(days=5),
        actor=world.leader,
        action="act_on_conclusion",
        note="Kỷ luật khiển trách, chuyển hồ sơ sang Cơ quan điều tra",
        implementation={
            "amount_recovered": 8_000_000,
            "persons_disciplined": 1,
            "persons_prosecuted": 1,
        },
    )
    case.refresh_from_db()
    assert case.status == Status.HANDLED
    assert [r.completes for r in case.implementations.all()] == [False, True]
    assert _totals(case) == {
        "amount_recovered": (20_000_000, 20_000_000),
        "persons_disciplined": (1, 1),
        "persons_prosecuted": (1, 1),
    }


def test_enforcement_with_a_note_only_completes_the_implementation(world):
    case = effective_complaint(world)
    _record(world, case, case.effective_on, actor=world.leader, action="enforce", note="Xong")
    record = case.implementations.get()
    assert record.completes
    assert (record.amount_returned, record.persons_disciplined) == (0, 0)


@pytest.mark.parametrize(
    ("implementation", "message"),
    [
        ({"amount_returned": Decimal(-1)}, "không được âm"),
        ({"land_recovered_m2": Decimal("-0.5")}, "không được âm"),
        ({"persons_disciplined": -2}, "không được âm"),
        ({"amount_returned": 10, "people_rights_restored": 1}, "people_rights_restored"),
        ({"money": 10}, "money"),
        ({"amount_returned": "ba triệu"}, "Hãy nhập một số"),
        ({"amount_returned": "NaN"}, "Hãy nhập một số"),
        ({"persons_prosecuted": Decimal("1.5")}, "số nguyên"),
    ],
    ids=[
        "negative-money",
        "negative-land",
        "negative-people",
        "decision-figure",
        "unknown",
        "not-a-number",
        "nan",
        "half-a-person",
    ],
)
def test_a_wrong_figure_is_refused_and_nothing_is_recorded(world, implementation, message):
    case = effective_complaint(world)
    events = PetitionEvent.objects.filter(petition=case.petition).count()
    with pytest.raises(ValidationFailed, match=message):
        _record(world, case, case.effective_on, implementation=implementation)
    case.refresh_from_db()
    assert case.status == Status.EFFECTIVE
    assert not Implementation.objects.exists()
    assert PetitionEvent.objects.filter(petition=case.petition).count() == events


def test_a_refused_enforcement_leaves_the_case_effective(world):
    case = effective_complaint(world)
    with pytest.raises(ValidationFailed):
        _record(
            world,
            case,
            case.effective_on,
            actor=world.leader,
            action="enforce",
            implementation={"amount_returned": Decimal(-5)},
        )
    case.refresh_from_db()
    assert (case.status, case.implementations.count()) == (Status.EFFECTIVE, 0)


def test_progress_is_not_recorded_before_the_decision_takes_effect(world):
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
            outcome="founded",
            note="Hủy quyết định thu hồi đất",
        )
    with pytest.raises(TransitionNotAllowed, match="Không thể thực hiện"):
        _record(world, case, DECIDED_ON, implementation={"amount_returned": Decimal(1)})
    assert not Implementation.objects.exists()


def test_progress_is_not_recorded_on_a_denunciation_still_being_verified(world):
    case = accepted(
        world, kind="denunciation", received_on=dt.date(2026, 3, 2), accepted_on=dt.date(2026, 3, 4)
    )
    with at(DECIDED_ON):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="start_verification"
        )
    with pytest.raises(TransitionNotAllowed):
        _record(world, case, DECIDED_ON, implementation={"amount_recovered": 1})
    assert not Implementation.objects.exists()


def test_nothing_more_is_recorded_once_enforced(world):
    case = effective_complaint(world)
    _record(world, case, case.effective_on, actor=world.leader, action="enforce", note="Xong")
    with pytest.raises(TransitionNotAllowed):
        _record(world, case, case.effective_on, implementation={"amount_returned": Decimal(1)})
    assert case.implementations.count() == 1
