"""Every non-trivial read of petitions, always scoped to what the official may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from tiepdan.accounts.models import Membership
from tiepdan.accounts.roles import Role
from tiepdan.core import clock
from tiepdan.core.exceptions import NotFound
from tiepdan.core.text import fold
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.identity import reference_parse
from tiepdan.petitions.models import Petition, PetitionDeadline, Petitioner, Transfer
from tiepdan.petitions.permissions import petition_queryset_for_user
from tiepdan.petitions.workflow import Status

ACTIVE_STATUSES = (Status.RECEIVED, Status.ACCEPTANCE_PROPOSED)


def petition_get_for_user(*, user: Any, reference: str) -> Petition:
    """One petition by its reference (tracking code, or code-part); not found if not visible."""
    code, part = reference_parse(reference)
    petition = (
        petition_queryset_for_user(user)
        .select_related("current_unit", "receiving_unit", "assigned_to", "competent_unit")
        .filter(tracking_code=code, part_number=part)
        .first()
    )
    if petition is None:
        raise NotFound(_("No petition has this code, or it is not open to you."))
    return petition


@dataclass(frozen=True)
class InboxFilters:
    unit: OrgUnit | None = None
    kind: str = ""
    status: str = ""
    channel: str = ""
    assigned_to: Any = None
    unassigned_only: bool = False
    overdue_only: bool = False
    query: str = ""
    sort: str = "due"
    # Petitions the unit (or, without a unit, any unit of the official) transferred and no
    # longer holds, so the sender keeps following them (LESSONS "beyond" 3).
    transferred_out: bool = False


def petition_inbox(*, user: Any, filters: InboxFilters) -> QuerySet[Petition]:
    """The petitions a unit holds (or every unit the official sees), with the nearest due date."""
    qs = petition_queryset_for_user(user)
    if filters.transferred_out:
        qs = _transferred_out(qs, user=user, unit=filters.unit)
    elif filters.unit is not None:
        qs = qs.filter(current_unit=filters.unit)
    if filters.kind:
        # JSON "contains" does not exist on SQLite; the stored list's text does the same job.
        qs = qs.filter(Q(kind=filters.kind) | Q(kinds__icontains=f'"{filters.kind}"'))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.assigned_to is not None:
        qs = qs.filter(assigned_to=filters.assigned_to)
    elif filters.unassigned_only:
        qs = qs.filter(assigned_to=None)
    if filters.query:
        qs = petition_search_filter(qs, filters.query)
    running = Q(
        deadlines__met_on=None, deadlines__is_paused=False, deadlines__org_unit=F("current_unit")
    )
    qs = qs.annotate(next_due_on=Min("deadlines__due_on", filter=running))
    if filters.overdue_only:
        qs = qs.filter(next_due_on__lt=clock.today())
    order = {
        "due": ("next_due_on", "received_on"),
        "received": ("-received_on", "-pk"),
        "oldest": ("received_on", "pk"),
    }.get(filters.sort, ("next_due_on", "received_on"))
    return (
        qs.select_related("current_unit", "assigned_to")
        .prefetch_related(Prefetch("petitioners", queryset=Petitioner.objects.order_by("position")))
        .order_by(*order)
    )


def _transferred_out(
    qs: QuerySet[Petition], *, user: Any, unit: OrgUnit | None
) -> QuerySet[Petition]:
    if unit is not None:
        own = [unit.pk]
    else:
        own = list(
            Membership.objects.filter(user=user, is_active=True).values_list("org_unit", flat=True)
        )
    sent = Transfer.objects.filter(
        petition=OuterRef("pk"), from_unit__in=own, to_unit__isnull=False
    )
    return qs.filter(Exists(sent)).exclude(current_unit__in=own)


def petition_search_filter(qs: QuerySet[Petition], query: str) -> QuerySet[Petition]:
    """Accent-insensitive: every folded word must occur ('nguyen van duc' finds 'Nguyễn Văn
    Đức'); a tracking code matches exactly. A citizen ID matches through the folded column,
    which holds the IDs of every petitioner except denouncers."""
    code, _part = reference_parse(query)
    words = fold(query).split()
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    exact = Q(tracking_code=code) if len(code) == 10 else Q(pk__in=[])
    return qs.filter(condition | exact) if words else qs


def petition_state_counts(*, user: Any, unit: OrgUnit | None) -> dict[str, int]:
    qs = petition_queryset_for_user(user)
    if unit is not None:
        qs = qs.filter(current_unit=unit)
    return dict(qs.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))


def petition_deadlines(petition: Petition) -> list[dict[str, Any]]:
    """Time limits with days left (negative when overdue), running ones first."""
    today = clock.today()
    rows = []
    for d in petition.deadlines.select_related("org_unit").order_by("met_on", "due_on"):
        rows.append(
            {
                "deadline": d,
                "days_left": (d.due_on - today).days if d.met_on is None else None,
                "is_overdue": d.met_on is None and d.due_on < today,
            }
        )
    return rows


def duplicate_candidates(petition: Petition, *, limit: int = 10) -> list[Petition]:
    """Earlier petitions, in any unit, with the same citizen ID, or the same folded name and
    address with similar content (LEGAL.md XLD-04). Shown masked where the viewer may not see
    identities; this read is system-wide on purpose, to catch petitions sent to several units.
    """
    people = list(petition.petitioners.all())
    ids = [p.citizen_id for p in people if p.citizen_id]
    names = [(p.name_folded, fold(p.address)) for p in people if p.name_folded]
    condition = Q(petitioners__citizen_id__in=ids) if ids else Q(pk__in=[])
    for name, address in names:
        same_person = Q(petitioners__name_folded=name)
        if address:
            same_person &= Q(search_text__contains=address[:40]) | Q(
                petitioners__address__iexact=address
            )
        words = [w for w in fold(petition.summary).split() if len(w) > 3][:4]
        if words:
            similar = Q()
            for word in words[:2]:
                similar &= Q(search_text__contains=word)
            condition |= same_person & similar
        else:
            condition |= same_person
    return list(
        Petition.objects.filter(condition)
        .exclude(pk=petition.pk)
        .filter(created_at__lte=petition.created_at)
        .select_related("current_unit")
        .distinct()
        .order_by("-received_on")[:limit]
    )


def guided_before(original: Petition) -> bool:
    """XLD-02: guidance is given once for the same content."""
    return original.events.filter(action="guide").exists()


def unit_triage_officials(unit: OrgUnit) -> list[Any]:
    memberships = Membership.objects.filter(
        org_unit=unit, role__in=[Role.TRIAGE_OFFICER, Role.UNIT_LEADER], is_active=True
    ).select_related("user")
    return [m.user for m in memberships]


# Who can be given a petition to handle: not unit administrators, reporting officers or auditors.
ASSIGNABLE_ROLES = (Role.TRIAGE_OFFICER, Role.RESOLVER, Role.UNIT_LEADER, Role.RECEPTION_OFFICER)


def unit_officials(unit: OrgUnit) -> list[Any]:
    """The officials of a unit who can be assigned petitions."""
    users = {
        m.user.pk: m.user
        for m in Membership.objects.filter(
            org_unit=unit, is_active=True, role__in=ASSIGNABLE_ROLES
        ).select_related("user")
    }
    return sorted(users.values(), key=str)


def overdue_count(*, user: Any, unit: OrgUnit | None) -> int:
    qs = PetitionDeadline.objects.filter(met_on=None, due_on__lt=clock.today())
    qs = qs.filter(petition__in=petition_queryset_for_user(user))
    if unit is not None:
        qs = qs.filter(org_unit=unit)
    return qs.values("petition").distinct().count()


def date_or_none(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
