"""Who may see which petitions, and who may see a denouncer's identity."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from tiepdan.accounts.models import Membership
from tiepdan.accounts.permissions import units_in_scope
from tiepdan.accounts.roles import Capability, Role
from tiepdan.petitions.models import (
    DocumentKind,
    Petition,
    PetitionDocument,
    Petitioner,
    RegisterEntry,
)

MASK = "***"


def petition_queryset_for_user(user: Any) -> QuerySet[Petition]:
    """The only way views and the API get petitions: those registered in a unit the official
    may see. A unit that transferred a petition keeps it in its register, so it keeps following.
    """
    scope = units_in_scope(user, Capability.VIEW_PETITIONS)
    registered = RegisterEntry.objects.filter(petition=OuterRef("pk"), org_unit__in=scope)
    return Petition.objects.filter(Exists(registered))


@dataclass(frozen=True)
class IdentityScope:
    """The units an official works in and those they lead, read once so that a list of rows
    can be judged without a query per row. Belongs to one official: never pass another's."""

    user_id: int | None
    units: frozenset[int]
    led_units: frozenset[int]


def identity_scope(user: Any) -> IdentityScope:
    if not getattr(user, "is_authenticated", False):
        return IdentityScope(user_id=None, units=frozenset(), led_units=frozenset())
    rows = list(
        Membership.objects.filter(user=user, is_active=True).values_list("org_unit_id", "role")
    )
    return IdentityScope(
        user_id=user.pk,
        units=frozenset(unit for unit, _role in rows),
        led_units=frozenset(unit for unit, role in rows if role == Role.UNIT_LEADER),
    )


def can_see_identity(user: Any, petition: Petition, scope: IdentityScope | None = None) -> bool:
    """Whether the official may see the petitioners' identity on this petition.

    For a denunciation only the officials assigned to resolve it and the leaders of the unit
    holding it may (LTC Art. 9, 47, 56; LEGAL.md §5.5); for other petitions anyone who may see
    the petition. `scope` is the official's `identity_scope`, when judging many petitions.
    """
    if not petition.is_confidential:
        return True
    scope = scope if scope is not None else identity_scope(user)
    if scope.user_id is None:
        return False
    if petition.assigned_to_id == scope.user_id:
        # An assignment counts only while the official still works in the holding unit.
        return petition.current_unit_id in scope.units
    return petition.current_unit_id in scope.led_units


# Documents that name the denouncer or a relative: the decision on protection measures
# (LTC Art. 47-58). Only those who may see the denouncer list or open them (LTC Art. 47.2, 56).
IDENTITY_DOCUMENT_KINDS = frozenset({DocumentKind.PROTECTION_DECISION})


def petition_documents_for_user(user: Any, petition: Petition) -> QuerySet[PetitionDocument]:
    """The petition's documents this official may list and download (the petition itself
    must already be one they may see)."""
    documents = petition.documents.all()
    if not can_see_identity(user, petition):
        documents = documents.exclude(kind__in=IDENTITY_DOCUMENT_KINDS)
    return documents


IDENTITY_MASK = "(thông tin được giữ bí mật)"


def identity_secrets(petition: Petition) -> list[str]:
    """The petitioners' identifying values, longest first, as free text may carry them."""
    values: set[str] = set()
    for person in petition.petitioners.all():
        for value in (person.full_name, person.citizen_id, person.address, person.phone):
            values.add(unicodedata.normalize("NFC", value or "").strip())
        values.add((person.email or "").strip())
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


def identity_masked(text: str, secrets: Sequence[str]) -> str:
    """Free text (a note, a withdrawn content) with the given identity values masked."""
    text = unicodedata.normalize("NFC", text or "")
    for secret in secrets:
        text = re.sub(re.escape(secret), IDENTITY_MASK, text, flags=re.IGNORECASE)
    return text


def notes_for_user(user: Any, petition: Petition, rows: Iterable[Any], attr: str = "note") -> None:
    """Mask, on the loaded objects (never saved), the free text an official who may not know
    the denouncer would read: timeline notes, withdrawn contents (LTC Art. 47.2, 56). Officials
    type names into notes; lists and documents already leave them out."""
    if can_see_identity(user, petition):
        return
    secrets = identity_secrets(petition)
    for row in rows:
        setattr(row, attr, identity_masked(getattr(row, attr), secrets))


def mask_name(name: str) -> str:
    """'Nguyễn Văn Đức' → 'N*** V*** Đ***': enough to tell two people apart, not to identify."""
    return " ".join(f"{word[0]}{MASK}" for word in name.split()) if name else MASK


def petitioner_public(person: Petitioner, *, visible: bool) -> dict[str, str]:
    """The fields of a petitioner as a given official may see them."""
    if visible:
        return {
            "full_name": person.full_name,
            "citizen_id": person.citizen_id,
            "address": person.address,
            "phone": person.phone,
            "email": person.email,
        }
    return {
        "full_name": mask_name(person.full_name),
        "citizen_id": MASK if person.citizen_id else "",
        "address": MASK if person.address else "",
        "phone": MASK if person.phone else "",
        "email": MASK if person.email else "",
    }


def petitioner_names_for_list(petition: Petition) -> str:
    """For lists, exports and notifications: a denouncer is always masked there."""
    names = [p.full_name for p in petition.petitioners.all()]
    if petition.is_confidential:
        names = [mask_name(n) for n in names]
    return ", ".join(names)
