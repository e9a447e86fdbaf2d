"""Every URL declares who may open it, and anonymous visitors are sent to sign in."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tiepdan.api.access import API
from tiepdan.core.access import PUBLIC, access_rule_of

# The admin site checks staff status itself (AdminSite.admin_view) and its sign-in page is
# redirected to ours; its routes are the only ones without a rule of ours.
ADMIN_PREFIX = "admin/"


def _walk(
    patterns: list, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, object]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            yield prefix + str(entry.pattern), name, entry.callback


def _routes() -> list[tuple[str, str, object]]:
    return [r for r in _walk(get_resolver().url_patterns) if not r[0].startswith(ADMIN_PREFIX)]


def test_every_route_declares_an_access_rule():
    missing = [route for route, _name, view in _routes() if access_rule_of(view) is None]
    assert missing == [], f"routes without an access rule: {missing}"


def test_the_walk_finds_the_routes_it_should():
    names = {name for _route, name, _view in _routes()}
    assert {"core:home", "accounts:login", "audit:journal"} <= names


def _sample_path(route: str) -> str:
    """A concrete path for a route pattern: converters get a plausible value."""
    path = re.sub(r"<int:\w+>", "1", route)
    path = re.sub(r"<(?:str|slug):\w+>", "abc", path)
    path = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", path)
    path = re.sub(r"<path:\w+>", "a/b", path)
    path = re.sub(r"<\w+>", "abc", path)
    return "/" + path.lstrip("^").rstrip("$")


@pytest.mark.django_db
def test_anonymous_request_to_any_staff_page_redirects_to_login(client):
    login = reverse("accounts:login")
    staff_routes = [
        (route, name)
        for route, name, view in _routes()
        if access_rule_of(view) not in (PUBLIC, API)
    ]
    assert staff_routes, "there should be staff pages to check"
    for route, _name in staff_routes:
        path = _sample_path(route)
        response = client.get(path)
        assert response.status_code == 302, f"{path} answered {response.status_code}"
        assert response["Location"].startswith(login), f"{path} → {response['Location']}"


@pytest.mark.django_db
def test_anonymous_call_to_any_api_route_is_refused_with_401_not_redirected(client):
    # API routes authenticate with a token: a redirect to the sign-in page would mean nothing to
    # a calling system. GET and POST both, as a route answers only some methods (405 otherwise).
    api_routes = [route for route, _name, view in _routes() if access_rule_of(view) == API]
    assert api_routes, "there should be API routes to check"
    for route in api_routes:
        path = _sample_path(route)
        statuses = [client.get(path).status_code, client.post(path).status_code]
        assert set(statuses) <= {401, 405}, f"{path} answered {statuses}"
        assert 401 in statuses, f"{path} answered {statuses}"


@pytest.mark.django_db
def test_anonymous_request_to_the_admin_site_redirects_to_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain
    assert response.request["PATH_INFO"] == reverse("accounts:login")


@pytest.mark.django_db
def test_health_check_is_public(client):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
