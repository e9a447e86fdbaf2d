"""Who may know the people of a visit: a denouncer's identity is kept secret at the desk too
(LTC Art. 9, 47.2, 56; NĐ 154/2026 Art. 12.2; LEGAL.md §2.2, §5.5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tiepdan.petitions.models import Kind
from tiepdan.petitions.permissions import (
    IDENTITY_MASK,
    MASK,
    IdentityScope,
    can_see_identity,
    identity_masked,
    identity_scope,
    mask_name,
)
from tiepdan.reception.models import Visit, VisitPerson

__all__ = [
    "IdentityScope",
    "PersonShown",
    "VisitIdentity",
    "can_see_visit_identity",
    "identity_scope",
    "visit_identity",
    "visit_is_confidential",
]


def visit_is_confidential(visit: Visit) -> bool:
    """A visit about a denunciation, or whose petition is a denunciation (or part of one)."""
    if visit.petition_kind == Kind.DENUNCIATION:
        return True
    return visit.petition is not None and visit.petition.is_confidential


def can_see_visit_identity(user: Any, visit: Visit, scope: IdentityScope | None = None) -> bool:
    """Whether the official may know who came.

    For a confidential visit with its petition, the officials who may know the denouncer of
    that petition (the resolvers and the holding unit's leaders). Without one, the officials
    who received the denouncer, while they still work in the unit, and the unit's leaders.
    Everyone else sees the visit masked. `scope` is the official's `identity_scope`.
    Uses `visit.receivers.all()`: prefetch it when judging many visits.
    """
    if not visit_is_confidential(visit):
        return True
    scope = scope if scope is not None else identity_scope(user)
    if scope.user_id is None:
        return False
    petition = visit.petition
    if petition is not None and petition.is_confidential:
        return can_see_identity(user, petition, scope)
    if visit.org_unit_id in scope.led_units:
        return True
    return visit.org_unit_id in scope.units and any(
        receiver.pk == scope.user_id for receiver in visit.receivers.all()
    )


@dataclass(frozen=True)
class PersonShown:
    """A visitor as given at the visit (the VisitPerson snapshot), or masked."""

    full_name: str
    citizen_id: str
    id_paper: str
    address: str
    phone: str
    is_representative: bool


@dataclass(frozen=True)
class VisitIdentity:
    """The people and free text of a visit as one official may see them."""

    is_confidential: bool
    visible: bool
    persons: tuple[PersonShown, ...]
    summary: str
    statement: str
    follow_up: str
    note: str


def _person_shown(person: VisitPerson, *, visible: bool) -> PersonShown:
    if visible:
        return PersonShown(
            full_name=person.full_name,
            citizen_id=person.citizen_id,
            id_paper=person.id_paper,
            address=person.address,
            phone=person.phone,
            is_representative=person.is_representative,
        )
    return PersonShown(
        full_name=mask_name(person.full_name),
        citizen_id=MASK if person.citizen_id else "",
        id_paper=MASK if person.id_paper else "",
        address=MASK if person.address else "",
        phone=MASK if person.phone else "",
        is_representative=person.is_representative,
    )


def _secrets(persons: list[VisitPerson]) -> list[str]:
    """The identifying values officials may have typed into the free text, longest first."""
    values = {
        value.strip()
        for p in persons
        for value in (p.full_name, p.citizen_id, p.id_paper, p.address, p.phone)
    }
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


def visit_identity(user: Any, visit: Visit, scope: IdentityScope | None = None) -> VisitIdentity:
    """The visit's people and free text for this official. Masked, the statement (the
    citizen's own words, read back and signed) is withheld whole; the summary, follow-up and
    notes keep their text with the people's names, IDs, addresses and phones masked.
    Uses `visit.persons.all()` (prefetch it, ordered by position, for many visits)."""
    visible = can_see_visit_identity(user, visit, scope)
    persons = list(visit.persons.all())
    shown = tuple(_person_shown(p, visible=visible) for p in persons)
    if visible:
        return VisitIdentity(
            is_confidential=visit_is_confidential(visit),
            visible=True,
            persons=shown,
            summary=visit.summary,
            statement=visit.statement,
            follow_up=visit.follow_up,
            note=visit.note,
        )
    secrets = _secrets(persons)
    return VisitIdentity(
        is_confidential=True,
        visible=False,
        persons=shown,
        summary=identity_masked(visit.summary, secrets),
        statement=IDENTITY_MASK if visit.statement else "",
        follow_up=identity_masked(visit.follow_up, secrets),
        note=identity_masked(visit.note, secrets),
    )
