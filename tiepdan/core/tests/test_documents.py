"""Official documents rendered as .docx in the NĐ 30/2020/NĐ-CP format (Phụ lục I)."""

import dataclasses
import datetime
import io
import shutil
import subprocess
import unicodedata

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from tiepdan.core.documents import (
    FONT,
    OfficialDocument,
    format_document_date,
    read_back,
    render_docx,
    vietnamese_upper,
)

BODY = (
    "Ngày 02 tháng 3 năm 2026, Ban Tiếp công dân tỉnh nhận được đơn tố cáo của bà Nguyễn Thị "
    "Hường đối với ông Trần Văn Đức, công chức địa chính xã Đại Từ."
)
SAMPLE = OfficialDocument(
    issuing_body_parent="UBND tỉnh Thái Nguyên",
    issuing_body="Ban Tiếp công dân",
    number="12/PCĐ-BTCD",
    place="Thái Nguyên",
    date=datetime.date(2026, 3, 5),
    kind_title="Phiếu chuyển đơn",
    summary="V/v chuyển đơn tố cáo",
    recipient_line="Kính gửi: Ủy ban nhân dân xã Đại Từ",
    fields=(("Họ và tên", "Nguyễn Thị Hường"), ("Địa chỉ", "xã Đại Từ, tỉnh Thái Nguyên")),
    paragraphs=(BODY, "Đề nghị Ủy ban nhân dân xã Đại Từ xem xét, giải quyết theo thẩm quyền./."),
    signer_title="KT. Trưởng ban\nPhó Trưởng ban",
    signer_name="Lê Minh Đạt",
    recipients=("Như trên", "Bà Nguyễn Thị Hường"),
)
MINIMAL = OfficialDocument(
    issuing_body_parent="",
    issuing_body="Ban Tiếp công dân",
    number="3/TB-BTCD",
    place="Thái Nguyên",
    date=datetime.date(2026, 3, 5),
    kind_title="Thông báo",
)


def _open(doc: OfficialDocument):
    return Document(io.BytesIO(render_docx(doc)))


def _run_elements(document):
    body = document.element.body
    return [r for r in body.iter(qn("w:r")) if r.find(qn("w:t")) is not None]


def test_rendered_bytes_open_with_python_docx():
    data = render_docx(SAMPLE)

    assert data[:2] == b"PK"
    assert Document(io.BytesIO(data)).paragraphs


def test_text_has_every_part_of_the_document():
    text = read_back(render_docx(SAMPLE))["text"]

    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND TỈNH THÁI NGUYÊN",
        "BAN TIẾP CÔNG DÂN",
        "Số: 12/PCĐ-BTCD",
        "Thái Nguyên, ngày 05 tháng 3 năm 2026",
        "PHIẾU CHUYỂN ĐƠN",
        "V/v chuyển đơn tố cáo",
        "Kính gửi: Ủy ban nhân dân xã Đại Từ",
        BODY,
        "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
        "Lê Minh Đạt",
        "Nơi nhận:\n- Như trên;\n- Bà Nguyễn Thị Hường;\n- Lưu: VT.",
    ):
        assert expected in text


def test_read_back_returns_header_cells_number_and_title():
    result = read_back(render_docx(SAMPLE))

    assert result["number"] == "12/PCĐ-BTCD"
    assert result["title"] == "PHIẾU CHUYỂN ĐƠN"
    assert result["header_left"].split("\n")[:2] == ["UBND TỈNH THÁI NGUYÊN", "BAN TIẾP CÔNG DÂN"]
    assert result["header_right"].startswith(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    )


def test_every_run_resolves_to_times_new_roman():
    assert read_back(render_docx(SAMPLE))["fonts"] == {FONT}


def test_every_run_sets_all_four_font_attributes_explicitly():
    document = _open(SAMPLE)
    runs = _run_elements(document)

    assert runs
    for run in runs:
        rfonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert rfonts.get(qn(attr)) == FONT


