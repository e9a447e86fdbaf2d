"""The notifications page and the unread count in the top bar."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.notifications.models import Notification
from tiepdan.notifications.services import notification_send
from tiepdan.organizations.tests.factories import make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def official():
    return make_official(make_unit(), Role.TRIAGE_OFFICER)


def _send(user, title="Có đơn được chuyển đến đơn vị: ABCDE23456", link="/don-thu/ABCDE23456/"):
    (row,) = notification_send(recipients=[user], title=title, link=link)
    return row


def test_the_list_shows_unread_notifications_and_the_bell_counts_them(client, official):
    _send(official)
    _send(official, title="Bạn được giao xử lý đơn")
    client.force_login(official)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "Có đơn được chuyển đến đơn vị" in html
    assert html.count("notification--unread") == 2
    assert 'class="bell__count">2' in html
    home = client.get(reverse("core:home")).content.decode()
    assert 'class="bell__count">2' in home


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, official):
    row = _send(official)
    client.force_login(official)
    response = client.post(
        reverse("notifications:mark_read", kwargs={"pk": row.pk}), {"next": row.link}
    )
    assert response.status_code == 302
    assert response["Location"] == "/don-thu/ABCDE23456/"
    row.refresh_from_db()
    assert row.read_at is not None


def test_a_link_to_another_site_is_not_followed(client, official):
    row = _send(official)
    client.force_login(official)
    response = client.post(
        reverse("notifications:mark_read", kwargs={"pk": row.pk}), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("notifications:list")


def test_mark_all_read_clears_the_count(client, official):
    _send(official)
    _send(official)
    client.force_login(official)
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(recipient=official, read_at=None).exists()
    html = client.get(reverse("notifications:list")).content.decode()
    assert "bell__count" not in html


def test_an_official_cannot_mark_anothers_notification(client, official):
    other = make_official(make_unit(), Role.TRIAGE_OFFICER)
    row = _send(other)
    client.force_login(official)
    client.post(reverse("notifications:mark_read", kwargs={"pk": row.pk}))
    row.refresh_from_db()
    assert row.read_at is None
    assert "Có đơn được chuyển" not in client.get(reverse("notifications:list")).content.decode()


def test_reading_the_list_needs_post_to_change_anything(client, official):
    row = _send(official)
    client.force_login(official)
    assert client.get(reverse("notifications:mark_read", kwargs={"pk": row.pk})).status_code == 405
    row.refresh_from_db()
    assert row.read_at is None
