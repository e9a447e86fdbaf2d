"""The public portal in a real browser on a phone: a published conclusion, no denouncer, no
request to another host; and the official's review page on a laptop."""

import os

import pytest
from django.urls import reverse

from tiepdan.accounts.tests.factories import PASSWORD
from tiepdan.core.text import fold
from tiepdan.petitions.tests.conftest import world  # noqa: F401  (shared fixture)
from tiepdan.resolution.publication import publication_draft
from tiepdan.resolution.tests.publication_helpers import ACCUSED, decided_case, published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


@pytest.mark.parametrize("page", [PHONE], indirect=True, ids=["phone"])
def test_a_citizen_reads_a_published_conclusion_on_a_phone(
    page,
    live_server,
    artifacts_dir,
    world,  # noqa: F811
):
    publication = published(world, decided_case(world))

    page.goto(live_server.url + reverse("portal:index"))
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Công khai")
    page.get_by_label("Từ cần tìm").fill("dia chinh")
    page.get_by_role("button", name="Tìm kiếm", exact=True).click()
    page.wait_for_url("**/cong-khai/?q=dia+chinh*")
    page.screenshot(path=os.path.join(artifacts_dir, "portal-list-phone.png"), full_page=True)
    page.get_by_role("link", name=publication.title).click()
    page.wait_for_url(f"**/cong-khai/{publication.slug}/")

    text = page.locator("main").inner_text()
    assert ACCUSED in text
    assert "Công khai đến ít nhất ngày" in text
    for trace in ("nguyen van duc", "nguyen van", "van duc", "019085001234", "dong tam"):
        assert trace not in fold(page.content())
    page.screenshot(path=os.path.join(artifacts_dir, "portal-detail-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.foreign_requests == []


@pytest.mark.parametrize("page", [LAPTOP], indirect=True, ids=["laptop"])
def test_the_leader_reviews_and_approves_a_draft(
    page,
    live_server,
    artifacts_dir,
    world,  # noqa: F811
):
    draft = publication_draft(actor=world.resolver, resolution_id=decided_case(world).pk)
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Tên đăng nhập").fill(world.leader.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + reverse("core:home"))

    page.goto(live_server.url + reverse("publication:review", args=[draft.slug]))
    assert page.get_by_text("họ tên người tố cáo (2 chỗ)").is_visible()
    page.screenshot(
        path=os.path.join(artifacts_dir, "publication-review-laptop.png"), full_page=True
    )
    page.get_by_role("button", name="Duyệt và công khai").click()
    assert page.get_by_text("Đã duyệt: văn bản đã được đăng trên cổng công khai.").is_visible()
    page.get_by_role("link", name="Xem trên cổng công khai").click()
    page.wait_for_url(f"**/cong-khai/{draft.slug}/")
    page.goto(live_server.url + reverse("publication:list"))
    assert page.get_by_role("link", name=draft.title).is_visible()
    page.screenshot(path=os.path.join(artifacts_dir, "publication-list-laptop.png"), full_page=True)
    assert page.foreign_requests == []
