"""Every document a triage decision produces is a .docx with the NĐ 30/2020 header."""

import pytest

from tiepdan.core.documents import read_back
from tiepdan.petitions.services import document_issue
from tiepdan.petitions.services.documents import SERIES
from tiepdan.petitions.tests.conftest import receive


# Resolution documents are issued from a case: tiepdan/resolution/tests/test_documents.py.
@pytest.mark.parametrize("kind", list(SERIES))
def test_each_document_kind_carries_the_official_header_and_its_number(world, kind):
    petition = receive(world, kind="complaint", name="Lê Thị Hoa")
    document = document_issue(
        petition=petition,
        unit=world.board,
        kind=kind,
        actor=world.triage,
        note="Ghi chú",
        target="Ủy ban nhân dân xã Đại Từ",
    )
    with document.file.open("rb") as handle:
        content = read_back(handle.read())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in content["header_right"]
    assert "Độc lập - Tự do - Hạnh phúc" in content["header_right"]
    assert "BAN TIẾP CÔNG DÂN TỈNH" in content["header_left"]
    assert content["number"] == document.number
    assert document.number.endswith("-BTCD-T19")
    assert "Thái Nguyên, ngày" in content["text"]
    assert content["title"]
    assert content["fonts"] == {"Times New Roman"}


def test_numbers_run_on_per_unit_and_series(world):
    petition = receive(world, kind="complaint")
    first = document_issue(petition=petition, unit=world.board, kind="guidance_slip", actor=None)
    second = document_issue(petition=petition, unit=world.board, kind="guidance_slip", actor=None)
    assert (first.number.split("/")[0], second.number.split("/")[0]) == ("1", "2")


def test_a_transfer_slip_never_names_the_denouncer(world):
    petition = receive(world, kind="denunciation", name="Nguyễn Văn Đức")
    slip = document_issue(
        petition=petition,
        unit=world.board,
        kind="transfer_slip",
        actor=world.triage,
        target="Ủy ban nhân dân xã Đại Từ",
    )
    with slip.file.open("rb") as handle:
        text = read_back(handle.read())["text"]
    assert "Nguyễn Văn Đức" not in text
    assert "019085001234" not in text
    assert "Điều 56 Luật Tố cáo" in text
