"""Following a petition on the portal: unlocking it with code + PIN (rate-limited), and the
plain-language view of its stage, steps, holder, next time limit, documents and result.

Nothing here ever tells a stranger whether a code exists: an unknown code and a wrong PIN give
the same error after the same work (one password check each; LESSONS 1, django-helpdesk#629).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiepdan.core import clock
from tiepdan.core.exceptions import ApplicationError, Conflict
from tiepdan.core.http import client_ip as shared_client_ip
from tiepdan.petitions.identity import reference_parse, tracking_code_display
from tiepdan.petitions.models import Petition, PetitionDeadline, PetitionDocument
from tiepdan.petitions.services import petition_pin_check
from tiepdan.petitions.workflow import Status
from tiepdan.portal.models import TrackingAttempt
from tiepdan.resolution.models import Resolution
from tiepdan.resolution.workflow import Status as CaseStatus
from tiepdan.resolution.workflow import Track

# The rule: the 11th attempt in a minute from one address is refused, and a code with
# 10 failures in an hour is locked for the rest of that hour (about 1 in 100,000 per hour).
IP_LIMIT = 10
IP_WINDOW = dt.timedelta(minutes=1)
CODE_FAIL_LIMIT = 10
CODE_WINDOW = dt.timedelta(hours=1)
UNLOCK_MINUTES = 30
SESSION_KEY = "portal_tracking"


class TrackingFailed(ApplicationError):
    """Unknown code or wrong PIN: one message for both, so a code's existence never leaks."""

    status_code = 400


class TrackingRefused(ApplicationError):
    """Too many attempts: refused before any check."""

    status_code = 429


def client_ip(request: HttpRequest) -> str:
    # No usable address: all such visitors share one bucket (the row needs an address).
    return shared_client_ip(request, unknown="0.0.0.0")  # noqa: S104


