"""Carrying out a decision from the case page: the forms, the records and the totals shown."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.urls import reverse

from tiepdan.petitions.permissions import IDENTITY_MASK
from tiepdan.resolution.models import Implementation
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at
from tiepdan.resolution.tests.implementation_helpers import (
    DECIDED_ON,
    decided_denunciation,
    effective_complaint,
)
from tiepdan.resolution.workflow import Status

DENOUNCER = "Nguyễn Văn Đức"


def _detail(case):
    return reverse("resolution:detail", kwargs={"reference": case.petition.reference})


def _act(client, case, action, **fields):
    data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
    url = reverse("resolution:transition", kwargs={"reference": case.petition.reference})
    return client.post(url, data)


def _html(response):
    return response.content.decode()


def _input(html, name):
    """The <input> of that name, as rendered."""
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match is not None, name
    return match.group(0)


def _error(html, name):
    """The message shown under an input of the record_implementation form."""
    match = re.search(rf'id="id_record_implementation-{name}_error">(.*?)</p>', html, re.S)
    assert match is not None, name
    return match.group(1)


def test_the_decision_form_asks_for_the_people_to_discipline_and_to_refer(client, world):
    case = accepted(
        world, kind="denunciation", received_on=dt.date(2026, 3, 2), accepted_on=dt.date(2026, 3, 4)
    )
    with at(dt.date(2026, 3, 10)):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="start_verification"
        )
        client.force_login(world.leader)
        page = _html(client.get(_detail(case)))
        assert 'name="decide-persons_to_discipline"' in page
        assert 'name="decide-persons_referred"' in page
        response = _act(
            client,
            case,
            "decide",
            outcome="founded",
            note="Tố cáo đúng",
            amount_recovered="20000000",
            persons_to_discipline="2",
            persons_referred="1",
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.persons_to_discipline, case.persons_referred) == (2, 1)
    assert case.amount_recovered == 20_000_000


def test_progress_posted_from_the_page_is_shown_against_the_decision(client, world):
    case = effective_complaint(world)
    day = case.effective_on + dt.timedelta(days=3)
    client.force_login(world.resolver)
    with at(day):
        page = _html(client.get(_detail(case)))
        assert 'name="record_implementation-done_amount_returned"' in page
        assert 'name="record_implementation-persons_prosecuted"' in page
        assert 'name="make_effective-done_amount_returned"' not in page  # only where it is asked
        assert "0 / 50.000.000" in page  # nothing done yet against what was ordered
        response = _act(
            client,
            case,
            "record_implementation",
            done_amount_returned="30000000",
            done_land_returned_m2="80.5",
            note="Chi trả đợt 1 cho hộ bà Hoàng Thị Mai",
        )
        assert response.status_code == 302
        page = _html(client.get(_detail(case)))

    record = Implementation.objects.get()
    assert (record.amount_returned, record.land_returned_m2, record.completes) == (
        30_000_000,
        Decimal("80.5"),
        False,
    )
    section = page[page.index('id="implementation"') :]
    assert "30.000.000 / 50.000.000" in section
    assert "80,5 / 120,5" in section
    assert "0 / 2" in section  # people recommended for handling, none disciplined yet
    assert f"{day:%d/%m/%Y}" in section
    assert "Chi trả đợt 1 cho hộ bà Hoàng Thị Mai" in section
    case.refresh_from_db()
    assert case.status == Status.EFFECTIVE


def test_enforcement_from_the_page_completes_the_implementation(client, world):
    case = effective_complaint(world)
    client.force_login(world.leader)
    with at(case.effective_on + dt.timedelta(days=5)):
        page = _html(client.get(_detail(case)))
        assert 'name="enforce-done_amount_returned"' in page
        response = _act(
            client,
            case,
            "enforce",
            done_amount_returned="50000000",
            persons_disciplined="2",
            note="Đã thi hành xong",
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ENFORCED
    record = case.implementations.get()
    assert (record.amount_returned, record.persons_disciplined, record.completes) == (
        50_000_000,
        2,
        True,
    )
    client.force_login(world.leader)  # the session of March has expired by now
    page = _html(client.get(_detail(case)))
    assert "50.000.000 / 50.000.000" in page
    assert "2 / 2" in page


def test_a_conclusion_acted_on_from_the_page(client, world):
    case = decided_denunciation(world)
    client.force_login(world.leader)
    with at(DECIDED_ON + dt.timedelta(days=4)):
        response = _act(
            client,
            case,
            "act_on_conclusion",
            done_amount_recovered="20000000",
            persons_disciplined="1",
            persons_prosecuted="1",
            note="Kỷ luật khiển trách; chuyển Cơ quan điều tra",
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.HANDLED
    client.force_login(world.leader)
    page = _html(client.get(_detail(case)))
    assert "20.000.000 / 20.000.000" in page
    assert "1 / 1" in page


def test_bad_figures_come_back_with_the_message_and_what_was_entered(client, world):
    case = effective_complaint(world)
    client.force_login(world.resolver)
    with at(case.effective_on):
        response = _act(
            client,
            case,
            "record_implementation",
            done_amount_returned="-5",
            done_amount_recovered="abc",
            done_land_recovered_m2="1.25",
            persons_disciplined="-1",
            note="Chi trả đợt 1",
        )
    assert response.status_code == 400
    html = _html(response)
    assert "Số tiền, diện tích không được âm." in _error(html, "done_amount_returned")
    assert re.search(r"[Nn]hập một số", _error(html, "done_amount_recovered"))
    assert 'id="id_record_implementation-done_land_recovered_m2_error"' in html
    assert 'id="id_record_implementation-persons_disciplined_error"' in html
    assert 'value="-5"' in _input(html, "record_implementation-done_amount_returned")
    assert 'value="abc"' in _input(html, "record_implementation-done_amount_recovered")
    assert 'value="-1"' in _input(html, "record_implementation-persons_disciplined")
    assert "autofocus" in _input(html, "record_implementation-done_amount_recovered")
    assert "Chi trả đợt 1</textarea>" in html
    assert re.search(r'<details class="action" open id="action-record_implementation"', html)
    assert not Implementation.objects.exists()


def test_the_note_is_required_and_nothing_is_recorded_without_it(client, world):
    case = effective_complaint(world)
    client.force_login(world.resolver)
    with at(case.effective_on):
        response = _act(client, case, "record_implementation", done_amount_returned="1000")
    assert response.status_code == 400
    assert 'id="id_record_implementation-note_error"' in _html(response)
    assert "autofocus" in re.search(
        r'<textarea[^>]*name="record_implementation-note"[^>]*>', _html(response)
    ).group(0)
    assert "autofocus" not in _input(_html(response), "record_implementation-done_amount_returned")
    assert 'value="1000"' in _input(_html(response), "record_implementation-done_amount_returned")
    assert not Implementation.objects.exists()


def test_an_implementation_note_does_not_name_the_denouncer_to_an_official_not_entitled(
    client, world
):
    case = decided_denunciation(world)
    with at(DECIDED_ON + dt.timedelta(days=2)):
        resolution_transition(
            actor=world.resolver,
            resolution_id=case.pk,
            action="record_implementation",
            note=f"Đã thu hồi, báo ông {DENOUNCER} biết",
            implementation={"amount_recovered": 5_000_000},
        )
    client.force_login(world.triage)  # sees the case, not the denouncer
    page = _html(client.get(_detail(case)))
    section = page[page.index('id="implementation"') :]
    assert "5.000.000 / 20.000.000" in section
    assert f"Đã thu hồi, báo ông {IDENTITY_MASK} biết" in section
    assert DENOUNCER not in page
    client.force_login(world.leader)  # the unit's leader may know the denouncer
    assert f"báo ông {DENOUNCER} biết" in _html(client.get(_detail(case)))
