from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tiepdan.organizations.models import OrgUnit

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    units = OrgUnit.objects
    return {
        "province_committees": units.filter(level="province", kind="peoples_committee").count(),
        "inspectorates": units.filter(level="province", kind="inspectorate").count(),
        "reception_boards": units.filter(level="province", kind="reception_board").count(),
        "communes": units.filter(level="commune", kind="peoples_committee").count(),
        "all": units.count(),
    }


def test_load_units_creates_34_provinces_and_3321_communes_and_a_second_run_creates_nothing():
    out = StringIO()
    call_command("load_units", stdout=out)
    counts = _counts()
    assert counts["province_committees"] == 34
    assert counts["inspectorates"] == 34
    assert counts["reception_boards"] == 34
    assert counts["communes"] == 3321
    assert "[34/34]" in out.getvalue()  # progress is shown, province by province

    again = StringIO()
    call_command("load_units", stdout=again)
    assert _counts() == counts
    assert "tạo mới 0 đơn vị" in again.getvalue()


def test_communes_hang_under_their_province_committee_with_tidy_names():
    call_command("load_units", "--province", "19", stdout=StringIO())
    dai_tu = OrgUnit.objects.get(code="UBND-X05830")
    assert dai_tu.name == "Ủy ban nhân dân xã Đại Từ"
    assert dai_tu.parent.name == "Ủy ban nhân dân tỉnh Thái Nguyên"
    assert dai_tu.parent.parent.code == "CP"
    assert not OrgUnit.objects.filter(name__contains="  ").exists()


def test_government_inspectorate_sits_beside_the_provinces_under_the_government():
    call_command("load_units", "--province", "1", stdout=StringIO())
    ttcp = OrgUnit.objects.get(code="TTCP")
    hanoi = OrgUnit.objects.get(code="UBND-T01")
    assert hanoi.name == "Ủy ban nhân dân thành phố Hà Nội"
    assert ttcp.parent == hanoi.parent


def test_unknown_province_code_is_refused_with_exit_code_2():
    with pytest.raises(CommandError) as info:
        call_command("load_units", "--province", "99", stdout=StringIO())
    assert info.value.returncode == 2
    assert "99" in str(info.value)
