"""Done-when, in a real browser: a triage officer records a postal denunciation and triages it
with the keyboard only; the commune finds it with its own time limit; the sender urges."""

import datetime as dt
import re

import docx
import pytest
from django.urls import reverse

from tests.browser.keyboard import focused as _focused
from tests.browser.keyboard import no_sideways_scroll as _no_sideways_scroll
from tests.browser.keyboard import shot as _shot
from tests.browser.keyboard import sign_in as _sign_in
from tests.browser.keyboard import tab_to as _tab_to
from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.core import clock
from tiepdan.organizations.models import OrgUnit
from tiepdan.organizations.tests.factories import make_unit
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.models import Petition
from tiepdan.petitions.services import PetitionData, PetitionerData, petition_receive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
DENOUNCER = "Nguyễn Văn Đức"


@pytest.fixture
def province():
    root = make_unit(name="Ủy ban nhân dân tỉnh Thái Nguyên", code="UBND-T19")
    board = make_unit(
        parent=root,
        kind=OrgUnit.Kind.RECEPTION_BOARD,
        name="Ban Tiếp công dân tỉnh",
        code="BTCD-T19",
    )
    commune = make_unit(
        parent=root,
        level=OrgUnit.Level.COMMUNE,
        name="Ủy ban nhân dân xã Đại Từ",
        code="UBND-X05830",
    )
    make_unit(
        parent=root,
        level=OrgUnit.Level.COMMUNE,
        name="Ủy ban nhân dân xã Quân Chu",
        code="UBND-X05851",
    )
    triage = make_official(board, Role.TRIAGE_OFFICER, username="xulydon")
    triage.full_name = "Trần Thị Bình"
    triage.save()
    make_official(commune, Role.TRIAGE_OFFICER, username="xa.xulydon")
    # A few petitions already in the inbox, so the list looks like a working day.
    for kind, name, summary, days_ago in (
        (
            "complaint",
            "Lê Thị Hoa",
            "Khiếu nại quyết định thu hồi đất nông nghiệp tại xóm Gốc Gạo",
            0,
        ),
        ("recommendation", "Hoàng Văn Bình", "Kiến nghị sửa chữa đường liên xóm bị sạt lở", 0),
        ("feedback", "Phạm Minh Tuấn", "Phản ánh xưởng gỗ gây tiếng ồn sau 22 giờ", 30),
    ):
        petition_receive(
            actor=triage,
            unit=board,
            data=PetitionData(
                received_on=clock.today() - dt.timedelta(days=days_ago),
                channel="post",
                kind=kind,
                summary=summary,
                petitioners=[PetitionerData(full_name=name, address="Xã Đại Từ")],
            ),
        )
    return {"board": board, "commune": commune}


