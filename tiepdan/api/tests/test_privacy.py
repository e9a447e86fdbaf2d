"""A denouncer's identity reaches only the assigned official and the holding unit's leaders
(LTC Art. 9, 47, 56), in every answer of the API, and each such reading is journalled."""

from __future__ import annotations

import pytest

from tiepdan.api.tests.conftest import petition_body
from tiepdan.audit.models import AuditEntry
from tiepdan.petitions.selectors import petition_get_for_user
from tiepdan.petitions.services import petition_assign

NAME, CITIZEN_ID, ADDRESS, PHONE = "Nguyễn Văn Đức", "019085001234", "Xóm 3", "0912345678"


def _identity_leaks(body: str) -> list[str]:
    return [secret for secret in (NAME, CITIZEN_ID, ADDRESS, PHONE) if secret in body]


@pytest.fixture
def denunciation(caller, world):
    board = caller(world.triage)
    created = board.post("/petitions", petition_body())
    assert created.status_code == 201
    return board, created


def _every_answer(caller, reference):
    return [
        caller.get("/petitions"),
        caller.get("/petitions", {"q": "dia chinh"}),
        caller.get(f"/petitions/{reference}"),
        caller.get(f"/petitions/{reference}/events"),
    ]


def test_the_recording_officer_gets_the_denouncer_masked_everywhere(denunciation):
    board, created = denunciation
    reference = created.json()["reference"]

    answers = [created, *_every_answer(board, reference)]

    for response in answers:
        assert response.status_code == 200 or response.status_code == 201
        assert _identity_leaks(response.content.decode()) == []
    (person,) = board.get(f"/petitions/{reference}").json()["petitioners"]
    assert person["full_name"] == "N*** V*** Đ***"
    assert person["citizen_id"] == "***"
    assert person["identity_visible"] is False
    assert not AuditEntry.objects.filter(action="petition.identity_view").exists()


@pytest.mark.parametrize("official", ["reception", "resolver", "commune_triage"])
def test_other_officials_who_see_the_petition_get_it_masked(caller, world, denunciation, official):
    board, created = denunciation
    reference = created.json()["reference"]
    if official == "commune_triage":
        board.post(
            f"/petitions/{reference}/actions", {"action": "transfer", "to_unit": "UBND-X05830"}
        )
    other = caller(getattr(world, official))

    for response in _every_answer(other, reference):
        assert response.status_code == 200
        assert _identity_leaks(response.content.decode()) == []


def test_the_unit_leader_sees_the_denouncer_and_the_reading_is_journalled(
    caller, world, denunciation
):
    reference = denunciation[1].json()["reference"]
    leader = caller(world.leader)

    response = leader.get(f"/petitions/{reference}")

    body = response.content.decode()
    assert NAME in body
    assert CITIZEN_ID in body
    (person,) = response.json()["petitioners"]
    assert person["identity_visible"] is True
    entry = AuditEntry.objects.get(action="petition.identity_view")
    assert entry.actor_username == "truongban"
    assert reference in entry.summary
    # Lists stay masked even for the leader: they are printed and exported.
    assert _identity_leaks(leader.get("/petitions").content.decode()) == []


def test_the_assigned_official_sees_the_denouncer(caller, world, denunciation):
    reference = denunciation[1].json()["reference"]
    petition = petition_get_for_user(user=world.leader, reference=reference)
    petition_assign(actor=world.leader, petition_id=petition.pk, assignee=world.resolver)

    response = caller(world.resolver).get(f"/petitions/{reference}")

    assert NAME in response.content.decode()
    assert response.json()["assigned_to"] == "thanhtra"


def test_after_a_transfer_only_the_receiving_units_leader_sees_the_denouncer(
    caller, world, denunciation
):
    board, created = denunciation
    reference = created.json()["reference"]
    board.post(f"/petitions/{reference}/actions", {"action": "transfer", "to_unit": "UBND-X05830"})

    assert NAME in caller(world.commune_leader).get(f"/petitions/{reference}").content.decode()
    assert NAME not in caller(world.leader).get(f"/petitions/{reference}").content.decode()


def test_other_petitions_show_the_petitioner_without_journalling(caller, world, today):
    board = caller(world.triage)

    response = board.post("/petitions", petition_body(kind="complaint"))

    assert NAME in response.content.decode()
    assert not AuditEntry.objects.filter(action="petition.identity_view").exists()


def test_vietnamese_is_written_as_is_not_as_unicode_escapes(caller, world, today):
    response = caller(world.leader).get("/petitions")  # even an empty list: nothing to escape
    created = caller(world.triage).post("/petitions", petition_body(kind="complaint"))

    body = created.content.decode()
    assert "Trần Văn Nam" in body
    assert "Đã tiếp nhận" in body
    assert "\\u" not in body
    assert response["Content-Type"] == "application/json; charset=utf-8"
