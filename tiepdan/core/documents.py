"""Official documents (phiếu, thông báo, công văn) as .docx in the NĐ 30/2020/NĐ-CP format."""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.shared import Length, Mm, Pt, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
# A theme attribute wins over the explicit name in Word, so it must go (DEPENDENCIES.md).
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Characters XML 1.0 cannot carry; citizen text pasted from other tools sometimes has them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# NĐ 30/2020 Phụ lục I: A4, margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
_TEXT_WIDTH = Mm(210 - 30 - 15)
_HEADER_COLUMNS = (Mm(68), Mm(97))  # the Quốc hiệu at 12 pt needs ~90 mm on one line
_CLOSING_COLUMNS = (Mm(80), Mm(85))


@dataclass(frozen=True, kw_only=True)
class OfficialDocument:
    """Content of one administrative document; layout is fixed by render_docx."""

    issuing_body_parent: str  # cơ quan chủ quản; may be ""
    issuing_body: str
    number: str  # "12/PCĐ-BTCD", printed as "Số: 12/PCĐ-BTCD"
    place: str
    date: datetime.date
    kind_title: str  # tên loại
    summary: str = ""  # trích yếu
    recipient_line: str = ""  # "Kính gửi: ..."
    paragraphs: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()  # ("Họ và tên", "Nguyễn Văn A"), before paragraphs
    signer_title: str = ""  # may hold the authority line: "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN"
    signer_name: str = ""
    recipients: tuple[str, ...] = ()  # nơi nhận; "Lưu: VT." is added when missing


class ReadBack(TypedDict):
    text: str
    header_left: str
    header_right: str
    number: str
    title: str
    fonts: set[str]


def clean_text(s: str) -> str:
    """NFC (decomposed marks render badly in some viewers) without XML-invalid characters."""
    return _XML_INVALID.sub("", unicodedata.normalize("NFC", s))


def vietnamese_upper(s: str) -> str:
    """Upper case after NFC; str.upper already maps đ→Đ and every toned vowel."""
    return clean_text(s).upper()


def format_document_date(place: str, date: datetime.date) -> str:
    """The place and date line: "Thái Nguyên, ngày 05 tháng 3 năm 2026".

    NĐ 30/2020 Phụ lục I: days below 10 and months 1 and 2 take a leading zero (so nobody can
    turn "1" into "11"); months 3–12 do not.
    """
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{clean_text(place)}, ngày {date.day:02d} tháng {month} năm {date.year}"


def _force_font(rpr: CT_RPr) -> None:
    rfonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in _FONT_ATTRS:
        rfonts.set(qn(attr), FONT)


