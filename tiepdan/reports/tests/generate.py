"""A generated data set with known contents for the statistics tests.

A province with its reception board, two communes and a district that ended on 30/06/2025 with
commune A as its successor. Visits (regular, heads' sessions, group visits, repeated cases,
persons coming again), sessions (held, cancelled), and petitions registered, transferred between
the communes, guided, accepted, returned... spread over 04/2025-07/2026 with records on both
sides of the Q1 2026 cut-offs (14-15/12/2025, 14-15/03/2026, near midnight in Hà Nội). Some
decisions are reopened (and maybe taken again), some petitions are reclassified after a decision,
and transfers get their answers inside a period, after it or never.

The records are written directly (not through the services) so their dates can be anything;
every spec keeps what was written so tests can compute the expected numbers in Python.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from tiepdan.accounts.models import User
from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.organizations.models import OrgUnit
from tiepdan.organizations.tests.factories import make_unit
from tiepdan.petitions.models import (
    Field,
    Kind,
    Petition,
    PetitionEvent,
    ProcedureStage,
    RegisterEntry,
    Transfer,
)
from tiepdan.petitions.workflow import TRIAGE_DECISIONS, Action
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
    Action.REPORT_TO_POLICE,
)
KIND_WEIGHTS = {Kind.COMPLAINT: 4, Kind.DENUNCIATION: 3}
# Decisions that write a Transfer row (triage.petition_transition).
TRANSFER_ROWS = {
    Action.TRANSFER,
    Action.TRANSFER_OUT,
    Action.URGE,
    Action.FORWARD_TO_PARTY,
    Action.REPORT_TO_POLICE,
}
# Decisions a leader can reopen (workflow.TRANSITIONS: REOPEN from the states they lead to).
REOPENABLE = {
    Action.REFUSE_ACCEPTANCE,
    Action.GUIDE,
    Action.RETURN,
    Action.FILE_AWAY,
    Action.TRANSFER_OUT,
    Action.URGE,
}
# Taken after a reopening: not a second transfer (only once, TT 05/2021 Art. 14.1).
DECIDED_AGAIN = (
    Action.GUIDE,
    Action.RETURN,
    Action.FILE_AWAY,
    Action.URGE,
    Action.FORWARD_TO_PARTY,
    Action.REPORT_TO_POLICE,
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
    """A register entry (action "register") or an event of the petition in a unit; a triage
    decision keeps the classification it was taken on, as `event_write` stores it."""

    unit: int
    day: dt.date
    action: str
    classified: dict[str, Any] | None = None


@dataclass
class TransferSpec:
    """A Transfer row: sent by `unit` on the day of the decision, answered or not."""

    unit: int
    kind: str
    sent_on: dt.date
    reported_back_on: dt.date | None


@dataclass
class PetitionSpec:
    """The petition as it is now (a later reclassification included) and its history."""

    kind: str
    is_eligible: bool | None
    procedure_stage: str
    is_anonymous: bool
    steps: list[Step]
    field: str = ""
    is_within_competence: bool | None = None
    # `dataclasses.field`: the name `field` is the petition's field of content in this class.
    transfers: list[TransferSpec] = dataclasses.field(default_factory=list)
    pk: int = 0

    def classification(self) -> dict[str, Any]:
        """What services.common.classification_of stores for the petition as it is."""
        return {
            "kind": self.kind,
            "field": self.field,
            "eligible": self.is_eligible,
            "stage": self.procedure_stage,
            "anonymous": self.is_anonymous,
            "within": self.is_within_competence,
        }


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


def _event(
    petition: Petition,
    unit: OrgUnit,
    day: dt.date,
    action: str,
    minute: int,
    data: dict[str, Any] | None = None,
) -> None:
    PetitionEvent.objects.create(
        petition=petition, at=local(day, minute), org_unit=unit, action=action, data=data or {}
    )


def _decide(
    petition: Petition,
    spec: PetitionSpec,
    unit: OrgUnit,
    day: dt.date,
    action: str,
    minute: int,
    *,
    to_unit: OrgUnit | None = None,
    replied_on: dt.date | None = None,
) -> None:
    """A triage decision as the services write it (common.event_write, triage): the event with
    the classification it was taken on, the unit's register entry marked handled on its first
    decision, and the Transfer row of a decision that sends the petition on."""
    if action == Action.ACCEPT:
        # The service sets "within competence" before it writes the event.
        spec.is_within_competence = True
        Petition.objects.filter(pk=spec.pk).update(is_within_competence=True)
    classified = spec.classification()
    _event(petition, unit, day, action, minute, {"classified": classified})
    spec.steps.append(Step(unit.pk, day, action, classified))
    RegisterEntry.objects.filter(petition=petition, org_unit=unit, handled_on=None).update(
        handled_on=day
    )
    if action in TRANSFER_ROWS:
        Transfer.objects.create(
            petition=petition,
            from_unit=unit,
            to_unit=to_unit,
            to_body="" if to_unit else "Cơ quan có thẩm quyền",
            kind=action,
            sent_on=day,
            reported_back_on=replied_on,
        )
        spec.transfers.append(TransferSpec(unit.pk, action, day, replied_on))


def _kind(rng: random.Random) -> str:
    # Mostly complaints and denunciations, so that their fields fill the 02/XLD cells.
    return rng.choices(Kind.values, [KIND_WEIGHTS.get(k, 1) for k in Kind.values])[0]


def _eligible(rng: random.Random) -> bool | None:
    return rng.choice((True, True, True, False, None))  # None: not yet examined


def _reclassify(spec: PetitionSpec, rng: random.Random) -> None:
    """The classification corrected (handling.petition_classify); anonymity is left as it is."""
    spec.kind = _kind(rng)
    spec.is_eligible = _eligible(rng)
    spec.field = rng.choice([*Field.values, ""])
    spec.procedure_stage = rng.choice([*ProcedureStage.values, ""])
    Petition.objects.filter(pk=spec.pk).update(
        kind=spec.kind,
        is_eligible=spec.is_eligible,
        field=spec.field,
        procedure_stage=spec.procedure_stage,
    )


def _reply(rng: random.Random, sent_on: dt.date) -> dt.date | None:
    # Some answers come back within the same period, some after it, some never.
    return None if rng.random() < 0.35 else sent_on + dt.timedelta(days=rng.randrange(0, 60))


def _petition(
    world: World, data: DataSet, rng: random.Random, unit: OrgUnit, day: dt.date, last: dt.date
) -> None:
    petition = Petition.objects.create(
        tracking_code=f"G{next(world.codes):09d}",
        received_on=day,
        channel="post",
        receiving_unit=unit,
        current_unit=unit,
        kind=_kind(rng),
        field=rng.choice([*Field.values, ""]),
        is_eligible=_eligible(rng),
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
        field=petition.field,
        pk=petition.pk,
    )
    data.petitions.append(spec)
    _history(world, rng, petition, spec, unit, day, last)
    if rng.random() < 0.2:
        _reclassify(spec, rng)  # corrected after its decisions: they keep what they were on


def _history(
    world: World,
    rng: random.Random,
    petition: Petition,
    spec: PetitionSpec,
    unit: OrgUnit,
    day: dt.date,
    last: dt.date,
) -> None:
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
        to_unit = None
        if action == Action.TRANSFER:
            choices = [
                u for u in (world.board, world.commune_a, world.commune_b) if u.pk not in seen
            ]
            to_unit = rng.choice(choices) if choices else None
        replied_on = _reply(rng, decided) if action in TRANSFER_ROWS else None
        _decide(
            petition,
            spec,
            holder,
            decided,
            action,
            _minute(rng),
            to_unit=to_unit,
            replied_on=replied_on,
        )
        if action in REOPENABLE and decided < end and rng.random() < 0.35:
            _reopen(rng, petition, spec, holder, decided, end)
            return
        if to_unit is None:
            return
        holder, since = to_unit, decided
        seen.add(holder.pk)


def _reopen(
    rng: random.Random,
    petition: Petition,
    spec: PetitionSpec,
    unit: OrgUnit,
    decided: dt.date,
    end: dt.date,
) -> None:
    """A leader reopens the decision on a later day (workflow REOPEN), maybe to correct the
    classification, and the unit decides again later — or not yet."""
    reopened = min(end, decided + dt.timedelta(days=rng.randrange(1, 30)))
    _event(petition, unit, reopened, Action.REOPEN, _minute(rng))
    spec.steps.append(Step(unit.pk, reopened, Action.REOPEN))
    if rng.random() < 0.5:
        _reclassify(spec, rng)
    if reopened >= end or rng.random() < 0.3:
        return  # waiting for triage again
    again = min(end, reopened + dt.timedelta(days=rng.randrange(1, 40)))
    action = rng.choice(DECIDED_AGAIN)
    replied_on = _reply(rng, again) if action in TRANSFER_ROWS else None
    _decide(petition, spec, unit, again, action, _minute(rng), replied_on=replied_on)


def petition_write(
    world: World,
    data: DataSet,
    steps: list[tuple[OrgUnit, dt.date, str]],
    *,
    kind: str = Kind.COMPLAINT,
    is_eligible: bool | None = True,
    field: str = "",
    procedure_stage: str = "",
) -> PetitionSpec:
    """One petition with the history given: (unit, day, "register" | a decision | "reopen").
    Events of a day keep the order given."""
    first_unit, first_day, _action = steps[0]
    petition = Petition.objects.create(
        tracking_code=f"G{next(world.codes):09d}",
        received_on=first_day,
        channel="post",
        receiving_unit=first_unit,
        current_unit=first_unit,
        kind=kind,
        field=field,
        is_eligible=is_eligible,
        procedure_stage=procedure_stage,
        summary="Đơn",
    )
    spec = PetitionSpec(
        kind=kind,
        is_eligible=is_eligible,
        procedure_stage=procedure_stage,
        is_anonymous=False,
        steps=[],
        field=field,
        pk=petition.pk,
    )
    data.petitions.append(spec)
    for minute, (unit, day, action) in enumerate(steps, start=8 * 60):
        if action == "register":
            _register(world, petition, unit, day)
            spec.steps.append(Step(unit.pk, day, "register"))
        elif action in TRIAGE_DECISIONS:
            _decide(petition, spec, unit, day, action, minute)
        else:
            _event(petition, unit, day, action, minute)
            spec.steps.append(Step(unit.pk, day, action))
    return spec


def pending_decide(world: World, data: DataSet, day: dt.date) -> None:
    """Every petition still waiting in a unit (never decided, or reopened) is guided on `day`
    (records arriving later)."""
    units = {u.pk: u for u in (world.board, world.commune_a, world.commune_b, world.outsider)}
    for spec in data.petitions:
        last = spec.steps[-1]
        if last.action in ("register", Action.REOPEN) and last.unit in units:
            petition = Petition.objects.get(pk=spec.pk)
            _decide(petition, spec, units[last.unit], day, Action.GUIDE, 9 * 60)
