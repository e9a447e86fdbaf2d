"""Done-when, in a real browser: a unit leader opens the case list, sees the overdue case first,
opens it and extends its time limit with the keyboard only, then sees the new due date."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.browser.keyboard import focused as _focused
from tests.browser.keyboard import no_sideways_scroll as _no_sideways_scroll
from tests.browser.keyboard import shot as _shot
from tests.browser.keyboard import sign_in as _sign_in
from tests.browser.keyboard import tab_to as _tab_to
from tiepdan.core import clock
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.services import petition_assign
from tiepdan.petitions.tests.conftest import world  # noqa: F401  (the small province)
from tiepdan.resolution.services import resolution_set_complexity, resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
DENOUNCER = "Nguyễn Văn Đức"


@pytest.fixture
def cases(world):  # noqa: F811
    """A working day in the board: an overdue, especially complex denunciation, and others."""
    today = clock.today()
    for user, name in (
        (world.leader, "Trần Văn Hùng"),
        (world.resolver, "Lê Thị Mai"),
        (world.triage, "Phạm Thu Hà"),
    ):
        user.full_name = name
        user.save()
    overdue = accepted(
        world,
        kind="denunciation",
        received_on=today - dt.timedelta(days=47),
        accepted_on=today - dt.timedelta(days=45),
    )
    with at(today - dt.timedelta(days=40)):
        resolution_set_complexity(
            actor=world.leader,
            resolution_id=overdue.pk,
            criteria=["several_places", "contradictory_evidence"],
        )
    verifying = accepted(
        world,
        kind="complaint",
        received_on=today - dt.timedelta(days=12),
        accepted_on=today - dt.timedelta(days=10),
        summary="Khiếu nại quyết định thu hồi đất nông nghiệp tại xóm Gốc Gạo",
        name="Lê Thị Hoa",
    )
    petition_assign(actor=world.leader, petition_id=verifying.petition_id, assignee=world.resolver)
    with at(today - dt.timedelta(days=8)):
        resolution_transition(
            actor=world.resolver, resolution_id=verifying.pk, action="start_verification"
        )
    suspended = accepted(
        world,
        kind="complaint",
        received_on=today - dt.timedelta(days=30),
        accepted_on=today - dt.timedelta(days=28),
        summary="Khiếu nại việc không bồi thường tài sản trên đất khi giải phóng mặt bằng",
        name="Hoàng Văn Bình",
    )
    with at(today - dt.timedelta(days=5)):
        resolution_transition(
            actor=world.leader,
            resolution_id=suspended.pk,
            action="suspend",
            note="Chờ kết quả giám định của Sở Tài nguyên và Môi trường",
        )
    accepted(
        world,
        kind="recommendation",
        received_on=today - dt.timedelta(days=3),
        accepted_on=today - dt.timedelta(days=1),
        summary="Kiến nghị sửa chữa đường liên xóm bị sạt lở",
        name="Phạm Minh Tuấn",
    )
    overdue.refresh_from_db()
    return {"overdue": overdue, "verifying": verifying}


@pytest.mark.parametrize("page", [LAPTOP], indirect=True, ids=["laptop"])
def test_a_leader_extends_an_overdue_case_with_the_keyboard(
    page, live_server, artifacts_dir, cases
):
    case = cases["overdue"]
    code = tracking_code_display(case.petition.tracking_code)
    old_due = case.due_on.strftime("%d/%m/%Y")
    _sign_in(page, live_server, "truongban")
    _shot(page, artifacts_dir, "home-resolution-laptop")

    _tab_to(page, text="Giải quyết")  # the main navigation
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("resolution:list"))
    assert page.get_by_role("heading", name="Vụ việc giải quyết").is_visible()
    first_row = page.locator("tbody tr").first
    assert code in first_row.inner_text()  # overdue first
    assert "quá hạn" in first_row.inner_text()
    assert DENOUNCER not in page.content()  # lists always mask a denouncer
    _shot(page, artifacts_dir, "resolution-list-laptop")

    _tab_to(page, text=code)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/giai-quyet/[A-Z0-9]+/$"))
    limit = page.locator("#limit")
    assert old_due in limit.inner_text()
    assert "quá hạn" in limit.inner_text()
    _shot(page, artifacts_dir, "resolution-detail-laptop")

    _tab_to(page, text="Gia hạn giải quyết")
    page.keyboard.press("Enter")  # opens the form below the button
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "id_extend-note"
    page.keyboard.type("Vụ việc đặc biệt phức tạp, cần giám định bổ sung chứng cứ")
    _shot(page, artifacts_dir, "resolution-extend-form-laptop")
    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Gia hạn giải quyết"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_text("Đã thực hiện: Gia hạn giải quyết").is_visible()
    case.refresh_from_db()
    assert case.extensions_used == 1
    new_due = case.due_on.strftime("%d/%m/%Y")
    assert new_due != old_due
    assert new_due in page.locator("#limit").inner_text()
    assert "gia hạn 1 lần" in page.locator("#limit").inner_text()
    assert "lần gia hạn thứ 1" in page.locator(".timeline").inner_text()
    _shot(page, artifacts_dir, "resolution-extended-laptop")
    assert page.foreign_requests == []


@pytest.mark.parametrize("page", [PHONE], indirect=True, ids=["phone"])
def test_the_resolution_pages_fit_a_phone(page, live_server, artifacts_dir, cases):
    _sign_in(page, live_server, "truongban")
    detail = reverse("resolution:detail", args=[cases["overdue"].petition.reference])
    for name, url in (
        ("resolution-list-phone", reverse("resolution:list")),
        ("resolution-detail-phone", detail),
    ):
        page.goto(live_server.url + url)
        _shot(page, artifacts_dir, name)
        _no_sideways_scroll(page)
    page.get_by_text("Gia hạn giải quyết").first.click()
    _shot(page, artifacts_dir, "resolution-extend-form-phone")
    _no_sideways_scroll(page)
    assert page.foreign_requests == []
