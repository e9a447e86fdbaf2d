import pytest
from django.urls import reverse

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.audit.services import audit_record
from tiepdan.organizations.tests.factories import make_unit

pytestmark = pytest.mark.django_db
JOURNAL = reverse("audit:journal")


@pytest.fixture
def unit():
    return make_unit(name="Thanh tra tỉnh Thử")


def test_auditor_reads_the_journal_filtered_by_actor_and_object(client, unit):
    auditor = make_official(unit, Role.AUDITOR, username="kiemtoan")
    alice = make_official(unit, Role.RESOLVER, username="alice")
    bob = make_official(unit, Role.RESOLVER, username="bob")
    audit_record(
        actor=alice,
        action="petition.accept",
        object_type="petitions.Petition",
        object_id=11,
        summary="Alice thụ lý",
    )
    audit_record(
        actor=bob,
        action="petition.accept",
        object_type="petitions.Petition",
        object_id=12,
        summary="Bob thụ lý",
    )
    client.force_login(auditor)

    html = client.get(JOURNAL, {"actor": "alice"}).content.decode()
    assert "Alice thụ lý" in html
    assert "Bob thụ lý" not in html

    html = client.get(
        JOURNAL, {"object_type": "petitions.Petition", "object_id": "12"}
    ).content.decode()
    assert "Bob thụ lý" in html
    assert "Alice thụ lý" not in html


def test_journal_date_filter_and_a_reversed_range_is_explained(client, unit):
    auditor = make_official(unit, Role.AUDITOR)
    audit_record(actor=None, action="x", object_type="t", object_id=1, summary="hôm nay")
    client.force_login(auditor)
    html = client.get(
        JOURNAL, {"date_from": "2000-01-01", "date_to": "2000-01-02"}
    ).content.decode()
    assert "hôm nay" not in html
    html = client.get(
        JOURNAL, {"date_from": "2026-02-02", "date_to": "2026-01-01"}
    ).content.decode()
    assert "Ngày kết thúc không được trước ngày bắt đầu" in html


def test_officials_without_the_auditor_role_cannot_read_the_journal(client, unit):
    officer = make_official(unit, Role.RECEPTION_OFFICER)
    client.force_login(officer)
    response = client.get(JOURNAL)
    assert response.status_code == 403
