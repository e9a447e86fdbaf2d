import datetime as dt

import pytest

from tiepdan.audit.models import AuditEntry
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.organizations.models import OrgUnit
from tiepdan.organizations.selectors import org_unit_ancestors, org_unit_subtree
from tiepdan.organizations.services import org_unit_end, org_unit_update
from tiepdan.organizations.tests.factories import make_province_tree, make_unit

pytestmark = pytest.mark.django_db


def test_subtree_holds_the_unit_and_everything_below_it():
    tree = make_province_tree()
    sub = make_unit(parent=tree["department"], name="Phòng thuộc Sở")
    subtree = set(org_unit_subtree(tree["province"]).values_list("pk", flat=True))
    assert subtree == {u.pk for u in [*tree.values(), sub]}
    assert set(org_unit_subtree(tree["department"])) == {tree["department"], sub}
    assert list(org_unit_ancestors(sub)) == [tree["province"], tree["department"]]


def test_moving_a_unit_moves_its_whole_subtree():
    tree = make_province_tree()
    sub = make_unit(parent=tree["commune_a"], name="Bộ phận một cửa xã A")
    org_unit_update(actor=None, unit=tree["commune_a"], parent=tree["department"])
    sub.refresh_from_db()
    assert sub.path.startswith(tree["department"].path)
    assert sub.depth == 3
    assert sub in org_unit_subtree(tree["department"])
    assert sub not in org_unit_subtree(tree["commune_b"])


def test_a_unit_cannot_be_moved_under_its_own_subunit():
    tree = make_province_tree()
    with pytest.raises(ValidationFailed):
        org_unit_update(actor=None, unit=tree["province"], parent=tree["commune_a"])


def test_district_units_must_end_by_30_june_2025():
    province = make_unit()
    with pytest.raises(ValidationFailed):
        make_unit(parent=province, level=OrgUnit.Level.DISTRICT, name="Huyện mới")
    district = make_unit(
        parent=province, level=OrgUnit.Level.DISTRICT, valid_to=dt.date(2025, 6, 30)
    )
    assert district.valid_to == dt.date(2025, 6, 30)


def test_ending_a_unit_names_its_successors_and_is_audited():
    tree = make_province_tree()
    old = make_unit(
        parent=tree["province"], level=OrgUnit.Level.DISTRICT, valid_to=dt.date(2025, 6, 30)
    )
    org_unit_end(
        actor=None,
        unit=old,
        valid_to=dt.date(2025, 6, 30),
        successors=[tree["commune_a"], tree["commune_b"]],
    )
    assert set(old.successors.all()) == {tree["commune_a"], tree["commune_b"]}
    assert list(tree["commune_a"].predecessors.all()) == [old]
    entry = AuditEntry.objects.filter(action="org_unit.end").get()
    assert entry.object_id == str(old.pk)


def test_every_unit_change_is_written_to_the_journal_with_what_changed():
    unit = make_unit(name="Sở cũ")
    org_unit_update(actor=None, unit=unit, name="Sở mới", remote_area=True)
    entry = AuditEntry.objects.filter(action="org_unit.update").get()
    assert entry.changes["name"] == {"from": "Sở cũ", "to": "Sở mới"}
    assert entry.changes["remote_area"] == {"from": False, "to": True}
