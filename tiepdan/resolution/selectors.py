"""Every read of resolution cases, always scoped to the units the official may see."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils.translation import gettext as _

from tiepdan.accounts.permissions import units_in_scope, user_can_in_unit
from tiepdan.accounts.roles import Capability
from tiepdan.core import clock
from tiepdan.core.exceptions import NotFound
from tiepdan.organizations.models import OrgUnit
from tiepdan.organizations.selectors import org_unit_ancestors
from tiepdan.petitions.identity import reference_parse
from tiepdan.petitions.models import PetitionDeadline, Petitioner
from tiepdan.petitions.permissions import can_see_identity, notes_for_user
from tiepdan.resolution.models import Implementation, ProtectionRequest, Resolution, Withdrawal
from tiepdan.resolution.workflow import TABLES, TERMINAL, Action, Move, Status, Track

# The states in which the case is being resolved, and those in which its main time limit
# runs: also a re-denunciation under review (TC-13). A suspended case's clock stands still, and
# a decided one has met its limit (the later limits are the petition's time limits).
RESOLVING: tuple[Status, ...] = (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE)
RUNNING: tuple[Status, ...] = (*RESOLVING, Status.REVIEWING)


def resolution_queryset_for_user(user: Any) -> QuerySet[Resolution]:
    """The cases whose resolving unit the official may see (own unit; leaders and inspectors,
    the units they oversee)."""
    return Resolution.objects.filter(org_unit__in=units_in_scope(user, Capability.VIEW_PETITIONS))


def _with_rank(qs: QuerySet[Resolution]) -> QuerySet[Resolution]:
    today = clock.today()
    return qs.annotate(
        rank=Case(
            When(status__in=RUNNING, due_on__lt=today, then=Value(0)),
            When(status__in=TERMINAL, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )


def _with_numbers(qs: QuerySet[Resolution]) -> QuerySet[Resolution]:
    """Each case's number among its petition's cases (links name it, never the db id)."""
    siblings = Resolution.objects.filter(petition=OuterRef("petition"))
    siblings = siblings.order_by().values("petition")
    count = siblings.annotate(n=Count("pk")).values("n")[:1]
    before = siblings.filter(pk__lte=OuterRef("pk")).annotate(n=Count("pk")).values("n")[:1]
    return qs.annotate(
        number=Subquery(before, output_field=IntegerField()),
        case_count=Subquery(count, output_field=IntegerField()),
    )


def resolution_list_for_user(
    *,
    user: Any,
    unit: OrgUnit | None = None,
    mine: bool = False,
    track: str = "",
    status: str = "",
    overdue_only: bool = False,
) -> QuerySet[Resolution]:
    """The official's cases, overdue first, then by due date; closed cases last."""
    qs = resolution_queryset_for_user(user)
    if unit is not None:
        qs = qs.filter(org_unit=unit)
    if mine:
        # The case's resolver, or (not set on the case) the official the petition is assigned to.
        qs = qs.filter(Q(assigned_to=user) | Q(assigned_to=None, petition__assigned_to=user))
    if track:
        qs = qs.filter(track=track)
    if status:
        qs = qs.filter(status=status)
    qs = _with_numbers(_with_rank(qs))
    if overdue_only:
        qs = qs.filter(rank=0)
    return (
        qs.select_related("petition", "org_unit", "assigned_to", "petition__assigned_to")
        .prefetch_related(
            Prefetch("petition__petitioners", queryset=Petitioner.objects.order_by("position"))
        )
        .order_by("rank", F("due_on").asc(nulls_last=True), "accepted_on", "pk")
    )


def resolution_get_for_user(*, user: Any, reference: str, case: int | None = None) -> Resolution:
    """One case of a petition, by the petition's reference; not found if not visible.

    A petition may have several cases (taken over by the superior, a second complaint): `case`
    is its number among them (1, 2, ...); without it, the open case the official may see, else
    the latest.
    """
    code, part = reference_parse(reference)
    cases = list(
        Resolution.objects.filter(petition__tracking_code=code, petition__part_number=part)
        .select_related(
            "petition",
            "petition__current_unit",
            "petition__assigned_to",
            "org_unit",
            "assigned_to",
            "verifying_unit",
        )
        .order_by("pk")
    )
    scope = set(
        units_in_scope(user, Capability.VIEW_PETITIONS)
        .filter(pk__in={c.org_unit_id for c in cases})
        .values_list("pk", flat=True)
    )
    for number, found in enumerate(cases, start=1):
        found.number = number  # type: ignore[attr-defined]  # shown in links, never the db id
    visible = [c for c in cases if c.org_unit_id in scope]
    if case is not None:
        visible = [c for c in visible if c.number == case]  # type: ignore[attr-defined]
    chosen = next((c for c in reversed(visible) if c.status not in TERMINAL), None)
    chosen = chosen or (visible[-1] if visible else None)
    if chosen is None:
        raise NotFound(_("No resolution case has this code, or it is not open to you."))
    chosen.case_count = len(cases)  # type: ignore[attr-defined]
    return chosen


@dataclass(frozen=True)
class ActionChoice:
    action: Action
    move: Move


def resolution_actions_for_user(*, user: Any, resolution: Resolution) -> list[ActionChoice]:
    """The moves of the case's track table from its status that the official's roles allow in
    the resolving unit (the same list drives the page's buttons and the API)."""
    table = TABLES[Track(resolution.track)]
    status = Status(resolution.status)
    return [
        ActionChoice(action, move)
        for (state, action), move in table.items()
        if state == status and user_can_in_unit(user, move.capability, resolution.org_unit)
    ]


