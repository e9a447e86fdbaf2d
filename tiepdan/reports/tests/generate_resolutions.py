"""A generated data set of resolution cases with known contents, for Biểu 03/GQKN, 04/GQTC and
05/KQTH.

The world of generate.py (a province, two communes, a district that ended on 30/06/2025 with
commune A as its successor, another province never counted). Complaint and denunciation cases
accepted over 04/2025-07/2026, with acceptances and events on both sides of the Q1 2026 cut-offs
(14-15/12/2025, 14-15/03/2026): decided on time, on their due day and late; withdrawn (whole,
partly, or going on after the withdrawal); terminated; lawsuits filed before and after the
decision; taken over by the province; second complaints and re-denunciations (under review,
declined, re-resolved); decisions in legal effect; implementation records (partial, completing);
protection requests (pending, granted, refused, granted then ended); cases still open.

The records are written directly, so their dates can be anything; the specs keep what was
written so tests can compute the expected numbers in Python.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from decimal import Decimal

from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import Petition
from tiepdan.reports.tests.generate import DISTRICT_ENDS, EDGE_DAYS, World
from tiepdan.resolution.models import (
    Implementation,
    Outcome,
    ProtectionRequest,
    Resolution,
    Withdrawal,
)
from tiepdan.resolution.workflow import Status, Track

Amount = Decimal | int
MONEY = (Decimal(0), Decimal(0), Decimal(1_500_000), Decimal(25_000_000), Decimal(730_250_000))
LAND = (Decimal(0), Decimal(0), Decimal("12.5"), Decimal("250.0"), Decimal("1030.3"))
PEOPLE = (0, 0, 1, 2, 5)
ORDER_FIELDS = {
    "amount_recovered": MONEY,
    "amount_returned": MONEY,
    "land_recovered_m2": LAND,
    "land_returned_m2": LAND,
    "people_rights_restored": PEOPLE,
    "persons_to_discipline": PEOPLE,
    "persons_referred": PEOPLE,
}
DONE_FIELDS = {
    "amount_recovered": MONEY,
    "amount_returned": MONEY,
    "land_recovered_m2": LAND,
    "land_returned_m2": LAND,
    "persons_disciplined": PEOPLE,
    "persons_prosecuted": PEOPLE,
}
OUTCOMES = (*Outcome.values, "")  # a decision without an outcome recorded, now and then
FATES = {
    Track.COMPLAINT: (
        ("open", 2),
        ("decide", 6),
        ("withdraw", 2),
        ("withdraw_goes_on", 1),
        ("part_then_terminate", 1),
        ("terminate", 1),
        ("lawsuit", 1),
        ("decide_then_lawsuit", 1),
    ),
    Track.DENUNCIATION: (
        ("open", 2),
        ("decide", 6),
        ("withdraw", 2),
        ("withdraw_goes_on", 1),
        ("part_then_terminate", 1),
        ("terminate", 1),
        ("take_over", 2),
    ),
}
REVIEW_FATES = (("reviewing", 1), ("declined", 1), ("decide", 2))
OPEN_STATUSES = {
    Status.ACCEPTED,
    Status.VERIFYING,
    Status.DIALOGUE,
    Status.SUSPENDED,
    Status.REVIEWING,
}


@dataclass
class WithdrawalSpec:
    withdrawn_on: dt.date
    scope: str
    continues: bool
    pk: int = 0


@dataclass
class ImplementationSpec:
    done_on: dt.date
    completes: bool
    amounts: dict[str, Amount]
    pk: int = 0


@dataclass
class ProtectionSpec:
    requested_on: dt.date
    status: str
    decided_on: dt.date | None
    pk: int = 0


@dataclass
class ResolutionSpec:
    track: str
    level: int
    unit: int
    accepted_on: dt.date
    due_on: dt.date | None
    status: str = Status.ACCEPTED
    decided_on: dt.date | None = None
    effective_on: dt.date | None = None
    closed_on: dt.date | None = None
    dialogue_on: dt.date | None = None
    outcome: str = ""
    orders: dict[str, Amount] = field(default_factory=dict)
    first_resolution: int | None = None
    withdrawals: list[WithdrawalSpec] = field(default_factory=list)
    implementations: list[ImplementationSpec] = field(default_factory=list)
    protections: list[ProtectionSpec] = field(default_factory=list)
    petition: int = 0
    pk: int = 0

    def order(self, name: str) -> Amount:
        return self.orders.get(name, 0)


@dataclass
class ResolutionSet:
    world: World
    resolutions: list[ResolutionSpec] = field(default_factory=list)


class Life:
    """Draws what happens to cases, never after `last` (what has not happened yet stays open)."""

    def __init__(self, world: World, rng: random.Random, last: dt.date) -> None:
        self.world, self.rng, self.last = world, rng, last
        # In turn rather than drawn, so that every outcome shows up in every period tested.
        self.outcomes = itertools.cycle(OUTCOMES)

    def after(self, day: dt.date, low: int, high: int) -> dt.date | None:
        """A day `low`-`high` days after `day`; often a cut-off edge day in that span."""
        edges = [e for e in EDGE_DAYS if day + dt.timedelta(days=low) <= e]
        edges = [e for e in edges if e <= day + dt.timedelta(days=high)]
        if edges and self.rng.random() < 0.3:
            chosen = self.rng.choice(edges)
        else:
            chosen = day + dt.timedelta(days=self.rng.randint(low, high))
        return chosen if chosen <= self.last else None

    def weighted(self, fates: tuple[tuple[str, int], ...]) -> str:
        names, weights = zip(*fates, strict=True)
        return self.rng.choices(names, weights)[0]

    def figures(self, fields: dict[str, tuple[Amount, ...]]) -> dict[str, Amount]:
        return {name: self.rng.choice(values) for name, values in fields.items()}

    def live(self, spec: ResolutionSpec, fate: str) -> list[ResolutionSpec]:
        """Fill in the case's history; returns the cases it opens elsewhere (a take-over)."""
        a = spec.accepted_on
        if fate == "open":
            self._maybe_dialogue(spec, a)
            if spec.status == Status.ACCEPTED and self.rng.random() < 0.3:
                spec.status = Status.SUSPENDED
        elif fate == "reviewing":
            spec.status = Status.REVIEWING
        elif fate == "declined":
            self._close(spec, self.after(a, 1, 20), Status.CLOSED)
        elif fate in ("decide", "decide_then_lawsuit"):
            self.decide(spec, a, lawsuit=fate == "decide_then_lawsuit")
        elif fate == "withdraw":
            self._withdraw(spec, self.after(a, 1, 60), Withdrawal.Scope.WHOLE, continues=False)
        elif fate == "withdraw_goes_on":
            day = self.after(a, 1, 40)
            if day is not None:
                self._withdraw(spec, day, Withdrawal.Scope.WHOLE, continues=True)
                self.decide(spec, day, lawsuit=False)
        elif fate == "part_then_terminate":
            day = self.after(a, 1, 30)
            if day is not None:
                # A partial withdrawal ends nothing, whatever its flag says: the case is then
                # terminated on other grounds.
                self._withdraw(spec, day, Withdrawal.Scope.PART, continues=False)
                self._close(spec, self.after(day, 1, 30), Status.TERMINATED)
        elif fate == "terminate":
            self._close(spec, self.after(a, 1, 60), Status.TERMINATED)
        elif fate == "lawsuit":
            self._close(spec, self.after(a, 1, 40), Status.LAWSUIT_FILED)
        elif fate == "take_over":
            return self._take_over(spec, self.after(a, 5, 40))
        return []

    def decide(self, spec: ResolutionSpec, since: dt.date, *, lawsuit: bool) -> None:
        rng = self.rng
        if spec.due_on is not None and spec.due_on >= since and rng.random() < 0.15:
            day = spec.due_on if spec.due_on <= self.last else None  # on the due day: on time
        else:
            day = self.after(since, 3, 75)
        if day is None:
            spec.status = Status.VERIFYING
            return
        if spec.track == Track.COMPLAINT and (spec.level == 2 or rng.random() < 0.5):
            spec.dialogue_on = since + dt.timedelta(days=rng.randint(0, (day - since).days))
        spec.status, spec.decided_on = Status.DECIDED, day
        spec.outcome = next(self.outcomes)
        spec.orders = self.figures(ORDER_FIELDS)
        if lawsuit:
            self._close(spec, self.after(day, 1, 25), Status.LAWSUIT_FILED)
        elif spec.track == Track.DENUNCIATION:
            self.implement(spec, day)
        elif rng.random() < 0.7:
            effective = self.after(day, 30, 50)
            if effective is not None:
                spec.status, spec.effective_on = Status.EFFECTIVE, effective
                self.implement(spec, effective)

    def implement(self, spec: ResolutionSpec, since: dt.date) -> None:
        day: dt.date | None = since
        for _ in range(self.rng.randint(0, 2)):
            day = self.after(day, 1, 40) if day else None
            if day is not None:
                spec.implementations.append(
                    ImplementationSpec(day, completes=False, amounts=self.figures(DONE_FIELDS))
                )
        if day is not None and self.rng.random() < 0.6:
            self.complete(spec, self.after(day, 1, 40))

    def complete(self, spec: ResolutionSpec, day: dt.date | None) -> None:
        if day is None:
            return
        spec.implementations.append(
            ImplementationSpec(day, completes=True, amounts=self.figures(DONE_FIELDS))
        )
        done = Status.ENFORCED if spec.track == Track.COMPLAINT else Status.HANDLED
        self._close(spec, day, done)

    def protections(self, spec: ResolutionSpec) -> None:
        for _ in range(self.rng.choice((0, 0, 1, 2))):
            requested = self.after(spec.accepted_on, 0, 20)
            if requested is None:
                continue
            decided = self.after(requested, 1, 15) if self.rng.random() < 0.8 else None
            status = (
                self.rng.choice(
                    (
                        ProtectionRequest.Status.GRANTED,
                        ProtectionRequest.Status.REFUSED,
                        ProtectionRequest.Status.ENDED,
                    )
                )
                if decided
                else ProtectionRequest.Status.REQUESTED
            )
            spec.protections.append(ProtectionSpec(requested, status, decided))

    def _maybe_dialogue(self, spec: ResolutionSpec, since: dt.date) -> None:
        if spec.track == Track.COMPLAINT and self.rng.random() < 0.5:
            day = self.after(since, 1, 40)
            if day is not None:
                spec.dialogue_on, spec.status = day, Status.DIALOGUE

    def _withdraw(
        self, spec: ResolutionSpec, day: dt.date | None, scope: str, *, continues: bool
    ) -> None:
        if day is None:
            return
        spec.withdrawals.append(WithdrawalSpec(day, scope, continues))
        if scope == Withdrawal.Scope.WHOLE and not continues:
            self._close(spec, day, Status.TERMINATED)

    def _close(self, spec: ResolutionSpec, day: dt.date | None, status: str) -> None:
        if day is not None:
            spec.status, spec.closed_on = status, day

    def _take_over(self, spec: ResolutionSpec, day: dt.date | None) -> list[ResolutionSpec]:
        if day is None:
            return []
        self._close(spec, day, Status.TAKEN_OVER)
        # The province accepts it again; the time limit restarts (NĐ 31/2019 Art. 5.3).
        successor = ResolutionSpec(
            track=spec.track,
            level=spec.level,
            unit=self.world.province.pk,
            accepted_on=day,
            due_on=day + dt.timedelta(days=30),
            petition=spec.petition,
        )
        fates = tuple(f for f in FATES[Track.DENUNCIATION] if f[0] != "take_over")
        self.live(successor, self.weighted(fates))
        return [successor]


