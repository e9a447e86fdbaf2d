"""The heads' sessions: schedule published 5 working days ahead, postponement, holding,
registrations, the conclusions notice (LTCD Art. 18, 24; NĐ 154/2026 Art. 25.2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.audit.models import AuditEntry
from tiepdan.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from tiepdan.notifications.models import Notification
from tiepdan.organizations.models import OrgUnit
from tiepdan.reception.models import HeadKind, ReceptionSession
from tiepdan.reception.services import (
    conclusion_follow_up,
    conclusion_issue,
    session_hold,
    session_postpone,
    session_register,
    session_schedule,
)
from tiepdan.reception.services.sessions import head_kind_for
from tiepdan.reception.tests.conftest import SCHEDULED_ON, local_at
from tiepdan.resolution.tests.helpers import at

FOUR_WD = dt.date(2026, 10, 9)  # Friday: 4 working days after Monday 05/10
FIVE_WD = dt.date(2026, 10, 12)  # Monday: 5 working days after


def schedule(world, day, *, kind="periodic", actor=None, **extra):
    values = {
        "actor": actor or world.commune_desk,
        "unit": world.commune,
        "head": world.commune_leader,
        "head_kind": HeadKind.COMMUNE_CHAIR,
        "kind": kind,
        "starts_at": local_at(day),
        "office": world.commune_office,
    }
    values.update(extra)
    return session_schedule(**values)


def test_periodic_session_four_working_days_ahead_is_refused_with_the_earliest_date(heads):
    with at(SCHEDULED_ON), translation.override("en"), pytest.raises(ValidationFailed) as exc:
        schedule(heads, FOUR_WD)
    assert exc.value.extra["field"] == "starts_at"
    assert exc.value.extra["earliest"] == FIVE_WD.isoformat()
    assert "12/10/2026" in str(exc.value)
    assert not ReceptionSession.objects.exists()


def test_periodic_session_five_working_days_ahead_is_published_today(heads, client):
    with at(SCHEDULED_ON):
        session = schedule(heads, FIVE_WD)
        assert session.published_on == SCHEDULED_ON
        assert session.status == ReceptionSession.Status.SCHEDULED
        assert len(session.slug) == 12
        assert AuditEntry.objects.filter(action="reception_session.schedule").exists()
        page = client.get(reverse("portal:schedule_unit", kwargs={"code": heads.commune.code}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Nguyễn Văn Chủ" in text
    assert "12/10/2026" in text
    assert "Trụ sở tiếp công dân xã" in text
    assert f"/{session.pk}/" not in text


def test_ad_hoc_session_has_no_notice_minimum(heads):
    with at(SCHEDULED_ON):
        session = schedule(heads, dt.date(2026, 10, 6), kind="ad_hoc")
    assert session.kind == "ad_hoc"


def test_session_is_scheduled_only_in_the_officials_own_unit(heads):
    with at(SCHEDULED_ON), pytest.raises(PermissionDenied):
        schedule(heads, FIVE_WD, actor=heads.other_desk)


def test_head_must_be_an_official_of_the_unit(heads):
    with at(SCHEDULED_ON), pytest.raises(ValidationFailed) as exc:
        schedule(heads, FIVE_WD, head=heads.other_chair)
    assert exc.value.extra["field"] == "head"


def test_postponement_keeps_the_first_date_and_shows_on_the_public_schedule(heads, client):
    with at(SCHEDULED_ON):
        session = schedule(heads, FIVE_WD)
    with at(dt.date(2026, 10, 7)):
        session = session_postpone(
            actor=heads.commune_desk,
            session=session,
            new_starts_at=local_at(dt.date(2026, 10, 19)),
            reason="Chủ tịch đi công tác",
        )
        assert session.status == ReceptionSession.Status.POSTPONED
        assert session.postponed_from == local_at(FIVE_WD)
        assert session.published_on == dt.date(2026, 10, 7)
        with translation.override("vi"):
            page = client.get(reverse("portal:schedule_unit", kwargs={"code": heads.commune.code}))
    text = page.content.decode()
    assert "19/10/2026" in text
    assert "12/10/2026" in text  # the first date, shown as moved
    assert "Chủ tịch đi công tác" in text


def test_postponement_needs_a_reason(heads):
    with at(SCHEDULED_ON):
        session = schedule(heads, FIVE_WD)
        with pytest.raises(ValidationFailed) as exc:
            session_postpone(
                actor=heads.commune_desk,
                session=session,
                new_starts_at=local_at(dt.date(2026, 10, 19)),
                reason=" ",
            )
    assert exc.value.extra["field"] == "reason"


def test_registration_then_hold_then_conclusions_with_follow_up(heads):
    with at(SCHEDULED_ON):
        session = schedule(heads, FIVE_WD)
        registration = session_register(
            session=session,
            full_name="Trần Thị Hoa",
            citizen_id="019185001234",
            phone="0912345678",
            summary="Tranh chấp ranh giới đất",
        )
        assert registration.session == session
        with pytest.raises(ValidationFailed):
            session_hold(actor=heads.commune_desk, session=session)  # not yet its day
    entry = AuditEntry.objects.get(action="reception_session.register")
    assert "Trần Thị Hoa" not in f"{entry.summary}{entry.object_repr}{entry.changes}"
    with at(FIVE_WD):
        session = session_hold(actor=heads.commune_desk, session=session)
        assert session.status == ReceptionSession.Status.HELD
        with pytest.raises(Conflict):
            session_register(
                session=session, full_name="Lê Văn B", citizen_id="", phone="", summary="x"
            )
        notice = conclusion_issue(
            actor=heads.commune_desk,
            session=session,
            content="Giao công chức địa chính kiểm tra, báo cáo trước ngày 30/10/2026.",
            recipients=[heads.board],
            follow_up_due_on=dt.date(2026, 10, 30),
        )
    assert notice.number == "1/TB-TCD"
    assert list(notice.recipients.all()) == [heads.board]
    assert Notification.objects.filter(recipient=heads.leader).exists()
    with at(dt.date(2026, 10, 28)):
        notice = conclusion_follow_up(
            actor=heads.commune_desk, notice=notice, result="Đã kiểm tra, trả lời công dân."
        )
    assert notice.followed_up_on == dt.date(2026, 10, 28)


def test_conclusions_wait_for_the_session_to_be_held(heads):
    with at(SCHEDULED_ON):
        session = schedule(heads, FIVE_WD)
        with pytest.raises(Conflict):
            conclusion_issue(
                actor=heads.commune_desk, session=session, content="x", recipients=[heads.board]
            )


def test_public_schedule_shows_no_personal_data_of_registered_citizens(heads, client):
    with at(SCHEDULED_ON):
        session = schedule(heads, FIVE_WD)
        session_register(
            session=session,
            full_name="Trần Thị Hoa",
            citizen_id="019185001234",
            phone="0912345678",
            summary="Tranh chấp ranh giới đất",
        )
        text = client.get(reverse("portal:schedule")).content.decode()
    assert "Nguyễn Văn Chủ" in text
    assert "Trần Thị Hoa" not in text
    assert "019185001234" not in text


def test_staff_session_pages(heads, client):
    client.force_login(heads.commune_desk)
    with at(SCHEDULED_ON):
        response = client.post(
            reverse("reception:session_new"),
            {
                "head": heads.commune_leader.pk,
                "kind": "periodic",
                "starts_at": "2026-10-09T08:00",
                "office": heads.commune_office.pk,
                "place": "",
            },
        )
        assert response.status_code == 400  # 4 working days: refused, the form kept
        assert "2026-10-09T08:00" in response.content.decode()
        response = client.post(
            reverse("reception:session_new"),
            {
                "head": heads.commune_leader.pk,
                "kind": "periodic",
                "starts_at": "2026-10-12T08:00",
                "office": heads.commune_office.pk,
                "place": "",
            },
        )
        assert response.status_code == 302
        session = ReceptionSession.objects.get()
        assert response["Location"] == reverse("reception:session_detail", args=[session.slug])
        assert client.get(reverse("reception:sessions")).status_code == 200
        assert client.get(reverse("reception:session_new")).status_code == 200
        assert client.get(reverse("reception:online_new")).status_code == 200
        assert client.get(reverse("reception:compliance")).status_code == 200
        assert client.get(response["Location"]).status_code == 200
    client.force_login(heads.other_desk)
    assert client.get(reverse("reception:session_detail", args=[session.slug])).status_code == 404


# --- The head: a leader of the unit, whose office follows from the unit (LEGAL.md §1.4) ---------

Level, Kind = OrgUnit.Level, OrgUnit.Kind


@pytest.mark.parametrize(
    ("level", "kind", "expected"),
    [
        (Level.COMMUNE, Kind.PEOPLES_COMMITTEE, HeadKind.COMMUNE_CHAIR),
        (Level.PROVINCE, Kind.PEOPLES_COMMITTEE, HeadKind.PROVINCE_CHAIR),
        (Level.DISTRICT, Kind.PEOPLES_COMMITTEE, HeadKind.DISTRICT_CHAIR),
        (Level.CENTRAL, Kind.INSPECTORATE, HeadKind.TTCP_HEAD),
        (Level.CENTRAL, Kind.OTHER, HeadKind.TTCP_HEAD),
        (Level.PROVINCE, Kind.INSPECTORATE, HeadKind.AGENCY_HEAD),
        (Level.PROVINCE, Kind.DEPARTMENT, HeadKind.AGENCY_HEAD),
        (Level.PROVINCE, Kind.RECEPTION_BOARD, HeadKind.AGENCY_HEAD),
        (Level.PROVINCE, Kind.OTHER, HeadKind.PUBLIC_SERVICE_HEAD),
        (Level.CENTRAL, Kind.PEOPLES_COMMITTEE, None),
    ],
)
def test_the_heads_office_follows_from_the_units_level_and_kind(level, kind, expected):
    assert head_kind_for(level, kind) == expected


def test_the_heads_office_is_set_from_the_unit(heads):
    with at(SCHEDULED_ON):
        session = schedule(heads, FIVE_WD, head_kind=None)
    assert session.head_kind == HeadKind.COMMUNE_CHAIR


def test_a_commune_session_cannot_be_typed_as_the_province_chairs(heads):
    # A lower minimum (1 a month instead of 1 a week) must not be had by choosing the title.
    with at(SCHEDULED_ON), pytest.raises(ValidationFailed) as exc:
        schedule(heads, FIVE_WD, head_kind=HeadKind.PROVINCE_CHAIR)
    assert exc.value.extra["field"] == "head_kind"
    assert not ReceptionSession.objects.exists()


def test_a_reception_officer_cannot_stand_as_the_head(heads):
    # Law 136/2025 provides for no delegation: the head receives in person (LTCD Art. 18).
    with at(SCHEDULED_ON), translation.override("en"), pytest.raises(ValidationFailed) as exc:
        schedule(heads, FIVE_WD, head=heads.commune_desk)
    assert exc.value.extra["field"] == "head"
    assert "leader of" in str(exc.value)


def test_the_form_offers_only_the_units_leaders_and_no_office_to_choose(heads, client):
    with at(SCHEDULED_ON):
        client.force_login(heads.commune_desk)
        form = client.get(reverse("reception:session_new")).context["form"]
    assert list(form.fields["head"].queryset) == [heads.commune_leader]
    assert "head_kind" not in form.fields
    assert "form" not in form.fields


# --- Online sessions are made only with their sites (NĐ 154/2026 Ch. V) --------------------------


def test_the_ordinary_schedule_refuses_an_online_session(heads):
    with at(SCHEDULED_ON), translation.override("en"), pytest.raises(ValidationFailed) as exc:
        schedule(heads, FIVE_WD, form="online", office=None)
    assert exc.value.extra["field"] == "form"
    assert "New online session" in str(exc.value)
    assert not ReceptionSession.objects.exists()


# --- The public schedule names the head by title and full name only -----------------------------


def test_the_public_schedule_never_shows_a_username(heads, client):
    heads.commune_leader.full_name = ""
    heads.commune_leader.save()
    with at(SCHEDULED_ON):
        schedule(heads, FIVE_WD)
        text = client.get(reverse("portal:schedule"), headers={"accept-language": "en"})
    text = text.content.decode()
    assert "xa.chutich" not in text
    assert "Chair of the commune people&#x27;s committee" in text


# --- A recipient agency opens the conclusions notice and reports back ---------------------------


def _concluded(world):
    with at(SCHEDULED_ON):
        session = schedule(world, FIVE_WD)
    with at(FIVE_WD):
        session = session_hold(actor=world.commune_desk, session=session)
        notice = conclusion_issue(
            actor=world.commune_desk,
            session=session,
            content="Giao UBND xã Quân Chu kiểm tra, trả lời công dân.",
            recipients=[world.other],
            follow_up_due_on=dt.date(2026, 10, 30),
        )
    return session, notice


def test_the_notice_links_its_recipients_to_a_page_they_can_open_and_report_on(heads, client):
    session, notice = _concluded(heads)
    alert = Notification.objects.get(recipient=heads.other_chair)
    page = reverse("reception:conclusion_detail", args=[session.slug, notice.pk])
    assert alert.link == page
    with at(dt.date(2026, 10, 20)):
        client.force_login(heads.other_chair)
        opened = client.get(alert.link)
        client.force_login(heads.other_desk)
        assert client.get(page).status_code == 200
        posted = client.post(
            reverse("reception:conclusion_follow_up", args=[session.slug, notice.pk]),
            {"result": "Đã kiểm tra, trả lời công dân ngày 19/10."},
        )
        # The session itself (its registrations, its visits) stays the commune's.
        session_page = client.get(reverse("reception:session_detail", args=[session.slug]))
        client.force_login(heads.commune_desk)
        own = client.get(reverse("reception:session_detail", args=[session.slug])).content.decode()
    assert opened.status_code == 200
    assert "Giao UBND xã Quân Chu kiểm tra" in opened.content.decode()
    assert posted.status_code == 302
    assert posted["Location"] == page
    notice.refresh_from_db()
    assert notice.followed_up_on == dt.date(2026, 10, 20)
    assert session_page.status_code == 404
    assert page in own  # the session's own staff reach the notice from the session page


def test_a_notice_sent_elsewhere_is_not_found(heads, client):
    session, notice = _concluded(heads)
    outsider = make_official(heads.board, Role.RECEPTION_OFFICER, username="bantcd.letan2")
    with at(dt.date(2026, 10, 20)):
        client.force_login(outsider)
        response = client.get(
            reverse("reception:conclusion_detail", args=[session.slug, notice.pk])
        )
    assert response.status_code == 404


def test_the_sessions_list_names_the_notices_the_agency_owes(heads, client):
    session, notice = _concluded(heads)
    with at(dt.date(2026, 10, 20)):
        client.force_login(heads.other_desk)
        text = client.get(reverse("reception:sessions")).content.decode()
    assert reverse("reception:conclusion_detail", args=[session.slug, notice.pk]) in text
