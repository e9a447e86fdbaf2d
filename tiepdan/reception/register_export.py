"""The reception register as an .xlsx workbook in the layout of Mẫu 03/TCD (NĐ 154/2026)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tiepdan.organizations.models import OrgUnit
from tiepdan.reception.selectors import REGISTER_COLUMNS, RegisterRow, VisitCounts

TITLE = "SỔ TIẾP CÔNG DÂN"
HEADER_ROW = 5  # title, unit, period, a blank line, then the column names
COLUMN_WIDTHS = (6, 12, 30, 16, 40, 10, 10, 25, 10, 25, 25, 30, 25)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write a value; text is always stored as text. openpyxl would store text starting with
    "=" as a formula, and a summary typed at the desk as "=HYPERLINK(...)" would run when the
    register is opened (formula injection); a string cell is shown as it was typed."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def register_xlsx(
    *,
    unit: OrgUnit,
    date_from: dt.date,
    date_to: dt.date,
    rows: Sequence[RegisterRow],
    counts: VisitCounts | None = None,
) -> bytes:
    """The workbook's bytes: title rows, the 13 column names, one line per visit, and the
    counts below. Statutory Vietnamese text, as the form prints it."""
    book = Workbook()
    sheet = book.active
    sheet.title = "So tiep cong dan"
    last = get_column_letter(len(REGISTER_COLUMNS))
    lines = (
        TITLE,
        unit.name,
        f"Từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}",
    )
    for number, text in enumerate(lines, start=1):
        sheet.merge_cells(f"A{number}:{last}{number}")
        cell = _put(sheet, number, 1, text)
        cell.font = Font(bold=number == 1, size=14 if number == 1 else 11)
        cell.alignment = Alignment(horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, name in enumerate(REGISTER_COLUMNS, start=1):
        cell = _put(sheet, HEADER_ROW, column, name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = BOX
        sheet.column_dimensions[get_column_letter(column)].width = COLUMN_WIDTHS[column - 1]
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row.cells, start=1):
            cell = _put(sheet, HEADER_ROW + offset, column, value)
            cell.alignment = wrap
            cell.border = BOX
            if isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    if counts is not None:
        at = HEADER_ROW + len(rows) + 2
        _put(
            sheet,
            at,
            1,
            f"Tổng cộng: {counts.visits} lượt, {counts.persons} người, {counts.cases} vụ việc "
            f"({counts.first_cases} lần đầu, {counts.repeated_cases} nhiều lần), "
            f"{counts.group_visits} đoàn đông người",
        )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