def _due(rng: random.Random, accepted_on: dt.date) -> dt.date | None:
    if rng.random() < 0.05:
        return None  # no time limit recorded (cases imported from paper)
    return accepted_on + dt.timedelta(days=rng.choice((30, 45, 60)))


def _acceptance_days(
    rng: random.Random, first: dt.date, last: dt.date, count: int
) -> list[dt.date]:
    span = (last - first).days
    days = [first + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(count)]
    return sorted(days + [d for d in EDGE_DAYS if first <= d <= last] * 2)


def resolutions_generate(
    world: World,
    *,
    seed: int = 11,
    first: dt.date = dt.date(2025, 4, 1),
    last: dt.date = dt.date(2026, 7, 31),
    cases: int = 200,
    landmarks: bool = True,
    data: ResolutionSet | None = None,
) -> ResolutionSet:
    """Write cases accepted between first and last, their follow-ups (second complaints,
    re-denunciations, take-overs) and records, and return their specs (appended to `data`).
    With `landmarks`, also the fixed cases that reach every column in Q1 2026."""
    rng = random.Random(seed)
    life = Life(world, rng, last)
    data = data or ResolutionSet(world=world)
    units = [world.province, world.commune_a, world.commune_b, world.outsider]
    plan = [(rng.choice(units), day) for day in _acceptance_days(rng, first, last, cases)]
    if first <= DISTRICT_ENDS:
        plan += [(world.district, d) for d in _acceptance_days(rng, first, DISTRICT_ENDS, 8)]
    firsts: list[ResolutionSpec] = []
    start = len(data.resolutions)
    if landmarks:
        landmarks_create(world, data)
    for unit, day in plan:
        track = rng.choice((Track.COMPLAINT, Track.DENUNCIATION))
        spec = ResolutionSpec(track, 1, unit.pk, day, _due(rng, day))
        fates = FATES[Track(track)]
        if unit.parent_id is None:  # a province has no superior here to take a case over
            fates = tuple(f for f in fates if f[0] != "take_over")
        opened = life.live(spec, life.weighted(fates))
        _store(world, spec)
        firsts.append(spec)
        data.resolutions.append(spec)
        for case in opened:
            case.petition = spec.petition  # the superior takes over the same petition
            _store(world, case)
            data.resolutions.append(case)
    for spec in firsts:
        _follow_up(world, life, data, spec)
    for spec in data.resolutions[start:]:
        if spec.track == Track.DENUNCIATION:
            life.protections(spec)
            _store(world, spec)
    return data


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


