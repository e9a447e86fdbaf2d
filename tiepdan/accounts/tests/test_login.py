import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tiepdan.accounts.models import LoginFailure
from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import PASSWORD, make_official
from tiepdan.audit.models import AuditEntry
from tiepdan.organizations.tests.factories import make_unit

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def _login(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_page_is_in_vietnamese_by_default(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html


def test_official_signs_in_and_sees_unit_and_role(client):
    unit = make_unit(name="Ban Tiếp công dân tỉnh Thử")
    official = make_official(unit, Role.RECEPTION_OFFICER, username="letan")
    response = _login(client, "letan", PASSWORD)
    assert response.status_code == 302
    home = client.get(reverse("core:home"))
    html = home.content.decode()
    assert "Ban Tiếp công dân tỉnh Thử" in html
    assert "Cán bộ tiếp công dân" in html
    assert AuditEntry.objects.filter(action="login.success", actor_id=official.pk).exists()


def test_wrong_password_says_what_to_check_and_keeps_the_username(client):
    make_official(username="thanhtra")
    response = _login(client, "thanhtra", "wrong")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    assert 'value="thanhtra"' in html


def test_five_failures_lock_the_account_even_for_the_right_password(client, settings):
    settings.LOGIN_MAX_FAILURES = 5
    make_official(username="canbo")
    for _ in range(5):
        _login(client, "canbo", "wrong")
    response = _login(client, "canbo", PASSWORD)
    assert response.status_code == 200  # still on the login page
    assert "khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert LoginFailure.objects.filter(username="canbo").count() >= 5
    assert AuditEntry.objects.filter(action="login.failure").count() >= 5


def test_lockout_ends_after_the_window(client, settings):
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_LOCKOUT_MINUTES = 15
    make_official(username="canbo")
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(3):
            _login(client, "canbo", "wrong")
        assert _login(client, "canbo", PASSWORD).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
        assert _login(client, "canbo", PASSWORD).status_code == 302


def test_admin_login_goes_through_the_same_lockout(client, settings):
    settings.LOGIN_MAX_FAILURES = 2
    make_official(username="quantri")
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_session_ends_after_idle_minutes(client, settings):
    make_official(username="canbo")
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        assert _login(client, "canbo", PASSWORD).status_code == 302
        assert client.get(reverse("core:home")).status_code == 200
    idle = settings.SESSION_COOKIE_AGE + 60
    with time_machine.travel(start + dt.timedelta(seconds=idle), tick=False):
        response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sign_out_ends_the_session(client):
    make_official(username="canbo")
    _login(client, "canbo", PASSWORD)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:home")).status_code == 302
