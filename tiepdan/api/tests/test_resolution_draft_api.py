"""A move's document drafted through the API, edited by the caller, then issued."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tiepdan.api.services import api_token_create
from tiepdan.api.tests.conftest import Caller
from tiepdan.core.documents import read_back
from tiepdan.petitions.models import DocumentKind, PetitionDocument
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at

DAY = dt.date(2026, 3, 16)


@pytest.fixture
def leader(world) -> Caller:
    _token, raw = api_token_create(actor=None, user=world.leader, name="Hệ thống thử")
    return Caller(Client(), raw)


def _verifying_denunciation(world):
    case = accepted(
        world, kind="denunciation", received_on=dt.date(2026, 3, 2), accepted_on=dt.date(2026, 3, 4)
    )
    with at(DAY):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="start_verification"
        )
    return case


def test_the_draft_is_returned_and_the_edited_text_is_issued(world, leader):
    case = _verifying_denunciation(world)
    url = f"/resolutions/{case.petition.reference}/actions"
    body = {"action": "decide", "outcome": "unfounded", "note": "Tố cáo không đúng"}
    with at(DAY):
        draft = leader.post(f"{url}/draft", body)
        documents_after_draft = PetitionDocument.objects.filter(petition=case.petition).count()
        issued = leader.post(url, {**body, "document_text": "Nội dung đã biên tập lại."})
    assert draft.status_code == 200
    assert draft.json()["kind"] == DocumentKind.DENUNCIATION_CONCLUSION
    assert "Tố cáo không đúng." in draft.json()["text"]
    assert issued.status_code == 200
    assert issued.json()["status"] == "decided"
    document = case.petition.documents.get(kind=DocumentKind.DENUNCIATION_CONCLUSION)
    with document.file.open("rb") as handle:
        assert "Nội dung đã biên tập lại." in read_back(handle.read())["text"]
    # The draft issued nothing: the only conclusion is the one issued by the second call.
    assert (
        documents_after_draft == PetitionDocument.objects.filter(petition=case.petition).count() - 1
    )


def test_a_draft_of_a_move_not_allowed_is_refused_like_the_move(world, leader):
    case = _verifying_denunciation(world)
    with at(DAY):
        response = leader.post(
            f"/resolutions/{case.petition.reference}/actions/draft", {"action": "make_effective"}
        )
    assert response.status_code == 409
