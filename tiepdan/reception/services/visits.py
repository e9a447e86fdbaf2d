"""Recording a visit in the reception register (Mẫu 03/TCD, LTCD Art. 25.2)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.accounts.models import Membership
from tiepdan.accounts.permissions import ensure_capability, user_can_in_unit
from tiepdan.accounts.roles import ROLE_CAPABILITIES, Capability
from tiepdan.audit.services import audit_record
from tiepdan.core import clock
from tiepdan.core.exceptions import NotFound, ValidationFailed
from tiepdan.core.text import fold, nfc
from tiepdan.deadlines.exceptions import RuleNotInForce
from tiepdan.deadlines.services import deadline_compute
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.petitions.files import DOCX, sniff
from tiepdan.petitions.identity import citizen_id_check
from tiepdan.petitions.models import Channel, Kind, Petition
from tiepdan.petitions.selectors import petition_get_for_user
from tiepdan.petitions.services import PetitionData, PetitionerData, petition_receive
from tiepdan.petitions.services.common import counter_next
from tiepdan.petitions.services.intake import EARLIEST, MAX_SIGNATORIES, petition_data_check
from tiepdan.reception.models import (
    DeskOutcome,
    ReceptionCase,
    ReceptionSession,
    RefusalGround,
    Visit,
    Visitor,
    VisitPerson,
)

# LEGAL.md §2.4: five or more people on the same content are a group visit.
GROUP_THRESHOLD = 5
# TCD-01 (LTCD Art. 29): 5-10 people appoint 1 or 2 representatives; more than 10, up to 5.
SMALL_GROUP_MAX = 10
SMALL_GROUP_REPRESENTATIVES = 2
LARGE_GROUP_REPRESENTATIVES = 5
VISIT_SERIES = "visit"
FUTURE_TOLERANCE = dt.timedelta(minutes=10)  # clocks of desk PCs drift a little
# A date before this is a typing mistake (as for petitions), and breaks date arithmetic.
EARLIEST_VISIT = EARLIEST
# As many people as a petition may have signatories: more is a typing mistake.
MAX_PEOPLE = MAX_SIGNATORIES

LIMITS = {
    "summary": 500,
    "prior_bodies": 500,
    "guidance_to": 255,
    "guidance_number": 64,
    "transfer_to": 255,
    "transfer_number": 64,
}
VISITOR_LIMITS = {"full_name": 255, "id_paper": 64, "address": 500, "phone": 32}

# The document appointing a group's representatives (LTCD Art. 30): a scan or a Word file. Its
# type is read from its content, and it is stored under a name of ours (the extension below).
APPOINTMENT_MAX_MB = 10
APPOINTMENT_TYPES: dict[str, str] = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    DOCX: ".docx",
}


@dataclass(frozen=True)
class VisitorData:
    full_name: str
    citizen_id: str = ""
    id_paper: str = ""
    address: str = ""
    phone: str = ""
    is_representative: bool = False


@dataclass(frozen=True)
class VisitData:
    """Everything entered for one visit; the form, the API and tasks all build this."""

    received_at: dt.datetime
    visitors: Sequence[VisitorData]
    summary: str
    petition_kind: str
    outcome: str
    receiver_ids: Sequence[int] = ()  # empty: the official recording the visit
    office_id: int | None = None
    session_id: int | None = None
    kind: str = "regular"
    form: str = "in_person"
    head_received: bool = False
    people_count: int | None = None  # empty: the number of visitors entered
    case_id: int | None = None
    same_case_as: str = ""  # "12/2026": a visit of the unit whose case this one continues
    prior_bodies: str = ""
    within_competence: bool | None = None
    statement: str = ""
    guidance_to: str = ""
    guidance_number: str = ""
    transfer_to: str = ""
    transfer_number: str = ""
    petition_code: str = ""  # link an existing petition instead of creating one
    petition_content: str = ""
    refusal_ground: str = ""  # RefusalGround.code
    follow_up: str = ""
    note: str = ""
    appointment_document: UploadedFile | None = None  # appointing a group's representatives


def appointment_document_error(upload: UploadedFile) -> str:
    """What is wrong with the appointment document ("" when nothing): at most 10 MB, and a PDF,
    a JPEG or PNG image, or a Word document, judged by its content rather than its name."""
    if (upload.size or 0) > APPOINTMENT_MAX_MB * 1024 * 1024:
        return _(
            "The document appointing the representatives is larger than %(limit)s MB: scan it "
            "at a lower resolution."
        ) % {"limit": APPOINTMENT_MAX_MB}
    if sniff(upload) not in APPOINTMENT_TYPES:
        return _(
            "The document appointing the representatives must be a PDF, a JPEG or PNG image, "
            "or a Word document."
        )
    return ""


def _visitor_errors(data: VisitData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.visitors:
        errors["visitors"] = _("Enter at least one visitor.")
    seen: set[str] = set()
    for index, person in enumerate(data.visitors):
        key = f"visitors.{index}"
        if not nfc(person.full_name).strip():
            errors[f"{key}.full_name"] = _("Enter the visitor's full name.")
        for name, limit in VISITOR_LIMITS.items():
            if len(getattr(person, name) or "") > limit:
                errors[f"{key}.{name}"] = _("Too long: at most %(limit)s characters.") % {
                    "limit": limit
                }
        if person.citizen_id:
            try:
                cleaned = citizen_id_check(person.citizen_id)
            except ValidationFailed as exc:
                errors[f"{key}.citizen_id"] = str(exc)
            else:
                if cleaned in seen:
                    errors[f"{key}.citizen_id"] = _("This citizen ID is entered twice.")
                seen.add(cleaned)
    return errors


def group_errors(*, people_count: int, representatives: int, head_received: bool) -> dict[str, str]:
    """TCD-01 (LTCD Art. 29): the representatives a group may appoint; the head (or the
    reception board head) receives a group (LTCD Art. 30.1)."""
    errors: dict[str, str] = {}
    if people_count < GROUP_THRESHOLD:
        return errors
    most = (
        SMALL_GROUP_REPRESENTATIVES
        if people_count <= SMALL_GROUP_MAX
        else LARGE_GROUP_REPRESENTATIVES
    )
    if representatives == 0:
        errors["representatives"] = _(
            "A group of %(count)s people must appoint 1 to %(max)s representatives: tick them "
            "among the visitors."
        ) % {"count": people_count, "max": most}
    elif representatives > most:
        errors["representatives"] = _(
            "A group of %(count)s people may appoint at most %(max)s representatives."
        ) % {"count": people_count, "max": most}
    if not head_received:
        errors["head_received"] = _(
            "A group visit is received by the head or the head of the reception board: "
            "record who received it."
        )
    return errors


def _outcome_errors(data: VisitData) -> dict[str, str]:
    """TCD-03 (LTCD Art. 25-26; NĐ 154/2026 Art. 14-15): each outcome needs its details."""
    errors: dict[str, str] = {}
    outcome = data.outcome
    if outcome not in DeskOutcome.values:
        errors["outcome"] = _("Choose the outcome at the desk.")
    elif outcome == DeskOutcome.STATEMENT_RECORDED and not nfc(data.statement).strip():
        errors["statement"] = _("Write down the statement that was read back and signed.")
    elif outcome == DeskOutcome.GUIDED and not nfc(data.guidance_to).strip():
        errors["guidance_to"] = _("Enter the body the citizen was guided to.")
    elif outcome == DeskOutcome.TRANSFERRED:
        if not nfc(data.transfer_to).strip():
            errors["transfer_to"] = _("Enter the body the matter was transferred to.")
        if not nfc(data.transfer_number).strip():
            errors["transfer_number"] = _("Enter the number of the transfer slip.")
    elif outcome == DeskOutcome.REFUSED and not data.refusal_ground:
        errors["refusal_ground"] = _("Choose the ground for refusing reception.")
    elif (
        outcome == DeskOutcome.PETITION_RECEIVED
        and not data.petition_code.strip()
        and data.petition_kind == Kind.MIXED
    ):
        # LTCD Art. 25.3: mixed content is split into separate petitions by the citizen.
        errors["petition_kind"] = _(
            "A petition with mixed content cannot be received as one: guide the citizen to "
            "write separate petitions."
        )
    return errors


def _received_at_errors(received_at: dt.datetime) -> dict[str, str]:
    """The date is judged as typed before any conversion: a year 1 or 9999 cannot be moved
    to another time zone."""
    if timezone.is_naive(received_at):
        return {"received_at": _("Enter the date and time of the visit.")}
    day = received_at.date()
    if day < EARLIEST_VISIT:
        return {
            "received_at": _("Check the date of the visit: it is before %(year)s.")
            % {"year": EARLIEST_VISIT.year}
        }
    if day > clock.today() + dt.timedelta(days=1) or received_at > clock.now() + FUTURE_TOLERANCE:
        return {"received_at": _("The time of the visit cannot be in the future.")}
    return {}


def visit_data_check(data: VisitData) -> dict[str, str]:
    """Every problem with the input, by field, so a form can show them all at once."""
    errors: dict[str, str] = {}
    if not nfc(data.summary).strip():
        errors["summary"] = _("Write a short summary of the matter.")
    if data.petition_kind not in Kind.values:
        errors["petition_kind"] = _("Choose the kind of matter.")
    errors.update(_received_at_errors(data.received_at))
    for name, limit in LIMITS.items():
        if len(getattr(data, name) or "") > limit:
            errors[name] = _("Too long: at most %(limit)s characters.") % {"limit": limit}
    errors.update(_visitor_errors(data))
    count = data.people_count if data.people_count is not None else len(data.visitors)
    if count < max(1, len(data.visitors)):
        errors["people_count"] = _(
            "The number of people cannot be less than the visitors entered (%(n)s)."
        ) % {"n": len(data.visitors)}
    elif count > MAX_PEOPLE:
        errors["people_count"] = _("Check the number of people: at most %(max)s.") % {
            "max": MAX_PEOPLE
        }
        count = len(data.visitors)  # the group rules below would only repeat the mistake
    representatives = sum(1 for v in data.visitors if v.is_representative)
    errors.update(
        group_errors(
            people_count=count, representatives=representatives, head_received=data.head_received
        )
    )
    errors.update({k: v for k, v in _outcome_errors(data).items() if k not in errors})
    if data.appointment_document is not None:
        problem = appointment_document_error(data.appointment_document)
        if problem:
            errors["appointment_document"] = problem
    return errors


def _fail(errors: dict[str, str]) -> ValidationFailed:
    if len(errors) == 1:
        ((name, message),) = errors.items()
        return ValidationFailed(message, extra={"field": name, "errors": errors})
    return ValidationFailed(
        _("The visit was not saved: %(count)s things to fix.") % {"count": len(errors)},
        extra={"errors": errors},
    )


def _receivers(unit: OrgUnit, actor: Any, ids: Sequence[int]) -> list[Any]:
    """The officials receiving: members of the unit (the actor when none is named)."""
    if not ids:
        return [actor]
    members = {
        m.user.pk: m.user
        for m in Membership.objects.filter(
            org_unit=unit, is_active=True, user_id__in=list(ids)
        ).select_related("user")
    }
    if set(ids) - set(members):
        raise _fail({"receivers": _("The officials receiving must work in this unit.")})
    return [members[pk] for pk in dict.fromkeys(ids)]


def _office(unit: OrgUnit, office_id: int | None) -> ReceptionOffice | None:
    if office_id is None:
        return None
    office = ReceptionOffice.objects.filter(pk=office_id, org_unit=unit, is_active=True).first()
    if office is None:
        raise _fail({"office": _("Choose one of the unit's reception offices.")})
    return office


def _session(unit: OrgUnit, session_id: int | None) -> ReceptionSession | None:
    if session_id is None:
        return None
    # A cancelled session received nobody: its visits would count for a head who did not sit.
    session = (
        ReceptionSession.objects.filter(pk=session_id, org_unit=unit)
        .exclude(status=ReceptionSession.Status.CANCELLED)
        .first()
    )
    if session is None:
        raise _fail({"session": _("Choose one of the unit's reception sessions.")})
    return session


def _case_find(unit: OrgUnit, data: VisitData, on: dt.date) -> ReceptionCase | None:
    """The case this visit continues, or None for a new one; nothing is written."""
    if data.case_id is not None:
        case = ReceptionCase.objects.filter(pk=data.case_id, org_unit=unit).first()
        if case is None:
            raise _fail({"case": _("This case is not one of the unit's cases.")})
        return case
    text = data.same_case_as.strip()
    if not text:
        return None
    serial, _sep, year = text.partition("/")
    earlier = None
    if serial.isdigit() and (year.isdigit() or not year):
        earlier = (
            Visit.objects.filter(
                org_unit=unit, serial=int(serial), year=int(year) if year else on.year
            )
            .select_related("case")
            .first()
        )
    if earlier is None or earlier.case is None:
        raise _fail(
            {
                "same_case_as": _(
                    "No visit of this unit has number “%(text)s” (write it as 12/2026)."
                )
                % {"text": text[:20]}
            }
        )
    return earlier.case


def _case_open(
    unit: OrgUnit, data: VisitData, on: dt.date, case: ReceptionCase | None
) -> tuple[ReceptionCase, bool]:
    """The case, opened now if new, and whether it already had visits (a repeated visit)."""
    if case is None:
        return (
            ReceptionCase.objects.create(
                org_unit=unit, summary=nfc(data.summary).strip(), opened_on=on
            ),
            False,
        )
    return case, case.visits.exists()


def _visitor_save(person: VisitorData) -> Visitor:
    """The same person is found again by citizen ID (NĐ 154/2026 Art. 12.1); what was typed
    now is newer than what is on file, so it replaces it."""
    citizen_id = citizen_id_check(person.citizen_id) if person.citizen_id else ""
    values = {
        "full_name": nfc(person.full_name).strip(),
        "id_paper": nfc(person.id_paper).strip(),
        "address": nfc(person.address).strip(),
        "phone": nfc(person.phone).strip(),
    }
    values["name_folded"] = fold(values["full_name"])
    if not citizen_id:
        return Visitor.objects.create(**values)
    visitor = Visitor.objects.select_for_update().filter(citizen_id=citizen_id).first()
    if visitor is None:
        try:
            with transaction.atomic():
                return Visitor.objects.create(citizen_id=citizen_id, **values)
        except IntegrityError:  # recorded at the same moment at another desk
            visitor = Visitor.objects.select_for_update().get(citizen_id=citizen_id)
    changed = [name for name, value in values.items() if value and getattr(visitor, name) != value]
    for name in changed:
        setattr(visitor, name, values[name])
    if changed:
        visitor.save(update_fields=[*changed, "updated_at"])
    return visitor


def _petition_found(*, actor: Any, data: VisitData) -> Petition | None:
    """A petition already received, found by its tracking code (nothing is written)."""
    if not data.petition_code.strip():
        return None
    try:
        return petition_get_for_user(user=actor, reference=data.petition_code)
    except NotFound as exc:
        raise _fail({"petition_code": str(exc)}) from None


def _petition_data(data: VisitData, count: int) -> PetitionData:
    return PetitionData(
        received_on=timezone.localdate(data.received_at),
        channel=Channel.IN_PERSON,
        kind=data.petition_kind,
        summary=data.summary,
        content=data.petition_content,
        prior_handling=data.prior_bodies,
        petitioners=[
            PetitionerData(
                full_name=v.full_name,
                citizen_id=v.citizen_id,
                address=v.address,
                phone=v.phone,
                is_representative=v.is_representative,
            )
            for v in data.visitors
        ],
        signatory_count=count,
    )


# The petition's field names where the visit's differ, so a problem shows next to the input.
PETITION_FIELDS = {
    "received_on": "received_at",
    "signatory_count": "people_count",
    "content": "petition_content",
    "petitioners": "visitors",
}


def _petition_errors(*, actor: Any, unit: OrgUnit, petition_data: PetitionData) -> dict[str, str]:
    """TCD-03: what would stop the written petition from being received, checked before
    anything is written (its receipt is a file)."""
    if not user_can_in_unit(actor, Capability.RECEIVE_PETITIONS, unit):
        # Leaders receive citizens but do not record petitions (accounts.roles).
        return {
            "outcome": _(
                "Only reception or triage officers record a written petition: choose another "
                "outcome, enter the tracking code of a petition already received, or ask the "
                "reception officer."
            )
        }
    errors: dict[str, str] = {}
    for key, message in petition_data_check(petition_data).items():
        head, dot, rest = key.partition(".")
        errors[PETITION_FIELDS.get(head, head) + dot + rest] = message
    return errors


def _refusal(data: VisitData, on: dt.date) -> tuple[RefusalGround, dt.date | None]:
    ground = RefusalGround.objects.filter(code=data.refusal_ground, is_active=True).first()
    if ground is None:
        raise _fail({"refusal_ground": _("Choose one of the grounds in the list.")})
    if not ground.needs_notice:
        return ground, None  # TCD-02: the reason is explained orally (NĐ 154/2026 Art. 4.2)
    try:
        # TCD-02: refusal notice Mẫu 01/TCD within 3 working days (NĐ 154/2026 Art. 4.3).
        due = deadline_compute(rule_id="TCD-02", start_on=on).due_on
    except RuleNotInForce:
        due = None  # before 01/07/2026 no such time limit existed
    return ground, due


def _persons_save(visit: Visit, data: VisitData) -> None:
    """Each person as given at this visit: the register keeps it, whatever is typed for the
    same citizen ID later or at another unit (Visitor keeps the latest details)."""
    VisitPerson.objects.bulk_create(
        [
            VisitPerson(
                visit=visit,
                visitor=_visitor_save(person),
                position=index,
                is_representative=person.is_representative,
                full_name=nfc(person.full_name).strip(),
                citizen_id=citizen_id_check(person.citizen_id) if person.citizen_id else "",
                id_paper=nfc(person.id_paper).strip(),
                address=nfc(person.address).strip(),
                phone=nfc(person.phone).strip(),
            )
            for index, person in enumerate(data.visitors, start=1)
        ]
    )


def group_alert_recipients(unit: OrgUnit) -> list[Any]:
    """The unit's leaders and the officials of the province's reception board (issue 5: a
    group visit alerts both)."""
    deciding = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.DECIDE in caps]
    receiving = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.RECEIVE_CITIZENS in caps]
    memberships = Membership.objects.filter(org_unit=unit, role__in=deciding, is_active=True)
    board = province_reception_board(unit)
    if board is not None:
        memberships |= Membership.objects.filter(org_unit=board, role__in=receiving, is_active=True)
    return [m.user for m in memberships.select_related("user")]


def province_reception_board(unit: OrgUnit) -> OrgUnit | None:
    """The reception board of the unit's province (kind reception_board at province level,
    under the province's people's committee, as `load_units` builds the tree)."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    province = (
        OrgUnit.objects.filter(pk__in=ids, level=OrgUnit.Level.PROVINCE).order_by("depth").first()
    )
    if province is None:
        return None
    return (
        OrgUnit.objects.filter(
            path__startswith=province.path,
            level=OrgUnit.Level.PROVINCE,
            kind=OrgUnit.Kind.RECEPTION_BOARD,
        )
        .order_by("depth", "pk")
        .first()
    )


