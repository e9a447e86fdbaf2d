"""A citizen's whole journey on the public portal, in Chromium on a phone: file a denunciation
with a PDF, keep the code and the PIN, and later see that an official transferred it.

Nothing is mocked: the live server, the real filing and tracking services, the real database.
Every request the browser makes is recorded: the portal must never ask another host for anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.browser.axe import axe_report, axe_violations
from tiepdan.petitions.tests.conftest import world  # noqa: F401  (shared fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}
CITIZEN_ID = "019085001234"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The filing and tracking limits count per IP in the cache, shared with the live server.
    cache.clear()
    yield
    cache.clear()


def minimal_pdf(path: Path) -> Path:
    """A small but well-formed one-page PDF (header, objects, xref table with true offsets)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
    xref_at = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    body += f"startxref\n{xref_at}\n%%EOF\n".encode()
    path.write_bytes(body)
    return path


def _record_requests(page: Any) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def _foreign(urls: list[str], live_url: str) -> list[str]:
    own = urlsplit(live_url).netloc
    return [
        url
        for url in urls
        if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc != own
    ]


def _assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], axe_report(violations)
    # No sideways scrolling on the phone (WCAG 1.4.10 reflow).
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _file_a_denunciation(page: Any, w: Any, attachment: Path) -> None:
    page.locator('input[name="kind"][value="denunciation"]').check()
    # The agency list starts with every unit that receives petitions online.
    page.locator("#id_unit").select_option(label=w.board.name)
    page.locator("#id_full_name").fill("Nguyễn Thị Hoa")
    page.locator("#id_citizen_id").fill(CITIZEN_ID)
    page.locator("#id_address").fill("Tổ 5, phường Phan Đình Phùng, Thái Nguyên")
    page.locator("#id_phone").fill("0912345678")
    page.locator("#id_summary").fill("Tố cáo cán bộ địa chính xã nhận tiền khi cấp sổ đỏ")
    page.locator("#id_content").fill("Ông Trần Văn Nam, cán bộ địa chính, nhận 20 triệu đồng.")
    page.locator("#id_respondent_name").fill("Trần Văn Nam")
    page.locator("#id_attachments").set_input_files(str(attachment))
    page.locator("#id_consent").check()
    page.locator('button[name="action"][value="send"]').click()
    page.locator("#done-title").wait_for()


@pytest.mark.parametrize("page", [PHONE], indirect=True, ids=["phone"])
def test_a_citizen_files_a_denunciation_and_sees_it_transferred(
    page,
    live_server,
    world,  # noqa: F811
    tmp_path,
):
    from tiepdan.petitions.models import Attachment, Petition
    from tiepdan.petitions.services import petition_transition

    requests = _record_requests(page)

    # From the portal's home, the big "send" action leads to the form.
    page.goto(live_server.url + reverse("portal:index"))
    page.locator(".portal-actions a[href$='/gui-don/']").click()
    page.wait_for_url("**/cong-khai/gui-don/")
    _file_a_denunciation(page, world, minimal_pdf(tmp_path / "bang-chung.pdf"))

    # The confirmation shows the code and the PIN (once); the PIN is written down.
    secrets = page.locator(".filing__secrets dd")
    assert secrets.count() == 2
    code, pin = secrets.nth(0).inner_text().strip(), secrets.nth(1).inner_text().strip()
    assert len(pin) == 6
    assert pin.isdigit()
    assert page.locator("html").get_attribute("lang") == "vi"
    _assert_accessible(page)

    petition = Petition.objects.get()
    assert petition.kind == "denunciation"
    assert petition.channel == "portal"
    assert petition.receiving_unit == world.board
    assert Attachment.objects.get(petition=petition).content_type == "application/pdf"

    # An official of the receiving board transfers it to the commune.
    petition_transition(
        actor=world.triage,
        petition_id=petition.pk,
        action="transfer",
        to_unit=world.commune,
        note="Thuộc thẩm quyền xã",
    )

    # Later, the citizen follows it with the code and the PIN.
    page.goto(live_server.url + reverse("portal:tracking"))
    page.locator("#id_code").fill(code)
    page.locator("#id_pin").fill(pin)
    page.locator('main form[action$="/tra-cuu/"] button[type=submit]').click()
    page.wait_for_load_state("load")
    main = page.locator("main#main")
    assert f"Đã chuyển đến {world.commune.name}" in main.inner_text()
    assert "Thuộc thẩm quyền xã" not in main.inner_text()  # never the officials' note
    _assert_accessible(page)

    assert requests, "the request listener saw nothing"
    assert _foreign(requests, live_server.url) == []


PORTAL_LINKS = ("/cong-khai/gui-don/", "/cong-khai/tra-cuu/", "/cong-khai/", "/lich-tiep-dan/")


@pytest.mark.parametrize("page", [PHONE], indirect=True, ids=["phone"])
def test_every_portal_page_leads_to_filing_tracking_results_and_schedule(
    page,
    live_server,
    world,  # noqa: F811
):
    addresses = [
        reverse("portal:index"),
        reverse("portal:filing"),
        reverse("portal:tracking"),
        reverse("portal:schedule"),
    ]
    for address in addresses:
        page.goto(live_server.url + address)
        links = page.locator("nav.portalnav a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        for wanted in PORTAL_LINKS:
            assert any(href and href.endswith(wanted) for href in hrefs), (address, hrefs)
        # The page's own link says so to screen readers, and no other does.
        current = page.locator('nav.portalnav a[aria-current="page"]')
        assert current.count() == 1
        assert current.get_attribute("href") == address
