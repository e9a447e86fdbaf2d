import os

import pytest
from celery.backends.redis import RedisBackend
from celery.contrib.testing.worker import start_worker
from celery.result import AsyncResult
from django.db import connection

from config.celery import app
from tiepdan.audit.models import AuditEntry
from tiepdan.audit.services import audit_record
from tiepdan.audit.tasks import audit_chain_verify_task


@pytest.mark.django_db
def test_nightly_check_reports_the_broken_entry():
    for i in range(3):
        audit_record(actor=None, action="x", object_type="t", object_id=i)
    assert audit_chain_verify_task.delay().get() == {"checked": 3, "broken_seq": None}
    _tamper(seq=2)
    assert audit_chain_verify_task.delay().get() == {"checked": 1, "broken_seq": 2}


def test_nightly_check_is_scheduled_on_celery_beat(settings):
    jobs = {job["task"] for job in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "audit.audit_chain_verify" in jobs


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_nightly_check_runs_on_a_real_worker_through_redis():
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    for i in range(3):
        audit_record(actor=None, action="x", object_type="t", object_id=i)
    _tamper(seq=3)
    keys = ("broker_url", "result_backend", "task_always_eager")
    previous = {k: app.conf[k] for k in keys}
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    # Celery caches the result backend per thread: read the result through one made here.
    backend = RedisBackend(app=app, url=url)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            # Publish on an explicit Redis connection: the app may hold a producer pool made for
            # the in-memory broker by earlier (eager) tests.
            with app.connection_for_write(url) as connection:
                sent = audit_chain_verify_task.apply_async(
                    ignore_result=False, connection=connection
                )
            result = AsyncResult(sent.id, backend=backend, app=app).get(timeout=30)
    finally:
        app.conf.update(previous)
    assert result == {"checked": 2, "broken_seq": 3}


def _tamper(*, seq: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET action = 'y' WHERE seq = %s",
            [seq],
        )
