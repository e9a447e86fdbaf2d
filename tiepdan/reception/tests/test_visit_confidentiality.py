"""A denouncer who comes to the desk is known only to the officials who may know them: the
register, its export, the visit page and the citizen-ID lookup mask them for everyone else, and
every unmasked view is journaled (LTC Art. 9, 47.2, 56; NĐ 154/2026 Art. 12.2)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import PASSWORD, make_official
from tiepdan.audit.models import AuditEntry
from tiepdan.petitions.permissions import can_see_identity
from tiepdan.petitions.services import petition_assign
from tiepdan.petitions.tests.conftest import receive
from tiepdan.reception.permissions import can_see_visit_identity, identity_scope
from tiepdan.reception.selectors import register_rows, visitor_history
from tiepdan.reception.tests.conftest import CITIZEN_ID, VISIT_AT, record, visitor

pytestmark = pytest.mark.django_db

NAME = "Nguyễn Văn Đức"
ADDRESS = "Xóm 3, xã Đại Từ"
PHONE = "0912345678"
DAY = VISIT_AT.date()
QUERY = {"don_vi": "BTCD-T19", "tu": "02/03/2026", "den": "02/03/2026"}


@pytest.fixture
def denounced(desk):
    """A denunciation told at the provincial board's desk, no petition handed in; a leader of
    the province (who oversees the board's register) and the board's triage officer read it."""
    desk.province_leader = make_official(desk.province, Role.UNIT_LEADER, username="chutich")
    desk.visit = record(
        desk.reception,
        desk.board,
        visitors=[visitor(NAME, phone=PHONE)],
        summary=f"Ông {NAME} tố cáo cán bộ địa chính xã nhận tiền",
        petition_kind="denunciation",
        outcome="statement_recorded",
        statement=f"Tôi là {NAME}, ở {ADDRESS}, tố cáo ông Trần Văn Nam.",
        note=f"Gọi lại số {PHONE}",
    )
    return desk


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _page(client, visit):
    return client.get(
        reverse(
            "reception:visit_detail",
            kwargs={"unit_code": visit.org_unit.code, "year": visit.year, "serial": visit.serial},
        )
    )


def _identity_views(action: str = "reception.identity_view") -> int:
    return AuditEntry.objects.filter(action=action).count()


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("reception", True),  # received the denouncer
        ("leader", True),  # leads the unit
        ("triage", False),  # reads the unit's register, resolves nothing of it
        ("province_leader", False),  # oversees the unit, does not lead it
    ],
)
def test_register_rows_mask_the_denouncer_for_who_may_not_know(denounced, who, visible):
    (row,) = register_rows(getattr(denounced, who), denounced.board, DAY, DAY)
    assert row.is_confidential
    assert row.identity_visible is visible
    text = " ".join(str(cell) for cell in row.cells)
    for secret in (NAME, CITIZEN_ID, ADDRESS, PHONE):
        assert (secret in text) is visible or secret == PHONE  # the phone is not a column
    if not visible:
        assert row.cells[2] == "N*** V*** Đ***, ***"
        assert row.cells[3] == "***"
        assert PHONE not in row.cells[12]  # the notes: a phone typed there is masked too


def test_a_complaint_is_not_masked(denounced):
    record(denounced.reception, denounced.board, visitors=[visitor("Lê Thị Hoa", "019190004321")])
    rows = register_rows(denounced.triage, denounced.board, DAY, DAY)
    assert [r.identity_visible for r in rows] == [False, True]
    assert rows[1].cells[2].startswith("Lê Thị Hoa")


def test_the_export_is_masked_and_an_unmasked_one_is_journaled(denounced, client):
    _login(client, denounced.triage)
    masked = client.get(reverse("reception:register_export"), QUERY)
    cells = [c.value for c in load_workbook(BytesIO(masked.content)).active[6]]
    assert cells[2] == "N*** V*** Đ***, ***"
    assert NAME.encode() not in masked.content
    assert _identity_views("reception.register_export") == 0
    client.logout()
    _login(client, denounced.leader)
    shown = client.get(reverse("reception:register_export"), QUERY)
    assert load_workbook(BytesIO(shown.content)).active["C6"].value.startswith(NAME)
    entry = AuditEntry.objects.get(action="reception.register_export")
    assert entry.actor_username == "truongban"
    assert entry.changes == {"visits": [f"{denounced.visit.serial}/2026"]}
    assert NAME not in entry.summary


def test_the_register_page_masks_and_journals_like_the_export(denounced, client):
    html = _login(client, denounced.province_leader).get(reverse("reception:register"), QUERY)
    assert NAME not in html.content.decode()
    assert _identity_views("reception.register_view") == 0
    client.logout()
    html = _login(client, denounced.reception).get(reverse("reception:register"), QUERY)
    assert NAME in html.content.decode()
    assert _identity_views("reception.register_view") == 1


def test_the_visit_page_masks_the_people_and_the_statement(denounced, client):
    html = _page(_login(client, denounced.triage), denounced.visit).content.decode()
    for secret in (NAME, CITIZEN_ID, ADDRESS, PHONE, "Trần Văn Nam"):
        assert secret not in html
    assert "N*** V*** Đ***" in html
    assert _identity_views() == 0
    client.logout()
    html = _page(_login(client, denounced.leader), denounced.visit).content.decode()
    assert NAME in html
    assert "Trần Văn Nam" in html  # the statement, whole
    entry = AuditEntry.objects.get(action="reception.identity_view")
    assert (entry.actor_username, entry.object_id) == ("truongban", str(denounced.visit.pk))


def test_the_visit_page_shows_no_history_of_a_masked_person(denounced, client):
    record(denounced.reception, denounced.board)  # an earlier complaint of the same person
    response = _page(_login(client, denounced.triage), denounced.visit)
    assert response.context["histories"] == []
    assert NAME not in response.content.decode()


def test_a_receiver_who_left_the_unit_no_longer_knows_the_denouncer(denounced):
    assert can_see_visit_identity(denounced.reception, denounced.visit)
    denounced.reception.memberships.update(is_active=False)
    assert not can_see_visit_identity(denounced.reception, denounced.visit)


def test_a_visit_with_a_denunciation_follows_the_petitions_rule(desk):
    visit = record(
        desk.reception, desk.board, petition_kind="denunciation", outcome="petition_received"
    )
    petition = visit.petition
    assert petition.is_confidential
    for user in (desk.reception, desk.leader, desk.triage, desk.resolver):
        assert can_see_visit_identity(user, visit) is can_see_identity(user, petition)
    # The recording officer does not resolve it: masked for them, as on the petition.
    assert not can_see_visit_identity(desk.reception, visit)
    petition_assign(actor=desk.leader, petition_id=petition.pk, assignee=desk.resolver)
    visit.petition.refresh_from_db()
    assert can_see_visit_identity(desk.resolver, visit)


def test_a_visit_linked_to_a_denunciation_is_confidential_whatever_its_kind(desk):
    petition = receive(desk)  # a denunciation that came by post
    visit = record(
        desk.reception,
        desk.board,
        outcome="petition_received",
        petition_code=petition.tracking_code,
    )
    assert visit.petition_kind == "complaint"
    assert not can_see_visit_identity(desk.triage, visit)
    assert can_see_visit_identity(desk.leader, visit)


def test_the_lookup_leaves_out_a_denunciation_visit_for_who_may_not_know(denounced):
    complaint = record(denounced.reception, denounced.board)
    triage = visitor_history(denounced.triage, CITIZEN_ID)
    assert [v.reference for v in triage.visits] == [f"{complaint.serial}/2026"]
    leader = visitor_history(denounced.leader, CITIZEN_ID)
    assert {v.reference for v in leader.visits} == {
        f"{complaint.serial}/2026",
        f"{denounced.visit.serial}/2026",
    }
    only_denounced = visitor_history(denounced.triage, CITIZEN_ID, exclude_visit=complaint)
    assert only_denounced.is_empty
    assert only_denounced.visitor_name == ""


def test_the_group_document_of_a_denunciation_opens_only_for_who_may_know(desk, client):
    people = [visitor(is_representative=True), visitor("Lê Thị Hoa", "019190004321")]
    visit = record(
        desk.reception,
        desk.board,
        visitors=people,
        people_count=6,
        head_received=True,
        petition_kind="denunciation",
        outcome="explained",
        appointment_document=SimpleUploadedFile("cu.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    url = reverse(
        "reception:visit_appointment_document",
        kwargs={"unit_code": "BTCD-T19", "year": visit.year, "serial": visit.serial},
    )
    _login(client, desk.triage)
    assert url not in _page(client, visit).content.decode()
    assert client.get(url).status_code == 403
    client.logout()
    assert _login(client, desk.leader).get(url).status_code == 200
    assert AuditEntry.objects.filter(
        action="reception.identity_view", summary__startswith="Mở văn bản"
    ).exists()


def test_register_rows_cost_the_same_queries_for_ten_rows_as_for_two(denounced):
    def queries(user) -> int:
        user = type(user).objects.get(pk=user.pk)  # no memberships cached
        with CaptureQueriesContext(connection) as captured:
            register_rows(user, denounced.board, DAY, DAY + dt.timedelta(days=1))
        return len(captured)

    record(denounced.reception, denounced.board, outcome="petition_received")
    few = queries(denounced.triage), queries(denounced.leader)
    for n in range(8):
        record(
            denounced.reception,
            denounced.board,
            visitors=[visitor(f"Người dân {n}", f"0190850012{n:02d}")],
            petition_kind="denunciation" if n % 2 else "complaint",
            outcome="petition_received" if n % 3 else "explained",
            received_at=VISIT_AT + dt.timedelta(minutes=n + 1),
        )
    assert (queries(denounced.triage), queries(denounced.leader)) == few


def test_one_scope_judges_many_visits_alike(denounced):
    scope = identity_scope(denounced.leader)
    assert can_see_visit_identity(denounced.leader, denounced.visit, scope)
    assert not can_see_visit_identity(denounced.triage, denounced.visit)