def test_styles_carry_no_theme_fonts():
    """A *Theme attribute overrides the font name in Word (DEPENDENCIES.md, python-docx)."""
    styles = _open(SAMPLE).styles.element
    theme_attrs = [qn(a) for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")]

    for rfonts in styles.iter(qn("w:rFonts")):
        assert not any(rfonts.get(attr) for attr in theme_attrs)
        assert rfonts.get(qn("w:eastAsia")) == FONT
    normal = _open(SAMPLE).styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:ascii")) == normal.get(qn("w:eastAsia")) == FONT


def test_read_back_reports_theme_fonts_of_a_document_that_was_not_forced():
    plain = Document()
    plain.add_paragraph("Văn bản chưa đặt phông")
    buffer = io.BytesIO()
    plain.save(buffer)

    assert any(font.startswith("theme:") for font in read_back(buffer.getvalue())["fonts"])


def test_header_is_a_borderless_table_with_issuing_body_left_and_national_name_right():
    document = _open(SAMPLE)
    header = document.tables[0]

    assert document.element.body[0].tag == qn("w:tbl")
    assert "BAN TIẾP CÔNG DÂN" in header.cell(0, 0).text
    assert "Số: 12/PCĐ-BTCD" in header.cell(1, 0).text
    assert header.cell(0, 1).text.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_header_lines_have_the_sizes_and_weights_of_nd30():
    cells = _open(SAMPLE).tables[0]
    parent, body = cells.cell(0, 0).paragraphs[:2]
    national_name, motto = cells.cell(0, 1).paragraphs[:2]
    date_run = cells.cell(1, 1).paragraphs[0].runs[0]

    assert (parent.runs[0].font.bold, parent.runs[0].font.size.pt) == (False, 12)
    assert (body.runs[0].font.bold, body.runs[0].font.size.pt) == (True, 12)
    assert (national_name.runs[0].font.bold, national_name.runs[0].font.size.pt) == (True, 12)
    assert (motto.runs[0].font.bold, motto.runs[0].font.size.pt) == (True, 13)
    assert date_run.font.italic


def test_a_short_rule_sits_under_the_issuing_body_and_the_motto():
    header = _open(SAMPLE).tables[0]

    for cell in (header.cell(0, 0), header.cell(0, 1)):
        ruled = [p for p in cell.paragraphs if p._p.find(f".//{qn('w:pBdr')}") is not None]
        assert len(ruled) == 1
        assert ruled[0].text == ""


def test_page_is_a4_portrait_with_nd30_margins():
    section = _open(SAMPLE).sections[0]

    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert Mm(20) <= section.top_margin <= Mm(25)
    assert Mm(20) <= section.bottom_margin <= Mm(25)
    assert Mm(30) <= section.left_margin <= Mm(35)
    assert Mm(15) <= section.right_margin <= Mm(20)


def test_title_and_body_are_formatted_per_nd30():
    document = _open(SAMPLE)
    title = next(p for p in document.paragraphs if p.text == "PHIẾU CHUYỂN ĐƠN")
    body = next(p for p in document.paragraphs if p.text == BODY)

    assert (title.runs[0].font.bold, title.runs[0].font.size.pt) == (True, 14)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Mm(10) <= body.paragraph_format.first_line_indent <= Mm(12.7)
    assert body.paragraph_format.space_after.pt >= 6
    assert body.runs[0].font.size.pt in (13, 14)


def test_fields_come_before_the_body_with_a_bold_label():
    document = _open(SAMPLE)
    texts = [p.text for p in document.paragraphs]
    field = document.paragraphs[texts.index("Họ và tên: Nguyễn Thị Hường")]

    assert texts.index("Họ và tên: Nguyễn Thị Hường") < texts.index(BODY)
    assert (field.runs[0].text, field.runs[0].font.bold) == ("Họ và tên: ", True)
    assert not field.runs[1].font.bold


def test_closing_puts_recipients_left_and_signer_right():
    closing = _open(SAMPLE).tables[-1]
    heading = closing.cell(0, 0).paragraphs[0].runs[0]
    signer = closing.cell(0, 1).paragraphs

    assert (heading.text, heading.font.bold, heading.font.italic) == ("Nơi nhận:", True, True)
    assert heading.font.size.pt == 12
    assert closing.cell(0, 0).paragraphs[1].runs[0].font.size.pt == 11
    assert [p.text for p in signer] == ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Lê Minh Đạt"]
    assert all(p.runs[0].font.bold for p in signer)
    assert signer[-1].paragraph_format.space_before.pt >= 48  # room to sign and seal


def test_an_archive_line_given_by_the_caller_is_not_repeated():
    doc = dataclasses.replace(SAMPLE, recipients=("- Như trên;", "Lưu: VT, TCD."))
    text = read_back(render_docx(doc))["text"]

    assert "- Như trên;\n- Lưu: VT, TCD." in text
    assert "Lưu: VT." not in text


def test_empty_optional_parts_are_omitted():
    document = _open(MINIMAL)
    result = read_back(render_docx(MINIMAL))

    assert "Kính gửi" not in result["text"]
    assert "Nơi nhận" not in result["text"]
    assert len(document.tables) == 1
    assert result["header_left"].startswith("BAN TIẾP CÔNG DÂN")
    assert [p.text for p in document.paragraphs] == ["THÔNG BÁO"]


def test_vietnamese_diacritics_survive_round_trip():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hường, Đặng Quốc Khánh: ỷ ỹ ự ữ ộ ặ đ")
    doc = dataclasses.replace(MINIMAL, paragraphs=(decomposed,), signer_name="Đỗ Thị Hằng")
    text = read_back(render_docx(doc))["text"]

    assert unicodedata.normalize("NFC", decomposed) in text
    assert "Đỗ Thị Hằng" in text
    assert unicodedata.is_normalized("NFC", text)


def test_line_breaks_in_stored_text_become_separate_paragraphs():
    doc = dataclasses.replace(MINIMAL, paragraphs=("Dòng thứ nhất.\r\n\r\nDòng thứ hai.",))
    texts = [p.text for p in _open(doc).paragraphs]

    assert texts[-2:] == ["Dòng thứ nhất.", "Dòng thứ hai."]


def test_control_characters_that_xml_cannot_carry_are_dropped():
    doc = dataclasses.replace(MINIMAL, paragraphs=("Nội\x0bdung\x00 đơn\x1f",))

    assert "Nộidung đơn" in read_back(render_docx(doc))["text"]


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2026, 3, 5), "Thái Nguyên, ngày 05 tháng 3 năm 2026"),
        (datetime.date(2026, 1, 7), "Thái Nguyên, ngày 07 tháng 01 năm 2026"),
        (datetime.date(2026, 2, 28), "Thái Nguyên, ngày 28 tháng 02 năm 2026"),
        (datetime.date(2026, 11, 1), "Thái Nguyên, ngày 01 tháng 11 năm 2026"),
        (datetime.date(2026, 12, 31), "Thái Nguyên, ngày 31 tháng 12 năm 2026"),
    ],
)
def test_date_line_pads_days_below_10_and_months_1_and_2(date, expected):
    assert format_document_date("Thái Nguyên", date) == expected


