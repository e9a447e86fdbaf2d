import email
from email import policy

import pytest

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.notifications.models import Notification
from tiepdan.notifications.services import notification_send
from tiepdan.organizations.tests.factories import make_unit

pytestmark = pytest.mark.django_db


def test_notification_is_emailed_through_a_real_smtp_server_after_commit(
    smtp_server, django_capture_on_commit_callbacks
):
    official = make_official(make_unit(), Role.TRIAGE_OFFICER, username="canbo")
    official.email = "canbo@example.gov.vn"
    official.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipients=[official, official],
            title="Đơn ABCDE-FGHJK đã quá hạn",
            body="Thời hạn TC-01 đã qua.",
            link="/don-thu/ABCDEFGHJK/",
        )
    assert Notification.objects.filter(recipient=official).count() == 1  # once, not twice
    assert len(smtp_server.messages) == 1
    message = email.message_from_bytes(smtp_server.messages[0]["raw"], policy=policy.default)
    assert smtp_server.messages[0]["to"] == ["canbo@example.gov.vn"]
    assert message["Subject"] == "Đơn ABCDE-FGHJK đã quá hạn"
    body = message.get_content()
    assert "Thời hạn TC-01 đã qua." in body
    assert "/don-thu/ABCDEFGHJK/" in body
    assert Notification.objects.get().emailed_at is not None


def test_nothing_is_sent_when_the_transaction_rolls_back(smtp_server):
    official = make_official(make_unit(), Role.TRIAGE_OFFICER)
    official.email = "a@example.gov.vn"
    official.save()
    notification_send(recipients=[official], title="x")
    # No on_commit ran (the test transaction never commits): the mail must not have left.
    assert smtp_server.messages == []


def test_an_unreachable_mail_server_is_retried_not_lost(settings):
    from tiepdan.notifications.services import notification_email

    official = make_official(make_unit(), Role.TRIAGE_OFFICER)
    official.email = "a@example.gov.vn"
    official.save()
    (row,) = notification_send(recipients=[official], title="x")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with pytest.raises(OSError):
        notification_email(notification_ids=[row.pk])
    row.refresh_from_db()
    assert row.emailed_at is None  # still pending: the task's retry will send it
