"""Who may call: a system with a live token (acting as its official), or a signed-in official
from the browser (with CSRF on writes). Everything else is 401, never a redirect to sign in."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from tiepdan.accounts.models import ApiToken
from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.api.services import (
    api_token_authenticate,
    api_token_create,
    api_token_hash,
    api_token_revoke,
)
from tiepdan.api.tests.conftest import Caller, petition_body
from tiepdan.audit.models import AuditEntry
from tiepdan.core.exceptions import PermissionDenied, ValidationFailed

UNAUTHORISED = (
    "Cần xác thực: hãy gửi khóa API hợp lệ trong tiêu đề “Authorization: Bearer <token>”, "
    "hoặc đăng nhập."
)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/petitions"),
        ("post", "/api/v1/petitions"),
        ("get", "/api/v1/petitions/ABCDE23456"),
        ("get", "/api/v1/petitions/ABCDE23456/events"),
        ("post", "/api/v1/petitions/ABCDE23456/actions"),
        ("get", "/api/v1/units"),
    ],
)
def test_a_call_without_credentials_is_401_not_a_redirect(db, client, method, path):
    response = getattr(client, method)(path, content_type="application/json")

    assert response.status_code == 401
    assert response.json() == {"detail": UNAUTHORISED}


@pytest.mark.parametrize(
    "header", ["Bearer not-a-token", "Bearer ", "Token abc", "Basic eHVseWRvbjpwdw=="]
)
def test_a_wrong_token_is_401(caller, world, client, header):
    caller(world.triage)  # a real token exists; these are not it

    response = client.get("/api/v1/petitions", headers={"Authorization": header})

    assert response.status_code == 401


def test_a_revoked_token_is_401(world, today):
    token, raw = api_token_create(actor=None, user=world.triage, name="Cổng dịch vụ công")
    api_token_revoke(actor=None, token=token)

    response = Caller(Client(), raw).get("/petitions")

    assert response.status_code == 401
    assert AuditEntry.objects.filter(action="api_token.revoke").count() == 1


def test_a_disabled_officials_token_is_401(world, today):
    _token, raw = api_token_create(actor=None, user=world.triage, name="Cổng dịch vụ công")
    world.triage.is_active = False
    world.triage.save()

    assert Caller(Client(), raw).get("/petitions").status_code == 401


def test_a_token_acts_with_its_officials_roles(caller, world):
    reception = caller(world.reception)  # may record petitions, not triage them

    created = reception.post("/petitions", petition_body())
    acted = reception.post(
        f"/petitions/{created.json()['reference']}/actions",
        {"action": "file_away", "note": "Không đủ điều kiện"},
    )

    assert created.status_code == 201
    assert created.json()["available_actions"] == []
    assert acted.status_code == 403


def test_only_the_hash_is_stored_and_the_last_use_is_recorded(world, today):
    token, raw = api_token_create(actor=None, user=world.triage, name="Cổng dịch vụ công")

    assert token.key_hash == api_token_hash(raw) != raw
    assert token.prefix == raw[:8]
    assert token.last_used_at is None
    assert api_token_authenticate(raw=raw) == world.triage
    token.refresh_from_db()
    assert token.last_used_at is not None
    entry = AuditEntry.objects.get(action="api_token.create")
    assert raw not in str(entry.changes)
    assert raw not in entry.summary


def test_a_unit_administrator_issues_tokens_for_their_own_units_officials_only(world, today):
    admin_a = make_official(world.board, Role.UNIT_ADMIN, username="quantri.ban")
    admin_c = make_official(world.other, Role.UNIT_ADMIN, username="quantri.xa")

    api_token_create(actor=admin_a, user=world.triage, name="Hệ thống một cửa")
    with pytest.raises(PermissionDenied):
        api_token_create(actor=admin_c, user=world.triage, name="Hệ thống một cửa")
    with pytest.raises(PermissionDenied):
        api_token_create(actor=world.triage, user=world.triage, name="Của tôi")
    with pytest.raises(ValidationFailed):
        api_token_create(actor=admin_a, user=world.triage, name="  ")


def test_the_command_prints_a_working_token_once(world, today):
    out, err = io.StringIO(), io.StringIO()

    call_command("api_token_create", "xulydon", "Cổng dịch vụ công tỉnh", stdout=out, stderr=err)

    raw = out.getvalue().strip()
    assert Caller(Client(), raw).get("/petitions").status_code == 200
    assert ApiToken.objects.get().name == "Cổng dịch vụ công tỉnh"
    assert raw not in err.getvalue()


def test_a_signed_in_official_can_read_with_the_session(world, today):
    browser = Client()
    browser.force_login(world.triage)

    response = browser.get("/api/v1/petitions")

    assert response.status_code == 200


def test_a_session_write_needs_the_csrf_token(world, today):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.triage)
    browser.get("/api/v1/docs")  # the docs page sets the CSRF cookie, as in a browser
    body = Caller(browser, None)

    refused = body.post("/petitions", petition_body())
    accepted = body.post(
        "/petitions", petition_body(), **{"X-CSRFToken": browser.cookies["csrftoken"].value}
    )

    assert refused.status_code == 403
    assert refused.json() == {
        "detail": "Kiểm tra CSRF không thành công: hãy tải lại trang rồi thử lại."
    }
    assert accepted.status_code == 201


def test_a_token_call_needs_no_csrf_token(caller, world):
    token_caller = caller(world.triage)
    token_caller.client = Client(enforce_csrf_checks=True)

    assert token_caller.post("/petitions", petition_body()).status_code == 201


def test_the_admin_site_issues_a_token_and_shows_it_once(world, today, admin_client):
    response = admin_client.post(
        "/admin/accounts/apitoken/add/",
        {"user": world.triage.pk, "name": "Hệ thống một cửa"},
        follow=True,
    )

    token = ApiToken.objects.get()
    (message,) = [str(m) for m in response.context["messages"] if "sao chép" in str(m)]
    raw = message.rsplit(" ", 1)[-1]
    assert api_token_hash(raw) == token.key_hash
    assert AuditEntry.objects.filter(action="api_token.create").count() == 1
