"""The answers of the reception API, shaped from the models (no database ids)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tiepdan.accounts.permissions import user_can_in_unit
from tiepdan.api.reception.lookups import RECEIVE
from tiepdan.petitions.models import DocumentKind
from tiepdan.petitions.permissions import petition_documents_for_user
from tiepdan.reception import jitsi
from tiepdan.reception.models import ConclusionNotice, ReceptionSession, SessionRegistration, Visit
from tiepdan.reception.permissions import VisitIdentity
from tiepdan.reception.selectors import petitions_of_visit
from tiepdan.reception.services.online import link_test_latest, notify_latest
from tiepdan.reception.services.sessions import local_date
from tiepdan.reception.session_selectors import session_may_join


def local(moment: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(moment) if moment is not None else None


def visit_key(visit: Visit) -> str:
    return f"{visit.org_unit.code}/{visit.year}/{visit.serial}"


def _case_first_visit(visit: Visit) -> str:
    first = (
        Visit.objects.filter(case_id=visit.case_id)
        .order_by("received_at", "serial")
        .values_list("serial", "year")
        .first()
    )
    return f"{first[0]}/{first[1]}" if first and visit.case_id else ""


def _visit_petition(user: Any, visit: Visit) -> dict[str, Any] | None:
    petition = petitions_of_visit(visit, user)
    if petition is None:
        return None
    receipt = (
        petition_documents_for_user(user, petition)
        .filter(kind=DocumentKind.RECEIPT)
        .order_by("pk")
        .first()
    )
    return {
        "reference": petition.reference,
        "tracking_code": petition.tracking_code,
        "status": petition.status,
        "status_label": petition.get_status_display(),
        "receipt_number": receipt.number if receipt else "",
    }


def visit_out(user: Any, visit: Visit, identity: VisitIdentity) -> dict[str, Any]:
    """The visit as the page shows it: its people as given that day, masked for a caller who
    may not know a denouncer (`identity`); the petition only if the caller may open it."""
    ground = visit.refusal_ground
    return {
        "key": visit_key(visit),
        "number": f"{visit.serial}/{visit.year}",
        "unit": visit.org_unit,
        "year": visit.year,
        "serial": visit.serial,
        "received_at": local(visit.received_at),
        "office": visit.office.name if visit.office else None,
        "session": visit.session.slug if visit.session_id and visit.session else None,
        "kind": visit.kind,
        "kind_label": visit.get_kind_display(),
        "form": visit.form,
        "receivers": [u.username for u in visit.receivers.all()],
        "head_received": visit.head_received,
        "case_first_visit": _case_first_visit(visit),
        "is_repeat": visit.is_repeat,
        "is_group": visit.is_group,
        "people_count": visit.people_count,
        "representatives_count": visit.representatives_count,
        "has_appointment_document": bool(visit.appointment_document),
        "identity_visible": identity.visible,
        "visitors": [
            {
                "full_name": p.full_name,
                "citizen_id": p.citizen_id,
                "id_paper": p.id_paper,
                "address": p.address,
                "phone": p.phone,
                "is_representative": p.is_representative,
            }
            for p in identity.persons
        ],
        "summary": identity.summary,
        "petition_kind": visit.petition_kind,
        "petition_kind_label": visit.get_petition_kind_display(),
        "prior_bodies": visit.prior_bodies,
        "within_competence": visit.within_competence,
        "outcome": visit.outcome,
        "outcome_label": visit.get_outcome_display(),
        "statement": identity.statement,
        "guidance_to": visit.guidance_to,
        "guidance_number": visit.guidance_number,
        "transfer_to": visit.transfer_to,
        "transfer_number": visit.transfer_number,
        "petition": _visit_petition(user, visit),
        "refusal_ground": (
            {"code": ground.code, "text": ground.text, "source": ground.source} if ground else None
        ),
        "refusal_notice_due_on": visit.refusal_notice_due_on,
        "refusal_notice_number": visit.refusal_notice_number,
        "follow_up": identity.follow_up,
        "note": identity.note,
        "recorded_by": visit.created_by.username,
    }


def registration_out(registration: SessionRegistration) -> dict[str, Any]:
    # As the session page: a case put in an online session is named by its reference only.
    return {
        "full_name": registration.full_name,
        "phone": registration.phone,
        "summary": registration.summary,
        "petition": registration.petition.reference if registration.petition else None,
    }


def conclusion_out(notice: ConclusionNotice) -> dict[str, Any]:
    return {
        "session": notice.session.slug,
        "number": notice.number,
        "issued_on": notice.issued_on,
        "content": notice.content,
        "recipients": list(notice.recipients.order_by("code")),
        "follow_up_due_on": notice.follow_up_due_on,
        "followed_up_on": notice.followed_up_on,
        "follow_up": notice.follow_up,
    }


def session_summary(session: ReceptionSession) -> dict[str, Any]:
    return {
        "slug": session.slug,
        "unit": session.org_unit,
        "head": session.head.username,
        "head_name": str(session.head),
        "head_kind": session.head_kind,
        "head_kind_label": session.get_head_kind_display(),
        "kind": session.kind,
        "kind_label": session.get_kind_display(),
        "form": session.form,
        "form_label": session.get_form_display(),
        "office": session.office.name if session.office else None,
        "place": session.place,
        "starts_at": local(session.starts_at),
        "status": session.status,
        "status_label": session.get_status_display(),
        "published_on": session.published_on,
        "postponed_from": local(session.postponed_from),
        "postponement_reason": session.postponement_reason,
    }


def session_out(user: Any, session: ReceptionSession) -> dict[str, Any]:
    return {
        **session_summary(session),
        "may_write": user_can_in_unit(user, RECEIVE, session.org_unit),
        "registrations": [
            registration_out(r) for r in session.registrations.select_related("petition")
        ],
        "visits": [
            visit_key(v) for v in session.visits.select_related("org_unit").order_by("serial")
        ],
        "conclusions": [
            conclusion_out(n)
            for n in session.conclusions.select_related("session").prefetch_related("recipients")
        ],
    }


def online_session_out(user: Any, session: ReceptionSession) -> dict[str, Any]:
    """The online session with its room, its sites and the TCD-07 / TCD-08 days."""
    day = local_date(session.starts_at)
    test_by = link_test_latest(day)
    sites = session.sites.select_related("org_unit").order_by("-is_central", "org_unit__path")
    return {
        **session_out(user, session),
        # The key to the room only for those who take part (the head, the sites' officials).
        "room_url": jitsi.room_url(
            session.room_name, display_name=str(user), starts_at=session.starts_at
        )
        if session_may_join(user, session)
        else "",
        "jitsi_configured": jitsi.is_configured(),
        "notified_on": session.notified_on,
        "notify_by": notify_latest(day),
        "link_tested_on": session.link_tested_on,
        "link_test_by": test_by,
        "recording_reference": session.recording_reference,
        "has_minutes": bool(session.minutes),
        "sites": [
            {
                "unit": site.org_unit,
                "is_central": site.is_central,
                "participants": site.participants,
                "link_tested_on": site.link_tested_on,
                "is_link_test_late": site.link_tested_on is not None
                and site.link_tested_on > test_by,
                "joined_at": local(site.joined_at),
            }
            for site in sites
        ],
    }
