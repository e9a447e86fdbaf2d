"""Free text typed by officials (notes, withdrawn contents) never shows a denouncer to an
official who may not know them (LTC Art. 47.2, 56)."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from tiepdan.api.services import api_token_create
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at

NAME, CITIZEN_ID = "Nguyễn Văn Đức", "019085001234"
NOTE = f"Ông {NAME} (CCCD {CITIZEN_ID}) rút nội dung thứ hai của đơn."


def _withdrawn_in_part(world):
    case = accepted(
        world, kind="denunciation", received_on=dt.date(2026, 3, 2), accepted_on=dt.date(2026, 3, 4)
    )
    with at(dt.date(2026, 3, 10)):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="withdraw_part", note=NOTE
        )
    return case


def test_the_case_page_masks_what_was_typed_for_an_official_not_entitled(client, world):
    case = _withdrawn_in_part(world)
    url = reverse("resolution:detail", args=[case.petition.reference])
    client.force_login(world.triage)  # sees the case, not the denouncer
    page = client.get(url).content.decode()
    assert "rút nội dung thứ hai" in page
    assert NAME not in page
    assert CITIZEN_ID not in page
    client.force_login(world.leader)  # the unit's leader may know the denouncer
    assert NAME in client.get(url).content.decode()


def test_the_api_masks_withdrawals_and_history_for_an_official_not_entitled(world):
    case = _withdrawn_in_part(world)
    _token, raw = api_token_create(actor=None, user=world.triage, name="Thử")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    api = Client()
    detail = api.get(f"/api/v1/resolutions/{case.petition.reference}", **headers)
    events = api.get(f"/api/v1/petitions/{case.petition.reference}/events", **headers)
    assert detail.status_code == events.status_code == 200
    for body in (detail.content.decode("utf-8"), events.content.decode("utf-8")):
        assert NAME not in body
        assert CITIZEN_ID not in body
    assert "rút nội dung thứ hai" in detail.json()["withdrawals"][0]["content"]
