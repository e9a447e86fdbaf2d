"""The .xlsx of the forms, and the pages: choose, table, cell records, exports, scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import PASSWORD, make_official
from tiepdan.reports.engine import FORMS, cell_records, form_compute
from tiepdan.reports.export import form_xlsx, forms_xlsx
from tiepdan.reports.forms_gqkn import FORM_GQKN
from tiepdan.reports.forms_tcd import FORM_TCD
from tiepdan.reports.forms_xld import FORM_XLD
from tiepdan.reports.periods import PeriodKind, period_of
from tiepdan.reports.tests.generate import DataSet, records_generate, world_create
from tiepdan.reports.tests.generate_resolutions import ResolutionSet, resolutions_generate

Q1 = {"ky": "quarter", "nam": "2026", "so": "1"}


@pytest.fixture
def data(db, settings) -> DataSet:
    settings.REPORT_CUTOFF_DAY = 15
    return records_generate(world_create(), visits=40, petitions=30)


def _texts(sheet) -> list[str]:
    return [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]


def test_the_xlsx_carries_title_unit_period_and_column_numbers(data):
    report = form_compute(
        FORM_TCD,
        unit=data.world.province,
        period=period_of(PeriodKind.QUARTER, 2026, 1),
        rollup=True,
    )
    book = load_workbook(BytesIO(form_xlsx(report)))
    sheet = book[FORM_TCD.sheet]
    texts = _texts(sheet)
    assert sheet["A1"].value == "BIỂU SỐ 01/TCD — TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN"
    assert data.world.province.name in sheet["A2"].value
    assert "15/12/2025" in sheet["A3"].value
    assert "14/03/2026" in sheet["A3"].value
    assert {f"({c.code})" for c in FORM_TCD.columns} <= set(texts)
    assert "THỦ TRƯỞNG ĐƠN VỊ" in texts
    assert "NGƯỜI LẬP BIỂU" in texts
    assert sheet["A1"].font.name == "Times New Roman"
    # The numbers row is followed by the values, in column order.
    numbers_row = next(r for r in sheet.iter_rows() if r[1].value == "(1)")
    values = [c.value for c in sheet[numbers_row[0].row + 1][1 : 1 + len(FORM_TCD.columns)]]
    assert values == [report.values[c.code] for c in FORM_TCD.columns]
    # Column groups are merged header cells.
    merged = {sheet.cell(r.min_row, r.min_col).value for r in sheet.merged_cells.ranges}
    assert {"Tổng số", "Tiếp thường xuyên", "Vụ việc", "Đoàn đông người"} <= merged


@pytest.fixture
def resolutions(data) -> ResolutionSet:
    return resolutions_generate(data.world, cases=40)


def _values_row(sheet, count: int) -> list:
    numbers_row = next(r for r in sheet.iter_rows() if r[1].value == "(1)")
    return list(sheet[numbers_row[0].row + 1][1 : 1 + count])


def test_the_whole_set_has_every_form_with_its_title_unit_period_and_numbers(data, resolutions):
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    unit = data.world.province
    reports = [form_compute(form, unit=unit, period=period, rollup=True) for form in FORMS.values()]
    book = load_workbook(BytesIO(forms_xlsx(reports)))
    assert book.sheetnames == ["01-TCD", "02-XLD", "03-GQKN", "04-GQTC", "05-KQTH"]
    for report in reports:
        form = report.form
        sheet = book[form.sheet]
        assert sheet["A1"].value == form.title
        assert unit.name in sheet["A2"].value
        assert "15/12/2025" in sheet["A3"].value
        assert "14/03/2026" in sheet["A3"].value
        assert {f"({c.code})" for c in form.columns} <= set(_texts(sheet))
        cells = _values_row(sheet, len(form.columns))
        # Decimals come back as floats: compare their text with the value's.
        assert [Decimal(str(c.value)) for c in cells] == [
            report.values[c.code] for c in form.columns
        ]
    assert set(reports[2].values.values()) != {0}  # the resolution forms are not empty


def test_money_and_land_cells_carry_their_number_format(data, resolutions):
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    report = form_compute(FORM_GQKN, unit=data.world.province, period=period, rollup=True)
    sheet = load_workbook(BytesIO(form_xlsx(report)))[FORM_GQKN.sheet]
    cells = _values_row(sheet, len(FORM_GQKN.columns))
    formats = {
        column.code: cell.number_format
        for column, cell in zip(FORM_GQKN.columns, cells, strict=True)
    }
    assert formats[15] == formats[17] == "#,##0"  # money: whole VND
    assert formats[16] == formats[18] == "#,##0.0"  # land: m², one decimal
    assert formats[1] == formats[19] == "General"  # cases and people: plain counts
    assert report.values[15] > 1000


@pytest.fixture
def leader(data):
    user = make_official(data.world.province, Role.UNIT_LEADER, username="g.chutich")
    return user


def test_the_page_shows_the_table_with_linked_cells(client, data, leader):
    client.login(username=leader.username, password=PASSWORD)
    params = {"bieu": "01-tcd", "don_vi": data.world.province.code, "gop": "on", **Q1}
    response = client.get(reverse("reports:form_report"), params)
    assert response.status_code == 200
    report = response.context["report"]
    expected = form_compute(
        FORM_TCD,
        unit=data.world.province,
        period=period_of(PeriodKind.QUARTER, 2026, 1),
        rollup=True,
    )
    assert report.values == expected.values
    assert reverse("reports:form_cell", args=["01-tcd", 19]) in response.content.decode()


def test_a_cell_page_lists_the_records_counted(client, data, leader):
    client.login(username=leader.username, password=PASSWORD)
    params = {"don_vi": data.world.province.code, "gop": "on", **Q1}
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    for form, code in ((FORM_TCD, 1), (FORM_XLD, 5), (FORM_TCD, 14)):
        response = client.get(reverse("reports:form_cell", args=[form.slug, code]), params)
        assert response.status_code == 200
        expected = cell_records(form, code, unit=data.world.province, period=period, rollup=True)
        assert response.context["count"] == expected.count()
        assert list(response.context["records"]) == list(expected)
    missing = client.get(reverse("reports:form_cell", args=["01-tcd", 99]), params)
    assert missing.status_code == 404


def test_exports_download_as_xlsx(client, data, leader):
    client.login(username=leader.username, password=PASSWORD)
    params = {"don_vi": data.world.commune_a.code, **Q1}
    one = client.get(reverse("reports:form_export", args=["02-xld"]), params)
    assert one.status_code == 200
    assert load_workbook(BytesIO(one.content)).sheetnames == ["02-XLD"]
    every = client.get(reverse("reports:form_export_all"), params)
    assert load_workbook(BytesIO(every.content)).sheetnames == [f.sheet for f in FORMS.values()]


def test_a_custom_range_is_accepted(client, data, leader):
    client.login(username=leader.username, password=PASSWORD)
    params = {
        "don_vi": data.world.commune_b.code,
        "ky": "custom",
        "tu": "01/01/2026",
        "den": "31/01/2026",
    }
    response = client.get(reverse("reports:form_report"), params)
    period = response.context["report"].period
    assert (period.start, period.end) == (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    bad = client.get(reverse("reports:form_report"), {**params, "den": ""})
    assert bad.status_code == 400


def test_an_official_sees_only_units_in_scope(client, data):
    clerk = make_official(data.world.commune_b, Role.REPORTING_OFFICER, username="g.baocao")
    client.login(username=clerk.username, password=PASSWORD)
    own = client.get(reverse("reports:form_report"), {"don_vi": data.world.commune_b.code, **Q1})
    assert own.status_code == 200
    other = client.get(reverse("reports:form_report"), {"don_vi": data.world.commune_a.code, **Q1})
    assert other.status_code == 400
    assert other.context.get("report") is None
    # Roll-up from its own unit never reaches units outside its scope.
    rolled = client.get(
        reverse("reports:form_cell", args=["01-tcd", 1]),
        {"don_vi": data.world.commune_b.code, "gop": "on", **Q1},
    )
    assert {v.org_unit_id for v in rolled.context["records"]} <= {data.world.commune_b.pk}


def test_officials_without_the_capability_are_refused(client, data):
    desk = make_official(data.world.commune_a, Role.RECEPTION_OFFICER, username="g.letan")
    client.login(username=desk.username, password=PASSWORD)
    assert client.get(reverse("reports:form_report")).status_code == 403
    assert client.get(reverse("reports:form_export_all")).status_code == 403


def test_the_page_opens_on_the_current_quarter_of_the_officials_unit(client, data, leader):
    client.login(username=leader.username, password=PASSWORD)
    response = client.get(reverse("reports:form_report"))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.unit == data.world.province
    assert report.period.kind == PeriodKind.QUARTER


def _vietnamese(value: Decimal | int, places: int = 0) -> str:
    """1234567.5 as Vietnamese prints it: 1.234.567,5."""
    text = f"{value:,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def test_the_complaints_form_page_shows_money_and_land_as_vietnamese_numbers(
    client, data, resolutions, leader
):
    client.login(username=leader.username, password=PASSWORD)
    params = {"bieu": "03-gqkn", "don_vi": data.world.province.code, "gop": "on", **Q1}
    response = client.get(reverse("reports:form_report"), params)
    assert response.status_code == 200
    expected = form_compute(
        FORM_GQKN,
        unit=data.world.province,
        period=period_of(PeriodKind.QUARTER, 2026, 1),
        rollup=True,
    )
    assert response.context["report"].values == expected.values
    page = response.content.decode()
    assert "BIỂU SỐ 03/GQKN" in page
    assert "Biểu mẫu báo cáo" in page  # rendered in Vietnamese
    assert "Xuất tệp (.xlsx)" in page
    shown = {column.code: text for column, text in response.context["cells"]}
    assert shown[15] == _vietnamese(expected.values[15])  # money: 12.345.000
    assert shown[16] == _vietnamese(expected.values[16], 1)  # land: 1.234,5
    assert shown[1] == str(expected.values[1])
    for code in (1, 15, 16, 22):
        assert f">{shown[code]}</a>" in page
        assert reverse("reports:form_cell", args=["03-gqkn", code]) in page


def test_a_cell_of_the_resolution_forms_lists_its_petitions(client, data, resolutions, leader):
    client.login(username=leader.username, password=PASSWORD)
    params = {"don_vi": data.world.province.code, "gop": "on", **Q1}
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    for slug, code in (("03-gqkn", 15), ("04-gqtc", 20), ("05-kqth", 13)):
        response = client.get(reverse("reports:form_cell", args=[slug, code]), params)
        assert response.status_code == 200
        expected = cell_records(
            FORMS[slug], code, unit=data.world.province, period=period, rollup=True
        )
        assert response.context["count"] == expected.count() > 0
        page = response.content.decode()
        assert all(petition.reference in page for petition in expected)


def test_cases_that_asked_for_protection_are_listed_only_to_who_may_know_the_denouncer(
    client, data, resolutions, leader
):
    """The province's leader counts them but does not get their list (LTC Art. 47, 56); the
    leader of the commune holding them does."""
    period = period_of(PeriodKind.QUARTER, 2026, 1)
    counted = cell_records(
        FORMS["04-gqtc"], 21, unit=data.world.province, period=period, rollup=True
    )
    assert counted.count() > 0
    client.login(username=leader.username, password=PASSWORD)
    params = {"don_vi": data.world.province.code, "gop": "on", **Q1}
    response = client.get(reverse("reports:form_cell", args=["04-gqtc", 21]), params)
    page = response.content.decode()
    # The province's leader may know the denouncers of the cases the province holds (taken
    # over from below), not of those the communes hold.
    held_below = [p for p in counted if p.current_unit != data.world.province]
    assert held_below
    assert response.context["count"] == counted.count()
    assert response.context["hidden"] == len(held_below)
    assert not any(petition.reference in page for petition in held_below)
    assert all(p.reference in page for p in counted if p not in held_below)
    assert "người được biết danh tính người tố cáo" in page

    petition = held_below[0]
    holder = make_official(petition.current_unit, Role.UNIT_LEADER, username="x.chutich")
    client.login(username=holder.username, password=PASSWORD)
    own = {"don_vi": petition.current_unit.code, **Q1}
    response = client.get(reverse("reports:form_cell", args=["04-gqtc", 21]), own)
    assert petition.reference in response.content.decode()
