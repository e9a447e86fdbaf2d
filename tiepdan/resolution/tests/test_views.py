"""The resolution pages, through the Django test client against a real database."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.services import petition_assign
from tiepdan.resolution.models import Resolution
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at
from tiepdan.resolution.workflow import Status

DENOUNCER = "Nguyễn Văn Đức"
MASKED = "N*** V*** Đ***"


def _list(tab=""):
    return reverse("resolution:list") + (f"?tab={tab}" if tab else "")


def _detail(case):
    return reverse("resolution:detail", kwargs={"reference": case.petition.reference})


def _act(client, case, action, **fields):
    data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
    url = reverse("resolution:transition", kwargs={"reference": case.petition.reference})
    return client.post(url, data)


def _html(response):
    return response.content.decode()


def _code(case):
    return tracking_code_display(case.petition.tracking_code)


def _complaint(world, accepted_on=dt.date(2026, 3, 4), **extra):
    return accepted(
        world,
        kind="complaint",
        received_on=accepted_on - dt.timedelta(days=2),
        accepted_on=accepted_on,
        summary=extra.pop("summary", "Khiếu nại quyết định thu hồi đất"),
        **extra,
    )


def _denunciation(world, accepted_on=dt.date(2026, 3, 4)):
    return accepted(
        world,
        kind="denunciation",
        received_on=accepted_on - dt.timedelta(days=2),
        accepted_on=accepted_on,
    )


def test_a_resolver_sees_the_case_assigned_to_them_with_its_due_date(client, world):
    case = _complaint(world)
    petition_assign(actor=world.leader, petition_id=case.petition_id, assignee=world.resolver)
    _complaint(world, summary="Khiếu nại chưa giao cho ai")

    with at(dt.date(2026, 3, 10)):
        client.force_login(world.resolver)
        html = _html(client.get(_list()))

    assert "Vụ việc giải quyết" in html
    assert 'aria-current="page">Của tôi' in html
    row = re.search(rf"<tr[^>]*>\s*<td[^>]*><a[^>]*>{_code(case)}</a>.*?</tr>", html, re.S)
    assert row is not None
    assert "03/04/2026" in row.group(0)
    assert "còn 24 ngày" in row.group(0)
    assert "chưa giao cho ai" not in html  # only their own case under "Mine"


def test_a_leader_sees_the_units_cases_overdue_first(client, world):
    # Due 04/02 but suspended (the clock stands still): not overdue, even past its date.
    suspended = _complaint(world, accepted_on=dt.date(2026, 1, 5), summary="Vụ tạm đình chỉ")
    with at(dt.date(2026, 1, 20)):
        resolution_transition(
            actor=world.leader, resolution_id=suspended.pk, action="suspend", note="Chờ giám định"
        )
    overdue = _complaint(world, accepted_on=dt.date(2026, 1, 12), summary="Vụ quá hạn")
    running = _complaint(world, accepted_on=dt.date(2026, 3, 4), summary="Vụ còn hạn")

    with at(dt.date(2026, 3, 10)):
        client.force_login(world.leader)
        html = _html(client.get(_list()))
        only_overdue = _html(client.get(_list("unit") + "&overdue=on"))

    assert 'aria-current="page">Đơn vị' in html  # a leader starts with the units' cases
    positions = [html.index(_code(c)) for c in (overdue, suspended, running)]
    assert positions == sorted(positions)
    assert re.search(r'class="row--overdue">\s*<td[^>]*><a[^>]*>' + _code(overdue), html)
    assert "quá hạn 27 ngày" in html  # in words, not colour alone
    assert "tạm đình chỉ: thời hạn dừng" in html
    assert _code(overdue) in only_overdue
    assert _code(running) not in only_overdue
    assert _code(suspended) not in only_overdue


def test_an_official_of_another_unit_gets_404(client, world):
    case = _complaint(world)
    client.force_login(world.commune_leader)

    assert client.get(_detail(case)).status_code == 404
    assert _act(client, case, "start_verification").status_code == 404
    assert _code(case) not in _html(client.get(_list("unit")))
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED


def test_the_whole_complaint_flow_through_the_forms(client, world):
    case = _complaint(world)
    with at(dt.date(2026, 3, 10)):
        client.force_login(world.resolver)
        page = _html(client.get(_detail(case)))
        assert "Tiến hành xác minh" in page
        assert "Ban hành quyết định" not in page  # deciding is the leader's
        assert 'name="complexity-criteria"' not in page  # complexity too
        response = _act(client, case, "start_verification")
        assert response.status_code == 302
        assert "Đã thực hiện: Tiến hành xác minh" in _html(client.get(response["Location"]))

    with at(dt.date(2026, 3, 24)):
        client.force_login(world.leader)
        missing = _act(client, case, "decide", note="Giữ nguyên một phần")
        assert missing.status_code == 400
        assert re.search(r'id="id_decide-outcome_error">.*Hãy chọn kết luận', _html(missing), re.S)
        response = _act(
            client,
            case,
            "decide",
            outcome="partly_founded",
            note="Giữ nguyên một phần quyết định thu hồi đất",
            decision_number="12/QĐ-UBND",
            amount_returned="150000000",
            people_rights_restored="1",
        )
        assert response.status_code == 302
        page = _html(client.get(_detail(case)))
    assert "Có đúng, có sai" in page
    assert "12/QĐ-UBND" in page
    assert "150.000.000" in page

    window = case.petition.deadlines.get(family="KN-11")
    with at(window.due_on):
        client.force_login(world.leader)
        early = _act(client, case, "make_effective")
    assert early.status_code == 400
    assert f"Quyết định có hiệu lực sau ngày {window.due_on:%d/%m/%Y}" in _html(early)
    with at(window.due_on + dt.timedelta(days=1)):
        client.force_login(world.leader)
        assert _act(client, case, "make_effective").status_code == 302
    case.refresh_from_db()
    assert case.status == Status.EFFECTIVE
    assert case.amount_returned == 150_000_000
    assert case.people_rights_restored == 1


def test_a_denunciation_extended_twice_and_refused_a_third_time(client, world):
    case = _denunciation(world)
    url = reverse("resolution:complexity", kwargs={"reference": case.petition.reference})
    with at(dt.date(2026, 3, 20)):
        client.force_login(world.leader)
        response = client.post(
            url, {"complexity-criteria": ["several_places", "contradictory_evidence"]}
        )
        assert response.status_code == 302
        assert _act(client, case, "extend", note="Gia hạn lần 1").status_code == 302
        assert _act(client, case, "extend", note="Gia hạn lần 2").status_code == 302
        third = _act(client, case, "extend", note="Gia hạn lần 3")
        page = _html(client.get(_detail(case)))

    assert third.status_code == 400
    assert "chỉ được gia hạn tối đa 2 lần" in _html(third)
    assert 'class="action" open id="action-extend"' in _html(third)  # the form stays open
    assert "Đặc biệt phức tạp" in page
    assert "03/06/2026" in page
    assert "gia hạn 2 lần" in page  # in the explanation of the due date
    assert "lần gia hạn thứ 2" in page  # on the timeline
    case.refresh_from_db()
    assert case.extensions_used == 2


def test_suspend_then_resume_shows_the_new_due_date_and_the_days_not_counted(client, world):
    case = _denunciation(world)
    assert case.due_on == dt.date(2026, 4, 3)
    with at(dt.date(2026, 3, 10)):
        client.force_login(world.leader)
        assert _act(client, case, "suspend", note="Chờ kết quả giám định").status_code == 302
        page = _html(client.get(_detail(case)))
    assert "tạm đình chỉ: thời hạn dừng" in page
    assert "10/03/2026 → đang tạm đình chỉ" in page
    assert "Tiếp tục giải quyết" in page  # the resume button

    with at(dt.date(2026, 3, 20)):
        client.force_login(world.leader)
        assert _act(client, case, "resume", note="Đã có kết quả giám định").status_code == 302
        page = _html(client.get(_detail(case)))
    case.refresh_from_db()
    assert case.due_on == dt.date(2026, 4, 13)
    assert "13/04/2026" in page
    assert "không tính 10 ngày tạm đình chỉ" in page  # the explanation of the due date
    assert "10/03/2026 → 20/03/2026" in page
    assert "tạm đình chỉ 10 ngày" in page  # on the timeline


def test_the_denouncer_is_never_named_to_an_official_not_entitled(client, world):
    case = _denunciation(world)
    pages = [_list("unit"), _detail(case)]
    for official in (world.resolver, world.triage):
        client.force_login(official)
        for url in pages:
            html = _html(client.get(url))
            assert DENOUNCER not in html, (official, url)
            assert MASKED in html
        html = _html(client.get(reverse("petitions:detail", args=[case.petition.reference])))
        assert _detail(case) in html  # the petition page links to its case
    client.force_login(world.leader)  # the unit's leader may see who denounced
    assert DENOUNCER in _html(client.get(_detail(case)))
    assert DENOUNCER not in _html(client.get(_list("unit")))  # never in lists


def test_a_take_over_keeps_both_cases_reachable(client, world):
    case = _denunciation(world)
    with at(dt.date(2026, 4, 10)):
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="take_over",
            to_unit=world.province,
            note="Cấp trên trực tiếp giải quyết",
        )
    client.force_login(world.leader)
    first = client.get(_detail(case) + "?case=1")
    assert first.status_code == 200
    assert "Cấp trên trực tiếp giải quyết" in _html(first)
    assert client.get(_detail(case)).status_code == 200  # the board's leader sees its own case
    assert client.get(_detail(case) + "?case=2").status_code == 404  # the province's is not
    assert Resolution.objects.filter(petition=case.petition).count() == 2


@pytest.mark.parametrize("action", ["nonsense", ""])
def test_an_unknown_action_comes_back_with_a_message(client, world, action):
    case = _complaint(world)
    client.force_login(world.leader)
    response = client.post(
        reverse("resolution:transition", args=[case.petition.reference]), {"action": action}
    )
    assert response.status_code == 302
    assert "Hãy chọn một trong các thao tác" in _html(client.get(response["Location"]))


def test_verification_is_given_to_another_units_official_from_the_case_page(client, world):
    import datetime as _dt

    from tiepdan.resolution.tests.helpers import accepted as _accepted
    from tiepdan.resolution.tests.helpers import at as _at

    case = _accepted(
        world, kind="complaint", received_on=_dt.date(2026, 3, 2), accepted_on=_dt.date(2026, 3, 4)
    )
    client.force_login(world.resolver)
    url = f"/giai-quyet/{case.petition.reference}/"
    page = client.get(url).content.decode()
    assert 'name="start_verification-verifying_unit"' in page
    assert world.commune.name in page
    with _at(_dt.date(2026, 3, 5)):
        response = client.post(
            url + "xu-ly/",
            {
                "action": "start_verification",
                "start_verification-verifying_unit": world.commune.code,
                "start_verification-verifier": world.commune_triage.username,
                "start_verification-note": "",
            },
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.verifying_unit, case.assigned_to) == (world.commune, world.commune_triage)
