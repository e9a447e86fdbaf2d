import itertools
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tiepdan.audit.models import AuditChainHead, AuditEntry
from tiepdan.audit.services import audit_chain_verify, audit_record
from tiepdan.organizations.tests.factories import make_unit

pytestmark = pytest.mark.django_db


def _fill(n: int = 5) -> list[AuditEntry]:
    unit = make_unit(name="Thanh tra tỉnh Thử")
    return [
        audit_record(actor=None, action="test.action", obj=unit, summary=f"lần {i}")
        for i in range(n)
    ]


def _raw(sql: str, params: list) -> None:
    # Tampering straight in the database, as someone with database access could.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_each_entry_links_to_the_hash_of_the_one_before():
    entries = _fill(3)
    last = AuditEntry.objects.order_by("seq")
    pairs = list(itertools.pairwise(last))
    assert all(b.prev_hash == a.hash for a, b in pairs)
    assert AuditChainHead.objects.get().last_seq == entries[-1].seq


def test_verify_audit_passes_on_an_untouched_journal():
    _fill()
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact" in out.getvalue()


def test_changing_one_row_makes_verify_audit_fail_and_name_that_entry():
    entries = _fill()
    target = entries[2]
    _raw(f"UPDATE {AuditEntry._meta.db_table} SET summary = %s WHERE seq = %s", ["sửa", target.seq])
    with pytest.raises(CommandError) as info:
        call_command("verify_audit", stdout=StringIO())
    assert info.value.returncode == 1
    assert f"#{target.seq}" in str(info.value)


def test_changing_the_actor_of_a_row_is_detected():
    entries = _fill()
    _raw(
        f"UPDATE {AuditEntry._meta.db_table} SET actor_username = %s WHERE seq = %s",
        ["someone_else", entries[0].seq],
    )
    _checked, broken = audit_chain_verify()
    assert broken is not None
    assert broken.seq == entries[0].seq


def test_deleting_a_row_is_detected_at_the_gap():
    entries = _fill()
    _raw(f"DELETE FROM {AuditEntry._meta.db_table} WHERE seq = %s", [entries[1].seq])
    _checked, broken = audit_chain_verify()
    assert broken is not None
    assert broken.seq == entries[1].seq
    assert "missing" in broken.reason


def test_deleting_the_last_rows_is_detected_by_the_chain_head():
    entries = _fill()
    _raw(f"DELETE FROM {AuditEntry._meta.db_table} WHERE seq >= %s", [entries[3].seq])
    _checked, broken = audit_chain_verify()
    assert broken is not None
    assert broken.seq == entries[3].seq


def test_rewriting_a_row_with_a_fresh_hash_still_breaks_the_next_link():
    entries = _fill()
    _raw(
        f"UPDATE {AuditEntry._meta.db_table} SET hash = %s WHERE seq = %s",
        ["f" * 64, entries[1].seq],
    )
    _checked, broken = audit_chain_verify()
    assert broken is not None
    assert broken.seq == entries[1].seq


def test_verify_audit_exits_non_zero_from_the_command_line(tmp_path):
    import subprocess
    import sys

    # A real process against a real SQLite file: the exit code is what an operator's script sees.
    db = tmp_path / "audit.sqlite3"
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{db}",
    }
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "manage.py", *args], env=env, capture_output=True, text=True, check=False
    )
    assert run("migrate", "-v0").returncode == 0
    assert run("shell", "-c", _SHELL_FILL).returncode == 0
    assert run("verify_audit").returncode == 0
    assert run("shell", "-c", _SHELL_TAMPER).returncode == 0
    result = run("verify_audit")
    assert result.returncode == 1
    assert "#2" in result.stderr


_SHELL_FILL = (
    "from tiepdan.audit.services import audit_record\n"
    "for i in range(3): audit_record(actor=None, action='x', object_type='t', object_id=i)\n"
)
_SHELL_TAMPER = (
    "from tiepdan.audit.models import AuditEntry\n"
    "AuditEntry.objects.filter(seq=2).update(action='y')\n"
)
