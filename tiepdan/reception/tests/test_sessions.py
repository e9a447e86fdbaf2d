"""The heads' sessions: schedule published 5 working days ahead, postponement, holding,
registrations, the conclusions notice (LTCD Art. 18, 24; NĐ 154/2026 Art. 25.2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tiepdan.audit.models import AuditEntry
from tiepdan.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from tiepdan.notifications.models import Notification
from tiepdan.reception.models import HeadKind, ReceptionSession
from tiepdan.reception.services import (
    conclusion_follow_up,
    conclusion_issue,
    session_hold,
    session_postpone,
    session_register,
    session_schedule,
)
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
                "head_kind": HeadKind.COMMUNE_CHAIR,
                "kind": "periodic",
                "form": "in_person",
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
                "head_kind": HeadKind.COMMUNE_CHAIR,
                "kind": "periodic",
                "form": "in_person",
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
