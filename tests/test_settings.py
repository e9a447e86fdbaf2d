"""Settings come from the environment; production refuses to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def _django_check(settings_module: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.update({"DJANGO_SETTINGS_MODULE": settings_module, **env})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _django_check("config.settings.production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_starts_with_a_secret_key_and_allowed_hosts():
    result = _django_check(
        "config.settings.production",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="tiepdan.example.gov.vn",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_run_tasks_in_the_request_unless_told_to():
    common = {"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "tiepdan.example.gov.vn"}
    refused = _django_check(
        "config.settings.production", REDIS_URL="", CELERY_BROKER_URL="", **common
    )
    assert refused.returncode != 0
    assert "REDIS_URL" in refused.stderr
    allowed = _django_check(
        "config.settings.production",
        REDIS_URL="",
        CELERY_BROKER_URL="",
        TIEPDAN_ALLOW_NO_BROKER="true",
        **common,
    )
    assert allowed.returncode == 0, allowed.stderr


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_has_unaccent_and_trigram_extensions():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tiepdan_unaccent('Nguyễn Văn Đức'), similarity('abc', 'abd')")
        unaccented, similarity = cursor.fetchone()
    assert unaccented == "Nguyen Van Duc"
    assert 0 < similarity < 1


_LOCAL_PAGES = """
import django
django.setup()
from django.test import Client
client = Client(SERVER_NAME="127.0.0.1")
page = client.get("/tai-khoan/dang-nhap/")
css = client.get("/static/css/tiepdan.css")
print(page.status_code, css.status_code if hasattr(css, "status_code") else "-")
"""


def test_make_run_settings_serve_the_login_page_and_its_stylesheet():
    # `make run` uses config.settings.local, which the rest of the suite does not exercise.
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.update({"DJANGO_SETTINGS_MODULE": "config.settings.local"})
    result = subprocess.run(
        [sys.executable, "-c", _LOCAL_PAGES],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "200"], result.stdout + result.stderr
