"""The dashboard and compliance pages: access, scope, no other host, drill-down = numbers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import PASSWORD, make_official
from tiepdan.reports.compliance import compliance_by_unit
from tiepdan.reports.tests.dashboard_data import TODAY, build, local
from tiepdan.reports.tests.test_dashboard import descendants

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    with time_machine.travel(local(TODAY, 10), tick=False):
        w = build(seed=11, n=120)
        yield w


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def external_references(html: str) -> list[str]:
    """URLs to another host, and scripts loaded from anywhere but this site."""
    found = [u for u in re.findall(r"""(?:https?:)?//[^\s"'<>)]+""", html) if "testserver" not in u]
    found += re.findall(r"<script[^>]+src=[\"'](?:https?:)?//[^\"']+", html)
    return found


def test_dashboard_renders_charts_with_no_request_to_another_host(client, world):
    login(client, world.leader)
    with time_machine.travel(local(TODAY, 10), tick=False):
        response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 4
    assert external_references(html) == []


def test_each_dashboard_number_links_to_a_list_of_exactly_that_many_records(client, world):
    login(client, world.leader)
    query = {"don_vi": world.province.code, "tu": "01/01/2026", "den": "20/06/2026"}
    with time_machine.travel(local(TODAY, 10), tick=False):
        html = client.get(reverse("reports:dashboard"), query).content.decode()
        links = re.findall(r'href="(/bao-cao/ho-so/\?[^"]+)"[^>]*>(\d+)</a>', html)
        assert len(links) > 10
        for href, number in links:
            page = client.get(href.replace("&amp;", "&")).content.decode()
            # Paged by 50: the heading gives the total, the rows the first page.
            rows = page.count("<tr data-petition=")
            assert rows == min(int(number), 50), href
            assert f">{number} " in page or f"{number} petition" in page


def test_an_official_without_the_capability_gets_403(client, world):
    clerk = make_official(world.a, Role.RECEPTION_OFFICER)
    login(client, clerk)
    for name in ("reports:dashboard", "reports:dashboard_records", "reports:compliance"):
        assert client.get(reverse(name)).status_code == 403


def test_a_commune_leader_cannot_choose_the_province(client, world):
    leader = make_official(world.b, Role.UNIT_LEADER)
    login(client, leader)
    with time_machine.travel(local(TODAY, 10), tick=False):
        html = client.get(reverse("reports:dashboard"), {"don_vi": world.province.code})
    assert world.b.name in html.content.decode()
    assert world.dept.name not in html.content.decode()


def expected_compliance(world, unit_pk: int, first: dt.date, last: dt.date) -> dict[str, int]:
    as_of = min(last, TODAY)
    triage = {"XLD-05", "TC-01"}
    ds = [d for d in world.g.deadlines if d["unit"] == unit_pk]

    def running_late(d) -> bool:
        return (
            d["due"] < as_of
            and d["started"] <= as_of
            and (d["met"] is None or d["met"] > as_of)
            and not d["paused"]
        )

    sent_by = as_of - dt.timedelta(days=30)
    return {
        "overdue": len({d["petition"] for d in ds if running_late(d)}),
        "triaged_late": len(
            {
                d["petition"]
                for d in ds
                if d["rule"] in triage
                and d["met"]
                and first <= d["met"] <= last
                and d["met"] > d["due"]
            }
        ),
        "triage_running_late": len(
            {d["petition"] for d in ds if d["rule"] in triage and running_late(d)}
        ),
        "transfers_unanswered": sum(
            1
            for t in world.g.transfers
            if t["to"] == unit_pk
            and t["sent"] <= sent_by
            and (t["back"] is None or t["back"] > as_of)
        ),
    }


@pytest.mark.parametrize("month", [2, 3, 5, 6])
def test_compliance_counts_match_counts_made_in_python(world, month):
    with time_machine.travel(local(TODAY, 10), tick=False):
        rows = compliance_by_unit(user=world.leader, unit=world.province, year=2026, month=month)
    first = dt.date(2026, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    assert {r.unit.pk for r in rows} == descendants(world, world.province)
    for row in rows:
        want = expected_compliance(world, row.unit.pk, first, last)
        got = {key: getattr(row, key) for key in want}
        assert got == want, row.unit.name
    assert any(r.overdue for r in rows)
    assert any(r.transfers_unanswered for r in rows)


def test_compliance_page_renders_every_unit_in_scope(client, world):
    login(client, world.leader)
    with time_machine.travel(local(TODAY, 10), tick=False):
        response = client.get(reverse("reports:compliance"), {"thang": "05/2026"})
    assert response.status_code == 200
    html = response.content.decode()
    for unit in world.units:
        assert f'data-unit="{unit.code}"' in html
    assert f'data-unit="{world.outside.code}"' not in html
    assert external_references(html) == []
