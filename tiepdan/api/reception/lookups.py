"""Natural keys of the reception API (unit codes, usernames, office names, slugs, visit
numbers, petition references) turned into the objects the services take."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from tiepdan.accounts.models import User
from tiepdan.accounts.permissions import ensure_capability
from tiepdan.accounts.roles import Capability
from tiepdan.core.exceptions import NotFound, ValidationFailed
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.petitions.selectors import petition_get_for_user
from tiepdan.reception.models import ConnectionSite, ReceptionForm, ReceptionSession, Visit
from tiepdan.reception.selectors import visit_get_for_user
from tiepdan.reception.session_selectors import session_get_for_user

RECEIVE = Capability.RECEIVE_CITIZENS


def invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, extra={"field": field, "errors": {field: message}})


def official_by_username(username: str, *, field: str) -> User:
    user = User.objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise invalid(field, _("No official has the username %(name)s.") % {"name": username})
    return user


def office_by_name(unit: OrgUnit, name: str, *, field: str = "office") -> ReceptionOffice | None:
    if not name.strip():
        return None
    office = ReceptionOffice.objects.filter(
        org_unit=unit, name=name.strip(), is_active=True
    ).first()
    if office is None:
        raise invalid(field, _("Choose one of the unit's reception offices."))
    return office


def session_for_caller(
    request: HttpRequest, slug: str, *, online: bool | None = None
) -> ReceptionSession:
    """The session if the caller may see it; as the pages, only for officials who receive
    citizens somewhere (403 otherwise). `online` narrows to one form, so an in-person session
    is not found under /online-sessions."""
    user = request.auth  # type: ignore[attr-defined]
    ensure_capability(user, RECEIVE)
    session = session_get_for_user(user=user, slug=slug)
    if online is not None and (session.form == ReceptionForm.ONLINE) != online:
        raise NotFound(slug)
    return session


def site_of(session: ReceptionSession, unit_code: str) -> ConnectionSite:
    site = session.sites.select_related("org_unit", "session__org_unit").filter(
        org_unit__code=unit_code
    )
    found = site.first()
    if found is None:
        raise NotFound(unit_code)
    return found


def session_id_of_unit(unit: OrgUnit, slug: str) -> int | None:
    if not slug.strip():
        return None
    pk = (
        ReceptionSession.objects.filter(org_unit=unit, slug=slug.strip())
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        raise invalid("session", _("Choose one of the unit's reception sessions."))
    return pk


def visit_of(user: Any, unit: str, year: int, serial: int) -> Visit:
    return visit_get_for_user(user=user, unit_code=unit, year=year, serial=serial)


def petitions_of(user: Any, references: list[str]) -> list[Any]:
    found = []
    for index, reference in enumerate(references):
        try:
            found.append(petition_get_for_user(user=user, reference=reference))
        except NotFound:
            raise invalid(
                f"petitions.{index}", _("A tracking code was not found among your petitions.")
            ) from None
    return found
