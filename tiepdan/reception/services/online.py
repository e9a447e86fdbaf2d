"""Online reception sessions with connection sites (NĐ 154/2026 Ch. V; LEGAL.md §2.1).

One central site (the unit holding the session) and at least one component site (Art. 3.4-3.5);
participants notified at least 5 working days before (TCD-07), links tested at least 1 working
day before (TCD-08), the session recorded and its minutes kept (Art. 18.2.c, 24.1); only
eligible cases are put in (Art. 20): a denunciation only when the denouncer did not ask for
their identity to be kept secret.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.accounts.models import Membership
from tiepdan.accounts.permissions import ensure_capability, user_can_in_unit
from tiepdan.accounts.roles import ROLE_CAPABILITIES, Capability
from tiepdan.audit.services import audit_record
from tiepdan.core import clock
from tiepdan.core.exceptions import Conflict, NotFound, ValidationFailed
from tiepdan.deadlines.services import calendar_load, deadline_compute
from tiepdan.notifications.services import notification_send
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.files import attachment_check
from tiepdan.petitions.models import Kind, Petition
from tiepdan.petitions.permissions import petition_queryset_for_user
from tiepdan.reception import jitsi
from tiepdan.reception.models import (
    ConnectionSite,
    ReceptionForm,
    ReceptionKind,
    ReceptionSession,
    SessionRegistration,
)
from tiepdan.reception.services.sessions import (
    OPEN_STATUSES,
    check_head,
    check_notice,
    date_text,
    local_date,
    session_slug_new,
)
from tiepdan.resolution.models import ProtectionRequest

ONLINE_FROM = dt.date(2026, 7, 1)  # online reception exists from Law 136/2025 (LTCD Art. 3a)
NOTIFY_RULE = "TCD-07"  # notify participants ≥ 5 working days before (NĐ 154/2026 Art. 23.1)
LINK_TEST_RULE = "TCD-08"  # test the links ≥ 1 working day before (NĐ 154/2026 Art. 23.1)


# --- Eligibility (NĐ 154/2026 Art. 20) --------------------------------------------------------


def _denouncer_asked_secrecy(petition: Petition) -> bool:
    """Whether the denouncer asked for their identity to be kept secret (LTC Art. 9.1, 48.1),
    on this petition or any part split from the same original (same author).

    Asking is what counts (Art. 20), whatever the decision on the request: a refused or ended
    request still tells us the denouncer does not want to be seen.
    """
    root = petition.parent_id or petition.pk
    if Petition.objects.filter(
        Q(pk=root) | Q(parent_id=root), identity_secrecy_requested=True
    ).exists():
        return True  # asked when filing (the portal's checkbox)
    measures = ProtectionRequest.objects.filter(
        Q(resolution__petition_id=root) | Q(resolution__petition__parent_id=root),
        relation=ProtectionRequest.Relation.DENOUNCER,
    ).values_list("measures", flat=True)
    secrecy = ProtectionRequest.Measure.CONFIDENTIALITY
    return any(secrecy in (chosen or []) for chosen in measures)


def petition_online_refusal(petition: Petition) -> str | None:
    """Why the petition cannot be handled in an online session, or None if it can."""
    kinds = set(petition.kinds or []) | {petition.kind}
    is_denunciation = Kind.DENUNCIATION in kinds or petition.is_confidential
    if is_denunciation and _denouncer_asked_secrecy(petition):
        return _(
            "%(reference)s cannot be received online: the denouncer asked for their identity "
            "to be kept secret, and an online session shows the case to every connection site "
            "(NĐ 154/2026 Art. 20). Receive it in person."
        ) % {"reference": petition.reference}
    return None


# --- Creating the session ---------------------------------------------------------------------


def notify_latest(session_day: dt.date) -> dt.date:
    return deadline_compute(rule_id=NOTIFY_RULE, start_on=session_day).due_on


def link_test_latest(session_day: dt.date) -> dt.date:
    return deadline_compute(rule_id=LINK_TEST_RULE, start_on=session_day).due_on


def _check_online_notice(starts_at: dt.datetime) -> None:
    day = local_date(starts_at)
    if day < ONLINE_FROM:
        raise ValidationFailed(
            _("Online reception starts on 01/07/2026 (Law 136/2025)."),
            extra={"field": "starts_at"},
        )
    today = clock.today()
    if notify_latest(day) >= today:
        return
    calendar = calendar_load()
    earliest = today + dt.timedelta(days=1)
    while not calendar.is_working_day(earliest) or (
        deadline_compute(rule_id=NOTIFY_RULE, start_on=earliest, calendar=calendar).due_on < today
    ):
        earliest += dt.timedelta(days=1)
    raise ValidationFailed(
        _(
            "The participants of an online session must be notified at least 5 working days "
            "before it (NĐ 154/2026 Art. 23.1). Notified today, the earliest date is %(day)s."
        )
        % {"day": date_text(earliest)},
        extra={"field": "starts_at", "earliest": earliest.isoformat()},
    )


def _site_officials(units: Sequence[OrgUnit]) -> list[Any]:
    """Who answers for a connection site: its reception staff and leaders."""
    roles = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.RECEIVE_CITIZENS in caps]
    return [
        m.user
        for m in Membership.objects.filter(
            org_unit__in=list(units), is_active=True, role__in=roles
        ).select_related("user")
    ]


def _put_petition(actor: Any, session: ReceptionSession, petition: Petition) -> SessionRegistration:
    refusal = petition_online_refusal(petition)
    if refusal:
        raise ValidationFailed(refusal, extra={"field": "petitions"})
    if session.registrations.filter(petition=petition).exists():
        raise Conflict(
            _("%(reference)s is already in this session.") % {"reference": petition.reference}
        )
    # No petitioner's name on the row: every connection site reads the session's list, and
    # the petition itself keeps the identity under its own rules (LTC Art. 9).
    registration = SessionRegistration.objects.create(
        session=session, full_name="", summary=petition.summary[:500], petition=petition
    )
    audit_record(
        actor=actor,
        action="reception_session.online_petition_add",
        obj=session,
        unit=session.org_unit,
        summary=f"online_petition_add: {petition.reference}",
        changes={"petition": petition.reference},
    )
    return registration


def _visible_petition(actor: Any, petition: Petition) -> Petition:
    found = petition_queryset_for_user(actor).filter(pk=petition.pk).first()
    if found is None:
        raise NotFound(_("This petition does not exist or is not yours to see."))
    return found


@transaction.atomic
def online_session_create(
    *,
    actor: Any,
    central_unit: OrgUnit,
    component_units: Sequence[OrgUnit],
    starts_at: dt.datetime,
    head: Any,
    head_kind: str | None = None,
    petitions: Sequence[Petition] = (),
    kind: str = ReceptionKind.AD_HOC,
) -> ReceptionSession:
    """Create an online session with its central and component sites and its video room, put
    the eligible petitions in, and notify the sites' officials at once (TCD-07).

    The head leads the central unit and their office is set from it (`head_kind`, if given,
    must agree), as for a session in person.

    Side effects: in-app notices (and e-mail copies after commit) to the reception staff and
    leaders of every site and to the head; the session is published on the public schedule
    (without its room); audit.
    """
    ensure_capability(actor, Capability.RECEIVE_CITIZENS, central_unit)
    components = list({u.pk: u for u in component_units if u.pk != central_unit.pk}.values())
    if not components:
        raise ValidationFailed(
            _("Choose at least one component connection site besides the central site."),
            extra={"field": "component_units"},
        )
    if kind not in (ReceptionKind.PERIODIC, ReceptionKind.AD_HOC):
        raise ValidationFailed(
            _("A head's session is periodic or ad-hoc."), extra={"field": "kind"}
        )
    head_kind = check_head(head, central_unit, head_kind)
    check_notice(kind, starts_at)
    _check_online_notice(starts_at)
    checked = [_visible_petition(actor, p) for p in petitions]
    for petition in checked:
        # Refuse before creating anything, so the message names the case and nothing is saved.
        refusal = petition_online_refusal(petition)
        if refusal:
            raise ValidationFailed(refusal, extra={"field": "petitions"})
    today = clock.today()
    session = ReceptionSession.objects.create(
        org_unit=central_unit,
        head=head,
        head_kind=head_kind,
        kind=kind,
        form=ReceptionForm.ONLINE,
        starts_at=starts_at,
        published_on=today,
        notified_on=today,
        room_name=jitsi.room_name_new(),
        slug=session_slug_new(),
    )
    ConnectionSite.objects.bulk_create(
        [ConnectionSite(session=session, org_unit=central_unit, is_central=True)]
        + [ConnectionSite(session=session, org_unit=unit) for unit in components]
    )
    for petition in checked:
        _put_petition(actor, session, petition)
    notification_send(
        recipients=[head, *_site_officials([central_unit, *components])],
        title=_("Online reception on %(day)s, central site %(unit)s")
        % {"day": date_text(local_date(starts_at)), "unit": central_unit.name},
        body=_(
            "Connect at least one hour before the start; test the link of your site by "
            "%(test_by)s (NĐ 154/2026 Art. 23.1)."
        )
        % {"test_by": date_text(link_test_latest(local_date(starts_at)))},
        link=reverse("reception:online_detail", kwargs={"slug": session.slug}),
    )
    audit_record(
        actor=actor,
        action="reception_session.online_create",
        obj=session,
        unit=central_unit,
        summary=f"online_create: {starts_at.isoformat()}",
        changes={
            "central": central_unit.code,
            "components": [u.code for u in components],
            "petitions": [p.reference for p in checked],
            "notified_on": today,
        },
    )
    return session


@transaction.atomic
def online_petition_add(
    *, actor: Any, session: ReceptionSession, petition: Petition
) -> SessionRegistration:
    """Put one more case into an online session, if it is eligible (NĐ 154/2026 Art. 20).

    Side effects: audit.
    """
    ensure_capability(actor, Capability.RECEIVE_CITIZENS, session.org_unit)
    session = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    if session.form != ReceptionForm.ONLINE or session.status not in OPEN_STATUSES:
        raise Conflict(_("Cases are put into an online session before it is held."))
    return _put_petition(actor, session, _visible_petition(actor, petition))


# --- Sites: link test, joining --------------------------------------------------------------


def _ensure_site_right(actor: Any, site: ConnectionSite) -> None:
    """The site's own staff, or the central unit's, record what happened at a site."""
    if user_can_in_unit(actor, Capability.RECEIVE_CITIZENS, site.org_unit):
        return
    ensure_capability(actor, Capability.RECEIVE_CITIZENS, site.session.org_unit)


def _locked_site(site: ConnectionSite) -> ConnectionSite:
    return (
        ConnectionSite.objects.select_for_update()
        .select_related("session__org_unit", "org_unit")
        .get(pk=site.pk)
    )


@transaction.atomic
def online_site_link_test(
    *, actor: Any, site: ConnectionSite, tested_on: dt.date | None = None
) -> ConnectionSite:
    """Record that a site tested its link. A test after the TCD-08 day (1 working day before)
    is still recorded, as a fact, and shown late on the session page.

    Side effects: when every site has tested, the session's link_tested_on is the last test;
    audit.
    """
    _ensure_site_right(actor, site)
    site = _locked_site(site)
    session = site.session
    tested_on = tested_on or clock.today()
    if tested_on > clock.today():
        raise ValidationFailed(
            _("A link test is recorded once done, not in advance."), extra={"field": "tested_on"}
        )
    if tested_on > local_date(session.starts_at):
        raise ValidationFailed(
            _("A link test is done before the session."), extra={"field": "tested_on"}
        )
    site.link_tested_on = tested_on
    site.save(update_fields=["link_tested_on", "updated_at"])
    totals = session.sites.aggregate(
        untested=Count("pk", filter=Q(link_tested_on=None)), last=Max("link_tested_on")
    )
    if totals["untested"] == 0:
        ReceptionSession.objects.filter(pk=session.pk).update(link_tested_on=totals["last"])
    audit_record(
        actor=actor,
        action="reception_session.site_link_test",
        obj=session,
        unit=site.org_unit,
        summary=f"site_link_test: {site.org_unit.code} {tested_on.isoformat()}",
        changes={"site": site.org_unit.code, "tested_on": tested_on},
    )
    return site


@transaction.atomic
def online_site_join(*, actor: Any, site: ConnectionSite, participants: str) -> ConnectionSite:
    """Record that a site joined the session, with who takes part there.

    Side effects: audit.
    """
    _ensure_site_right(actor, site)
    site = _locked_site(site)
    session = site.session
    if session.status not in OPEN_STATUSES and session.status != ReceptionSession.Status.HELD:
        raise Conflict(_("This session was cancelled."))
    if local_date(session.starts_at) != clock.today():
        raise ValidationFailed(_("Sites join on the day of the session."))
    if not participants.strip():
        raise ValidationFailed(
            _("List who takes part at this site (name and position)."),
            extra={"field": "participants"},
        )
    site.participants = participants.strip()
    site.joined_at = site.joined_at or clock.now()
    site.save(update_fields=["participants", "joined_at", "updated_at"])
    audit_record(
        actor=actor,
        action="reception_session.site_join",
        obj=session,
        unit=site.org_unit,
        summary=f"site_join: {site.org_unit.code}",
        changes={"site": site.org_unit.code},
    )
    return site


# --- Recording and minutes ------------------------------------------------------------------


def online_session_record(
    *,
    actor: Any,
    session: ReceptionSession,
    recording_reference: str = "",
    minutes: UploadedFile | None = None,
) -> ReceptionSession:
    """Keep the recording's reference and the minutes with the session (NĐ 154/2026 Art. 18.2.c,
    24.1: online sessions are recorded and stored as electronic records).

    Everything is checked before the file is written, and the file is removed again if anything
    after it fails, the commit included: a refused or failed record leaves no stray minutes in
    the storage.
    Side effects: the minutes file is stored; audit.
    """
    stored: list[str] = []
    try:
        with transaction.atomic():
            return _record(actor, session, recording_reference, minutes, stored)
    except BaseException:
        for name in stored:
            session.minutes.storage.delete(name)
        raise


def _record(
    actor: Any,
    session: ReceptionSession,
    recording_reference: str,
    minutes: UploadedFile | None,
    stored: list[str],
) -> ReceptionSession:
    ensure_capability(actor, Capability.RECEIVE_CITIZENS, session.org_unit)
    session = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    if session.starts_at > clock.now():
        raise ValidationFailed(_("The recording and the minutes are kept once the session began."))
    reference = recording_reference.strip()[:255]
    if not reference and minutes is None:
        raise ValidationFailed(
            _("Give the recording's reference or the minutes file."),
            extra={"field": "recording_reference"},
        )
    if minutes is not None:
        try:
            attachment_check(minutes)
        except ValidationFailed as exc:
            raise ValidationFailed(exc.message, extra={"field": "minutes"}) from None
    fields = ["updated_at"]
    if reference:
        session.recording_reference = reference
        fields.append("recording_reference")
    if minutes is not None:
        stamp = timezone.localtime(clock.now()).strftime("%Y%m%d")
        session.minutes.save(
            f"bien-ban-{session.slug}-{stamp}{_suffix(minutes)}", minutes, save=False
        )
        stored.append(session.minutes.name)
        fields.append("minutes")
    session.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="reception_session.online_record",
        obj=session,
        unit=session.org_unit,
        summary="online_record",
        changes={
            "recording_reference": session.recording_reference,
            "minutes": stored[0] if stored else "",
        },
    )
    return session


def _suffix(upload: UploadedFile) -> str:
    name = (upload.name or "").lower()
    return name[name.rfind(".") :][:6] if "." in name else ""