FULL_ORDERS: dict[str, Amount] = {
    "amount_recovered": Decimal(12_345_000),
    "amount_returned": Decimal(2_000_000),
    "land_recovered_m2": Decimal("80.5"),
    "land_returned_m2": Decimal("0.3"),
    "people_rights_restored": 3,
    "persons_to_discipline": 2,
    "persons_referred": 1,
}
FULL_DONE: dict[str, Amount] = {
    "amount_recovered": Decimal(5_000_000),
    "amount_returned": Decimal(1_000_000),
    "land_recovered_m2": Decimal("40.2"),
    "land_returned_m2": Decimal("0.3"),
    "persons_disciplined": 1,
    "persons_prosecuted": 1,
}


def landmarks_create(world: World, data: ResolutionSet) -> None:
    """Fixed cases of each track, dated on and around the Q1 2026 cut-offs (15/12/2025 →
    14/03/2026), so that every column of the three forms has something in Q1 whatever the
    random cases do."""
    b, a, province = world.commune_b.pk, world.commune_a.pk, world.province.pk
    for track in (Track.COMPLAINT, Track.DENUNCIATION):
        complaint = track == Track.COMPLAINT
        # Carried over; decided in the period, on time, founded, ordering everything.
        decided = ResolutionSpec(
            track,
            1,
            b,
            _day("2025-12-01"),
            _day("2026-01-15"),
            status=Status.DECIDED,
            decided_on=_day("2026-01-10"),
            outcome=Outcome.FOUNDED,
            orders=dict(FULL_ORDERS),
            dialogue_on=_day("2026-01-05") if complaint else None,
        )
        if complaint:
            decided.status, decided.effective_on = Status.EFFECTIVE, _day("2026-02-12")
        decided.implementations.append(
            ImplementationSpec(_day("2026-02-20"), False, dict(FULL_DONE))
        )
        # Accepted on the first day, decided on the last, late: partly founded.
        late = ResolutionSpec(
            track,
            1,
            a,
            _day("2025-12-15"),
            _day("2026-02-13"),
            status=Status.DECIDED,
            decided_on=_day("2026-03-14"),
            outcome=Outcome.PARTLY_FOUNDED,
            orders=dict(FULL_ORDERS),
        )
        # Decided before the period and carried out in it (Biểu 05/KQTH).
        earlier = ResolutionSpec(
            track,
            1,
            b,
            _day("2025-09-01"),
            _day("2025-10-01"),
            status=Status.ENFORCED if complaint else Status.HANDLED,
            decided_on=_day("2025-09-25"),
            outcome=Outcome.UNFOUNDED,
            orders=dict(FULL_ORDERS),
            effective_on=_day("2025-11-05") if complaint else None,
            closed_on=_day("2026-03-01"),
            implementations=[
                ImplementationSpec(_day("2026-01-10"), False, dict(FULL_DONE)),
                ImplementationSpec(_day("2026-03-01"), True, dict(FULL_DONE)),
            ],
        )
        withdrawn = ResolutionSpec(
            track,
            1,
            b,
            _day("2026-01-02"),
            _day("2026-02-01"),
            status=Status.TERMINATED,
            closed_on=_day("2026-02-02"),
            withdrawals=[WithdrawalSpec(_day("2026-02-02"), Withdrawal.Scope.WHOLE, False)],
        )
        terminated = ResolutionSpec(
            track,
            1,
            a,
            _day("2025-10-10"),
            _day("2025-11-10"),
            status=Status.TERMINATED,
            closed_on=_day("2026-03-14"),
        )
        # Withdrawn, but the case went on (TC-16; coercion), and was terminated later on.
        went_on = ResolutionSpec(
            track,
            1,
            a,
            _day("2025-12-20"),
            _day("2026-01-19"),
            status=Status.TERMINATED,
            closed_on=_day("2026-02-25"),
            withdrawals=[WithdrawalSpec(_day("2026-01-15"), Withdrawal.Scope.WHOLE, True)],
        )
        still_open = ResolutionSpec(track, 1, b, _day("2026-03-14"), _day("2026-04-13"))
        # Decided the day after the period: still to resolve at its end.
        next_day = ResolutionSpec(
            track,
            1,
            b,
            _day("2026-02-01"),
            _day("2026-03-03"),
            status=Status.DECIDED,
            decided_on=_day("2026-03-15"),
            outcome=Outcome.FOUNDED,
        )
        fixed = (decided, late, earlier, withdrawn, went_on, terminated, still_open, next_day)
        for spec in fixed:
            _store(world, spec)
            data.resolutions.append(spec)
        # The second level, at the province, of the case decided before the period.
        second = ResolutionSpec(
            track,
            2,
            province,
            _day("2026-01-05"),
            _day("2026-02-19"),
            status=Status.DECIDED,
            decided_on=_day("2026-02-19"),
            outcome=Outcome.UNFOUNDED,
            dialogue_on=_day("2026-02-01") if complaint else None,
            first_resolution=earlier.pk,
        )
        if complaint:
            ending = ResolutionSpec(
                track,
                1,
                a,
                _day("2026-01-03"),
                _day("2026-02-02"),
                status=Status.LAWSUIT_FILED,
                closed_on=_day("2026-01-30"),
            )
        else:
            ending = ResolutionSpec(
                track,
                1,
                b,
                _day("2026-01-03"),
                _day("2026-02-02"),
                status=Status.TAKEN_OVER,
                closed_on=_day("2026-02-10"),
                protections=[
                    ProtectionSpec(
                        _day("2026-01-04"), ProtectionRequest.Status.GRANTED, _day("2026-01-05")
                    ),
                    ProtectionSpec(
                        _day("2026-01-04"), ProtectionRequest.Status.ENDED, _day("2026-01-08")
                    ),
                    ProtectionSpec(
                        _day("2026-01-20"), ProtectionRequest.Status.REFUSED, _day("2026-02-01")
                    ),
                    ProtectionSpec(_day("2026-03-10"), ProtectionRequest.Status.REQUESTED, None),
                ],
            )
        for spec in (second, ending):
            _store(world, spec)
            data.resolutions.append(spec)
        if not complaint:
            successor = ResolutionSpec(
                track,
                1,
                province,
                _day("2026-02-10"),
                _day("2026-03-12"),
                petition=ending.petition,
            )
            _store(world, successor)
            data.resolutions.append(successor)