def resolution_can_set_complexity(*, user: Any, resolution: Resolution) -> bool:
    """Complexity is found by the head of the resolving unit, while the case is being resolved."""
    return resolution.status in (*RESOLVING, Status.SUSPENDED) and user_can_in_unit(
        user, Capability.DECIDE, resolution.org_unit
    )


def resolution_main_limit(resolution: Resolution) -> PetitionDeadline | None:
    """The petition's time limit of the case's main rule in the resolving unit: its due date and
    the explanation (extensions, suspended days not counted)."""
    return (
        PetitionDeadline.objects.filter(
            petition=resolution.petition,
            org_unit=resolution.org_unit,
            family=resolution.rule_id,
        )
        .order_by("-pk")
        .first()
    )


def resolution_superior_units(resolution: Resolution) -> list[OrgUnit]:
    """Units that can take the case over: those above the resolving unit, nearest first."""
    return list(reversed(org_unit_ancestors(resolution.org_unit)))


def resolution_verifying_units(resolution: Resolution) -> list[OrgUnit]:
    """Units that can verify: any unit of the resolving unit's province (or of its own tree
    when it sits under no province), the resolving unit first (LEGAL.md §1.3)."""
    from tiepdan.organizations.selectors import org_unit_subtree

    chain = [*org_unit_ancestors(resolution.org_unit), resolution.org_unit]
    top = next((u for u in chain if u.level == OrgUnit.Level.PROVINCE), resolution.org_unit)
    others = org_unit_subtree(top).exclude(pk=resolution.org_unit_id).order_by("depth", "name")
    return [resolution.org_unit, *others[:500]]


def resolution_days_left(resolution: Resolution) -> int | None:
    """Days to the due date while the limit runs (negative when overdue), else None."""
    if resolution.due_on is None or resolution.status not in RUNNING:
        return None
    return (resolution.due_on - clock.today()).days


def resolution_for_petition(*, user: Any, petition: Any) -> list[Resolution]:
    """The cases of a petition the official may see, oldest first (for the petition page)."""
    cases = list(Resolution.objects.filter(petition=petition).order_by("pk"))
    scope = set(
        units_in_scope(user, Capability.VIEW_PETITIONS)
        .filter(pk__in={c.org_unit_id for c in cases})
        .values_list("pk", flat=True)
    )
    for number, found in enumerate(cases, start=1):
        found.number = number  # type: ignore[attr-defined]
    return [c for c in cases if c.org_unit_id in scope]


def protection_requests_for(user: Any, resolution: Resolution) -> list[ProtectionRequest]:
    """The case's protection requests, only for an official who may see the denouncer's
    identity (LTC Art. 47.2, 56); an empty list for anyone else."""
    if resolution.track != Track.DENUNCIATION or not can_see_identity(user, resolution.petition):
        return []
    return list(
        resolution.protection_requests.select_related("decided_by").order_by("requested_on", "pk")
    )


@dataclass(frozen=True)
class ProtectionRights:
    see: bool  # the panel and its rows
    record: bool  # record a request (resolvers and the head)
    decide: bool  # grant, refuse, end (the head)


def protection_rights_for(user: Any, resolution: Resolution) -> ProtectionRights:
    """What the official may do with the case's protection requests (protection.py checks
    the same again)."""
    see = resolution.track == Track.DENUNCIATION and can_see_identity(user, resolution.petition)
    is_open = see and resolution.status not in TERMINAL
    unit = resolution.org_unit
    decide = is_open and user_can_in_unit(user, Capability.DECIDE, unit)
    record = decide or (is_open and user_can_in_unit(user, Capability.RESOLVE_PETITIONS, unit))
    return ProtectionRights(see=see, record=record, decide=decide)


def withdrawals_for(user: Any, resolution: Resolution) -> list[Withdrawal]:
    """The case's withdrawals; what was withdrawn is free text, so it is masked for an official
    who may not know the denouncer (LTC Art. 47.2, 56)."""
    withdrawals = list(resolution.withdrawals.all())
    notes_for_user(user, resolution.petition, withdrawals, attr="content")
    return withdrawals


# Each figure of an implementation record, in the order pages show them, and the decision's
# figure it is measured against (Biểu 05/KQTH: recovered against what was to be recovered;
# people disciplined against those recommended for handling, prosecuted against those referred).
IMPLEMENTATION_ORDERED: tuple[tuple[str, str], ...] = (
    ("amount_recovered", "amount_recovered"),
    ("amount_returned", "amount_returned"),
    ("land_recovered_m2", "land_recovered_m2"),
    ("land_returned_m2", "land_returned_m2"),
    ("persons_disciplined", "persons_to_discipline"),
    ("persons_prosecuted", "persons_referred"),
)


def implementations_for(user: Any, resolution: Resolution) -> list[Implementation]:
    """What was done in carrying out the decision or conclusion, oldest first; the note is free
    text, so it is masked for an official who may not know the denouncer (LTC Art. 47.2, 56)."""
    records = list(resolution.implementations.select_related("recorded_by"))
    notes_for_user(user, resolution.petition, records)
    return records


@dataclass(frozen=True)
class ImplementationTotal:
    name: str  # the Implementation field
    done: Decimal  # the sum of every record so far
    ordered: Decimal  # what the decision or conclusion ordered (0: it named no figure)


def implementation_totals(resolution: Resolution) -> list[ImplementationTotal]:
    """Each figure done so far against what the decision or conclusion ordered."""
    sums = resolution.implementations.aggregate(
        **{name: Sum(name) for name, _ordered in IMPLEMENTATION_ORDERED}
    )
    return [
        ImplementationTotal(
            name=name,
            done=Decimal(sums[name] or 0),
            ordered=Decimal(getattr(resolution, ordered) or 0),
        )
        for name, ordered in IMPLEMENTATION_ORDERED
    ]
