"""The officials' pages in a real browser (Debian's Chromium), on a laptop and on a phone."""

import os

import pytest
from django.urls import reverse

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import PASSWORD, make_official
from tiepdan.organizations.tests.factories import make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("page", [LAPTOP, PHONE], indirect=True, ids=["laptop", "phone"])
def test_official_signs_in_and_lands_on_home_with_unit_and_role(
    page, live_server, artifacts_dir, request
):
    unit = make_unit(name="Ban Tiếp công dân tỉnh Thử")
    make_official(unit, Role.RECEPTION_OFFICER, username="letan")
    device = request.node.callspec.id

    page.goto(live_server.url + reverse("accounts:login"))
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Đăng nhập dành cho cán bộ").is_visible()
    page.screenshot(path=os.path.join(artifacts_dir, f"login-{device}.png"), full_page=True)

    page.get_by_label("Tên đăng nhập").fill("letan")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + reverse("core:home"))
    assert page.get_by_text("Ban Tiếp công dân tỉnh Thử").is_visible()
    assert page.get_by_text("Cán bộ tiếp công dân").first.is_visible()
    page.screenshot(path=os.path.join(artifacts_dir, f"home-{device}.png"), full_page=True)
    # Nothing fits wider than the screen (no sideways scrolling on a phone).
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]
    assert page.foreign_requests == []


@pytest.mark.parametrize("page", [LAPTOP], indirect=True, ids=["laptop"])
def test_wrong_password_shows_an_error_summary_in_vietnamese(page, live_server):
    make_official(username="canbo")
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Tên đăng nhập").fill("canbo")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    alert = page.get_by_role("alert")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in alert.inner_text()
    assert page.get_by_label("Tên đăng nhập").input_value() == "canbo"


@pytest.mark.parametrize("page", [LAPTOP], indirect=True, ids=["laptop"])
def test_language_can_be_switched_to_english(page, live_server):
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Đổi").click()
    assert page.get_by_role("heading", name="Sign in for officials").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
