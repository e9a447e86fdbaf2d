"""A generated data set with known contents for the statistics tests.

A province with its reception board, two communes and a district that ended on 30/06/2025 with
commune A as its successor. Visits (regular, heads' sessions, group visits, repeated cases,
persons coming again), sessions (held, cancelled), and petitions registered, transferred between
the communes, guided, accepted, returned... spread over 04/2025-07/2026 with records on both
sides of the Q1 2026 cut-offs (14-15/12/2025, 14-15/03/2026, near midnight in Hà Nội).

The records are written directly (not through the services) so their dates can be anything;
every spec keeps what was written so tests can compute the expected numbers in Python.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from tiepdan.accounts.models import User
from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.organizations.models import OrgUnit
from tiepdan.organizations.tests.factories import make_unit
from tiepdan.petitions.models import (
    Kind,
    Petition,
    PetitionEvent,
    ProcedureStage,
    RegisterEntry,
)
from tiepdan.petitions.workflow import Action
from tiepdan.reception.models import (
    DeskOutcome,
    HeadKind,
    ReceptionCase,
    ReceptionKind,
    ReceptionSession,
    Visit,
    Visitor,
    VisitPerson,
)

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DISTRICT_ENDS = dt.date(2025, 6, 30)
# Days on both sides of the Q1 2026 cut-offs (15/12/2025 → 14/03/2026 under RPT-01).
EDGE_DAYS = (
    dt.date(2025, 12, 14),
    dt.date(2025, 12, 15),
    dt.date(2026, 3, 14),
    dt.date(2026, 3, 15),
)
CITIZEN_POOL = [f"0190850{n:05d}" for n in range(80)]
DECISIONS = (
    Action.ACCEPT,
    Action.GUIDE,
    Action.TRANSFER,
    Action.TRANSFER_OUT,
    Action.RETURN,
    Action.FILE_AWAY,
    Action.URGE,
    Action.FORWARD_TO_PARTY,
    Action.REFUSE_ACCEPTANCE,
)


@dataclass
class World:
    province: OrgUnit
    board: OrgUnit
    commune_a: OrgUnit
    commune_b: OrgUnit
    district: OrgUnit
    outsider: OrgUnit  # another province: never counted
    clerk: User
    head: User
    serials: dict[tuple[int, int], int] = field(default_factory=dict)
    numbers: dict[tuple[int, int], int] = field(default_factory=dict)
    codes: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    cases: dict[int, list[tuple[int, dt.date]]] = field(default_factory=dict)

    @property
    def active_units(self) -> list[OrgUnit]:
        return [self.board, self.commune_a, self.commune_b, self.outsider]


@dataclass
class SessionSpec:
    unit: int
    day: dt.date
    kind: str
    status: str
    pk: int = 0


@dataclass
class VisitSpec:
    unit: int
    day: dt.date
    kind: str
    people_count: int
    citizen_ids: tuple[str, ...]
    case: int
    case_opened_on: dt.date
    petition_kind: str
    pk: int = 0


@dataclass
class Step:
    """A register entry (action "register") or an event of the petition in a unit."""

    unit: int
    day: dt.date
    action: str


@dataclass
class PetitionSpec:
    kind: str
    is_eligible: bool | None
    procedure_stage: str
    is_anonymous: bool
    steps: list[Step]
    pk: int = 0


@dataclass
class DataSet:
    world: World
    sessions: list[SessionSpec] = field(default_factory=list)
    visits: list[VisitSpec] = field(default_factory=list)
    petitions: list[PetitionSpec] = field(default_factory=list)


def world_create() -> World:
    province = make_unit(name="Ủy ban nhân dân tỉnh Thử Nghiệm", code="G-T01")
    board = make_unit(
        parent=province, kind=OrgUnit.Kind.RECEPTION_BOARD, name="Ban TCD tỉnh", code="G-BTCD"
    )
    commune_a = make_unit(parent=province, level=OrgUnit.Level.COMMUNE, name="Xã A", code="G-XA")
    commune_b = make_unit(parent=province, level=OrgUnit.Level.COMMUNE, name="Xã B", code="G-XB")
    district = make_unit(
        parent=province,
        level=OrgUnit.Level.DISTRICT,
        name="Huyện cũ",
        code="G-H01",
        valid_to=DISTRICT_ENDS,
    )
    district.successors.add(commune_a)
    outsider = make_unit(name="Ủy ban nhân dân tỉnh Khác", code="G-T02")
    return World(
        province=province,
        board=board,
        commune_a=commune_a,
        commune_b=commune_b,
        district=district,
        outsider=outsider,
        clerk=make_official(board, Role.RECEPTION_OFFICER, username="g.clerk"),
        head=make_official(province, Role.UNIT_LEADER, username="g.head"),
    )


def local(day: dt.date, minute_of_day: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(minute_of_day // 60, minute_of_day % 60), tzinfo=ZONE)


def _minute(rng: random.Random) -> int:
    # Near midnight often, so a wrong time zone or an off-by-one at the cut-off shows.
    return rng.choice((5, 23 * 60 + 55, rng.randrange(7 * 60, 17 * 60)))


def _days(rng: random.Random, first: dt.date, last: dt.date, count: int) -> list[dt.date]:
    span = (last - first).days
    days = [first + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(count)]
    return sorted(days + [d for d in EDGE_DAYS if first <= d <= last])


def records_generate(
    world: World,
    *,
    seed: int = 7,
    first: dt.date = dt.date(2025, 11, 1),
    last: dt.date = dt.date(2026, 7, 31),
    visits: int = 120,
    petitions: int = 80,
    data: DataSet | None = None,
) -> DataSet:
    """Write records dated between first and last (and, before the district ended, in the
    district) and return their specs, appended to `data` when given."""
    rng = random.Random(seed)
    data = data or DataSet(world=world)
    units = [world.board, world.commune_a, world.commune_b, world.outsider]
    plan: list[tuple[OrgUnit, dt.date]] = [
        (rng.choice(units), d) for d in _days(rng, first, last, visits)
    ]
    if first <= DISTRICT_ENDS:
        plan += [(world.district, d) for d in _days(rng, first, min(last, DISTRICT_ENDS), 10)]
    plan.sort(key=lambda item: item[1])
    _sessions_and_visits(world, data, rng, plan)
    entries = [(rng.choice(units), d) for d in _days(rng, first, last, petitions)]
    if first <= DISTRICT_ENDS:
        entries += [(world.district, d) for d in _days(rng, first, min(last, DISTRICT_ENDS), 8)]
    for unit, day in entries:
        _petition(world, data, rng, unit, day, last)
    return data


def _sessions_and_visits(
    world: World, data: DataSet, rng: random.Random, plan: list[tuple[OrgUnit, dt.date]]
) -> None:
    sessions: dict[tuple[int, dt.date, str], ReceptionSession] = {}
    for unit, day in plan:
        kind = rng.choices(
            (ReceptionKind.REGULAR, ReceptionKind.PERIODIC, ReceptionKind.AD_HOC), (6, 3, 1)
        )[0]
        session = None
        if kind != ReceptionKind.REGULAR:
            key = (unit.pk, day, str(kind))
            if key not in sessions:
                sessions[key] = _session(world, data, unit, day, kind, ReceptionSession.Status.HELD)
            session = sessions[key]
        if rng.random() < 0.15:  # a session that did not take place, with nobody received
            status = rng.choice(
                (ReceptionSession.Status.CANCELLED, ReceptionSession.Status.SCHEDULED)
            )
            _session(world, data, unit, day, ReceptionKind.PERIODIC, status)
        _visit(world, data, rng, unit, day, kind, session)


def _session(
    world: World, data: DataSet, unit: OrgUnit, day: dt.date, kind: str, status: str
) -> ReceptionSession:
    session = ReceptionSession.objects.create(
        org_unit=unit,
        head=world.head,
        head_kind=HeadKind.COMMUNE_CHAIR,
        kind=kind,
        starts_at=local(day, 8 * 60),
        status=status,
        slug=f"g{next(world.codes):011d}",
    )
    data.sessions.append(
        SessionSpec(unit=unit.pk, day=day, kind=kind, status=status, pk=session.pk)
    )
    return session


def _visit(
    world: World,
    data: DataSet,
    rng: random.Random,
    unit: OrgUnit,
    day: dt.date,
    kind: str,
    session: ReceptionSession | None,
) -> None:
    if rng.random() < 0.3:  # a group: 5 or more people, one or two representatives named
        people = rng.randrange(5, 16)
        named = rng.randrange(1, 3)
    else:
        people = rng.randrange(1, 4)
        named = rng.randrange(1, people + 1)
    ids = tuple(rng.sample(CITIZEN_POOL, named))
    earlier = world.cases.setdefault(unit.pk, [])
    if earlier and rng.random() < 0.4:
        case_pk, opened_on = rng.choice(earlier)
    else:
        case = ReceptionCase.objects.create(org_unit=unit, summary="Vụ việc", opened_on=day)
        case_pk, opened_on = case.pk, day
        earlier.append((case_pk, day))
    serial_key = (unit.pk, day.year)
    world.serials[serial_key] = world.serials.get(serial_key, 0) + 1
    petition_kind = rng.choice(Kind.values)
    visit = Visit.objects.create(
        org_unit=unit,
        year=day.year,
        serial=world.serials[serial_key],
        received_at=local(day, _minute(rng)),
        kind=kind,
        session=session,
        case_id=case_pk,
        is_repeat=opened_on < day,
        people_count=people,
        summary="Nội dung",
        petition_kind=petition_kind,
        outcome=DeskOutcome.EXPLAINED,
        created_by=world.clerk,
    )
    for position, citizen_id in enumerate(ids, start=1):
        visitor, _ = Visitor.objects.get_or_create(
            citizen_id=citizen_id, defaults={"full_name": f"Công dân {citizen_id[-3:]}"}
        )
        VisitPerson.objects.create(
            visit=visit, visitor=visitor, position=position, citizen_id=citizen_id
        )
    data.visits.append(
        VisitSpec(
            unit=unit.pk,
            day=day,
            kind=kind,
            people_count=people,
            citizen_ids=ids,
            case=case_pk,
            case_opened_on=opened_on,
            petition_kind=petition_kind,
            pk=visit.pk,
        )
    )


def _register(world: World, petition: Petition, unit: OrgUnit, day: dt.date) -> None:
    key = (unit.pk, day.year)
    world.numbers[key] = world.numbers.get(key, 0) + 1
    RegisterEntry.objects.create(
        org_unit=unit,
        petition=petition,
        year=day.year,
        number=world.numbers[key],
        registered_on=day,
    )


def _event(petition: Petition, unit: OrgUnit, day: dt.date, action: str, minute: int) -> None:
    PetitionEvent.objects.create(
        petition=petition, at=local(day, minute), org_unit=unit, action=action
    )


def _petition(
    world: World, data: DataSet, rng: random.Random, unit: OrgUnit, day: dt.date, last: dt.date
) -> None:
    petition = Petition.objects.create(
        tracking_code=f"G{next(world.codes):09d}",
        received_on=day,
        channel="post",
        receiving_unit=unit,
        current_unit=unit,
        kind=rng.choice(Kind.values),
        is_eligible=rng.choice((True, True, False, None)),
        procedure_stage=rng.choice([*ProcedureStage.values, ""]),
        is_anonymous=rng.random() < 0.15,
        summary="Đơn",
    )
    spec = PetitionSpec(
        kind=petition.kind,
        is_eligible=petition.is_eligible,
        procedure_stage=petition.procedure_stage,
        is_anonymous=petition.is_anonymous,
        steps=[],
        pk=petition.pk,
    )
    data.petitions.append(spec)
    holder, since = unit, day
    seen = {unit.pk}  # a unit registers a petition once (RegisterEntry is unique per unit)
    for _hop in range(3):
        _register(world, petition, holder, since)
        _event(petition, holder, since, "receive", 6 * 60)  # not a decision: never counted
        spec.steps.append(Step(holder.pk, since, "register"))
        end = min(last, DISTRICT_ENDS) if holder == world.district else last
        if rng.random() < 0.25 or since >= end:
            return  # still waiting for triage
        decided = min(end, since + dt.timedelta(days=rng.randrange(0, 40)))
        action = rng.choice(DECISIONS)
        if action == Action.ACCEPT:
            _event(petition, holder, decided, Action.PROPOSE_ACCEPTANCE, 7 * 60)
            spec.steps.append(Step(holder.pk, decided, Action.PROPOSE_ACCEPTANCE))
        _event(petition, holder, decided, action, _minute(rng))
        spec.steps.append(Step(holder.pk, decided, action))
        if action != Action.TRANSFER:
            return
        choices = [u for u in (world.board, world.commune_a, world.commune_b) if u.pk not in seen]
        if not choices:
            return
        holder, since = rng.choice(choices), decided
        seen.add(holder.pk)


def pending_decide(world: World, data: DataSet, day: dt.date) -> None:
    """Every petition still waiting in a unit is guided on `day` (records arriving later)."""
    units = {u.pk: u for u in (world.board, world.commune_a, world.commune_b, world.outsider)}
    for spec in data.petitions:
        last = spec.steps[-1]
        if last.action == "register" and last.unit in units:
            petition = Petition.objects.get(pk=spec.pk)
            _event(petition, units[last.unit], day, Action.GUIDE, 9 * 60)
            spec.steps.append(Step(last.unit, day, Action.GUIDE))