def _follow_up(world: World, life: Life, data: ResolutionSet, spec: ResolutionSpec) -> None:
    """A second complaint against a first decision not yet in effect (LKN Art. 33), or a
    re-denunciation of a conclusion (LTC Art. 37), brought to the province."""
    lower = spec.unit not in (world.province.pk, world.outsider.pk)
    if not lower or spec.decided_on is None or spec.status == Status.LAWSUIT_FILED:
        return
    if spec.track == Track.COMPLAINT and spec.status != Status.DECIDED:
        return
    if life.rng.random() < 0.5:
        return
    day = life.after(spec.decided_on, 5, 40)
    if day is None:
        return
    follow = ResolutionSpec(
        track=spec.track,
        level=2,
        unit=world.province.pk,
        accepted_on=day,
        due_on=_due(life.rng, day),
        first_resolution=spec.pk,
    )
    review = spec.track == Track.DENUNCIATION
    fates = REVIEW_FATES if review else FATES[Track.COMPLAINT]
    life.live(follow, life.weighted(fates))
    _store(world, follow)
    data.resolutions.append(follow)


def later_progress(world: World, data: ResolutionSet, day: dt.date, *, seed: int = 5) -> None:
    """What happens on `day` (after every period tested) to the cases: open ones are decided,
    withdrawn, terminated or taken over; decisions take effect; implementations complete;
    pending protection requests are decided and granted ones end."""
    life = Life(world, random.Random(seed), day)
    for n, spec in enumerate(list(data.resolutions)):
        opened: list[ResolutionSpec] = []
        if spec.status in OPEN_STATUSES:
            opened = _progress_open(life, spec, day, n)
        elif spec.status == Status.DECIDED and spec.track == Track.COMPLAINT:
            spec.status, spec.effective_on = Status.EFFECTIVE, day
        elif spec.status in (Status.DECIDED, Status.EFFECTIVE):
            life.complete(spec, day)
        for request in spec.protections:
            if request.status == ProtectionRequest.Status.REQUESTED:
                request.status, request.decided_on = ProtectionRequest.Status.GRANTED, day
            elif request.status == ProtectionRequest.Status.GRANTED:
                request.status = ProtectionRequest.Status.ENDED
        for case in (spec, *opened):
            _store(world, case)
        data.resolutions.extend(opened)