def rate_bucket(ip: str) -> str:
    """The address counted by the rate limits: an IPv6 host gets a whole /64 from its provider,
    so counting single addresses would let it rotate through billions of them."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return "0.0.0.0"  # noqa: S104
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


@cache
def _dummy_hash() -> str:
    # Same hasher and cost as real PINs, so an unknown code takes as long as a wrong PIN.
    return make_password("not-a-pin")


def _pin_matches(petition: Petition | None, pin: str) -> bool:
    """Exactly one password check whatever the case (timing does not tell codes apart)."""
    if petition is None:
        check_password(pin, _dummy_hash())
        return False
    return petition_pin_check(petition, pin)


def _refusal(ip: str, code: str) -> bool:
    """Counted after the attempt is recorded, so parallel requests all see each other."""
    now = clock.now()
    by_ip = TrackingAttempt.objects.filter(ip=ip, at__gt=now - IP_WINDOW).count()
    if by_ip > IP_LIMIT:
        return True
    failures = TrackingAttempt.objects.filter(
        code=code, succeeded=False, at__gt=now - CODE_WINDOW
    ).count()
    # The attempt being made is recorded as failed until its PIN proves right: count it too.
    return bool(code) and failures > CODE_FAIL_LIMIT


def failed_message() -> str:
    return _(
        "We could not open a petition with this tracking code and PIN. Check both on your "
        "receipt and try again."
    )


# Not atomic: the failed attempt must be kept even though the call raises.
def tracking_unlock(*, ip: str, code: str, pin: str) -> Petition:
    """Open a petition with its tracking code and PIN, or raise.

    Side effects: one TrackingAttempt row per attempt, written *before* counting and before the
    slow PIN check (recorded as failed, marked succeeded only when the PIN is right), so
    parallel requests cannot all pass the count first. Refused attempts are recorded too: a
    flood keeps itself refused. Raises TrackingRefused (too many attempts) or TrackingFailed.
    """
    tracking_code, _part = reference_parse(code)
    tracking_code = tracking_code[:16]
    bucket = rate_bucket(ip)
    attempt = TrackingAttempt.objects.create(
        ip=bucket, code=tracking_code, at=clock.now(), succeeded=False
    )
    if _refusal(bucket, tracking_code):
        raise TrackingRefused(
            _(
                "Too many attempts. For your safety, please wait a few minutes (up to an hour "
                "for this code) before trying again."
            )
        )
    petition = None
    if tracking_code:
        petition = Petition.objects.filter(tracking_code=tracking_code, part_number=0).first()
    ok = _pin_matches(petition, (pin or "").strip())
    if not ok or petition is None:
        raise TrackingFailed(failed_message())
    TrackingAttempt.objects.filter(pk=attempt.pk).update(succeeded=True)
    return petition


# --- The unlocked petition, remembered in the visitor's session -------------------------------


def _pin_mark(petition: Petition) -> str:
    """A fingerprint of the current PIN hash: a reset PIN ends every unlock made with the old
    one. Keyed, so the session never holds anything that helps guess the PIN."""
    return salted_hmac("portal.tracking", petition.tracking_pin_hash).hexdigest()[:16]


def tracking_remember(request: HttpRequest, petition: Petition) -> None:
    """Keep the code (never a database id) for 30 minutes of this browser session. A new session
    key first: a key planted before the unlock must not open the petition (fixation)."""
    request.session.cycle_key()
    until = clock.now() + dt.timedelta(minutes=UNLOCK_MINUTES)
    request.session[SESSION_KEY] = {
        "code": petition.tracking_code,
        "until": until.isoformat(),
        "pin": _pin_mark(petition),
    }


def tracking_unlocked(request: HttpRequest) -> Petition | None:
    """The petition this visitor unlocked less than 30 minutes ago, if any."""
    held = request.session.get(SESSION_KEY)
    if not isinstance(held, dict):
        return None
    try:
        until = dt.datetime.fromisoformat(str(held.get("until")))
    except ValueError:
        return None
    if until <= clock.now():
        request.session.pop(SESSION_KEY, None)
        return None
    petition = (
        Petition.objects.filter(tracking_code=str(held.get("code", "")), part_number=0)
        .select_related("current_unit", "receiving_unit")
        .first()
    )
    if petition is None or not constant_time_compare(str(held.get("pin", "")), _pin_mark(petition)):
        request.session.pop(SESSION_KEY, None)
        return None
    return petition


def tracking_forget(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


# --- What the citizen sees ---------------------------------------------------------------------

# Steps of the history a citizen may see, by event action: fixed wording, never the note, the
# official or internal moves (assignments, classifications, proposals, reminders between units).
PUBLIC_STEPS: dict[str, Any] = {
    "receive": gettext_lazy("Received by %(unit)s"),
    "transfer": gettext_lazy("Transferred to %(to)s"),
    "transfer_out": gettext_lazy("Transferred to %(to)s"),
    "forward_to_party": gettext_lazy("Sent to %(to)s"),
    "report_to_police": gettext_lazy("Sent to %(to)s"),
    "urge": gettext_lazy("%(to)s was asked to settle it"),
    "guide": gettext_lazy("You were guided to the competent agency"),
    "return": gettext_lazy("Returned to you with guidance"),
    "file_away": gettext_lazy("Filed away"),
    "refuse_acceptance": gettext_lazy("Not accepted for resolution"),
    "accept": gettext_lazy("Accepted for resolution by %(unit)s"),
    "split": gettext_lazy("Split into separate cases"),
    "reopen": gettext_lazy("Taken up again"),
    "start_verification": gettext_lazy("Verification started"),
    "notify_dialogue": gettext_lazy("Invitation to a dialogue sent"),
    "hold_dialogue": gettext_lazy("Dialogue held"),
    "extend": gettext_lazy("Time limit extended"),
    "suspend": gettext_lazy("Resolution suspended"),
    "resume": gettext_lazy("Resolution resumed"),
    "decide": gettext_lazy("Decision, conclusion or answer issued"),
    "make_effective": gettext_lazy("Decision took legal effect"),
    "enforce": gettext_lazy("Decision enforced"),
    "act_on_conclusion": gettext_lazy("Conclusion acted on"),
    "close": gettext_lazy("Closed"),
    "withdraw": gettext_lazy("Withdrawal recorded"),
    "terminate": gettext_lazy("Resolution terminated"),
    "file_lawsuit": gettext_lazy("A lawsuit was filed"),
    "take_over": gettext_lazy("Taken over by the superior agency"),
}

TRIAGE_ENDINGS: dict[str, Any] = {
    Status.GUIDED: gettext_lazy("You were guided to the competent agency"),
    Status.RETURNED: gettext_lazy("Returned to you"),
    Status.FILED_AWAY: gettext_lazy("Filed away, no further action"),
    Status.NOT_ACCEPTED: gettext_lazy("Not accepted for resolution"),
}

# Final answers: the citizen may rate the handling from then on (issue 6, item 6).
FINAL_PETITION_STATUSES = frozenset(TRIAGE_ENDINGS)
FINAL_CASE_STATUSES = frozenset(
    {
        CaseStatus.ENFORCED,
        CaseStatus.HANDLED,
        CaseStatus.CLOSED,
        CaseStatus.TERMINATED,
        CaseStatus.LAWSUIT_FILED,
    }
)


@dataclass(frozen=True)
class Step:
    on: dt.date
    label: str


@dataclass(frozen=True)
class DocumentLink:
    index: int
    label: str
    number: str
    issued_on: dt.date


@dataclass
class PartView:
    """One petition (or one part of a split petition) as its petitioner sees it."""

    reference: str
    part_number: int
    kind: str
    summary: str
    received_on: dt.date
    stage: str
    holder: str
    next_due_on: dt.date | None
    is_paused: bool
    steps: list[Step]
    documents: list[DocumentLink]
    result: str = ""
    result_on: dt.date | None = None
    has_final_answer: bool = False
    can_rate: bool = False
    parts: list[PartView] = field(default_factory=list)


def latest_resolution(petition: Petition) -> Resolution | None:
    return petition.resolutions.select_related("org_unit").order_by("-created_at", "-pk").first()


def final_answer_unit(petition: Petition) -> Any | None:
    """The unit that gave the final answer, or None while there is none yet."""
    if petition.status in FINAL_PETITION_STATUSES:
        return petition.current_unit
    if petition.status == Status.ACCEPTED:
        case = latest_resolution(petition)
        if case is not None and case.status in FINAL_CASE_STATUSES:
            return case.org_unit
    return None


def _last_transfer_target(petition: Petition) -> str:
    transfer = petition.transfers.select_related("to_unit").order_by("-sent_on", "-pk").first()
    if transfer is None:
        return ""
    return transfer.to_unit.name if transfer.to_unit else transfer.to_body


def _case_stage(case: Resolution) -> str:
    status = case.status
    if status == CaseStatus.ACCEPTED and not case.extensions_used:
        return _("Accepted for resolution")
    if status in (CaseStatus.ACCEPTED, CaseStatus.VERIFYING, CaseStatus.DIALOGUE):
        if case.extensions_used:
            return _("Being resolved; the time limit was extended")
        return _("Being resolved")
    if status == CaseStatus.REVIEWING:
        return _("Being reviewed")
    if status == CaseStatus.SUSPENDED:
        return _("Resolution suspended")
    if status in (CaseStatus.DECIDED, CaseStatus.EFFECTIVE, CaseStatus.ENFORCED):
        if case.track == Track.COMPLAINT:
            return _("Decided: the complaint decision was issued")
        if case.track == Track.DENUNCIATION:
            return _("Concluded: the denunciation conclusion was issued")
        return _("Answered")
    if status == CaseStatus.HANDLED:
        return _("Concluded: the conclusion was acted on")
    if status == CaseStatus.TERMINATED:
        return _("Closed: resolution terminated")
    if status == CaseStatus.LAWSUIT_FILED:
        return _("Closed: a lawsuit was filed")
    if status == CaseStatus.TAKEN_OVER:
        return _("Taken over by the superior agency")
    return _("Closed")


def _stage(petition: Petition, case: Resolution | None) -> str:
    status = petition.status
    if status == Status.RECEIVED:
        target = _last_transfer_target(petition)
        if target and petition.transfers.filter(to_unit=petition.current_unit).exists():
            return _("Transferred to %(agency)s") % {"agency": target}
        return _("Received, being examined")
    if status == Status.ACCEPTANCE_PROPOSED:
        return _("Being examined for acceptance")
    if status in (
        Status.TRANSFERRED_OUT,
        Status.FORWARDED_TO_PARTY,
        Status.REPORTED_TO_POLICE,
        Status.URGED,
    ):
        return _("Transferred to %(agency)s") % {"agency": _last_transfer_target(petition)}
    if status in TRIAGE_ENDINGS:
        return str(TRIAGE_ENDINGS[status])
    if status == Status.SPLIT:
        return _("Split into separate cases")
    if status == Status.ACCEPTED and case is not None:
        return _case_stage(case)
    return _("Accepted for resolution")


def _holder(petition: Petition) -> str:
    if petition.status in (
        Status.TRANSFERRED_OUT,
        Status.FORWARDED_TO_PARTY,
        Status.REPORTED_TO_POLICE,
    ):
        return _last_transfer_target(petition) or petition.current_unit.name
    if petition.status == Status.ACCEPTED:
        case = latest_resolution(petition)
        if case is not None:
            return case.org_unit.name
    return petition.current_unit.name


def _next_due(petition: Petition, case: Resolution | None) -> tuple[dt.date | None, bool]:
    """The time limit the citizen waits on: the resolution's, else the holder's triage limit
    (a legal one before the configurable default XLD-05)."""
    if case is not None and case.status not in FINAL_CASE_STATUSES:
        if case.status == CaseStatus.SUSPENDED:
            return None, True
        if case.status in (CaseStatus.ACCEPTED, CaseStatus.VERIFYING, CaseStatus.DIALOGUE):
            return case.due_on, False
        return None, False
    if petition.status not in (Status.RECEIVED, Status.ACCEPTANCE_PROPOSED):
        return None, False
    running = list(
        PetitionDeadline.objects.filter(
            petition=petition, org_unit=petition.current_unit, met_on=None, is_paused=False
        ).order_by("due_on")
    )
    legal = [d for d in running if not d.family.startswith("XLD")]
    chosen = (legal or running or [None])[0]
    return (chosen.due_on if chosen else None), False


def _steps(petition: Petition) -> list[Step]:
    steps: list[Step] = []
    seen_receipt = False
    for event in petition.events.select_related("org_unit").order_by("at", "pk"):
        label = PUBLIC_STEPS.get(event.action)
        if label is None:
            continue
        if event.action == "receive":
            # The receiving unit's own receipt of a transfer repeats the transfer step.
            if seen_receipt:
                continue
            seen_receipt = True
        values = {"unit": event.org_unit.name, "to": str((event.data or {}).get("to", ""))}
        steps.append(Step(on=timezone.localdate(event.at), label=str(label) % values))
    return steps


def addressed_documents(petition: Petition) -> list[PetitionDocument]:
    """The documents sent to the petitioner, in a stable order (their position is their URL)."""
    return list(petition.documents.filter(addressed_to_petitioner=True).order_by("issued_on", "pk"))


def _result(petition: Petition, case: Resolution | None) -> tuple[str, dt.date | None]:
    if petition.status == Status.GUIDED and petition.competent_body:
        return (
            _("The competent agency is: %(body)s.") % {"body": petition.competent_body},
            None,
        )
    if case is None or not case.decided_on:
        return "", None
    outcome = case.get_outcome_display() or case.get_regulation_outcome_display()
    parts = [str(outcome)] if outcome else []
    if case.decision_number:
        parts.append(_("Document no. %(number)s") % {"number": case.decision_number})
    return " — ".join(parts) or _("An answer was issued."), case.decided_on


def part_view(petition: Petition) -> PartView:
    case = latest_resolution(petition) if petition.status == Status.ACCEPTED else None
    due, paused = _next_due(petition, case)
    result, result_on = _result(petition, case)
    view = PartView(
        reference=tracking_code_display(petition.tracking_code)
        + (f"-{petition.part_number}" if petition.part_number else ""),
        part_number=petition.part_number,
        kind=petition.get_kind_display(),
        summary=petition.summary,
        received_on=petition.received_on,
        stage=_stage(petition, case),
        holder=_holder(petition),
        next_due_on=due,
        is_paused=paused,
        steps=_steps(petition),
        documents=[
            DocumentLink(
                index=i, label=d.get_kind_display(), number=d.number, issued_on=d.issued_on
            )
            for i, d in enumerate(addressed_documents(petition), start=1)
        ],
        result=result,
        result_on=result_on,
        has_final_answer=final_answer_unit(petition) is not None,
    )
    return view


def tracking_view(petition: Petition) -> PartView:
    """The whole petition; a split one carries each of its parts."""
    view = part_view(petition)
    if petition.status == Status.SPLIT:
        view.parts = [
            part_view(part)
            for part in petition.parts.select_related("current_unit").order_by("part_number")
        ]
    return view


def tracking_document(petition: Petition, *, part: int, index: int) -> PetitionDocument | None:
    """The index-th document addressed to the petitioner of the petition or one of its parts."""
    target = petition if part == 0 else petition.parts.filter(part_number=part).first()
    if target is None:
        return None
    documents = addressed_documents(target)
    return documents[index - 1] if 1 <= index <= len(documents) else None


# --- Registration for a head's reception session ---------------------------------------------


def session_for_registration(slug: str) -> Any | None:
    """A published session still to come, by its public slug (None otherwise)."""
    from tiepdan.reception.session_selectors import session_public_schedule

    return (
        session_public_schedule()
        .filter(slug=slug, starts_at__gt=clock.now())
        .select_related("org_unit")
        .first()
    )


def _reception_staff(unit: Any) -> list[Any]:
    from tiepdan.accounts.models import Membership
    from tiepdan.accounts.roles import Role

    memberships = Membership.objects.filter(
        org_unit=unit, role__in=[Role.RECEPTION_OFFICER, Role.UNIT_LEADER], is_active=True
    ).select_related("user")
    return [m.user for m in memberships]


def already_registered(session: Any, petition: Petition) -> bool:
    return bool(session.registrations.filter(petition=petition).exists())


@transaction.atomic
def portal_session_register(
    *,
    session: Any,
    petition: Petition,
    full_name: str = "",
    citizen_id: str = "",
    phone: str = "",
    summary: str = "",
) -> bool:
    """Register the petitioner (who proved it with code and PIN) for a head's session.

    In person: a registration linked to the petition (`session_register`). Online: the
    reception service takes no names for an online session (every connection site reads its
    list); when it refuses, the unit's reception staff are notified with the petition's
    reference only, and they put the case in (online_petition_add). Returns True when
    registered, False when passed on to the staff. Side effects: audit (by the service) or
    in-app notices to the staff.
    """
    from tiepdan.notifications.services import notification_send
    from tiepdan.reception.models import ReceptionForm
    from tiepdan.reception.services import session_register

    if already_registered(session, petition):
        raise Conflict(_("This petition is already registered for this session."))
    if session.form != ReceptionForm.ONLINE:
        session_register(
            session=session,
            full_name=full_name,
            citizen_id=citizen_id,
            phone=phone,
            summary=summary.strip() or petition.summary,
            petition=petition,
        )
        return True
    try:
        session_register(
            session=session,
            full_name="",
            citizen_id="",
            phone="",
            summary=petition.summary,
            petition=petition,
        )
    except ApplicationError:
        reference = tracking_code_display(petition.tracking_code)
        day = timezone.localtime(session.starts_at).strftime("%d/%m/%Y %H:%M")
        notification_send(
            recipients=_reception_staff(session.org_unit),
            title=_("A citizen asks to be received at the online session of %(day)s: %(ref)s")
            % {"day": day, "ref": reference},
            body=_("Check the petition and put it into the session if it can be received online."),
            link=f"/don-thu/{petition.tracking_code}/",
        )
        return False
    return True
