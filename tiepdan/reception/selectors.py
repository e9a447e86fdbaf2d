"""Reads over the reception register: a person's history, the register rows, the counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.accounts.permissions import units_in_scope
from tiepdan.accounts.roles import Capability
from tiepdan.core import clock
from tiepdan.core.exceptions import NotFound
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.models import Kind, Petition
from tiepdan.petitions.permissions import (
    can_see_identity,
    identity_scope,
    petition_queryset_for_user,
)
from tiepdan.petitions.services.intake import EARLIEST
from tiepdan.reception.models import DeskOutcome, ReceptionSession, Visit, VisitPerson
from tiepdan.reception.permissions import VisitIdentity, can_see_visit_identity, visit_identity

# Mẫu 03/TCD (NĐ 154/2026), LEGAL.md §2.3: the 13 columns of the reception register, as the
# form prints them. Statutory Vietnamese text, not translated.
REGISTER_COLUMNS: tuple[str, ...] = (
    "STT",
    "Ngày tiếp",
    "Họ tên, địa chỉ",
    "CCCD/Hộ chiếu (hoặc giấy tờ tùy thân khác)",
    "Nội dung (tóm tắt vụ việc)",
    "Phân loại đơn (KN / TC / KN-PA)",
    "Số người cùng nội dung",
    "Cơ quan đã giải quyết (hết thẩm quyền)",
    "Thuộc thẩm quyền (x)",
    "Hướng dẫn đến cơ quan nào, số văn bản hướng dẫn",
    "Cơ quan thụ lý; số văn bản chuyển đơn",
    "Theo dõi quá trình, kết quả giải quyết",
    "Ghi chú",
)

# Column 6 of Mẫu 03/TCD classifies as KN (khiếu nại), TC (tố cáo) or KN-PA.
KIND_ABBREVIATIONS = {
    Kind.COMPLAINT: "KN",
    Kind.DENUNCIATION: "TC",
    Kind.RECOMMENDATION: "KN-PA",
    Kind.FEEDBACK: "KN-PA",
    Kind.REGULATION_FEEDBACK: "KN-PA",
    Kind.MIXED: "KN, TC, KN-PA",
}


# Dates before this are typing mistakes (as for petitions); a register period may reach a year
# ahead at most. Beyond these, date arithmetic leaves the calendar and the database.
PERIOD_EARLIEST = EARLIEST
PERIOD_AHEAD = dt.timedelta(days=366)


def period_latest() -> dt.date:
    return clock.today() + PERIOD_AHEAD


def register_period_errors(date_from: dt.date, date_to: dt.date) -> dict[str, str]:
    """What is wrong with a register period, by "date_from" / "date_to" ("" when nothing)."""
    errors: dict[str, str] = {}
    earliest, latest = PERIOD_EARLIEST, period_latest()
    message = _("Enter a date between %(start)s and %(end)s.") % {
        "start": f"{earliest:%d/%m/%Y}",
        "end": f"{latest:%d/%m/%Y}",
    }
    for name, day in (("date_from", date_from), ("date_to", date_to)):
        if not earliest <= day <= latest:
            errors[name] = message
    if not errors and date_to < date_from:
        errors["date_to"] = _("The end date must be on or after the start date.")
    return errors


def visit_units_for_user(user: Any) -> QuerySet[OrgUnit]:
    """Units whose register the official may read: those where they receive citizens, and
    those whose petitions they may see (leaders and inspectors: the units they oversee)."""
    receiving = units_in_scope(user, Capability.RECEIVE_CITIZENS)
    viewing = units_in_scope(user, Capability.VIEW_PETITIONS)
    condition = Q(pk__in=receiving) | Q(pk__in=viewing)
    # A reception board follows the reception of its whole level: it is alerted to every group
    # visit in the province and coordinates joint reception (LTCD Art. 30; NĐ 154/2026 Art. 29),
    # so it reads the registers under the people's committee it serves (identities stay masked
    # by the visit's own rules).
    served = OrgUnit.objects.filter(
        pk__in=receiving, kind=OrgUnit.Kind.RECEPTION_BOARD, parent__isnull=False
    ).values_list("parent__path", flat=True)
    for path in served:
        condition |= Q(path__startswith=path)
    return OrgUnit.objects.filter(condition)


def visit_queryset_for_user(user: Any) -> QuerySet[Visit]:
    return Visit.objects.filter(org_unit__in=visit_units_for_user(user))


def register_unit_for_user(user: Any, unit_code: str) -> OrgUnit:
    """The unit by code if its register is open to the official; a 404 otherwise."""
    unit = visit_units_for_user(user).filter(code=unit_code).first()
    if unit is None:
        raise NotFound(_("No unit has this code, or its register is not open to you."))
    return unit


def _persons() -> Prefetch:
    return Prefetch("persons", VisitPerson.objects.order_by("position"))


def visit_get_for_user(*, user: Any, unit_code: str, year: int, serial: int) -> Visit:
    visit = (
        visit_queryset_for_user(user)
        .select_related(
            "org_unit",
            "office",
            "case",
            "petition__parent",
            "refusal_ground",
            "created_by",
            "session__head",
        )
        .prefetch_related("receivers", _persons())
        .filter(org_unit__code=unit_code, year=year, serial=serial)
        .first()
    )
    if visit is None:
        raise NotFound(_("No visit has this number, or it is not open to you."))
    return visit


def reference_shown(reference: str) -> str:
    """A petition's reference as people read it: 'K7QXM-3PD9R', 'K7QXM-3PD9R-2' for a part."""
    code, _sep, part = reference.partition("-")
    return tracking_code_display(code) + (f"-{part}" if part else "")


