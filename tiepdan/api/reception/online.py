"""Online sessions with their connection sites (NĐ 154/2026 Ch. V)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import File, Router
from ninja import Status as Answer
from ninja.files import UploadedFile

from tiepdan.accounts.permissions import ensure_capability
from tiepdan.api.petitions import ERRORS, unit_by_code
from tiepdan.api.reception.lookups import (
    RECEIVE,
    official_by_username,
    petitions_of,
    session_for_caller,
    site_of,
)
from tiepdan.api.reception.schemas import (
    JoinIn,
    LinkTestIn,
    OnlinePetitionIn,
    OnlineSessionIn,
    OnlineSessionOut,
    RecordIn,
    aware,
)
from tiepdan.api.reception.shaping import online_session_out
from tiepdan.reception.services import (
    online_petition_add,
    online_session_create,
    online_session_record,
    online_site_join,
    online_site_link_test,
)

router = Router(tags=["reception"])

# --- Online sessions --------------------------------------------------------------------------


@router.post(
    "/online-sessions", response={201: OnlineSessionOut, **ERRORS}, summary="Create online"
)
def online_session_create_api(
    request: HttpRequest, payload: OnlineSessionIn
) -> Answer[dict[str, Any]]:
    """Creates an online session (from 01/07/2026) with its central and component sites and its
    video room, puts the cases in, and notifies the sites' officials (at least 5 working days
    before, TCD-07). A denunciation whose denouncer asked for secrecy is refused in `petitions`
    and nothing is created."""
    user = request.auth  # type: ignore[attr-defined]
    central_unit = unit_by_code(payload.central_unit, field="central_unit")
    ensure_capability(user, RECEIVE, central_unit)  # 403 before the cases are looked up
    session = online_session_create(
        actor=user,
        central_unit=central_unit,
        component_units=[
            unit_by_code(code, field=f"component_units.{index}")
            for index, code in enumerate(payload.component_units)
        ],
        starts_at=aware(payload.starts_at),
        head=official_by_username(payload.head, field="head"),
        head_kind=payload.head_kind.value if payload.head_kind else None,
        kind=payload.kind,
        petitions=petitions_of(user, payload.petitions),
    )
    return Answer(201, online_session_out(user, session))


@router.get(
    "/online-sessions/{slug}", response={200: OnlineSessionOut, **ERRORS}, summary="One online"
)
def online_session_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """The room link, the sites (link tests, who joined), the notice and test days, and the
    recording's reference. Seen by the central unit and by every connection site."""
    user = request.auth  # type: ignore[attr-defined]
    return online_session_out(user, session_for_caller(request, slug, online=True))


@router.post(
    "/online-sessions/{slug}/petitions",
    response={200: OnlineSessionOut, **ERRORS},
    summary="Put a case in",
)
def online_petition_create(
    request: HttpRequest, slug: str, payload: OnlinePetitionIn
) -> dict[str, Any]:
    """Puts one more case into the session before it is held, if it is eligible (NĐ 154/2026
    Art. 20); 409 if it is already in."""
    user = request.auth  # type: ignore[attr-defined]
    session = session_for_caller(request, slug, online=True)
    (petition,) = petitions_of(user, [payload.petition])
    online_petition_add(actor=user, session=session, petition=petition)
    return online_session_out(user, session)


@router.post(
    "/online-sessions/{slug}/sites/{unit}/link-test",
    response={200: OnlineSessionOut, **ERRORS},
    summary="A site tested its link",
)
def online_site_link_test_api(
    request: HttpRequest, slug: str, unit: str, payload: LinkTestIn
) -> dict[str, Any]:
    """Recorded by the site's own staff or the central unit's. A test after the TCD-08 day (1
    working day before) is recorded and shown late."""
    user = request.auth  # type: ignore[attr-defined]
    session = session_for_caller(request, slug, online=True)
    online_site_link_test(actor=user, site=site_of(session, unit), tested_on=payload.tested_on)
    return online_session_out(user, session_for_caller(request, slug, online=True))


@router.post(
    "/online-sessions/{slug}/sites/{unit}/join",
    response={200: OnlineSessionOut, **ERRORS},
    summary="A site joined",
)
def online_site_join_api(
    request: HttpRequest, slug: str, unit: str, payload: JoinIn
) -> dict[str, Any]:
    """On the session's day: the site joined, with who takes part there."""
    user = request.auth  # type: ignore[attr-defined]
    session = session_for_caller(request, slug, online=True)
    online_site_join(actor=user, site=site_of(session, unit), participants=payload.participants)
    return online_session_out(user, session)


@router.post(
    "/online-sessions/{slug}/record",
    response={200: OnlineSessionOut, **ERRORS},
    summary="Keep the recording's reference",
)
def online_session_record_api(request: HttpRequest, slug: str, payload: RecordIn) -> dict[str, Any]:
    """Once the session began: where its recording is stored (NĐ 154/2026 Art. 24.1). The
    minutes file goes to `/minutes` (multipart) or the session's page."""
    user = request.auth  # type: ignore[attr-defined]
    session = online_session_record(
        actor=user,
        session=session_for_caller(request, slug, online=True),
        recording_reference=payload.recording_reference,
    )
    return online_session_out(user, session)


@router.post(
    "/online-sessions/{slug}/minutes",
    response={200: OnlineSessionOut, **ERRORS},
    summary="Upload the minutes",
)
def online_session_minutes_api(
    request: HttpRequest, slug: str, minutes: File[UploadedFile]
) -> dict[str, Any]:
    """The signed minutes (PDF or Word), as `multipart/form-data` with the file in `minutes`;
    kept with the session. A file that is not a document is refused in `minutes`."""
    user = request.auth  # type: ignore[attr-defined]
    session = online_session_record(
        actor=user, session=session_for_caller(request, slug, online=True), minutes=minutes
    )
    return online_session_out(user, session)
