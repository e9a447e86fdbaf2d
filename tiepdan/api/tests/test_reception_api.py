"""The reception API: visits and the register, a person's history, the heads' sessions, online
sessions and the compliance view, each scoped by the caller's units."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tiepdan.api.services import api_token_create
from tiepdan.api.tests.conftest import Caller
from tiepdan.notifications.models import Notification
from tiepdan.petitions.models import Petition
from tiepdan.petitions.tests.conftest import receive
from tiepdan.reception.models import ConclusionNotice, ReceptionSession, Visit
from tiepdan.reception.tests.conftest import CITIZEN_ID, SCHEDULED_ON
from tiepdan.reception.tests.test_compliance import november  # noqa: F401
from tiepdan.resolution.protection import protection_request
from tiepdan.resolution.tests.helpers import accepted, at

VISIT_DAY = dt.date(2026, 3, 2)  # at(VISIT_DAY) is 10:00 in Hà Nội
SESSION_DAY = dt.date(2026, 10, 12)  # 5 working days after Monday 05/10 (SCHEDULED_ON)
EN = {"Accept-Language": "en"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def api(user: Any) -> Caller:
    _token, raw = api_token_create(actor=None, user=user, name="Hệ thống thử")
    return Caller(Client(), raw)


def visitor(name: str = "Nguyễn Văn Đức", citizen_id: str = CITIZEN_ID, **extra: Any) -> dict:
    return {"full_name": name, "citizen_id": citizen_id, "address": "Xóm 3, xã Đại Từ", **extra}


def visit_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "unit": "UBND-X05830",
        "received_at": "2026-03-02T09:30:00",
        "visitors": [visitor()],
        "summary": "Khiếu nại quyết định thu hồi đất của UBND xã",
        "petition_kind": "complaint",
        "outcome": "explained",
    }
    body.update(overrides)
    return body


def representatives(count: int) -> list[dict[str, Any]]:
    return [
        visitor(f"Người đại diện {n}", f"0190850012{n:02d}", is_representative=True)
        for n in range(count)
    ]


# --- Visits -----------------------------------------------------------------------------------


def test_a_visit_with_a_written_petition_returns_its_tracking_code(desk):
    with at(VISIT_DAY):
        response = api(desk.commune_desk).post(
            "/reception/visits",
            visit_body(
                outcome="petition_received",
                office="Trụ sở tiếp công dân xã",
                petition_content="Đề nghị hủy quyết định thu hồi đất.",
            ),
        )

    assert response.status_code == 201, response.content
    body = response.json()
    petition = Petition.objects.get()
    assert body["key"] == "UBND-X05830/2026/1"
    assert body["number"] == "1/2026"
    assert body["received_at"].startswith("2026-03-02T09:30:00+07:00")
    assert body["office"] == "Trụ sở tiếp công dân xã"
    assert body["receivers"] == ["xa.letan"]
    assert body["case_first_visit"] == "1/2026"
    assert body["petition"]["reference"] == petition.reference
    assert body["petition"]["tracking_code"] == petition.tracking_code
    assert body["petition"]["receipt_number"]
    assert body["visitors"][0]["citizen_id"] == CITIZEN_ID
    assert "id" not in body


def test_a_visit_is_read_by_its_unit_year_and_serial(desk):
    with at(VISIT_DAY):
        api(desk.commune_desk).post("/reception/visits", visit_body())
        response = api(desk.commune_leader).get("/reception/visits/UBND-X05830/2026/1")

    assert response.status_code == 200
    assert response.json()["outcome"] == "explained"
    assert response.json()["petition"] is None


def test_another_units_visit_is_not_found(desk):
    with at(VISIT_DAY):
        api(desk.commune_desk).post("/reception/visits", visit_body())
        response = api(desk.other_triage).get("/reception/visits/UBND-X05830/2026/1")

    assert response.status_code == 404
    assert "Đức" not in response.content.decode()


def test_a_group_of_twelve_with_six_representatives_is_refused_in_the_field(desk):
    body = visit_body(people_count=12, head_received=True, visitors=representatives(6))
    with at(VISIT_DAY):
        response = api(desk.commune_desk).post("/reception/visits", body, **EN)

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"representatives"}
    assert "at most 5 representatives" in errors["representatives"]
    assert not Visit.objects.exists()


def test_a_group_of_twelve_with_five_representatives_is_recorded_and_alerts_the_leaders(desk):
    body = visit_body(people_count=12, head_received=True, visitors=representatives(5))
    with at(VISIT_DAY):
        response = api(desk.commune_desk).post("/reception/visits", body)

    assert response.status_code == 201, response.content
    assert response.json()["is_group"] is True
    assert response.json()["representatives_count"] == 5
    alerted = set(Notification.objects.values_list("recipient__username", flat=True))
    assert {"xa.chutich", "letan"} <= alerted  # the commune's chair, the province's board


def test_a_visit_in_a_unit_where_the_caller_does_not_receive_is_forbidden(desk):
    with at(VISIT_DAY):
        response = api(desk.commune_desk).post("/reception/visits", visit_body(unit="UBND-X05851"))

    assert response.status_code == 403


def test_an_unknown_office_is_named_in_errors(desk):
    with at(VISIT_DAY):
        response = api(desk.commune_desk).post(
            "/reception/visits", visit_body(office="Trụ sở không có")
        )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"office"}


# --- The register -----------------------------------------------------------------------------


def test_the_register_gives_the_thirteen_columns_and_the_counts(desk):
    with at(VISIT_DAY):
        caller = api(desk.commune_desk)
        caller.post("/reception/visits", visit_body())
        caller.post(
            "/reception/visits",
            visit_body(received_at="2026-03-02T09:45:00", same_case_as="1/2026"),
        )
        response = caller.get(
            "/reception/register",
            {"unit": "UBND-X05830", "date_from": "2026-03-01", "date_to": "2026-03-31"},
        )

    assert response.status_code == 200
    body = response.json()
    assert len(body["columns"]) == 13
    assert body["columns"][0] == {"field": "serial", "heading": "STT"}
    first = body["rows"][0]
    assert [column["field"] for column in body["columns"]] == list(first)[:13]
    assert first["names_addresses"] == "Nguyễn Văn Đức, Xóm 3, xã Đại Từ"
    assert first["classification"] == "KN"
    assert first["key"] == "UBND-X05830/2026/1"
    assert body["counts"] == {
        "visits": 2,
        "persons": 1,
        "cases": 1,
        "first_cases": 1,
        "repeated_cases": 0,
        "group_visits": 0,
    }


def test_another_units_register_is_not_found(desk):
    with at(VISIT_DAY):
        api(desk.commune_desk).post("/reception/visits", visit_body())
        response = api(desk.other_triage).get("/reception/register", {"unit": "UBND-X05830"})

    assert response.status_code == 404


def test_a_register_period_that_ends_before_it_starts_is_refused(desk):
    with at(VISIT_DAY):
        response = api(desk.commune_desk).get(
            "/reception/register",
            {"unit": "UBND-X05830", "date_from": "2026-03-31", "date_to": "2026-03-01"},
        )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"date_to"}


# --- A person's history -----------------------------------------------------------------------


def test_history_shows_earlier_visits_and_hides_a_denouncer_from_who_may_not_know(desk):
    with at(VISIT_DAY):
        receive(desk)  # a denunciation at the provincial board by the same person
        api(desk.reception).post("/reception/visits", visit_body(unit="BTCD-T19"))
        body = {"citizen_id": CITIZEN_ID}
        officer = api(desk.reception).post("/reception/citizens/history", body)
        leader = api(desk.leader).post("/reception/citizens/history", body)
        commune = api(desk.commune_desk).post("/reception/citizens/history", body)

    assert officer.status_code == 200
    assert officer.json()["visitor_name"] == "Nguyễn Văn Đức"
    assert [v["key"] for v in officer.json()["visits"]] == ["BTCD-T19/2026/1"]
    assert officer.json()["petitions"] == []  # a denunciation: not the officer's to know
    assert len(leader.json()["petitions"]) == 1  # the holding unit's leader may
    assert commune.json() == {"visitor_name": "", "visits": [], "petitions": []}


def test_history_refuses_a_malformed_citizen_id(desk):
    response = api(desk.commune_desk).post("/reception/citizens/history", {"citizen_id": "12345"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"citizen_id"}


def test_history_is_not_asked_with_the_citizen_id_in_the_address(desk):
    # An address is written in access logs; the ID goes in the body of a POST.
    response = api(desk.commune_desk).get(f"/reception/citizens/{CITIZEN_ID}/history")

    assert response.status_code in (404, 405)


# --- A denouncer at the desk (LTC Art. 9, 47.2, 56) --------------------------------------------


def _denunciation_at_the_commune(desk):
    body = visit_body(
        petition_kind="denunciation",
        outcome="statement_recorded",
        statement="Tôi là Nguyễn Văn Đức, tố cáo ông Trần Văn Nam.",
        visitors=[visitor(phone="0912345678")],
    )
    return api(desk.commune_desk).post("/reception/visits", body)


def test_a_denouncers_visit_is_masked_for_who_may_not_know_and_journaled_for_who_may(desk):
    from tiepdan.audit.models import AuditEntry

    with at(VISIT_DAY):
        created = _denunciation_at_the_commune(desk)
        masked = api(desk.commune_triage).get("/reception/visits/UBND-X05830/2026/1")
        shown = api(desk.commune_leader).get("/reception/visits/UBND-X05830/2026/1")
        register = api(desk.commune_triage).get("/reception/register", {"unit": "UBND-X05830"})
        history = api(desk.commune_triage).post(
            "/reception/citizens/history", {"citizen_id": CITIZEN_ID}
        )

    assert created.status_code == 201, created.content
    assert created.json()["identity_visible"] is True  # the receiver, echoed what they typed
    body = masked.json()
    assert body["identity_visible"] is False
    assert body["visitors"][0] == {
        "full_name": "N*** V*** Đ***",
        "citizen_id": "***",
        "id_paper": "",
        "address": "***",
        "phone": "***",
        "is_representative": False,
    }
    assert "Trần Văn Nam" not in masked.content.decode()  # the statement is withheld
    assert shown.json()["visitors"][0]["citizen_id"] == CITIZEN_ID
    assert "Đức" not in register.content.decode()
    assert history.json()["visits"] == []
    views = AuditEntry.objects.filter(action="reception.identity_view")
    assert list(views.values_list("actor_username", flat=True)) == ["xa.chutich"]


def test_a_visit_keeps_the_name_given_that_day(desk):
    with at(VISIT_DAY):
        api(desk.commune_desk).post("/reception/visits", visit_body())
        api(desk.reception).post(
            "/reception/visits",
            visit_body(unit="BTCD-T19", visitors=[visitor("Nguyễn Văn Được")]),
        )
        response = api(desk.commune_desk).get("/reception/visits/UBND-X05830/2026/1")

    assert response.json()["visitors"][0]["full_name"] == "Nguyễn Văn Đức"


# --- Input out of range ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date_from": "0001-01-01", "date_to": "2026-03-31"}, "date_from"),
        ({"date_from": "2026-03-01", "date_to": "9999-12-31"}, "date_to"),
        ({"date_from": "9999-12-01"}, "date_from"),
    ],
    ids=["from-year-1", "to-year-9999", "from-year-9999"],
)
def test_a_register_period_out_of_range_is_refused(desk, query, field):
    with at(VISIT_DAY):
        response = api(desk.commune_desk).get(
            "/reception/register", {"unit": "UBND-X05830", **query}
        )

    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.parametrize(
    ("overrides", "status", "field"),
    [
        ({"received_at": "0001-01-01T00:00:00"}, 400, "received_at"),
        ({"received_at": "9999-12-31T23:00:00-07:00"}, 400, "received_at"),
        ({"people_count": 10**12}, 422, None),
        ({"same_case_as": "99999999999999999999"}, 400, "same_case_as"),
    ],
    ids=["year-1", "year-9999", "huge-count", "huge-case-number"],
)
def test_a_visit_out_of_range_is_refused(desk, overrides, status, field):
    with at(VISIT_DAY):
        response = api(desk.commune_desk).post("/reception/visits", visit_body(**overrides))

    assert response.status_code == status, response.content
    if field:
        assert field in response.json()["errors"]
    assert not Visit.objects.exists()


def test_a_visit_number_no_visit_can_have_is_not_found(desk):
    response = api(desk.commune_desk).get(f"/reception/visits/UBND-X05830/2026/{10**20}")

    assert response.status_code == 404


def test_a_leader_recording_a_written_petition_is_told_who_does(desk):
    with at(VISIT_DAY):
        response = api(desk.commune_leader).post(
            "/reception/visits", visit_body(outcome="petition_received"), **EN
        )

    assert response.status_code == 400
    assert response.json()["errors"]["outcome"].startswith("Only reception or triage officers")
    assert not Petition.objects.exists()


# --- Heads' sessions --------------------------------------------------------------------------


def session_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "unit": "UBND-X05830",
        "head": "xa.chutich",
        "head_kind": "commune_chair",
        "kind": "periodic",
        "starts_at": "2026-10-12T08:00:00",
        "office": "Trụ sở tiếp công dân xã",
    }
    body.update(overrides)
    return body


def test_a_session_is_scheduled_postponed_held_concluded_and_followed_up(heads):
    desk_api = api(heads.commune_desk)
    with at(SCHEDULED_ON):
        created = desk_api.post("/reception/sessions", session_body())
        assert created.status_code == 201, created.content
        slug = created.json()["slug"]
        assert created.json()["published_on"] == "2026-10-05"
        assert created.json()["head"] == "xa.chutich"
        postponed = desk_api.post(
            f"/reception/sessions/{slug}/postpone",
            {"new_starts_at": "2026-10-13T08:00:00", "reason": "Chủ tịch đi công tác"},
        )
        assert postponed.status_code == 200, postponed.content
        assert postponed.json()["status"] == "postponed"
        assert postponed.json()["postponed_from"].startswith("2026-10-12T08:00:00+07:00")
        registered = desk_api.post(
            f"/reception/sessions/{slug}/registrations",
            {"full_name": "Trần Thị Bình", "phone": "0912000111", "summary": "Tranh chấp đất"},
        )
        assert registered.status_code == 201, registered.content
        listed = desk_api.get("/reception/sessions", {"status": "postponed", "unit": "UBND-X05830"})
        assert [s["slug"] for s in listed.json()["items"]] == [slug]
        assert desk_api.get("/reception/sessions", {"date_to": "2026-10-12"}).json()["count"] == 0
    with at(dt.date(2026, 10, 13)):
        held = desk_api.post(f"/reception/sessions/{slug}/hold", {})
        assert held.status_code == 200, held.content
        assert held.json()["status"] == "held"
        concluded = desk_api.post(
            f"/reception/sessions/{slug}/conclusions",
            {
                "number": "12/TB-UBND",
                "content": "Giao UBND xã Quân Chu kiểm tra, trả lời công dân.",
                "recipients": ["UBND-X05851"],
                "follow_up_due_on": "2026-10-30",
            },
        )
        assert concluded.status_code == 201, concluded.content
        assert concluded.json()["recipients"][0]["code"] == "UBND-X05851"
        # The agency it was sent to reports back, naming the notice by session and number.
        followed = api(heads.other_desk).post(
            f"/reception/sessions/{slug}/conclusions/12/TB-UBND/follow-up",
            {"result": "Đã kiểm tra, trả lời công dân ngày 20/10."},
        )
        detail = desk_api.get(f"/reception/sessions/{slug}")

    assert followed.status_code == 200, followed.content
    assert followed.json()["followed_up_on"] == "2026-10-13"
    assert ConclusionNotice.objects.get().follow_up.startswith("Đã kiểm tra")
    body = detail.json()
    assert body["registrations"][0]["full_name"] == "Trần Thị Bình"
    assert body["conclusions"][0]["number"] == "12/TB-UBND"


def test_a_periodic_session_four_working_days_ahead_is_refused_in_starts_at(heads):
    with at(SCHEDULED_ON):
        response = api(heads.commune_desk).post(
            "/reception/sessions", session_body(starts_at="2026-10-09T08:00:00")
        )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"starts_at"}
    assert not ReceptionSession.objects.exists()


def test_an_online_session_is_not_scheduled_as_an_ordinary_one(heads):
    with at(SCHEDULED_ON):
        response = api(heads.commune_desk).post(
            "/reception/sessions", session_body(form="online", office=""), **EN
        )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"form"}
    assert "/online-sessions" in response.json()["errors"]["form"]
    assert not ReceptionSession.objects.exists()


def test_the_heads_office_is_set_from_the_unit_and_a_reception_officer_is_no_head(heads):
    caller = api(heads.commune_desk)
    with at(SCHEDULED_ON):
        wrong_office = caller.post("/reception/sessions", session_body(head_kind="province_chair"))
        officer = caller.post("/reception/sessions", session_body(head="xa.letan"))
        created = caller.post("/reception/sessions", session_body(head_kind=None))

    assert wrong_office.status_code == 400
    assert set(wrong_office.json()["errors"]) == {"head_kind"}
    assert officer.status_code == 400
    assert set(officer.json()["errors"]) == {"head"}
    assert created.status_code == 201, created.content
    assert created.json()["head_kind"] == "commune_chair"


def test_sessions_of_other_units_are_not_listed_nor_found(heads):
    with at(SCHEDULED_ON):
        slug = api(heads.commune_desk).post("/reception/sessions", session_body()).json()["slug"]
        other = api(heads.other_desk)
        listed = other.get("/reception/sessions")
        found = other.get(f"/reception/sessions/{slug}")
        follow = other.post(
            f"/reception/sessions/{slug}/conclusions/1/TB-TCD/follow-up", {"result": "Đã xong"}
        )
        no_right = api(heads.other_triage).get("/reception/sessions")

    assert listed.json()["count"] == 0
    assert found.status_code == 404
    assert follow.status_code == 404
    assert no_right.status_code == 403  # the pages too are for officials who receive citizens


# --- Online sessions --------------------------------------------------------------------------


@pytest.fixture
def jitsi_on(settings):
    settings.JITSI_BASE_URL = "https://hop.example.gov.vn/"
    settings.JITSI_APP_ID = "tiepdan"
    settings.JITSI_APP_SECRET = "bi-mat-dung-chung"
    return settings


def online_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "central_unit": "BTCD-T19",
        "component_units": ["UBND-X05830", "UBND-X05851"],
        "head": "truongban",
        "head_kind": "agency_head",
        "starts_at": "2026-10-12T09:00:00",
    }
    body.update(overrides)
    return body


def test_an_online_session_with_two_component_sites_is_created_tested_joined_and_recorded(
    heads, jitsi_on
):
    with at(dt.date(2026, 9, 28)):
        complaint = receive(heads, kind="complaint", received_on=dt.date(2026, 9, 28))
    central = api(heads.reception)
    with at(SCHEDULED_ON):
        created = central.post(
            "/reception/online-sessions", online_body(petitions=[complaint.reference])
        )
    assert created.status_code == 201, created.content
    body = created.json()
    slug = body["slug"]
    assert body["room_url"].startswith("https://hop.example.gov.vn/tiepdan-")
    assert "jwt=" in body["room_url"]
    assert [(s["unit"]["code"], s["is_central"]) for s in body["sites"]] == [
        ("BTCD-T19", True),
        ("UBND-X05830", False),
        ("UBND-X05851", False),
    ]
    assert body["notified_on"] == "2026-10-05"
    assert body["notify_by"] == "2026-10-05"
    assert body["registrations"] == [
        {
            "full_name": "",
            "phone": "",
            "summary": complaint.summary,
            "petition": complaint.reference,
        }
    ]
    assert Notification.objects.filter(recipient__username="khac.letan").exists()

    commune = api(heads.commune_desk)
    with at(dt.date(2026, 10, 9)):
        tested = commune.post(f"/reception/online-sessions/{slug}/sites/UBND-X05830/link-test", {})
    with at(SESSION_DAY):
        joined = commune.post(
            f"/reception/online-sessions/{slug}/sites/UBND-X05830/join",
            {"participants": "Ông A, Chủ tịch UBND xã"},
        )
        seen = commune.get(f"/reception/online-sessions/{slug}")  # a component site sees it
    with time_machine.travel(dt.datetime(2026, 10, 12, 5, 0, tzinfo=dt.UTC), tick=False):
        recorded = central.post(
            f"/reception/online-sessions/{slug}/record",
            {"recording_reference": "NAS-TCD/2026/10/12-01.mp4"},
        )
        minutes = central.client.post(
            f"/api/v1/reception/online-sessions/{slug}/minutes",
            {"minutes": SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")},
            headers=central.headers,
        )

    assert tested.status_code == 200, tested.content
    site = next(s for s in tested.json()["sites"] if s["unit"]["code"] == "UBND-X05830")
    assert (site["link_tested_on"], site["is_link_test_late"]) == ("2026-10-09", False)
    assert joined.status_code == 200, joined.content
    site = next(s for s in joined.json()["sites"] if s["unit"]["code"] == "UBND-X05830")
    assert site["participants"] == "Ông A, Chủ tịch UBND xã"
    assert site["joined_at"] is not None
    assert seen.status_code == 200
    assert seen.json()["room_url"]
    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["recording_reference"] == "NAS-TCD/2026/10/12-01.mp4"
    assert minutes.status_code == 200, minutes.content
    assert minutes.json()["has_minutes"] is True


def _protected_denunciation(world: Any) -> Petition:
    case = accepted(
        world, kind="denunciation", received_on=dt.date(2026, 9, 1), accepted_on=dt.date(2026, 9, 3)
    )
    with at(dt.date(2026, 9, 4)):
        protection_request(
            actor=world.leader,
            resolution_id=case.pk,
            person_name="Nguyễn Văn Đức",
            relation="denouncer",
            measures=["confidentiality"],
            grounds="Sợ bị trù dập",
            requested_on=dt.date(2026, 9, 4),
        )
    return case.petition


def test_a_protected_denouncers_case_cannot_be_put_into_an_online_session(heads):
    petition = _protected_denunciation(heads)
    central = api(heads.leader)
    with at(SCHEDULED_ON):
        refused = central.post(
            "/reception/online-sessions", online_body(petitions=[petition.reference]), **EN
        )
        slug = central.post("/reception/online-sessions", online_body()).json()["slug"]
        added = central.post(
            f"/reception/online-sessions/{slug}/petitions", {"petition": petition.reference}
        )

    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"petitions"}
    assert "identity" in refused.json()["errors"]["petitions"]
    assert added.status_code == 400
    assert set(added.json()["errors"]) == {"petitions"}
    assert ReceptionSession.objects.count() == 1
    assert not ReceptionSession.objects.get().registrations.exists()


def test_an_unknown_case_reference_is_named_in_errors(heads):
    with at(SCHEDULED_ON):
        response = api(heads.reception).post(
            "/reception/online-sessions", online_body(petitions=["KHONGCO1"])
        )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"petitions.0"}
    assert not ReceptionSession.objects.exists()


def test_an_in_person_session_is_not_an_online_session(heads):
    with at(SCHEDULED_ON):
        caller = api(heads.commune_desk)
        slug = caller.post("/reception/sessions", session_body()).json()["slug"]
        response = caller.get(f"/reception/online-sessions/{slug}")

    assert response.status_code == 404


# --- Compliance -------------------------------------------------------------------------------


def test_compliance_flags_the_commune_chair_below_the_minimum(november):  # noqa: F811
    with at(dt.date(2026, 12, 1)):
        province = api(november.province_leader).get("/reception/compliance", {"month": "2026-11"})
        commune = api(november.commune_desk).get("/reception/compliance", {"month": "2026-11"})

    assert province.status_code == 200
    body = province.json()
    rows = {row["head"]: row for row in body["rows"]}
    below = rows["khac.chutich"]
    assert (below["held"], below["required"], below["is_below"]) == (2, 4, True)
    assert below["unit"] == {"code": "UBND-X05851", "name": "Ủy ban nhân dân xã Quân Chu"}
    assert below["minimum"]["source"].startswith("LTCD Art. 15.2.d")
    assert below["minimum"]["confirmed"] is False
    assert below["weeks_missed"] == ["2026-11-16", "2026-11-23"]
    assert rows["xa.chutich"]["is_below"] is False
    # The leaders of the province and of its board, with no session at all, are flagged too.
    assert (rows["tinh.ld"]["held"], rows["tinh.ld"]["is_below"]) == (0, True)
    assert (rows["truongban"]["held"], rows["truongban"]["is_below"]) == (0, True)
    assert body["below"] == 3
    assert body["month"] == "2026-11"
    assert [row["head"] for row in commune.json()["rows"]] == ["xa.chutich"]


def test_compliance_refuses_a_malformed_month_and_an_official_without_units(heads):
    with at(dt.date(2026, 12, 1)):
        malformed = api(heads.commune_desk).get("/reception/compliance", {"month": "11/2026"})
        outsider = api(heads.resolver).get("/reception/compliance")

    assert malformed.status_code == 400
    assert set(malformed.json()["errors"]) == {"month"}
    assert outsider.status_code == 403


def test_compliance_refuses_a_month_out_of_bounds(heads):
    with at(dt.date(2026, 12, 1)):
        response = api(heads.commune_desk).get("/reception/compliance", {"month": "9999-12"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"month"}


# --- The API as a whole -----------------------------------------------------------------------


def test_the_openapi_document_lists_the_reception_endpoints(db, client):
    spec = json.loads(client.get("/api/v1/openapi.json").content)
    paths = spec["paths"]
    prefix = "/api/v1/reception"
    assert {
        f"{prefix}/visits",
        f"{prefix}/visits/{{unit}}/{{year}}/{{serial}}",
        f"{prefix}/register",
        f"{prefix}/citizens/history",
        f"{prefix}/sessions",
        f"{prefix}/sessions/{{slug}}",
        f"{prefix}/sessions/{{slug}}/postpone",
        f"{prefix}/sessions/{{slug}}/hold",
        f"{prefix}/sessions/{{slug}}/registrations",
        f"{prefix}/sessions/{{slug}}/conclusions",
        f"{prefix}/sessions/{{slug}}/conclusions/{{number}}/follow-up",
        f"{prefix}/online-sessions",
        f"{prefix}/online-sessions/{{slug}}",
        f"{prefix}/online-sessions/{{slug}}/petitions",
        f"{prefix}/online-sessions/{{slug}}/sites/{{unit}}/link-test",
        f"{prefix}/online-sessions/{{slug}}/sites/{{unit}}/join",
        f"{prefix}/online-sessions/{{slug}}/record",
        f"{prefix}/online-sessions/{{slug}}/minutes",
        f"{prefix}/compliance",
    } <= set(paths)
    assert set(paths[f"{prefix}/sessions"]) == {"get", "post"}
    assert set(paths[f"{prefix}/citizens/history"]) == {"post"}
    schemas = spec["components"]["schemas"]
    for name in ("VisitOut", "RegisterRowOut", "SessionOut", "OnlineSessionOut", "ComplianceOut"):
        assert "id" not in schemas[name]["properties"]
    assert len(schemas["RegisterRowOut"]["properties"]) == 14  # 13 columns and the key


def test_the_reception_api_needs_a_token(db, client):
    response = client.get("/api/v1/reception/register", {"unit": "UBND-X05830"})

    assert response.status_code == 401
