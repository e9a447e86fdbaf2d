"""`manage.py deadline`: due date on the first line, one explanation line, exit code 2 on errors."""

import io
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tiepdan.deadlines.rules import RULES

REPO_ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db


def run(*args: str) -> list[str]:
    out = io.StringIO()
    with translation.override("en"):
        call_command("deadline", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.parametrize(
    ("args", "due", "rule_and_source"),
    [
        pytest.param(("TC-01", "2026-02-13"), "2026-03-03", ("TC-01", "LTC Art. 24.1"),
                     id="tc01-seven-working-days-skip-tet-2026"),
        pytest.param(("KN-03", "2026-01-05"), "2026-02-04", ("KN-03", "LKN Art. 28"),
                     id="kn03-thirty-calendar-days"),
        pytest.param(("KN-02", "2026-06-20"), "2026-06-30", ("KN-02a", "LKN Art. 27, 36.1"),
                     id="kn02-family-before-reform-is-kn02a"),
        pytest.param(("KN-02", "2026-07-02"), "2026-07-13", ("KN-02b", "NĐ 155/2026 Art. 10"),
                     id="kn02-family-after-reform-is-kn02b"),
        pytest.param(("KN-03", "2026-01-05", "--complex"), "2026-02-23", ("KN-03", "complex"),
                     id="kn03-complex-flag"),
        pytest.param(("KN-03", "2026-01-05", "--complex", "--remote"), "2026-03-06",
                     ("KN-03", "remote"), id="kn03-complex-remote-flags"),
        pytest.param(("TC-05", "2026-03-02", "--especially-complex", "--extensions", "2"),
                     "2026-06-03", ("TC-05", "2 extensions"), id="tc05-two-extensions"),
    ],
)  # fmt: skip
def test_prints_due_date_then_one_explanation_line(
    args: tuple[str, ...], due: str, rule_and_source: tuple[str, str]
):
    lines = run(*args)
    assert len(lines) == 2
    assert lines[0] == due
    assert all(part in lines[1] for part in rule_and_source)


def test_list_prints_every_rule_with_duration_unit_and_source():
    lines = run("--list")
    assert len(lines) == len(RULES)
    for line, rule in zip(lines, RULES, strict=True):
        assert line.startswith(f"{rule.rule_id}\t{rule.duration_days} ")
        assert rule.source in line
    assert "7 working days" in lines[[r.rule_id for r in RULES].index("KN-02b")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(("NOPE", "2026-01-01"), "NOPE", id="unknown-rule"),
        pytest.param(("KN-03", "2026-02-30"), "2026-02-30", id="impossible-date"),
        pytest.param(("KN-03", "abc"), "abc", id="not-a-date"),
        pytest.param(("KN-14", "2026-06-01"), "2026-07-01", id="rule-not-yet-in-force"),
        pytest.param(("TC-05", "2026-03-02", "--extensions", "1"), "TC-05",
                     id="extension-of-a-simple-case"),
        pytest.param(("KN-03",), "YYYY-MM-DD", id="missing-date"),
    ],
)  # fmt: skip
def test_bad_requests_fail_with_return_code_2(args: tuple[str, ...], message: str):
    with pytest.raises(CommandError, match=message) as caught:
        run(*args)
    assert caught.value.returncode == 2


def test_unknown_rule_exits_2_with_message_on_stderr(tmp_path: Path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "deadline", "NOPE", "2026-01-01"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "NOPE" in result.stderr


def test_errors_are_shown_in_vietnamese_by_default(settings, tmp_path: Path):
    # The build compiles the .mo; here it is compiled into a temporary locale path.
    po_path = REPO_ROOT / "tiepdan" / "deadlines" / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    mo_dir = tmp_path / "vi" / "LC_MESSAGES"
    mo_dir.mkdir(parents=True)
    polib.pofile(str(po_path)).save_as_mofile(str(mo_dir / "django.mo"))
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    with translation.override("vi"), pytest.raises(CommandError) as caught:
        call_command("deadline", "NOPE", "2026-01-01")
    assert str(caught.value) == (
        "Không có quy tắc thời hạn 'NOPE'. Dùng --list để xem các quy tắc."
    )
    out = io.StringIO()
    with translation.override("vi"):
        call_command("deadline", "TC-01", "2026-02-13", stdout=out)
    assert out.getvalue().splitlines()[1] == (
        "TC-01 Xử lý ban đầu thông tin tố cáo: 7 ngày làm việc kể từ ngày tiếp nhận "
        "(2026-02-13) — LTC Art. 24.1"
    )
