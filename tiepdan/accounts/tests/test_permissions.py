import pytest

from tiepdan.accounts.permissions import (
    ensure_capability,
    units_in_scope,
    user_can_in_unit,
    user_has_capability,
)
from tiepdan.accounts.roles import ROLE_CAPABILITIES, Capability, Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.core.exceptions import PermissionDenied
from tiepdan.organizations.tests.factories import make_province_tree

pytestmark = pytest.mark.django_db


def test_every_role_has_a_row_in_the_capability_table():
    assert set(ROLE_CAPABILITIES) == set(Role)


@pytest.mark.parametrize(
    ("role", "capability", "allowed"),
    [
        (Role.RECEPTION_OFFICER, Capability.RECEIVE_CITIZENS, True),
        (Role.RECEPTION_OFFICER, Capability.TRIAGE_PETITIONS, False),
        (Role.TRIAGE_OFFICER, Capability.TRIAGE_PETITIONS, True),
        (Role.RESOLVER, Capability.RESOLVE_PETITIONS, True),
        (Role.RESOLVER, Capability.DECIDE, False),
        (Role.UNIT_LEADER, Capability.DECIDE, True),
        (Role.REPORTING_OFFICER, Capability.PREPARE_REPORTS, True),
        (Role.UNIT_ADMIN, Capability.MANAGE_OFFICIALS, True),
        (Role.UNIT_ADMIN, Capability.VIEW_PETITIONS, False),
        (Role.SYSTEM_ADMIN, Capability.MANAGE_CALENDAR, True),
        (Role.AUDITOR, Capability.VIEW_AUDIT, True),
        (Role.AUDITOR, Capability.VIEW_PETITIONS, False),
    ],
)
def test_role_grants_exactly_its_capabilities(role, capability, allowed):
    tree = make_province_tree()
    official = make_official(tree["province"], role)
    assert user_has_capability(official, capability) is allowed


def test_reception_officer_sees_only_own_unit():
    tree = make_province_tree()
    officer = make_official(tree["commune_a"], Role.RECEPTION_OFFICER)
    assert set(units_in_scope(officer, Capability.VIEW_PETITIONS)) == {tree["commune_a"]}
    assert not user_can_in_unit(officer, Capability.VIEW_PETITIONS, tree["commune_b"])


def test_province_leader_oversees_every_unit_of_the_province_but_acts_only_in_own():
    tree = make_province_tree()
    leader = make_official(tree["province"], Role.UNIT_LEADER)
    assert set(units_in_scope(leader, Capability.VIEW_PETITIONS)) == set(tree.values())
    assert set(units_in_scope(leader, Capability.DECIDE)) == {tree["province"]}


def test_inspectorate_staff_oversee_the_province_the_inspectorate_belongs_to():
    tree = make_province_tree()
    inspector = make_official(tree["inspectorate"], Role.RESOLVER)
    assert user_can_in_unit(inspector, Capability.VIEW_PETITIONS, tree["commune_b"])
    # ... but resolving is their own unit's work only.
    assert not user_can_in_unit(inspector, Capability.RESOLVE_PETITIONS, tree["commune_b"])


def test_commune_leader_does_not_see_the_neighbouring_commune():
    tree = make_province_tree()
    leader = make_official(tree["commune_a"], Role.UNIT_LEADER)
    assert not user_can_in_unit(leader, Capability.VIEW_PETITIONS, tree["commune_b"])
    assert not user_can_in_unit(leader, Capability.VIEW_PETITIONS, tree["province"])


def test_inactive_membership_grants_nothing():
    tree = make_province_tree()
    official = make_official(tree["province"], Role.UNIT_LEADER)
    official.memberships.update(is_active=False)
    official = type(official).objects.get(pk=official.pk)
    assert not user_has_capability(official, Capability.VIEW_PETITIONS)


def test_ensure_capability_raises_a_readable_refusal():
    tree = make_province_tree()
    officer = make_official(tree["commune_a"], Role.RECEPTION_OFFICER)
    with pytest.raises(PermissionDenied) as info:
        ensure_capability(officer, Capability.DECIDE, tree["commune_a"])
    assert str(info.value)