def _group_alert(visit: Visit, unit: OrgUnit) -> None:
    from tiepdan.notifications.services import notification_send

    notification_send(
        recipients=group_alert_recipients(unit),
        title=_("Group visit of %(count)s people at %(unit)s")
        % {"count": visit.people_count, "unit": unit.name},
        body=visit.summary,
        link=visit_url(visit),
    )


def visit_url(visit: Visit) -> str:
    return reverse(
        "reception:visit_detail",
        kwargs={"unit_code": visit.org_unit.code, "year": visit.year, "serial": visit.serial},
    )


def _appointment_store(visit: Visit, upload: UploadedFile) -> None:
    """Store the file under a name of ours: the citizen's file name may carry personal names,
    and the random part keeps it from being guessed."""
    suffix = APPOINTMENT_TYPES.get(sniff(upload) or "", "")
    name = f"cu-dai-dien-{visit.org_unit.code}-{visit.year}-{visit.serial}-{secrets.token_hex(4)}"
    visit.appointment_document.save(f"{name}{suffix}".lower(), upload, save=False)


@dataclass(frozen=True)
class _Checked:
    """What `visit_record` found while checking, before it writes anything."""

    received_on: dt.date
    count: int
    receivers: list[Any]
    office: ReceptionOffice | None
    session: ReceptionSession | None
    ground: RefusalGround | None
    notice_due: dt.date | None
    case: ReceptionCase | None
    petition: Petition | None  # one already received, linked by its tracking code
    petition_data: PetitionData | None  # the written petition to receive now


