"""Test-wide switches: which real services a run must have.

Tests marked `postgres`, `redis` or `browser` need that real service. Where it is missing they
are skipped, unless the matching REQUIRE_* variable is set (as `.ci/run` does): then they fail,
so CI can never pass by quietly skipping them.
"""

from __future__ import annotations

import os

import pytest


def required(name: str) -> bool:
    return os.environ.get(name, "").lower() in {"1", "true", "yes"}


def skip_or_fail(requirement: str, reason: str) -> None:
    if required(requirement):
        pytest.fail(f"{reason} ({requirement}=1 requires it)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _needs_postgres(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("postgres") is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        skip_or_fail("REQUIRE_POSTGRES", "needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture(autouse=True)
def _needs_redis(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("redis") is None:
        return
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        skip_or_fail("REQUIRE_REDIS", f"needs Redis at {url}")


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium_browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium driven by Playwright (Playwright cannot download its own here)."""
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(path):
        skip_or_fail("REQUIRE_BROWSER", f"needs Chromium at {path} (apt-get install chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium_browser, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A fresh browser page that records every request to another host."""
    viewport = getattr(request, "param", {"width": 1280, "height": 800})
    context = chromium_browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    page.foreign_requests = []  # type: ignore[attr-defined]

    def record(req) -> None:  # type: ignore[no-untyped-def]
        host = req.url.split("/")[2] if "://" in req.url else ""
        if req.url.startswith(("http://", "https://")) and not host.startswith(
            ("localhost", "127.0.0.1")
        ):
            page.foreign_requests.append(req.url)  # type: ignore[attr-defined]

    page.on("request", record)
    yield page
    context.close()


@pytest.fixture
def artifacts_dir() -> str:
    path = os.path.join(os.path.dirname(__file__), "test-artifacts")
    os.makedirs(path, exist_ok=True)
    return path


@pytest.fixture
def smtp_server(settings):  # type: ignore[no-untyped-def]
    """A real SMTP server on loopback (aiosmtpd); Django's SMTP backend sends to it."""
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self) -> None:
            self.messages: list[dict[str, object]] = []

        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def] # noqa: N802
            self.messages.append(
                {
                    "from": envelope.mail_from,
                    "to": list(envelope.rcpt_tos),
                    "raw": envelope.original_content or envelope.content,
                }
            )
            return "250 OK"

    import socket

    with socket.socket() as probe:  # a free port: the controller checks readiness by connecting
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()
