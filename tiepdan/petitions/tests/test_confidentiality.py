"""Regressions found in review: no path may reveal who denounced, and bad input never 500s."""

import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import PASSWORD, make_official
from tiepdan.audit.models import AuditEntry
from tiepdan.core.exceptions import PermissionDenied, ValidationFailed
from tiepdan.petitions.models import Petition
from tiepdan.petitions.permissions import can_see_identity, petitioner_names_for_list
from tiepdan.petitions.selectors import InboxFilters, petition_inbox
from tiepdan.petitions.services import (
    PetitionData,
    PetitionerData,
    SplitPart,
    attachment_add,
    petition_assign,
    petition_classify,
    petition_receive,
    petition_transition,
)
from tiepdan.petitions.tests.conftest import RECEIVED_ON, receive

NAME, CITIZEN_ID = "Nguyễn Văn Đức", "019085001234"


def _login(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _search(user, query):
    return list(petition_inbox(user=user, filters=InboxFilters(query=query)))


def test_parts_split_from_a_denunciation_keep_the_denouncer_protected(world):
    petition = receive(world, kind="mixed", kinds=["complaint", "denunciation"])
    petition_transition(
        actor=world.triage,
        petition_id=petition.pk,
        action="split",
        parts=[
            SplitPart(kind="complaint", unit=world.board),
            SplitPart(kind="denunciation", unit=world.board),
        ],
    )
    complaint_part = Petition.objects.get(tracking_code=petition.tracking_code, part_number=1)
    assert complaint_part.is_confidential
    assert not can_see_identity(world.triage, complaint_part)
    assert NAME not in petitioner_names_for_list(complaint_part)
    assert _search(world.triage, "nguyen van duc") == []
    assert _search(world.triage, CITIZEN_ID) == []
    html = _login(world.triage).get(f"/don-thu/{complaint_part.reference}/").content.decode()
    assert NAME not in html
    assert CITIZEN_ID not in html


def test_a_later_complaint_does_not_reveal_the_same_persons_denunciation(world):
    denunciation = petition_receive(
        actor=world.commune_triage,
        unit=world.commune,
        data=PetitionData(
            received_on=RECEIVED_ON,
            channel="post",
            kind="denunciation",
            summary="Tố cáo chủ tịch xã nhận hối lộ",
            petitioners=[PetitionerData(full_name=NAME, citizen_id=CITIZEN_ID)],
        ),
    )
    complaint = receive(world, kind="complaint", summary="Khiếu nại quyết định thu hồi đất")
    html = _login(world.triage).get(f"/don-thu/{complaint.reference}/").content.decode()
    assert CITIZEN_ID in html  # the complainant's own identity: fine
    assert denunciation.tracking_code[:5] not in html
    assert "Tố cáo chủ tịch xã nhận hối lộ" not in html


def test_a_petition_of_another_unit_appears_only_as_a_bare_mention(world):
    other = receive(world, kind="complaint", summary="Khiếu nại riêng của ban")
    mine = petition_receive(
        actor=world.commune_triage,
        unit=world.commune,
        data=PetitionData(
            received_on=RECEIVED_ON,
            channel="post",
            kind="recommendation",
            summary="Kiến nghị sửa đường",
            petitioners=[PetitionerData(full_name=NAME, citizen_id=CITIZEN_ID)],
        ),
    )
    html = _login(world.commune_triage).get(f"/don-thu/{mine.reference}/").content.decode()
    assert "Khiếu nại riêng của ban" not in html
    assert other.tracking_code[:5] not in html
    assert f'name="original" value="{other.pk}"' not in html


def test_free_text_of_a_denunciation_is_not_searchable(world):
    receive(world, kind="denunciation", content="Tôi là Nguyễn Văn Đức, tố cáo ông Nam")
    assert _search(world.triage, "nguyen van duc") == []


def test_opening_a_denunciations_attachment_is_journaled_and_refused_to_others(world):
    petition = receive(world, kind="denunciation")
    attachment = attachment_add(
        actor=world.triage,
        petition_id=petition.pk,
        upload=SimpleUploadedFile("don.pdf", b"%PDF-1.4 chu viet tay"),
    )
    url = f"/don-thu/{petition.reference}/tep/{attachment.pk}/"
    before = AuditEntry.objects.filter(action="petition.identity_view").count()
    assert _login(world.leader).get(url).status_code == 200
    assert AuditEntry.objects.filter(action="petition.identity_view").count() == before + 1
    assert _login(world.triage).get(url).status_code == 403


def test_nobody_grants_themselves_a_role(world):
    from tiepdan.accounts.services import membership_grant

    admin = make_official(world.board, Role.UNIT_ADMIN, username="qtv")
    with pytest.raises(PermissionDenied):
        membership_grant(actor=admin, user=admin, org_unit=world.board, role=Role.UNIT_LEADER)


def test_an_assignment_stops_counting_when_the_official_leaves_the_unit(world):
    petition = receive(world, kind="denunciation")
    petition_assign(actor=world.leader, petition_id=petition.pk, assignee=world.resolver)
    petition.refresh_from_db()
    assert can_see_identity(world.resolver, petition)
    world.resolver.memberships.update(is_active=False)
    assert not can_see_identity(type(world.resolver).objects.get(pk=world.resolver.pk), petition)


def test_an_ineligible_or_incompetent_petition_cannot_be_accepted(world):
    petition = receive(world, kind="complaint")
    petition_classify(actor=world.triage, petition_id=petition.pk, is_within_competence=False)
    with pytest.raises(ValidationFailed):
        petition_transition(
            actor=world.triage, petition_id=petition.pk, action="propose_acceptance", note="x"
        )


@pytest.mark.parametrize("path", ["/don-thu/ABC%00DEF/", "/don-thu/?q=a%00b"])
def test_nul_bytes_in_references_and_search_do_not_crash(world, path):
    client = _login(world.triage)
    client.raise_request_exception = False
    assert client.get(path).status_code in (200, 404)


def test_a_crafted_archive_is_refused_as_not_a_word_document(world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    data = bytearray(buffer.getvalue())
    central = data.find(b"PK\x01\x02")
    data[central + 6 : central + 8] = struct.pack("<H", 99)  # an unsupported "needed" version
    petition = receive(world, kind="complaint")
    with pytest.raises(ValidationFailed):
        attachment_add(
            actor=world.triage,
            petition_id=petition.pk,
            upload=SimpleUploadedFile("don.docx", bytes(data)),
        )


@pytest.mark.parametrize(
    ("field", "value"),
    [("decision_known_on", "9999-12-31"), ("received_on", "0001-01-01")],
)
def test_impossible_dates_get_a_message_not_a_crash(world, field, value):
    import datetime as dt

    extra = {field: dt.date.fromisoformat(value)}
    with pytest.raises(ValidationFailed) as info:
        receive(world, kind="complaint", **extra)
    assert field in info.value.extra["errors"]
