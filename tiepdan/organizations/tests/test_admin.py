import pytest
from django.urls import reverse

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.audit.models import AuditEntry
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.organizations.tests.factories import make_unit

pytestmark = pytest.mark.django_db

INLINE = "reception_offices"


def _form(unit_fields: dict, offices: list[dict] | None = None, initial: int = 0) -> dict:
    offices = offices or []
    data = {
        "level": "province",
        "kind": "department",
        "gov_code": "",
        "division_type": "",
        "address": "",
        "phone": "",
        "email": "",
        "valid_from": "",
        "valid_to": "",
        f"{INLINE}-TOTAL_FORMS": str(len(offices)),
        f"{INLINE}-INITIAL_FORMS": str(initial),
        f"{INLINE}-MIN_NUM_FORMS": "0",
        f"{INLINE}-MAX_NUM_FORMS": "1000",
        **unit_fields,
    }
    for i, office in enumerate(offices):
        for key, value in office.items():
            data[f"{INLINE}-{i}-{key}"] = value
    return data


@pytest.fixture
def admin_client(client):
    root = make_unit(name="Ủy ban nhân dân tỉnh Thử")
    admin = make_official(root, Role.SYSTEM_ADMIN, username="quantri")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    client.root = root
    return client


def test_adding_a_unit_in_the_admin_builds_its_path_and_is_audited(admin_client):
    response = admin_client.post(
        reverse("admin:organizations_orgunit_add"),
        _form(
            {"name": "Sở Tư pháp tỉnh Thử", "code": "STP-THU", "parent": admin_client.root.pk},
            offices=[{"name": "Bộ phận tiếp dân Sở", "address": "12 Đường A", "is_active": "on"}],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = OrgUnit.objects.get(code="STP-THU")
    assert unit.path == f"{admin_client.root.path}{unit.pk}/"
    assert ReceptionOffice.objects.get(org_unit=unit).name == "Bộ phận tiếp dân Sở"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"org_unit.create", "reception_office.save"} <= actions
    created = AuditEntry.objects.get(action="org_unit.create", object_id=str(unit.pk))
    assert created.actor_username == "quantri"


def test_changing_a_unit_in_the_admin_records_what_changed(admin_client):
    unit = make_unit(parent=admin_client.root, kind="department", name="Sở cũ", code="SO-CU")
    response = admin_client.post(
        reverse("admin:organizations_orgunit_change", args=[unit.pk]),
        _form(
            {"name": "Sở mới", "code": "SO-CU", "parent": admin_client.root.pk, "remote_area": "on"}
        ),
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="org_unit.update").get()
    assert entry.changes["name"] == {"from": "Sở cũ", "to": "Sở mới"}
    assert entry.changes["remote_area"] == {"from": False, "to": True}


def test_units_cannot_be_deleted_in_the_admin_only_ended(admin_client):
    unit = make_unit(parent=admin_client.root, kind="department")
    response = admin_client.post(
        reverse("admin:organizations_orgunit_delete", args=[unit.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert OrgUnit.objects.filter(pk=unit.pk).exists()
