from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tiepdan.accounts.models import Membership, User
from tiepdan.accounts.roles import Role
from tiepdan.audit.models import AuditEntry
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.petitions.models import Petition

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple[int, ...]:
    return (
        OrgUnit.objects.count(),
        ReceptionOffice.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
        Petition.objects.count(),
    )


def test_load_demo_twice_changes_nothing_the_second_time(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    first = _snapshot()
    call_command("load_demo", stdout=StringIO())
    assert _snapshot() == first


def test_demo_has_officials_of_every_role_and_prints_their_logins(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role)
    for user in User.objects.all():
        assert user.username in out.getvalue()
        assert user.check_password("tiepdan2026")


def test_demo_province_has_departments_communes_offices_and_a_former_district(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    province = OrgUnit.objects.get(code="UBND-T19")
    assert province.children.filter(kind="department").count() >= 3
    assert province.children.filter(level="commune").count() == 92
    assert ReceptionOffice.objects.count() >= 2
    district = OrgUnit.objects.get(level="district")
    assert district.successors.count() == 2
    assert OrgUnit.objects.filter(remote_area=True).exists()


def test_load_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())


def test_demo_has_petitions_in_several_states_with_live_time_limits(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    statuses = set(Petition.objects.values_list("status", flat=True))
    assert {"received", "acceptance_proposed"} <= statuses
    transferred = Petition.objects.get(current_unit__code="UBND-X05830")
    assert transferred.register_entries.count() == 2  # the board follows it
    assert Petition.objects.filter(deadlines__met_on=None).exists()