def test_vietnamese_upper_maps_every_letter_including_d_stroke():
    assert vietnamese_upper("đơn đề nghị ủy ban") == "ĐƠN ĐỀ NGHỊ ỦY BAN"
    assert vietnamese_upper(unicodedata.normalize("NFD", "hường")) == "HƯỜNG"


def test_core_properties_carry_title_subject_and_number():
    props = _open(SAMPLE).core_properties

    assert props.title == "PHIẾU CHUYỂN ĐƠN"
    assert props.subject == "V/v chuyển đơn tố cáo"
    assert props.keywords == "12/PCĐ-BTCD"
    assert props.language == "vi-VN"


def test_page_numbers_are_in_the_top_margin_but_not_on_page_one():
    section = _open(SAMPLE).sections[0]
    header_xml = section.header._element.xml

    assert section.different_first_page_header_footer
    assert "PAGE" in header_xml
    assert not section.first_page_header.paragraphs[0].text


def test_same_input_renders_the_same_text():
    assert read_back(render_docx(SAMPLE)) == read_back(render_docx(SAMPLE))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_document_to_pdf(tmp_path):
    source = tmp_path / "phieu.docx"
    source.write_bytes(render_docx(SAMPLE))

    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",  # no clash with a running one
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )

    pdf = tmp_path / "phieu.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Thái Nguyên, ngày 05 tháng 3 năm 2026" in text