def _visit_check(*, actor: Any, unit: OrgUnit, data: VisitData) -> _Checked:
    """Every reason to refuse the visit, looked for before any write: receiving the petition
    writes its receipt and the appointment document is a file, and a rollback of the database
    does not take files back."""
    errors = visit_data_check(data)
    if errors:
        raise _fail(errors)
    received_on = timezone.localdate(data.received_at)
    count = data.people_count if data.people_count is not None else len(data.visitors)
    petition_data = None
    if data.outcome == DeskOutcome.PETITION_RECEIVED and not data.petition_code.strip():
        petition_data = _petition_data(data, count)
        errors = _petition_errors(actor=actor, unit=unit, petition_data=petition_data)
        if errors:
            raise _fail(errors)
    ground, notice_due = (
        _refusal(data, received_on) if data.outcome == DeskOutcome.REFUSED else (None, None)
    )
    return _Checked(
        received_on=received_on,
        count=count,
        receivers=_receivers(unit, actor, data.receiver_ids),
        office=_office(unit, data.office_id),
        session=_session(unit, data.session_id),
        ground=ground,
        notice_due=notice_due,
        case=_case_find(unit, data, received_on),
        petition=(
            _petition_found(actor=actor, data=data)
            if data.outcome == DeskOutcome.PETITION_RECEIVED
            else None
        ),
        petition_data=petition_data,
    )