def _progress_open(life: Life, spec: ResolutionSpec, day: dt.date, n: int) -> list[ResolutionSpec]:
    world, choice = life.world, n % 4
    if choice == 0:
        spec.status, spec.decided_on = Status.DECIDED, day
        spec.outcome, spec.orders = Outcome.FOUNDED, life.figures(ORDER_FIELDS)
    elif spec.status == Status.REVIEWING:
        spec.status, spec.closed_on = Status.CLOSED, day  # not resolved again (LTC Art. 37.2)
    elif choice == 1:
        spec.withdrawals.append(WithdrawalSpec(day, Withdrawal.Scope.WHOLE, continues=False))
        spec.status, spec.closed_on = Status.TERMINATED, day
    elif (
        choice == 2
        and spec.track == Track.DENUNCIATION
        and spec.unit
        not in (
            world.province.pk,
            world.outsider.pk,
        )
    ):
        spec.status, spec.closed_on = Status.TAKEN_OVER, day
        return [
            ResolutionSpec(
                spec.track, spec.level, world.province.pk, day, None, petition=spec.petition
            )
        ]
    else:
        spec.status, spec.closed_on = Status.TERMINATED, day
    return []


# What is written to the database: the spec's own fields.
RESOLUTION_FIELDS = (
    "track",
    "level",
    "status",
    "accepted_on",
    "due_on",
    "decided_on",
    "effective_on",
    "closed_on",
    "dialogue_on",
    "outcome",
)


