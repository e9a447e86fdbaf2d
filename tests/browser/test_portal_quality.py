"""The public portal's quality in Chromium: axe-core finds no serious or critical violation, on a
phone and on a desktop, and no page asks anything of another host (no CDN, font or analytics).

A page is added by listing its address in PAGES, with what to do on it before the check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.browser.axe import axe_report, axe_violations
from tiepdan.core import clock
from tiepdan.petitions.tests.conftest import world  # noqa: F401  (shared fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}


def _publication(w: Any) -> str:
    from tiepdan.resolution.tests.publication_helpers import decided_case, published

    return reverse("portal:detail", args=[published(w, decided_case(w)).slug])


def _results(w: Any) -> str:
    """The results list with one published text in it."""
    _publication(w)
    return reverse("portal:index")


def _tracked(w: Any) -> str:
    """A petition sent to the commune and transferred on: its status page has steps to show."""
    from tiepdan.petitions.services import petition_transition
    from tiepdan.petitions.tests.conftest import receive

    petition = receive(w, kind="recommendation")
    w.tracked = (petition.tracking_code, petition.tracking_pin)
    petition_transition(
        actor=w.triage, petition_id=petition.pk, action="transfer", to_unit=w.commune
    )
    return "/cong-khai/tra-cuu/"


def _schedule(w: Any) -> str:
    """The schedule with one upcoming session, so the page has a row to check."""
    from tiepdan.accounts.roles import Role
    from tiepdan.accounts.tests.factories import make_official
    from tiepdan.organizations.models import ReceptionOffice
    from tiepdan.reception.models import HeadKind
    from tiepdan.reception.services import session_schedule

    day = clock.today() + dt.timedelta(days=14)
    day += dt.timedelta(days=(1 - day.weekday()) % 7)  # a Tuesday: never a weekend
    session_schedule(
        actor=make_official(w.commune, Role.RECEPTION_OFFICER, username="xa.letan"),
        unit=w.commune,
        head=w.commune_leader,
        head_kind=HeadKind.COMMUNE_CHAIR,
        kind="ad_hoc",
        starts_at=dt.datetime.combine(day, dt.time(1, 0), tzinfo=dt.UTC),  # 08:00 in Hà Nội
        office=ReceptionOffice.objects.create(
            org_unit=w.commune, name="Trụ sở tiếp công dân xã", address="Xóm 1, xã Đại Từ"
        ),
    )
    return reverse("portal:schedule")


def _send_empty_filing(page: Any, w: Any) -> None:
    page.locator('button[name="action"][value="send"]').click()
    page.wait_for_load_state("load")


def _track_unknown_code(page: Any, w: Any) -> None:
    form = page.locator('main form[action$="/tra-cuu/"]')
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")


def _track_with_the_pin(page: Any, w: Any) -> None:
    code, pin = w.tracked
    page.locator("#id_code").fill(code)
    page.locator("#id_pin").fill(pin)
    page.locator('main form[action$="/tra-cuu/"] button[type=submit]').click()
    page.wait_for_load_state("load")
    assert page.locator("main form[action$='/tra-cuu/dong/']").count() == 1  # unlocked


class Page:
    """A portal page to check: its address (given the world) and what to do on it first."""

    def __init__(
        self, address: Callable[[Any], str], then: Callable[[Any, Any], None] | None = None
    ) -> None:
        self.address, self.then = address, then


PAGES: dict[str, Page] = {
    "results": Page(_results),
    "published-text": Page(_publication),
    "schedule": Page(_schedule),
    "filing": Page(lambda w: "/cong-khai/gui-don/"),
    # The error summary and the messages next to the fields, after sending an empty form.
    "filing-errors": Page(lambda w: "/cong-khai/gui-don/", _send_empty_filing),
    "tracking": Page(lambda w: "/cong-khai/tra-cuu/"),
    "tracking-errors": Page(lambda w: "/cong-khai/tra-cuu/", _track_unknown_code),
    "tracking-status": Page(_tracked, _track_with_the_pin),
}


def _record_requests(page: Any) -> list[str]:
    """Every URL the page requests (documents, styles, scripts, images, fonts, XHR)."""
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


def _wider_than_the_screen(page: Any) -> list[str]:
    """The innermost elements that stick out to the right of the viewport."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          // An element sticks out, or its content does (a long word overflowing its box).
          const out = [...document.querySelectorAll("body *")].filter(
            (e) => e.getBoundingClientRect().right > width + 1
              || e.getBoundingClientRect().left + e.scrollWidth > width + 1);
          return out.filter((e) => !out.some((o) => o !== e && e.contains(o)))
            .map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
              + (e.className && typeof e.className === "string" ? "." + e.className : "")
              + " “" + (e.innerText || "").slice(0, 40) + "”");
        }"""
    )


@pytest.mark.parametrize("where", list(PAGES), ids=list(PAGES))
@pytest.mark.parametrize("page", [PHONE, DESKTOP], indirect=True, ids=["phone", "desktop"])
def test_a_portal_page_is_accessible_and_asks_nothing_of_other_hosts(
    page,
    live_server,
    world,  # noqa: F811
    where: str,
):
    checked = PAGES[where]
    requests = _record_requests(page)
    response = page.goto(live_server.url + checked.address(world))
    assert response is not None
    assert response.status == 200
    page.wait_for_load_state("load")
    if checked.then is not None:
        checked.then(page, world)

    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("main#main").count() == 1
    violations = axe_violations(page)
    assert violations == [], axe_report(violations)
    # No sideways scrolling (WCAG 1.4.10 reflow); the message names what sticks out.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], _wider_than_the_screen(page)
    assert requests, "the request listener saw nothing"
    assert _foreign(requests, live_server.url) == []


@pytest.mark.parametrize("page", [PHONE], indirect=True, ids=["phone"])
def test_the_first_tab_shows_a_skip_link_that_moves_focus_to_the_content(page, live_server):
    page.goto(live_server.url + reverse("portal:index"))
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box is not None
    assert box["y"] >= 0  # on screen when focused
    assert box["width"] > 1
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # a visible focus indicator (WCAG 2.4.7)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("page", [DESKTOP], indirect=True, ids=["desktop"])
def test_the_axe_check_does_find_violations(page):
    """The check itself works offline: a page with known faults is reported."""
    page.set_content(
        '<html><body><main><p style="color:#bbb;background:#fff">Chữ mờ</p>'
        '<input type="text"></main></body></html>'
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"color-contrast", "html-has-lang"} <= found
