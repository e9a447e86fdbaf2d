"""Denunciations: extensions by complexity (TC-06/TC-07) and suspensions that stop the clock."""

import datetime as dt

import pytest

from tiepdan.core.exceptions import ValidationFailed
from tiepdan.resolution.services import resolution_set_complexity, resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at
from tiepdan.resolution.workflow import Status


def _case(world, accepted_on=dt.date(2026, 3, 4)):
    return accepted(
        world,
        kind="denunciation",
        received_on=accepted_on - dt.timedelta(days=2),
        accepted_on=accepted_on,
    )


def test_acceptance_starts_tc05_and_the_notices_limit(world):
    case = _case(world)
    assert case.rule_id == "TC-05"
    assert case.due_on == dt.date(2026, 4, 3)  # 30 calendar days (LTC Art. 30.1)
    assert case.petition.deadlines.filter(family="TC-04", met_on=None).exists()


def test_an_especially_complex_denunciation_is_extended_twice_and_not_a_third_time(world):
    case = _case(world)
    with at(dt.date(2026, 3, 20)):
        resolution_set_complexity(
            actor=world.leader,
            resolution_id=case.pk,
            criteria=["several_places", "contradictory_evidence"],
        )
        resolution_transition(
            actor=world.leader, resolution_id=case.pk, action="extend", note="Lần 1"
        )
        resolution_transition(
            actor=world.leader, resolution_id=case.pk, action="extend", note="Lần 2"
        )
        case.refresh_from_db()
        assert case.extensions_used == 2
        # 03/04 + 30 = 03/05 (Sunday) → 04/05; + 30 = 03/06. Each extension adds 30 days to the
        # current deadline (CAL-07), which had moved to a working day.
        assert case.due_on == dt.date(2026, 6, 3)
        with pytest.raises(ValidationFailed):
            resolution_transition(
                actor=world.leader, resolution_id=case.pk, action="extend", note="Lần 3"
            )
    case.refresh_from_db()
    assert case.extensions_used == 2


def test_a_complex_denunciation_is_extended_once_only(world):
    case = _case(world)
    with at(dt.date(2026, 3, 20)):
        resolution_set_complexity(
            actor=world.leader, resolution_id=case.pk, criteria=["many_people"]
        )
        resolution_transition(actor=world.leader, resolution_id=case.pk, action="extend", note="x")
        with pytest.raises(ValidationFailed):
            resolution_transition(
                actor=world.leader, resolution_id=case.pk, action="extend", note="y"
            )


def test_a_simple_denunciation_cannot_be_extended(world):
    case = _case(world)
    with at(dt.date(2026, 3, 20)), pytest.raises(ValidationFailed):
        resolution_transition(actor=world.leader, resolution_id=case.pk, action="extend", note="x")


@pytest.mark.parametrize("days", [1, 3, 17])
def test_a_suspension_of_n_days_moves_the_due_date_by_exactly_n_days_across_tet(world, days):
    # Accepted on Saturday 10/01/2026 (a make-up working day): TC-05 ends Monday 09/02/2026.
    # Suspended on 02/02; 17 days takes the suspension through Tết Bính Ngọ (14-22/02), whose
    # days are calendar days like any other for a 30-day limit. Every resulting day below is a
    # working day, so the shift is exactly N days.
    case = _case(world, accepted_on=dt.date(2026, 1, 10))
    assert case.due_on == dt.date(2026, 2, 9)
    suspended_on = dt.date(2026, 2, 2)
    with at(suspended_on):
        resolution_transition(
            actor=world.leader, resolution_id=case.pk, action="suspend", note="Chờ giám định"
        )
    case.refresh_from_db()
    assert case.status == Status.SUSPENDED
    assert case.petition.deadlines.get(family="TC-05").is_paused
    with at(suspended_on + dt.timedelta(days=days)):
        resolution_transition(
            actor=world.leader, resolution_id=case.pk, action="resume", note="Có kết quả"
        )
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED
    assert case.due_on == dt.date(2026, 2, 9) + dt.timedelta(days=days)
    row = case.petition.deadlines.get(family="TC-05")
    assert not row.is_paused
    assert row.due_on == case.due_on
    assert str(days) in row.explanation  # "N ngày tạm đình chỉ không tính"


def test_a_withdrawn_denunciation_with_signs_of_violation_goes_on(world):
    case = _case(world)
    with at(dt.date(2026, 3, 10)):
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="withdraw",
            must_continue=True,
            note="Người tố cáo rút đơn do bị đe dọa",
        )
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED
    assert case.must_continue


def test_the_superior_takes_over_and_the_limit_restarts(world):
    case = _case(world)
    with at(dt.date(2026, 4, 10)):
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="take_over",
            to_unit=world.province,
            note="Quá hạn, cấp trên trực tiếp giải quyết",
        )
    case.refresh_from_db()
    assert case.status == Status.TAKEN_OVER
    successor = case.petition.resolutions.exclude(pk=case.pk).get()
    assert successor.org_unit == world.province
    assert successor.accepted_on == dt.date(2026, 4, 10)
    assert successor.due_on == dt.date(2026, 5, 11)  # 30 days → 10/05 Sunday → Monday 11/05


def test_after_a_take_over_the_lower_units_resolver_no_longer_sees_the_denouncer(world):
    from tiepdan.petitions.permissions import can_see_identity
    from tiepdan.petitions.services import petition_assign

    case = _case(world)
    petition_assign(actor=world.leader, petition_id=case.petition_id, assignee=world.resolver)
    case.petition.refresh_from_db()
    assert can_see_identity(world.resolver, case.petition)
    with at(dt.date(2026, 4, 10)):
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="take_over",
            to_unit=world.province,
            note="Quá hạn",
        )
    case.petition.refresh_from_db()
    assert not can_see_identity(world.resolver, case.petition)