def _force_fonts_in_styles(document: DocxDocument) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _force_font(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:  # Vietnamese spell-checking and hyphenation in Word
        lang.set(qn("w:val"), "vi-VN")
    for rfonts in styles.iter(qn("w:rFonts")):  # headings, table-style conditions, …
        _force_font(rfonts.getparent())
    normal = document.styles["Normal"]
    _force_font(normal.element.get_or_add_rPr())
    normal.font.size = Pt(14)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _add_run(paragraph: Paragraph, text: str, *, size: float, style: str = "") -> None:
    """style holds "b" (bold) and/or "i" (italic)."""
    run = paragraph.add_run(clean_text(text))
    run.font.size, run.font.bold, run.font.italic = Pt(size), "b" in style, "i" in style
    _force_font(run._r.get_or_add_rPr())


def _para(
    where: DocxDocument | _Cell,
    text: str = "",
    *,
    size: float = 14,
    style: str = "",
    left: bool = False,
) -> Paragraph:
    """A centred (or left-aligned) paragraph; fills the empty paragraph a new cell starts with."""
    fresh_cell = isinstance(where, _Cell) and not where.paragraphs[0].runs
    paragraph = where.paragraphs[0] if fresh_cell else where.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
    if text:
        _add_run(paragraph, text, size=size, style=style)
    return paragraph


def _short_line(where: DocxDocument | _Cell, *, width: Length, length: Length) -> None:
    """A centred solid rule under a heading line (NĐ 30/2020 Phụ lục I, mục II)."""
    paragraph = _para(where)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Length(max(0, (width - length) // 2))
    fmt.line_spacing, fmt.line_spacing_rule = Pt(2), WD_LINE_SPACING.EXACTLY
    pbdr = OxmlElement("w:pBdr")
    pbdr.append(
        OxmlElement("w:bottom", {qn("w:val"): "single", qn("w:sz"): "6", qn("w:space"): "1"})
    )
    # CT_PPr order: pBdr before spacing/ind/jc, or Word reports the file as corrupt.
    paragraph._p.get_or_add_pPr().find(qn("w:spacing")).addprevious(pbdr)


def _text_width(text: str, size_pt: float) -> Length:
    """Rough width of a line in Times New Roman, enough to size the rule under it."""
    return Length(int(len(text) * 0.55 * Pt(size_pt)))


def _borderless_table(document: DocxDocument, rows: int, widths: tuple[Length, Length]) -> Table:
    table = document.add_table(rows=rows, cols=2)
    table.autofit = False  # fixed layout: Word would otherwise resize the columns to the text
    tblpr = table._tbl.tblPr
    tblpr.find(qn("w:tblW")).attrib.update(
        {qn("w:type"): "dxa", qn("w:w"): str(sum(w.twips for w in widths))}
    )
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(OxmlElement(f"w:{edge}", {qn("w:val"): "nil"}))
    tblpr.find(qn("w:tblLayout")).addprevious(borders)  # CT_TblPr order
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    return table


def _split_lines(text: str) -> list[str]:
    return [line.strip() for line in clean_text(text).splitlines() if line.strip()]


def _add_header(document: DocxDocument, doc: OfficialDocument) -> None:
    # NĐ 30/2020 Phụ lục I, mục II.2–II.6: issuing body left, Quốc hiệu–Tiêu ngữ right; the
    # second row keeps "Số" and the place/date on one line.
    table = _borderless_table(document, 2, _HEADER_COLUMNS)
    left, right = table.cell(0, 0), table.cell(0, 1)
    body = vietnamese_upper(doc.issuing_body)
    if doc.issuing_body_parent:
        _para(left, vietnamese_upper(doc.issuing_body_parent), size=12)
    _para(left, body, size=12, style="b")
    line = max(Mm(15), min(Mm(40), _text_width(body, 12) * 2 // 5))
    _short_line(left, width=_HEADER_COLUMNS[0], length=Length(line))
    _para(right, NATIONAL_NAME, size=12, style="b")
    _para(right, MOTTO, size=13, style="b")
    _short_line(right, width=_HEADER_COLUMNS[1], length=Mm(60))
    number = _para(table.cell(1, 0), f"Số: {clean_text(doc.number)}", size=13)
    date = _para(table.cell(1, 1), format_document_date(doc.place, doc.date), style="i")
    number.paragraph_format.space_before = date.paragraph_format.space_before = Pt(6)


def _body_paragraph(document: DocxDocument, *, space_before: float) -> Paragraph:
    # NĐ 30/2020 Phụ lục I, mục II.8: justified, first line indented 1–1.27 cm, ≥ 6 pt apart.
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Mm(10)
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(6)
    return paragraph


def _add_body(document: DocxDocument, doc: OfficialDocument) -> None:
    title = _para(document, vietnamese_upper(doc.kind_title), style="b")
    title.paragraph_format.space_before = Pt(24)
    if doc.summary:
        _para(document, doc.summary, style="b")
        length = max(Mm(20), _text_width(clean_text(doc.summary), 14) * 2 // 5)
        _short_line(document, width=_TEXT_WIDTH, length=Length(length))
    if doc.recipient_line:
        _para(document, doc.recipient_line).paragraph_format.space_before = Pt(12)
    paragraphs: list[Paragraph] = []
    for label, value in doc.fields:
        paragraphs.append(_body_paragraph(document, space_before=0 if paragraphs else 12))
        _add_run(paragraphs[-1], f"{clean_text(label)}: ", size=14, style="b")
        _add_run(paragraphs[-1], value, size=14)
    # Stored text keeps the citizen's line breaks; a break inside a justified paragraph
    # stretches the line before it, so each line becomes its own paragraph.
    for line in (line for text in doc.paragraphs for line in _split_lines(text)):
        paragraphs.append(_body_paragraph(document, space_before=0 if paragraphs else 12))
        _add_run(paragraphs[-1], line, size=14)
    if paragraphs:  # never leave the signature alone on the next page
        paragraphs[-1].paragraph_format.keep_with_next = True


def _recipient_lines(recipients: Iterable[str]) -> list[str]:
    items = [clean_text(r).strip().rstrip(";.").lstrip("-").strip() for r in recipients]
    items = [item for item in items if item]
    if not any(item.startswith("Lưu") for item in items):
        items.append("Lưu: VT")  # the archive copy is always listed (NĐ 30/2020 Phụ lục I)
    return [f"- {item};" for item in items[:-1]] + [f"- {items[-1]}."]


def _add_closing(document: DocxDocument, doc: OfficialDocument) -> None:
    if not (doc.recipients or doc.signer_title or doc.signer_name):
        return
    table = _borderless_table(document, 1, _CLOSING_COLUMNS)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.cell(0, 0), table.cell(0, 1)
    # NĐ 30/2020 Phụ lục I, mục II.9–II.11: "Nơi nhận:" 12 pt bold italic, list 11 pt; the
    # signer's authority and title bold upper case, the name bold below room for the seal.
    if doc.recipients:
        heading = _para(left, "Nơi nhận:", size=12, style="bi", left=True)
        heading.paragraph_format.space_before = Pt(12)
        for line in _recipient_lines(doc.recipients):
            _para(left, line, size=11, left=True)
    for i, line in enumerate(_split_lines(doc.signer_title)):
        paragraph = _para(right, vietnamese_upper(line), style="b")
        paragraph.paragraph_format.space_before = Pt(0 if i else 12)
    if doc.signer_name:
        _para(right, doc.signer_name, style="b").paragraph_format.space_before = Pt(72)


def _add_page_numbers(document: DocxDocument) -> None:
    # NĐ 30/2020 Phụ lục I, mục I.6: page numbers centred in the top margin, 13–14 pt, none
    # on page 1.
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(13)
    _force_font(run._r.get_or_add_rPr())
    instruction = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instruction.text = "PAGE"
    run._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
    run._r.append(instruction)
    run._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as .docx bytes; nothing is written to disk."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    # 850 twips would be 14.99 mm, just outside the range: round 15 mm up to whole twips.
    section.left_margin, section.right_margin = Mm(30), Twips(851)
    section.header_distance = Mm(10)
    _force_fonts_in_styles(document)
    _add_header(document, doc)
    _add_body(document, doc)
    _add_closing(document, doc)
    _add_page_numbers(document)
    props = document.core_properties
    props.title = vietnamese_upper(doc.kind_title)
    props.keywords = clean_text(doc.number)
    props.subject = clean_text(doc.summary)
    props.author = props.last_modified_by = clean_text(doc.issuing_body)
    props.language = "vi-VN"
    props.comments = ""
    # The issue date rather than the template's 2013 stamp (and the same bytes for the same input).
    props.created = props.modified = datetime.datetime.combine(
        doc.date, datetime.time(tzinfo=datetime.UTC)
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _effective_fonts(
    document: DocxDocument, run_rpr: CT_RPr | None, style_id: str | None
) -> set[str]:
    """Font names a run resolves to (run → style chain → defaults); "theme:…" if themed."""
    chain = [run_rpr]
    styles = document.styles.element
    while style_id:
        style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        if style is None:
            break
        chain.append(style.find(qn("w:rPr")))
        based = style.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    chain.append(styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    found: set[str] = set()
    for name, theme in zip(_FONT_ATTRS, _THEME_ATTRS, strict=True):
        for rfonts in (r.find(qn("w:rFonts")) for r in chain if r is not None):
            if rfonts is not None and (rfonts.get(qn(theme)) or rfonts.get(qn(name))):
                themed = rfonts.get(qn(theme))
                found.add(f"theme:{themed}" if themed else rfonts.get(qn(name)))
                break
    return found


def read_back(data: bytes) -> ReadBack:
    """Text, header cells, number, title and fonts of a .docx, for tests."""
    document = Document(io.BytesIO(data))
    paragraphs: list[Paragraph] = []
    for block in document.iter_inner_content():  # document order, table cells row by row
        if isinstance(block, Paragraph):
            paragraphs.append(block)
        else:
            paragraphs.extend(p for row in block.rows for c in row.cells for p in c.paragraphs)
    fonts: set[str] = set()
    for p in paragraphs:
        for run in (r for r in p.runs if r.text):
            fonts |= _effective_fonts(document, run._r.rPr, p._p.style or "Normal")
    header = document.tables[0] if document.tables else None
    columns = ["\n".join(c.text for c in header.columns[i].cells) if header else "" for i in (0, 1)]
    number = next((line[4:] for line in columns[0].splitlines() if line.startswith("Số: ")), "")
    title = next((p.text for p in document.paragraphs if p.text.strip()), "")
    return ReadBack(
        text="\n".join(p.text for p in paragraphs),
        header_left=columns[0],
        header_right=columns[1],
        number=number,
        title=title,
        fonts=fonts,
    )
