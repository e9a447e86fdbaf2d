"""Driving pages by keyboard in the browser tests: sign in, tab to an element, screenshots."""

from __future__ import annotations

import os
from typing import Any

from django.urls import reverse

from tiepdan.accounts.tests.factories import PASSWORD


def shot(page: Any, artifacts_dir: str, name: str) -> None:
    page.screenshot(path=os.path.join(artifacts_dir, f"{name}.png"), full_page=True)


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    page.keyboard.type(username)  # the username field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("core:home"))


def focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {id: e.id, tag: e.tagName, text: (e.innerText || '').trim()}; }"
    )


def tab_to(
    page: Any, *, element_id: str | None = None, text: str | None = None, limit: int = 80
) -> None:
    """Press Tab until the focus is on the element with this id (or whose text starts so)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if (element_id and now["id"] == element_id) or (text and now["text"].startswith(text)):
            return
    raise AssertionError(f"Tab never reached {element_id or text}")


def no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