@dataclass(frozen=True)
class HistoryVisit:
    received_at: dt.datetime
    unit: str
    reference: str
    url_args: tuple[str, int, int]
    summary: str
    outcome: str
    is_group: bool
    petition_code: str

    @property
    def petition_shown(self) -> str:
        return reference_shown(self.petition_code) if self.petition_code else ""


@dataclass(frozen=True)
class HistoryPetition:
    reference: str
    received_on: dt.date
    unit: str
    kind: str
    status: str
    summary: str

    @property
    def shown(self) -> str:
        return reference_shown(self.reference)


@dataclass(frozen=True)
class History:
    visitor_name: str
    visits: list[HistoryVisit]
    petitions: list[HistoryPetition]

    @property
    def is_empty(self) -> bool:
        return not self.visits and not self.petitions


def visitor_history(
    user: Any, citizen_id: str, *, exclude_visit: Visit | None = None, limit: int = 20
) -> History:
    """A person's earlier visits and petitions, found by citizen ID, limited to what the
    official's units may see. A denunciation, and a visit about one, whose denouncer the
    official may not know is left out, so the lookup cannot reveal who denounced (LEGAL.md
    §5.5). The name is the one given at the latest visit shown."""
    scope = identity_scope(user)
    visits_qs = (
        visit_queryset_for_user(user)
        .filter(persons__visitor__citizen_id=citizen_id)
        .select_related("org_unit", "petition__parent")
        .prefetch_related("receivers")
        .order_by("-received_at")
        .distinct()
    )
    if exclude_visit is not None:
        visits_qs = visits_qs.exclude(pk=exclude_visit.pk)
    petitions_qs = petition_queryset_for_user(user).filter(petitioners__citizen_id=citizen_id)
    if exclude_visit is not None and exclude_visit.petition_id is not None:
        # The petition handed in at this visit is not an earlier one.
        petitions_qs = petitions_qs.exclude(pk=exclude_visit.petition_id)
    petitions = [
        p
        for p in petitions_qs.select_related("receiving_unit", "parent")
        .order_by("-received_on")
        .distinct()
        if can_see_identity(user, p, scope)
    ][:limit]
    visible = {p.pk for p in petitions}
    # Confidentiality is judged in Python (a petition's parts inherit it), so the visits are
    # filtered before the limit: one person's visits are a few dozen at most.
    shown = [v for v in visits_qs if can_see_visit_identity(user, v, scope)][:limit]
    visits = [
        HistoryVisit(
            received_at=v.received_at,
            unit=v.org_unit.name,
            reference=f"{v.serial}/{v.year}",
            url_args=(v.org_unit.code, v.year, v.serial),
            summary=v.summary,
            outcome=v.get_outcome_display(),
            is_group=v.is_group,
            petition_code=v.petition.reference if v.petition_id in visible and v.petition else "",
        )
        for v in shown
    ]
    return History(
        visitor_name=_history_name(citizen_id, shown, petitions),
        visits=visits,
        petitions=[
            HistoryPetition(
                reference=p.reference,
                received_on=p.received_on,
                unit=p.receiving_unit.name,
                kind=p.get_kind_display(),
                status=p.get_status_display(),
                summary=p.summary,
            )
            for p in petitions
        ],
    )


def _history_name(citizen_id: str, visits: list[Visit], petitions: list[Petition]) -> str:
    """The name given at the latest visit shown, else on the latest petition shown: never
    one taken from a visit or petition the official may not see."""
    if visits:
        person = VisitPerson.objects.filter(visit=visits[0], citizen_id=citizen_id).first()
        if person is not None:
            return person.full_name
    if petitions:
        petitioner = petitions[0].petitioners.filter(citizen_id=citizen_id).first()
        if petitioner is not None:
            return petitioner.full_name
    return ""