def _files_discard(files: list[FieldFile]) -> None:
    """Remove files written for a visit that was then not saved."""
    for file in files:
        if file.name:
            file.storage.delete(file.name)


@transaction.atomic
def visit_record(*, actor: Any, unit: OrgUnit, data: VisitData) -> Visit:
    """Record one visit in the unit's reception register.

    Gives it the next serial number of the unit's year, finds or creates the visitors by
    citizen ID, opens or continues a case, and, depending on the outcome, receives the written
    petition (tracking code and receipt Mẫu 02/TCD) or computes the refusal notice's due date
    (TCD-02). Stores the document appointing a group's representatives, if given. A group
    visit alerts the unit's leaders and the province's reception board. Writes an audit entry.
    Everything that can refuse the visit is checked first, so a refused visit leaves no file.
    """
    ensure_capability(actor, Capability.RECEIVE_CITIZENS, unit)
    checked = _visit_check(actor=actor, unit=unit, data=data)
    written: list[FieldFile] = []
    try:
        visit = _visit_write(actor=actor, unit=unit, data=data, checked=checked, files=written)
    except BaseException:
        _files_discard(written)  # an unforeseen failure: the database rolls back, files too
        raise
    if visit.is_group:
        _group_alert(visit, unit)
    return visit


def _visit_write(
    *, actor: Any, unit: OrgUnit, data: VisitData, checked: _Checked, files: list[FieldFile]
) -> Visit:
    petition = checked.petition
    if checked.petition_data is not None:
        petition = petition_receive(actor=actor, unit=unit, data=checked.petition_data)
        files.extend(document.file for document in petition.documents.all())
    case, is_repeat = _case_open(unit, data, checked.received_on, checked.case)
    outcome = data.outcome
    session = checked.session
    year = checked.received_on.year
    visit = Visit(
        org_unit=unit,
        office=checked.office,
        session=session,
        year=year,
        serial=counter_next(unit=unit, year=year, series=VISIT_SERIES),
        received_at=data.received_at,
        kind=session.kind if session else data.kind,
        form=session.form if session else data.form,
        head_received=data.head_received,
        case=case,
        is_repeat=is_repeat,
        people_count=checked.count,
        representatives_count=sum(1 for v in data.visitors if v.is_representative),
        summary=nfc(data.summary).strip(),
        petition_kind=data.petition_kind,
        prior_bodies=nfc(data.prior_bodies).strip(),
        within_competence=data.within_competence,
        outcome=outcome,
        # Only the details of the chosen outcome are kept, so the register stays truthful.
        statement=nfc(data.statement) if outcome == DeskOutcome.STATEMENT_RECORDED else "",
        guidance_to=nfc(data.guidance_to).strip() if outcome == DeskOutcome.GUIDED else "",
        guidance_number=nfc(data.guidance_number).strip() if outcome == DeskOutcome.GUIDED else "",
        transfer_to=nfc(data.transfer_to).strip() if outcome == DeskOutcome.TRANSFERRED else "",
        transfer_number=(
            nfc(data.transfer_number).strip() if outcome == DeskOutcome.TRANSFERRED else ""
        ),
        petition=petition,
        refusal_ground=checked.ground,
        refusal_notice_due_on=checked.notice_due,
        follow_up=nfc(data.follow_up),
        note=nfc(data.note),
        created_by=actor,
    )
    if data.appointment_document is not None:
        _appointment_store(visit, data.appointment_document)
        files.append(visit.appointment_document)
    visit.save(force_insert=True)
    visit.receivers.set(checked.receivers)
    _persons_save(visit, data)
    audit_record(
        actor=actor,
        action="reception.visit_record",
        obj=visit,
        unit=unit,
        # No names or IDs of visitors in the journal (NĐ 154/2026 Art. 12.2).
        summary=f"Ghi lượt tiếp công dân số {visit.serial}/{visit.year}",
        changes={
            "serial": visit.serial,
            "year": visit.year,
            "outcome": outcome,
            "people_count": checked.count,
            "is_repeat": is_repeat,
            "petition": petition.reference if petition else "",
            "appointment_document": bool(visit.appointment_document),
        },
    )
    return visit
