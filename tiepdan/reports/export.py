"""The report forms as .xlsx in the official layout: title, unit, period, merged header rows for
the column groups, the row of column numbers (1), (2)..., Times New Roman, and the signature
block; one form per sheet, or the whole set for a period in one workbook. Statutory Vietnamese
text, as the forms print it. Money is whole VND and land m² with one decimal, as the records
keep them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.db import models
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tiepdan.reports.columns import Column, Measure, Source
from tiepdan.reports.engine import FormReport, Number
from tiepdan.resolution.models import Implementation, Resolution

FONT_NAME = "Times New Roman"
HEADER_TOP = 6  # title, unit, period, roll-up note, a blank line, then the headers
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
FIRST = 2  # column A holds the unit's name
# The records of the sources whose columns sum decimal fields (money, land).
DECIMAL_SOURCES: dict[Source, type[models.Model]] = {
    Source.RESOLUTIONS: Resolution,
    Source.TO_IMPLEMENT: Resolution,
    Source.IMPLEMENTATIONS: Implementation,
}


def decimal_places(column: Column) -> int | None:
    """The places a summed decimal column shows, the field's own (0 for VND, 1 for m²); None
    for a count or a sum of people."""
    model = DECIMAL_SOURCES.get(column.source)
    if column.measure != Measure.SUM or model is None:
        return None
    field = model._meta.get_field(column.field)
    return field.decimal_places if isinstance(field, models.DecimalField) else None


def cell_value(column: Column, value: Number) -> Number:
    """The value rounded to the field's places: a sum on SQLite comes back as a float's
    digits (6456.80000000000)."""
    places = decimal_places(column)
    if places is None:
        return value
    return Decimal(value).quantize(Decimal(1).scaleb(-places))


def _put(sheet: Worksheet, row: int, column: int, value: Any, **font: Any) -> Cell:
    """Write a value in Times New Roman; text stays text (no formula from a unit's name)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    cell.font = Font(name=FONT_NAME, **font)
    return cell


def _box(sheet: Worksheet, row: int, column: int, value: Any = None, **font: Any) -> Cell:
    cell = _put(sheet, row, column, value, **font) if value is not None else sheet.cell(row, column)
    cell.border = BOX
    cell.alignment = CENTER
    return cell


def _merge(sheet: Worksheet, row1: int, col1: int, row2: int, col2: int) -> None:
    for row in range(row1, row2 + 1):
        for column in range(col1, col2 + 1):
            _box(sheet, row, column)
    if (row1, col1) != (row2, col2):
        sheet.merge_cells(start_row=row1, start_column=col1, end_row=row2, end_column=col2)


def _headers(sheet: Worksheet, report: FormReport) -> int:
    """The merged group rows and the leaf headers; returns the row of column numbers."""
    columns = report.form.columns
    leaf_row = HEADER_TOP + report.form.depth - 1
    _merge(sheet, HEADER_TOP, 1, leaf_row, 1)
    _box(sheet, HEADER_TOP, 1, "Đơn vị", bold=True)
    for index, column in enumerate(columns):
        at = FIRST + index
        for level, name in enumerate(column.groups):
            prefix = column.groups[: level + 1]
            if index and columns[index - 1].groups[: level + 1] == prefix:
                continue  # inside a group already merged
            run = 1
            while index + run < len(columns) and columns[index + run].groups[: level + 1] == prefix:
                run += 1
            _merge(sheet, HEADER_TOP + level, at, HEADER_TOP + level, at + run - 1)
            _box(sheet, HEADER_TOP + level, at, name, bold=True)
        own_row = HEADER_TOP + len(column.groups)
        _merge(sheet, own_row, at, leaf_row, at)
        _box(sheet, own_row, at, column.header, bold=True)
        sheet.column_dimensions[get_column_letter(at)].width = 11
    sheet.column_dimensions["A"].width = 32
    return leaf_row + 1


def form_sheet(sheet: Worksheet, report: FormReport) -> None:
    """Fill one sheet with a computed form."""
    form = report.form
    last = FIRST + len(form.columns) - 1
    lines = (
        (form.title, {"bold": True, "size": 14}),
        (f"Đơn vị báo cáo: {report.unit.name}", {"bold": True}),
        (f"Kỳ báo cáo: {report.period.label}", {}),
        (
            "Số liệu gồm cả các đơn vị trực thuộc" if report.rollup else "Số liệu của đơn vị",
            {"italic": True},
        ),
    )
    for row, (text, font) in enumerate(lines, start=1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        _put(sheet, row, 1, text, **font).alignment = Alignment(horizontal="center")
    numbers = _headers(sheet, report)
    _box(sheet, numbers, 1, "", italic=True)
    _box(sheet, numbers + 1, 1, report.unit.name).alignment = Alignment(wrap_text=True)
    for index, (column, value) in enumerate(report.row):
        _box(sheet, numbers, FIRST + index, f"({column.code})", italic=True)
        cell = _box(sheet, numbers + 1, FIRST + index, cell_value(column, value))
        places = decimal_places(column)
        if places is not None:
            cell.number_format = "#,##0" + ("." + "0" * places if places else "")
    sheet.freeze_panes = sheet.cell(row=numbers + 1, column=FIRST)
    _signatures(sheet, numbers + 3, last)


def _signatures(sheet: Worksheet, row: int, last: int) -> None:
    """Who prepared the form and the head who signs and seals it (TT 01/2024: signed, sealed)."""
    right = max(FIRST + 1, last - 5)
    for column, title, note in (
        (1, "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"),
        (right, "THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)"),
    ):
        end = column + 3 if column == 1 else last
        for offset, (text, font) in enumerate(((title, {"bold": True}), (note, {"italic": True}))):
            sheet.merge_cells(
                start_row=row + offset, start_column=column, end_row=row + offset, end_column=end
            )
            _put(sheet, row + offset, column, text, **font).alignment = Alignment(
                horizontal="center"
            )


def forms_xlsx(reports: Sequence[FormReport]) -> bytes:
    """One sheet per form, in the order given."""
    book = Workbook()
    book.remove(book.active)
    for report in reports:
        form_sheet(book.create_sheet(report.form.sheet), report)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def form_xlsx(report: FormReport) -> bytes:
    return forms_xlsx([report])