def _day_range(date_from: dt.date, date_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Local days [from, to] as aware instants, so the index on received_at is used."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(date_from, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


def _unit_visits(unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> QuerySet[Visit]:
    start, end = _day_range(date_from, date_to)
    return Visit.objects.filter(org_unit=unit, received_at__gte=start, received_at__lt=end)


@dataclass(frozen=True)
class RegisterRow:
    """One row of Mẫu 03/TCD, its cells in the form's order, as the official may see them."""

    visit: Visit
    cells: tuple[Any, ...]
    is_confidential: bool = False
    identity_visible: bool = True


def _join(*parts: str, sep: str = "; ") -> str:
    return sep.join(p for p in parts if p)


def _register_row(visit: Visit, identity: VisitIdentity) -> RegisterRow:
    # The people as given at this visit (VisitPerson), not as last typed for the same ID.
    names = _join(
        *(
            _join(p.full_name, p.address, sep=", ")
            + (" (người đại diện)" if p.is_representative else "")
            for p in identity.persons
        )
    )
    ids = _join(*(p.citizen_id or p.id_paper for p in identity.persons))
    follow = [identity.follow_up]
    if visit.petition is not None:
        follow.insert(0, f"Đơn {visit.petition.reference}: {visit.petition.get_status_display()}")
    notes = [visit.get_outcome_display()]
    if visit.outcome == DeskOutcome.REFUSED and visit.refusal_ground is not None:
        notes.append(visit.refusal_ground.text)
    if visit.outcome == DeskOutcome.STATEMENT_RECORDED:
        notes.append("Có biên bản ghi lời trình bày")
    notes.append(identity.note)
    cells = (
        visit.serial,
        timezone.localdate(visit.received_at),
        names,
        ids,
        identity.summary,
        KIND_ABBREVIATIONS.get(visit.petition_kind, visit.petition_kind),
        visit.people_count,
        visit.prior_bodies,
        "x" if visit.within_competence else "",
        _join(visit.guidance_to, visit.guidance_number, sep=", "),
        _join(visit.transfer_to, visit.transfer_number, sep=", "),
        _join(*follow),
        _join(*notes),
    )
    return RegisterRow(
        visit=visit,
        cells=cells,
        is_confidential=identity.is_confidential,
        identity_visible=identity.visible,
    )


def register_rows(
    user: Any, unit: OrgUnit, date_from: dt.date, date_to: dt.date
) -> list[RegisterRow]:
    """The register of a unit for a period, in the 13 columns of Mẫu 03/TCD. The people of a
    visit about a denunciation are masked for officials who may not know the denouncer (LTC
    Art. 9, 47.2, 56). A fixed number of queries whatever the number of rows."""
    if not visit_units_for_user(user).filter(pk=unit.pk).exists():
        raise NotFound(_("No unit has this code, or its register is not open to you."))
    scope = identity_scope(user)
    visits = (
        _unit_visits(unit, date_from, date_to)
        .select_related("petition__parent", "refusal_ground")
        .prefetch_related("receivers", _persons())
        .order_by("year", "serial")
    )
    return [_register_row(v, visit_identity(user, v, scope)) for v in visits]


@dataclass(frozen=True)
class VisitCounts:
    visits: int
    persons: int
    cases: int
    first_cases: int
    repeated_cases: int
    group_visits: int


def _persons_received(visits: QuerySet[Visit]) -> int:
    """Persons received (người), as the seed reports count them ("869 lượt, 235 người"): each
    person entered by name once however often they came, plus, for each visit, the people of
    a group who were not entered (column 7 of Mẫu 03/TCD, LEGAL.md §2.3-2.4: a group of 12
    sending 2 representatives is 12 people). Those unnamed cannot be recognised on a later
    visit, so a group coming twice counts its unnamed members twice."""
    named = VisitPerson.objects.filter(visit__in=visits).aggregate(
        n=Count("visitor", distinct=True)
    )["n"]
    unnamed = (
        visits.annotate(entered=Count("persons"))
        .filter(people_count__gt=F("entered"))
        .aggregate(n=Sum(F("people_count") - F("entered")))["n"]
    )
    return int(named or 0) + int(unnamed or 0)


def visit_counts(unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> VisitCounts:
    """Visits, persons and cases (first / repeated) and group visits of a period, counted in
    the database. A case is "first" when its first visit falls in the period, "repeated"
    when the period only has later visits of it, so first + repeated = cases."""
    visits = _unit_visits(unit, date_from, date_to)
    totals = visits.aggregate(
        visits=Count("pk"),
        cases=Count("case", distinct=True),
        first_cases=Count("case", distinct=True, filter=Q(is_repeat=False)),
        group_visits=Count("pk", filter=Q(people_count__gte=5)),
    )
    return VisitCounts(
        visits=totals["visits"],
        persons=_persons_received(visits),
        cases=totals["cases"],
        first_cases=totals["first_cases"],
        repeated_cases=totals["cases"] - totals["first_cases"],
        group_visits=totals["group_visits"],
    )


def petitions_of_visit(visit: Visit, user: Any) -> Petition | None:
    """The petition received at the visit, if the official may open it."""
    if visit.petition_id is None:
        return None
    return petition_queryset_for_user(user).filter(pk=visit.petition_id).first()


def visit_sessions_on(units: list[OrgUnit], day: dt.date) -> QuerySet[ReceptionSession]:
    """The heads' sessions of these units on a local day, for the desk to file a visit under
    one; cancelled ones received nobody."""
    start, end = _day_range(day, day)
    return (
        ReceptionSession.objects.filter(org_unit__in=units, starts_at__gte=start, starts_at__lt=end)
        .exclude(status=ReceptionSession.Status.CANCELLED)
        .select_related("org_unit", "head")
        .order_by("starts_at", "pk")
    )
