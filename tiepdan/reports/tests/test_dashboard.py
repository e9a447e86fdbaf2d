"""Dashboard numbers against counts made in Python over the generated data set."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine

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
)
from tiepdan.petitions.services import petition_transition
from tiepdan.petitions.services.common import register_mark_handled
from tiepdan.petitions.tests.conftest import receive
from tiepdan.petitions.workflow import Action
from tiepdan.reports.dashboard import (
    Scope,
    by_choice,
    by_month,
    by_unit,
    dashboard_numbers,
    drilldown,
    totals,
)
from tiepdan.reports.early_warning import early_warnings
from tiepdan.reports.tests.dashboard_data import TODAY, add_visits, build, local

pytestmark = pytest.mark.django_db

PERIODS = [
    (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 2, 10), dt.date(2026, 6, 20)),
    (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),  # ends after today: overdue as of today
]


@pytest.fixture
def world():
    with time_machine.travel(local(TODAY, 10), tick=False):
        yield build()


def descendants(world, unit: OrgUnit) -> set[int]:
    parents = {u.pk: u.parent_id for u in world.units}
    result = set()
    for pk in parents:
        node: int | None = pk
        while node is not None:
            if node == unit.pk:
                result.add(pk)
                break
            node = parents.get(node)
    return result


def expected(world, units: set[int], start: dt.date, end: dt.date) -> dict[str, set[int]]:
    g = world.g
    entries = [(u, p) for u, p, on in g.entries if u in units and start <= on <= end]
    done = {(u, p) for u, p, day in g.triaged + g.decided if day <= end}
    as_of = min(end, TODAY)
    return {
        "received": {p for _u, p in entries},
        "handled": {p for u, p in entries if (u, p) in done},
        "overdue": {
            d["petition"]
            for d in g.deadlines
            if d["unit"] in units
            and d["due"] < as_of
            and d["started"] <= as_of
            and (d["met"] is None or d["met"] > as_of)
            and not d["paused"]
        },
    }


def ids(qs) -> set[int]:
    return set(qs.values_list("pk", flat=True))


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_totals_match_counts_made_in_python(world, start, end):
    scope = Scope(user=world.leader, unit=world.province, start=start, end=end)
    want = expected(world, descendants(world, world.province), start, end)
    row = totals(scope)
    assert (row.received, row.handled, row.overdue) == (
        len(want["received"]),
        len(want["handled"]),
        len(want["overdue"]),
    )
    assert row.received > 0
    assert 0 < row.handled < row.received
    for measure in ("received", "handled", "overdue"):
        assert ids(drilldown(scope, measure=measure, group="all", key="")) == want[measure]


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_by_unit_rolls_up_each_child_and_drills_down_to_the_same_records(world, start, end):
    scope = Scope(user=world.leader, unit=world.province, start=start, end=end)
    rows = {row.key: row for row in by_unit(scope)}
    assert list(rows) == [u.pk for u in sorted([world.a, world.b, world.dept], key=str)] + [
        world.province.pk
    ]
    for unit in (world.a, world.b, world.dept, world.province):
        members = {world.province.pk} if unit == world.province else descendants(world, unit)
        want = expected(world, members, start, end)
        row = rows[unit.pk]
        assert (row.received, row.handled, row.overdue) == tuple(
            len(want[m]) for m in ("received", "handled", "overdue")
        )
        for measure in ("received", "handled", "overdue"):
            got = ids(drilldown(scope, measure=measure, group="unit", key=str(unit.pk)))
            assert got == want[measure]
    assert descendants(world, world.a) == {world.a.pk, world.team.pk}


def test_by_kind_field_and_month_match_and_drill_down(world):
    start, end = PERIODS[1]
    scope = Scope(user=world.leader, unit=world.province, start=start, end=end)
    want = expected(world, descendants(world, world.province), start, end)
    info = world.g.petitions
    for group, choices in (("kind", Kind.choices), ("field", Field.choices)):
        rows = by_choice(scope, group, choices)
        for key in {info[p][group] for p in want["received"]}:
            row = next(r for r in rows if r.key == key)
            received = {p for p in want["received"] if info[p][group] == key}
            handled = {p for p in want["handled"] if info[p][group] == key}
            assert (row.received, row.handled) == (len(received), len(handled))
            assert ids(drilldown(scope, measure="received", group=group, key=key)) == received
            assert ids(drilldown(scope, measure="handled", group=group, key=key)) == handled
    months = by_month(scope)
    assert [m.key for m in months] == [dt.date(2026, m, 1) for m in range(2, 7)]
    units = descendants(world, world.province)
    for row in months:
        following = (row.key + dt.timedelta(days=32)).replace(day=1)
        first, last = max(start, row.key), min(end, following - dt.timedelta(days=1))
        month_want = expected(world, units, first, last if last <= end else end)
        # Handled counts decisions up to the end of the whole period, not of the month.
        done = {(u, p) for u, p, day in world.g.triaged + world.g.decided if day <= end}
        handled = {
            p
            for u, p, on in world.g.entries
            if u in units and first <= on <= last and (u, p) in done
        }
        assert (row.received, row.handled) == (len(month_want["received"]), len(handled))
        got = ids(drilldown(scope, measure="handled", group="month", key=row.key.isoformat()))
        assert got == handled


def test_a_closed_period_recomputes_to_the_same_numbers_after_new_records(world):
    start, end = PERIODS[0]
    scope = Scope(user=world.leader, unit=world.province, start=start, end=end)
    before = (totals(scope), by_unit(scope), by_month(scope))
    later = end + dt.timedelta(days=5)
    # Records arrive after the period: decisions on its petitions, new petitions, new limits.
    for unit_id, petition_id, _on in world.g.entries[:40]:
        PetitionEvent.objects.create(
            petition_id=petition_id, org_unit_id=unit_id, at=local(later), action="accept"
        )
        register_mark_handled(  # as event_write does for a triage decision
            petition=Petition.objects.get(pk=petition_id),
            unit=OrgUnit.objects.get(pk=unit_id),
            on=later,
        )
        PetitionDeadline.objects.create(
            petition_id=petition_id,
            org_unit_id=unit_id,
            rule_id="XLD-05",
            family="triage",
            started_on=later,
            due_on=later,
            explanation="x",
            source="x",
        )
    late = Petition.objects.create(
        tracking_code="LATE1",
        received_on=later,
        channel="post",
        receiving_unit=world.a,
        current_unit=world.a,
        kind="complaint",
        summary="Đơn đến sau",
    )
    RegisterEntry.objects.create(
        org_unit=world.a, petition=late, year=2026, number=9999, registered_on=later
    )
    assert (totals(scope), by_unit(scope), by_month(scope)) == before


def test_the_page_numbers_are_the_same_as_each_part_counted_alone(world):
    for start, end in PERIODS:
        scope = Scope(user=world.leader, unit=world.province, start=start, end=end)
        numbers = dashboard_numbers(scope)
        assert numbers.total == totals(scope)
        assert numbers.units == by_unit(scope)
        assert numbers.kinds == by_choice(scope, "kind", Kind.choices)
        assert numbers.fields == by_choice(scope, "field", Field.choices)
        assert numbers.months == by_month(scope)


def test_a_child_ended_before_the_period_counts_in_the_chosen_units_row(world):
    # It reports through its successor (LEGAL.md §7.2): here, the row of the chosen unit, and its
    # drill-down lists the same records.
    world.b.valid_to = dt.date(2026, 1, 31)
    world.b.save(update_fields=["valid_to"])
    start, end = PERIODS[1]
    scope = Scope(user=world.leader, unit=world.province, start=start, end=end)
    rows = {row.key: row for row in by_unit(scope)}
    assert world.b.pk not in rows
    want = expected(world, {world.province.pk, world.b.pk}, start, end)
    row = rows[world.province.pk]
    assert (row.received, row.handled, row.overdue) == tuple(
        len(want[m]) for m in ("received", "handled", "overdue")
    )
    for measure in ("received", "handled", "overdue"):
        got = ids(drilldown(scope, measure=measure, group="unit", key=str(world.province.pk)))
        assert got == want[measure]


def test_an_official_sees_only_the_units_in_scope(world):
    commune_leader = make_official(world.a, Role.UNIT_LEADER)
    start, end = PERIODS[2]
    scope = Scope(user=commune_leader, unit=world.province, start=start, end=end)
    # Asked for the province, a commune leader gets only their commune's subtree counted.
    want = expected(world, descendants(world, world.a), start, end)
    assert totals(scope).received == len(want["received"])
    assert ids(drilldown(scope, measure="received", group="all", key="")) == want["received"]


def test_early_warning_lists_a_sharp_rise_of_group_visits_and_not_a_small_one(settings):
    settings.REPORTS_EARLY_WARNING = {
        "period_days": 30,
        "previous_periods": 3,
        "min_rise_ratio": 0.5,
        "min_rise_count": 5,
    }
    province = make_unit(name="Tỉnh")
    rising = make_unit(parent=province, level=OrgUnit.Level.COMMUNE, name="Xã tăng")
    steady = make_unit(parent=province, level=OrgUnit.Level.COMMUNE, name="Xã đều")
    leader = make_official(province, Role.UNIT_LEADER)
    end = dt.date(2026, 6, 30)
    # Previous periods: 2, 2, 2 (average 2); last: 9 → +7, +350%: listed.
    old = [end - dt.timedelta(days=d) for d in (35, 40, 65, 70, 95, 100)]
    add_visits(rising, leader, [*old, *[end - dt.timedelta(days=d) for d in range(9)]])
    # 4, 4, 4 then 8: +4 < 5, not listed; small visits (4 people) never count.
    add_visits(
        steady,
        leader,
        [end - dt.timedelta(days=d) for d in [*range(31, 35), *range(61, 65), *range(91, 95)]]
        + [end - dt.timedelta(days=d) for d in range(8)],
    )
    add_visits(steady, leader, [end - dt.timedelta(days=d) for d in range(20)], people=4)
    scope = Scope(user=leader, unit=province, start=dt.date(2026, 1, 1), end=end)
    warnings = [w for w in early_warnings(scope) if w.what == "group_visits"]
    assert [(w.label, w.last, w.average) for w in warnings] == [("Xã tăng", 9, pytest.approx(2))]


# Through the real services: the register entry's handled day is what the dashboard counts.

RECEIVED = dt.date(2026, 3, 2)
FIRST_DECISION = local(dt.date(2026, 3, 4), 9)
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


@pytest.fixture
def desk(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    province = make_unit(name="Ủy ban nhân dân tỉnh Thái Nguyên")
    board = make_unit(
        parent=province, kind=OrgUnit.Kind.RECEPTION_BOARD, name="Ban Tiếp công dân tỉnh"
    )
    return SimpleNamespace(
        province=province,
        board=board,
        triage=make_official(board, Role.TRIAGE_OFFICER),
        leader=make_official(board, Role.UNIT_LEADER),
        viewer=make_official(province, Role.UNIT_LEADER),
    )


def _received(desk):
    with time_machine.travel(local(RECEIVED, 10), tick=False):
        return receive(desk, kind="complaint")


def _guide(desk, petition, at):
    with time_machine.travel(at, tick=False):
        petition_transition(
            actor=desk.triage,
            petition_id=petition.pk,
            action=Action.GUIDE,
            note="Hướng dẫn",
            competent_body="Tòa án nhân dân khu vực 1",
        )


def _numbers(desk, start, end):
    scope = Scope(user=desk.viewer, unit=desk.province, start=start, end=end)
    total = totals(scope)
    (row,) = [r for r in by_unit(scope) if r.key == desk.board.pk]
    (month,) = [m for m in by_month(scope) if m.key == RECEIVED.replace(day=1)]
    handled = ids(drilldown(scope, measure="handled", group="all", key=""))
    return (total.received, total.handled, row.handled, month.handled, len(handled))


def test_a_triage_decision_through_the_service_marks_the_entry_handled(desk):
    petition = _received(desk)
    entry = RegisterEntry.objects.get(petition=petition, org_unit=desk.board)
    assert entry.handled_on is None
    assert _numbers(desk, *MARCH) == (1, 0, 0, 0, 0)
    _guide(desk, petition, FIRST_DECISION)
    entry.refresh_from_db()
    assert entry.handled_on == dt.date(2026, 3, 4)
    assert _numbers(desk, *MARCH) == (1, 1, 1, 1, 1)
    # A period that ended before the decision still has it unhandled.
    assert _numbers(desk, dt.date(2026, 3, 1), dt.date(2026, 3, 3)) == (1, 0, 0, 0, 0)


def test_a_petition_handled_then_reopened_after_the_period_still_counts_as_handled_in_it(desk):
    petition = _received(desk)
    _guide(desk, petition, FIRST_DECISION)
    before = _numbers(desk, *MARCH)
    assert before == (1, 1, 1, 1, 1)
    with time_machine.travel(local(dt.date(2026, 4, 20), 9), tick=False):
        petition_transition(
            actor=desk.leader, petition_id=petition.pk, action=Action.REOPEN, note="Xem lại"
        )
    # Reopened (no decision stands now), March keeps its numbers...
    assert _numbers(desk, *MARCH) == before
    # ...and so it does once decided again, later.
    _guide(desk, petition, local(dt.date(2026, 4, 22), 9))
    assert _numbers(desk, *MARCH) == before
    assert RegisterEntry.objects.get(petition=petition).handled_on == dt.date(2026, 3, 4)


def test_early_warning_counts_a_petition_registered_in_two_units_of_a_row_once():
    province = make_unit(name="Tỉnh")
    commune = make_unit(parent=province, level=OrgUnit.Level.COMMUNE, name="Xã tăng")
    team = make_unit(parent=commune, kind=OrgUnit.Kind.OTHER, name="Tổ tiếp dân xã")
    leader = make_official(province, Role.UNIT_LEADER)
    end = dt.date(2026, 6, 30)
    # One petition in each earlier period; eight in the last one, each registered by the
    # commune and by its team.
    days = [end - dt.timedelta(days=d) for d in (40, 70, 100, *range(8))]
    for i, day in enumerate(days):
        p = Petition.objects.create(
            tracking_code=f"EW{i:04d}",
            received_on=day,
            channel="post",
            receiving_unit=commune,
            current_unit=commune,
            kind=Kind.COMPLAINT,
            field=Field.LAND,
            summary="Đơn",
        )
        for unit in (commune, team) if day > end - dt.timedelta(days=30) else (commune,):
            RegisterEntry.objects.create(
                org_unit=unit, petition=p, year=2026, number=i + 1, registered_on=day
            )
    scope = Scope(user=leader, unit=province, start=dt.date(2026, 1, 1), end=end)
    got = {(w.by, w.label): (w.last, w.average) for w in early_warnings(scope)}
    assert got == {("field", str(Field.LAND.label)): (8, 1), ("unit", "Xã tăng"): (8, 1)}