def _store(world: World, spec: ResolutionSpec) -> None:
    """Create the case (and its petition) or bring it up to date, then its new records."""
    values = {name: getattr(spec, name) for name in RESOLUTION_FIELDS} | spec.orders
    if spec.pk:
        Resolution.objects.filter(pk=spec.pk).update(**values)
    else:
        unit = OrgUnit.objects.get(pk=spec.unit)
        if not spec.petition:
            spec.petition = _petition(world, unit, spec).pk
        spec.pk = Resolution.objects.create(
            petition_id=spec.petition,
            org_unit=unit,
            rule_id="TC-05" if spec.track == Track.DENUNCIATION else "KN-03",
            first_resolution_id=spec.first_resolution,
            **values,
        ).pk
    _store_records(world, spec)


def _petition(world: World, unit: OrgUnit, spec: ResolutionSpec) -> Petition:
    return Petition.objects.create(
        tracking_code=f"R{next(world.codes):09d}",
        received_on=spec.accepted_on - dt.timedelta(days=3),
        channel="post",
        receiving_unit=unit,
        current_unit=unit,
        kind=spec.track,
        is_eligible=True,
        summary="Đơn",
    )


def _store_records(world: World, spec: ResolutionSpec) -> None:
    for withdrawal in spec.withdrawals:
        if not withdrawal.pk:
            withdrawal.pk = Withdrawal.objects.create(
                resolution_id=spec.pk,
                withdrawn_on=withdrawal.withdrawn_on,
                scope=withdrawal.scope,
                content="Rút đơn",
                continues=withdrawal.continues,
                recorded_by=world.clerk,
            ).pk
    for record in spec.implementations:
        if not record.pk:
            record.pk = Implementation.objects.create(
                resolution_id=spec.pk,
                done_on=record.done_on,
                completes=record.completes,
                **record.amounts,
            ).pk
    for request in spec.protections:
        values = {"status": request.status, "decided_on": request.decided_on}
        if request.pk:
            ProtectionRequest.objects.filter(pk=request.pk).update(**values)
        else:
            request.pk = ProtectionRequest.objects.create(
                resolution_id=spec.pk,
                person_name="Người được bảo vệ",
                relation=ProtectionRequest.Relation.DENOUNCER,
                grounds="Bị đe dọa",
                requested_on=request.requested_on,
                **values,
            ).pk


# Plain-Python readings of the specs, for the tests' expected numbers (not the engine's rules).


def to_resolve(spec: ResolutionSpec, units: set[int], start: dt.date, end: dt.date) -> bool:
    ended_before = any(day is not None and day < start for day in (spec.decided_on, spec.closed_on))
    return spec.unit in units and spec.accepted_on <= end and not ended_before


def happened(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def closed_undecided(spec: ResolutionSpec, start: dt.date, end: dt.date) -> bool:
    undecided = spec.decided_on is None or spec.decided_on > end
    return undecided and happened(spec.closed_on, start, end)


def ended_by_withdrawal(spec: ResolutionSpec, end: dt.date) -> bool:
    return any(
        w.scope == Withdrawal.Scope.WHOLE and not w.continues and w.withdrawn_on <= end
        for w in spec.withdrawals
    )


def unresolved(spec: ResolutionSpec, end: dt.date) -> bool:
    return all(day is None or day > end for day in (spec.decided_on, spec.closed_on))


def overdue(spec: ResolutionSpec) -> bool:
    return spec.due_on is not None and spec.decided_on is not None and spec.decided_on > spec.due_on
