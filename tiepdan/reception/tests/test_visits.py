"""Recording visits: serial numbers, visitors, cases, outcomes, group visits, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from tiepdan.audit.models import AuditEntry
from tiepdan.core.exceptions import PermissionDenied, ValidationFailed
from tiepdan.notifications.models import Notification
from tiepdan.petitions.models import PetitionDocument
from tiepdan.reception.models import Visit, Visitor
from tiepdan.reception.selectors import visitor_history
from tiepdan.reception.services import province_reception_board
from tiepdan.reception.tests.conftest import CITIZEN_ID, VISIT_AT, record, visitor

pytestmark = pytest.mark.django_db


def test_visit_with_a_written_petition_creates_the_petition_with_its_receipt(desk):
    visit = record(
        desk.reception,
        desk.board,
        outcome="petition_received",
        petition_content="Đề nghị hủy quyết định thu hồi đất số 12/QĐ-UBND.",
        office_id=desk.board_office.pk,
    )
    petition = visit.petition
    assert petition is not None
    assert petition.tracking_code
    assert petition.channel == "in_person"
    assert petition.petitioners.get().citizen_id == CITIZEN_ID
    assert PetitionDocument.objects.filter(petition=petition, kind="receipt").exists()

    history = visitor_history(desk.reception, CITIZEN_ID)
    assert [p.reference for p in history.petitions] == [petition.reference]
    assert [v.reference for v in history.visits] == [f"{visit.serial}/2026"]
    assert history.visits[0].petition_code == petition.reference


def test_an_existing_petition_is_linked_by_its_tracking_code(desk):
    first = record(desk.reception, desk.board, outcome="petition_received")
    second = record(
        desk.reception,
        desk.board,
        outcome="petition_received",
        petition_code=first.petition.tracking_code.lower(),
    )
    assert second.petition == first.petition


def test_serial_numbers_run_per_unit_and_year(desk):
    new_years_eve = record(
        desk.reception, desk.board, received_at=dt.datetime(2025, 12, 31, 16, 30, tzinfo=dt.UTC)
    )
    # 00:30 on 01/01/2026 in Hà Nội: the visit belongs to 2026 and starts its numbering.
    after_midnight = record(
        desk.reception, desk.board, received_at=dt.datetime(2025, 12, 31, 17, 30, tzinfo=dt.UTC)
    )
    second = record(desk.reception, desk.board)
    other_unit = record(desk.commune_desk, desk.commune)
    assert (new_years_eve.year, new_years_eve.serial) == (2025, 1)
    assert (after_midnight.year, after_midnight.serial) == (2026, 1)
    assert (second.serial, other_unit.serial) == (2, 1)


def test_a_visitor_is_found_again_by_citizen_id_and_updated(desk):
    record(desk.reception, desk.board)
    record(
        desk.reception,
        desk.board,
        visitors=[visitor(address="Tổ 5, phường Phan Đình Phùng", phone="0912345678")],
    )
    person = Visitor.objects.get(citizen_id=CITIZEN_ID)
    assert (person.address, person.phone) == ("Tổ 5, phường Phan Đình Phùng", "0912345678")
    assert Visitor.objects.count() == 1


def test_a_malformed_citizen_id_is_refused_next_to_the_input(desk):
    with pytest.raises(ValidationFailed) as caught:
        record(desk.reception, desk.board, visitors=[visitor(citizen_id="12345")])
    assert caught.value.extra["field"] == "visitors.0.citizen_id"


def test_a_visit_in_an_existing_case_is_a_repeat(desk):
    first = record(desk.reception, desk.board)
    again = record(desk.reception, desk.board, same_case_as=f"{first.serial}/2026")
    by_id = record(desk.reception, desk.board, case_id=first.case_id)
    assert not first.is_repeat
    assert again.case == first.case
    assert again.is_repeat
    assert by_id.is_repeat


def test_a_case_of_another_unit_cannot_be_linked(desk):
    theirs = record(desk.commune_desk, desk.commune)
    with pytest.raises(ValidationFailed) as caught:
        record(desk.reception, desk.board, case_id=theirs.case_id)
    assert caught.value.extra["field"] == "case"


@pytest.mark.parametrize(
    ("outcome", "field"),
    [
        ("statement_recorded", "statement"),
        ("guided", "guidance_to"),
        ("refused", "refusal_ground"),
    ],
)
def test_each_outcome_requires_its_details(desk, outcome, field):
    with pytest.raises(ValidationFailed) as caught:
        record(desk.reception, desk.board, outcome=outcome)
    assert caught.value.extra["field"] == field


def test_a_transfer_needs_the_body_and_the_slip_number(desk):
    with pytest.raises(ValidationFailed) as caught:
        record(desk.reception, desk.board, outcome="transferred", transfer_to="Sở Tài nguyên")
    assert caught.value.extra["field"] == "transfer_number"
    visit = record(
        desk.reception,
        desk.board,
        outcome="transferred",
        transfer_to="Sở Tài nguyên",
        transfer_number="15/PC-BTCD",
        guidance_to="ignored",
    )
    assert (visit.transfer_number, visit.guidance_to) == ("15/PC-BTCD", "")


def test_a_group_of_twelve_with_six_representatives_is_refused(desk):
    people = [
        visitor(f"Người dân {n}", f"0190850012{n:02d}", is_representative=True) for n in range(1, 7)
    ]
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        record(
            desk.commune_desk, desk.commune, visitors=people, people_count=12, head_received=True
        )
    assert caught.value.extra["field"] == "representatives"
    assert str(caught.value) == "A group of 12 people may appoint at most 5 representatives."
    assert not Visit.objects.exists()


def test_a_group_of_twelve_with_five_representatives_alerts_leaders_and_the_board(desk):
    people = [
        visitor(f"Người dân {n}", f"0190850012{n:02d}", is_representative=True) for n in range(1, 6)
    ]
    visit = record(
        desk.commune_desk, desk.commune, visitors=people, people_count=12, head_received=True
    )
    assert visit.is_group
    assert visit.representatives_count == 5
    alerted = set(Notification.objects.values_list("recipient__username", flat=True))
    # The commune's leader, and the province reception board's officials.
    assert alerted == {"xa.chutich", "truongban", "letan"}
    assert province_reception_board(desk.commune) == desk.board


def test_the_province_board_alerted_to_a_group_visit_can_open_it(desk, client):
    people = [
        visitor(f"Người dân {n}", f"0190850012{n:02d}", is_representative=True) for n in range(1, 3)
    ]
    record(desk.commune_desk, desk.commune, visitors=people, people_count=6, head_received=True)
    link = Notification.objects.get(recipient=desk.reception).link
    client.force_login(desk.reception)  # the board's reception officer
    assert client.get(link).status_code == 200
    client.force_login(desk.other_triage)  # another commune's officer: not its register
    assert client.get(link).status_code == 404


@pytest.mark.parametrize(
    ("count", "representatives", "message"),
    [
        (7, 3, "A group of 7 people may appoint at most 2 representatives."),
        (5, 0, None),
    ],
)
def test_small_groups_appoint_one_or_two_representatives(desk, count, representatives, message):
    people = [
        visitor(f"Người dân {n}", f"0190850012{n:02d}", is_representative=n <= representatives)
        for n in range(1, 4)
    ]
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        record(desk.reception, desk.board, visitors=people, people_count=count, head_received=True)
    assert caught.value.extra["field"] == "representatives"
    if message:
        assert str(caught.value) == message


def test_a_group_must_be_received_by_the_head(desk):
    people = [visitor(is_representative=True)]
    with pytest.raises(ValidationFailed) as caught:
        record(desk.reception, desk.board, visitors=people, people_count=6)
    assert caught.value.extra["field"] == "head_received"


def test_refusal_with_a_notice_ground_is_due_in_three_working_days(desk):
    thursday = dt.datetime(2026, 7, 9, 3, 0, tzinfo=dt.UTC)
    visit = record(
        desk.reception,
        desk.board,
        received_at=thursday,
        outcome="refused",
        refusal_ground="ltcd-9.3",
    )
    # Friday 10, Monday 13, Tuesday 14 July 2026 (TCD-02).
    assert visit.refusal_notice_due_on == dt.date(2026, 7, 14)
    oral = record(
        desk.reception,
        desk.board,
        received_at=thursday,
        outcome="refused",
        refusal_ground="ltcd-9.2",
    )
    assert oral.refusal_notice_due_on is None


def test_an_official_of_another_unit_may_not_record_there(desk):
    with pytest.raises(PermissionDenied):
        record(desk.commune_desk, desk.board)


def test_receivers_must_work_in_the_unit(desk):
    with pytest.raises(ValidationFailed) as caught:
        record(desk.reception, desk.board, receiver_ids=[desk.commune_desk.pk])
    assert caught.value.extra["field"] == "receivers"
    visit = record(desk.reception, desk.board, receiver_ids=[desk.leader.pk])
    assert list(visit.receivers.all()) == [desk.leader]


def test_the_audit_entry_names_the_serial_and_no_personal_data(desk):
    visit = record(desk.reception, desk.board)
    entry = AuditEntry.objects.filter(action="reception.visit_record").get()
    assert f"{visit.serial}/2026" in entry.summary
    assert "Nguyễn" not in entry.summary
    assert CITIZEN_ID not in str(entry.changes)


def test_history_is_limited_to_the_officials_units(desk):
    record(desk.reception, desk.board, outcome="petition_received")
    history = visitor_history(desk.commune_desk, CITIZEN_ID)
    assert history.is_empty


def test_visit_time_is_kept(desk):
    assert record(desk.reception, desk.board).received_at == VISIT_AT


# --- Checked before anything is written -------------------------------------------------------


def _files(root) -> set[str]:
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_a_refused_visit_leaves_no_receipt_and_no_document_on_disk(desk, settings):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tiepdan.petitions.models import Petition

    media = Path(settings.MEDIA_ROOT)
    before = _files(media)
    people = [visitor(is_representative=True), visitor("Lê Thị Hoa", "019190004321")]
    with pytest.raises(ValidationFailed) as caught:
        record(
            desk.reception,
            desk.board,
            visitors=people,
            people_count=6,
            head_received=True,
            outcome="petition_received",
            same_case_as="999/2026",  # no such visit: found only after the petition, before
            appointment_document=SimpleUploadedFile("cu.pdf", b"%PDF-1.4\n%%EOF\n"),
        )
    assert caught.value.extra["field"] == "same_case_as"
    assert _files(media) == before
    assert not Petition.objects.exists()
    assert not Visit.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"receiver_ids": [10**6]}, "receivers"),
        ({"office_id": 10**6}, "office"),
        ({"session_id": 10**6}, "session"),
        ({"case_id": 10**6}, "case"),
        ({"petition_content": "x", "summary": ""}, "summary"),
    ],
    ids=["receivers", "office", "session", "case", "summary"],
)
def test_every_check_comes_before_the_petition_is_received(desk, settings, extra, field):
    from pathlib import Path

    from tiepdan.petitions.models import Petition

    before = _files(Path(settings.MEDIA_ROOT))
    with pytest.raises(ValidationFailed) as caught:
        record(desk.reception, desk.board, outcome="petition_received", **extra)
    assert field in (caught.value.extra.get("errors") or {caught.value.extra["field"]: ""})
    assert _files(Path(settings.MEDIA_ROOT)) == before
    assert not Petition.objects.exists()


def test_a_leader_choosing_a_written_petition_is_told_who_records_it(desk):
    # Leaders receive citizens but hold no right to record petitions (accounts.roles).
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        record(desk.leader, desk.board, outcome="petition_received")
    assert caught.value.extra["field"] == "outcome"
    assert str(caught.value).startswith("Only reception or triage officers record a written")
    assert not Visit.objects.exists()
    # Linking a petition the officer already received is open to the leader.
    received = record(desk.reception, desk.board, outcome="petition_received")
    linked = record(
        desk.leader,
        desk.board,
        outcome="petition_received",
        petition_code=received.petition.tracking_code,
    )
    assert linked.petition == received.petition


# --- Input that could not be stored -----------------------------------------------------------


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        dt.datetime(1989, 12, 31, 9, 0, tzinfo=dt.UTC),
        dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
    ],
    ids=["year-1", "before-1990", "year-9999"],
)
def test_a_visit_date_out_of_range_is_refused_next_to_the_input(desk, moment):
    with pytest.raises(ValidationFailed) as caught:
        record(desk.reception, desk.board, received_at=moment)
    assert caught.value.extra["field"] == "received_at"


def test_a_huge_number_of_people_is_refused_next_to_the_input(desk):
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        record(desk.reception, desk.board, people_count=10**12, head_received=True)
    assert caught.value.extra["field"] == "people_count"
    assert "at most 100000" in str(caught.value)


def test_a_case_number_too_long_for_any_visit_is_not_found(desk):
    with pytest.raises(ValidationFailed) as caught:
        record(desk.reception, desk.board, same_case_as="99999999999999999999/2026")
    assert caught.value.extra["field"] == "same_case_as"


# --- The register keeps what was given at each visit ------------------------------------------


def test_each_visit_keeps_the_details_given_that_day(desk):
    from tiepdan.reception.selectors import register_rows

    board_visit = record(desk.reception, desk.board)
    # Another unit types another name and address for the same citizen ID.
    record(
        desk.commune_desk,
        desk.commune,
        visitors=[visitor("Nguyễn Văn Được", address="Xóm 9, xã Đại Từ", phone="0987654321")],
    )
    person = board_visit.persons.get()
    assert (person.full_name, person.address) == ("Nguyễn Văn Đức", "Xóm 3, xã Đại Từ")
    rows = register_rows(desk.reception, desk.board, VISIT_AT.date(), VISIT_AT.date())
    assert rows[0].cells[2] == "Nguyễn Văn Đức, Xóm 3, xã Đại Từ"
    # The shared record has the latest details; an empty input does not wipe them.
    record(desk.reception, desk.board, visitors=[visitor("Nguyễn Văn Được", address="")])
    latest = Visitor.objects.get(citizen_id=CITIZEN_ID)
    assert (latest.full_name, latest.address, latest.phone) == (
        "Nguyễn Văn Được",
        "Xóm 9, xã Đại Từ",
        "0987654321",
    )
    assert Visit.objects.order_by("pk").last().persons.get().address == ""
