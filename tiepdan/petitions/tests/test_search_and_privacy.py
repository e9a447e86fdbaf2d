import pytest

from tiepdan.audit.models import AuditEntry
from tiepdan.core.exceptions import NotFound
from tiepdan.petitions.permissions import can_see_identity, petitioner_names_for_list
from tiepdan.petitions.selectors import (
    InboxFilters,
    duplicate_candidates,
    petition_get_for_user,
    petition_inbox,
)
from tiepdan.petitions.services import petition_assign
from tiepdan.petitions.tests.conftest import receive


def _search(world, query, user=None):
    return list(petition_inbox(user=user or world.triage, filters=InboxFilters(query=query)))


@pytest.mark.parametrize("query", ["nguyen van duc", "NGUYEN VAN DUC", "Nguyễn Văn Đức", "đức"])
def test_search_ignores_accents_and_case(world, query):
    petition = receive(world, kind="recommendation", summary="Kiến nghị sửa đường liên xóm")
    assert _search(world, query) == [petition]


def test_search_by_tracking_code_with_dash_and_lower_case(world):
    petition = receive(world, kind="feedback", summary="Phản ánh rác thải")
    code = petition.tracking_code
    assert _search(world, f"{code[:5].lower()}-{code[5:]}") == [petition]


def test_search_by_content_words(world):
    petition = receive(world, kind="feedback", summary="Phản ánh ô nhiễm tiếng ồn xưởng gỗ")
    assert _search(world, "o nhiem xuong go") == [petition]
    assert _search(world, "o nhiem xuong sat") == []


def test_a_denouncers_name_does_not_find_the_denunciation(world):
    receive(world, kind="denunciation")
    assert _search(world, "nguyen van duc") == []
    assert _search(world, "tran van nam") != []  # the accused can be searched


def test_lists_mask_the_denouncer_for_everyone(world):
    petition = receive(world, kind="denunciation")
    assert petitioner_names_for_list(petition) == "N*** V*** Đ***"


def test_only_the_assigned_resolver_and_the_leader_see_the_denouncer(world):
    petition = receive(world, kind="denunciation")
    assert not can_see_identity(world.triage, petition)
    assert not can_see_identity(world.resolver, petition)
    assert can_see_identity(world.leader, petition)
    petition_assign(actor=world.leader, petition_id=petition.pk, assignee=world.resolver)
    petition.refresh_from_db()
    assert can_see_identity(world.resolver, petition)


def test_other_petitioners_are_visible_to_anyone_who_sees_the_petition(world):
    petition = receive(world, kind="complaint")
    assert can_see_identity(world.triage, petition)
    assert petitioner_names_for_list(petition) == "Nguyễn Văn Đức"


def test_another_units_official_gets_not_found(world):
    petition = receive(world, kind="complaint")
    with pytest.raises(NotFound):
        petition_get_for_user(user=world.other_triage, reference=petition.tracking_code)


def test_duplicates_are_found_across_units_by_citizen_id(world):
    first = receive(world, kind="complaint", unit=world.board)
    second = receive(world, kind="complaint", unit=world.board)
    assert duplicate_candidates(second) == [first]


def test_assignment_is_audited(world):
    petition = receive(world, kind="complaint")
    petition_assign(actor=world.leader, petition_id=petition.pk, assignee=world.resolver)
    assert AuditEntry.objects.filter(action="petition.assign").exists()


def test_a_leader_may_record_the_duplicate_verdict(world):
    from tiepdan.petitions.services import petition_mark_duplicate

    first = receive(world, kind="denunciation")
    second = receive(world, kind="denunciation")
    petition_mark_duplicate(
        actor=world.leader, petition_id=second.pk, status="duplicate", original=first
    )
    second.refresh_from_db()
    assert second.duplicate_of == first


def test_a_unit_administrator_cannot_be_assigned_a_petition(world):
    from tiepdan.accounts.roles import Role
    from tiepdan.accounts.tests.factories import make_official
    from tiepdan.core.exceptions import ValidationFailed

    admin = make_official(world.board, Role.UNIT_ADMIN, username="quantri.ban")
    petition = receive(world, kind="complaint")
    with pytest.raises(ValidationFailed):
        petition_assign(actor=world.leader, petition_id=petition.pk, assignee=admin)