@pytest.mark.parametrize("page", [LAPTOP], indirect=True, ids=["laptop"])
def test_record_and_triage_a_postal_denunciation_with_the_keyboard(
    page, live_server, artifacts_dir, province, chromium_browser
):
    _sign_in(page, live_server, "xulydon")
    assert page.get_by_text("3 đơn chờ xử lý").is_visible()
    _shot(page, artifacts_dir, "home-petitions-laptop")
    page.goto(live_server.url + reverse("petitions:inbox"))
    assert page.get_by_role("heading", name=re.compile("Đơn thư")).is_visible()
    _shot(page, artifacts_dir, "inbox-laptop")

    # The "record" link in the top bar (Alt+N is its access key, which Playwright's synthetic
    # keys do not trigger); the form opens with the first field focused.
    _tab_to(page, text="Nhận đơn mới")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("petitions:receive"))
    assert _focused(page)["id"] == "id_received_on"
    _tab_to(page, element_id="id_kind_0")
    page.keyboard.press("ArrowRight")  # complaint → denunciation
    assert page.locator("#id_kind_1").is_checked()
    _tab_to(page, element_id="id_summary")
    page.keyboard.type("Tố cáo cán bộ địa chính xã nhận tiền khi cấp sổ đỏ")
    _tab_to(page, element_id="id_content")
    page.keyboard.type("Ông Trần Văn Nam, cán bộ địa chính xã, nhận 20 triệu đồng.")
    _tab_to(page, element_id="id_respondent_name")
    page.keyboard.type("Trần Văn Nam")
    _tab_to(page, element_id="id_p1-full_name")
    page.keyboard.type(DENOUNCER)
    page.keyboard.press("Tab")
    page.keyboard.type("019085001234")
    _tab_to(page, element_id="id_p1-address")
    page.keyboard.type("Xóm 3, xã Đại Từ")
    _shot(page, artifacts_dir, "receive-laptop")
    page.keyboard.press("Enter")  # Enter in a one-line field saves

    page.wait_for_url(re.compile(r".*/don-thu/[A-Z0-9]+/\?recorded=1$"))
    petition = Petition.objects.get(kind="denunciation")
    code = tracking_code_display(petition.tracking_code)
    assert page.locator(".recorded").get_by_text(code).is_visible()
    # The receipt link has the focus: Enter downloads it.
    assert _focused(page)["text"].startswith("Tải giấy biên nhận")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    text = "\n".join(p.text for p in docx.Document(download.path()).paragraphs)
    assert code in text
    assert DENOUNCER not in page.content()

    # Triage: open "transfer" from its button, type part of the commune's name, send.
    _tab_to(page, text="Chuyển đơn đến đơn vị trong hệ thống")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "id_transfer-to_unit"
    page.keyboard.type("Đại Từ")
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    page.keyboard.type("Thuộc thẩm quyền giải quyết của xã")
    _shot(page, artifacts_dir, "detail-transfer-form-laptop")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/don-thu/[A-Z0-9]+/$"))
    assert page.get_by_text("Đã thực hiện: Chuyển đơn đến đơn vị trong hệ thống").is_visible()
    petition.refresh_from_db()
    assert petition.current_unit == province["commune"]
    _shot(page, artifacts_dir, "detail-laptop")
    assert page.foreign_requests == []

    # The commune's official finds it in the inbox with the commune's own time limit.
    context = chromium_browser.new_context(viewport=LAPTOP, locale="vi-VN")
    commune_page = context.new_page()
    _sign_in(commune_page, live_server, "xa.xulydon")
    commune_page.goto(live_server.url + reverse("petitions:inbox"))
    row = commune_page.locator("tr", has_text=code)
    assert row.is_visible()
    own = petition.deadlines.filter(org_unit=province["commune"], met_on=None).order_by("due_on")
    assert own.first().due_on.strftime("%d/%m/%Y") in row.inner_text()
    assert "còn" in row.inner_text()
    assert DENOUNCER not in commune_page.content()
    _shot(commune_page, artifacts_dir, "inbox-commune-laptop")
    commune_page.goto(live_server.url + reverse("notifications:list"))
    assert commune_page.get_by_text(petition.reference).first.is_visible()
    _shot(commune_page, artifacts_dir, "notifications-laptop")
    context.close()

    # The sender sees it under "transferred" and urges the commune.
    page.goto(live_server.url + reverse("petitions:inbox") + "?view=transferred")
    assert page.locator("tr", has_text=code).is_visible()
    page.goto(live_server.url + reverse("petitions:detail", args=[petition.reference]))
    _tab_to(page, text="Đôn đốc")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("Đề nghị xã báo cáo kết quả")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("Đã đôn đốc đơn vị nhận đơn").wait_for()
    assert petition.documents.filter(kind="urging_letter").exists()
    assert page.foreign_requests == []


@pytest.mark.parametrize("page", [PHONE], indirect=True, ids=["phone"])
def test_the_pages_fit_a_phone(page, live_server, artifacts_dir, province):
    petition = Petition.objects.filter(kind="complaint").get()
    _sign_in(page, live_server, "xulydon")
    for name, url in (
        ("inbox-phone", reverse("petitions:inbox")),
        ("receive-phone", reverse("petitions:receive")),
        ("detail-phone", reverse("petitions:detail", args=[petition.reference])),
    ):
        page.goto(live_server.url + url)
        _shot(page, artifacts_dir, name)
        _no_sideways_scroll(page)
    assert page.foreign_requests == []


@pytest.mark.parametrize("page", [LAPTOP], indirect=True, ids=["laptop"])
def test_a_form_with_errors_focuses_the_summary_and_keeps_what_was_typed(
    page, live_server, artifacts_dir, province
):
    _sign_in(page, live_server, "xulydon")
    page.goto(live_server.url + reverse("petitions:receive"))
    _tab_to(page, element_id="id_p1-full_name")
    page.keyboard.type(DENOUNCER)
    page.keyboard.press("Tab")
    page.keyboard.type("12345")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert _focused(page)["id"] == "error-summary"
    summary = page.get_by_role("alert")
    assert "Số căn cước phải có đúng 12 chữ số." in summary.inner_text()
    assert page.locator("#id_p1-full_name").input_value() == DENOUNCER
    _shot(page, artifacts_dir, "receive-errors-laptop")
    # The summary's links take the focus to the field.
    _tab_to(page, text="Số căn cước")
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "id_p1-citizen_id"
    assert Petition.objects.filter(kind="denunciation").count() == 0
