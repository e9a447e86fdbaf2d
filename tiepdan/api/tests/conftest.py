"""API test helpers: the petitions app's small province (`world`), and callers with tokens."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.test import Client

from tiepdan.api.services import api_token_create
from tiepdan.petitions.tests.conftest import world  # noqa: F401  (a fixture, re-exported)
from tiepdan.reception.tests.conftest import desk, heads  # noqa: F401  (fixtures, re-exported)

# Wednesday 4 March 2026, 09:00 in Hà Nội: two working days after the petitions are received.
TODAY = dt.date(2026, 3, 4)
NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


class Caller:
    """Calls /api/v1 as one official, with a Bearer token (no session, no CSRF)."""

    def __init__(self, client: Client, raw_token: str | None) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}

    def get(self, path: str, params: dict[str, Any] | None = None, **headers: str) -> Any:
        return self.client.get(f"/api/v1{path}", params or {}, headers={**self.headers, **headers})

    def post(self, path: str, body: Any, **headers: str) -> Any:
        return self.client.post(
            f"/api/v1{path}",
            data=json.dumps(body),
            content_type="application/json",
            headers={**self.headers, **headers},
        )


@pytest.fixture
def today():
    with time_machine.travel(NOW, tick=False):
        yield TODAY


@pytest.fixture
def caller(today, world):  # noqa: F811
    """`caller(user)` → a Caller with a fresh token for that official."""

    def make(user: Any) -> Caller:
        _token, raw = api_token_create(actor=None, user=user, name="Hệ thống thử")
        return Caller(Client(), raw)

    return make


def petition_body(**overrides: Any) -> dict[str, Any]:
    """A postal denunciation received by the provincial reception board (unit A)."""
    body: dict[str, Any] = {
        "unit": "BTCD-T19",
        "received_on": "2026-03-02",
        "channel": "post",
        "kind": "denunciation",
        "summary": "Tố cáo cán bộ địa chính xã nhận tiền khi cấp sổ đỏ",
        "content": "Ông Trần Văn Nam, cán bộ địa chính, nhận 20 triệu đồng.",
        "request": "Đề nghị xác minh, xử lý nghiêm.",
        "respondent": {"name": "Trần Văn Nam", "details": "Cán bộ địa chính xã Đại Từ"},
        "petitioners": [
            {
                "full_name": "Nguyễn Văn Đức",
                "citizen_id": "019085001234",
                "address": "Xóm 3, xã Đại Từ",
                "phone": "0912345678",
            }
        ],
    }
    body.update(overrides)
    return body
