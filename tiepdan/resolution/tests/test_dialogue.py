"""The complaint dialogue: the invitation (KN-14, from 01/07/2026) and the minutes (Mẫu 14)."""

from __future__ import annotations

import datetime as dt
import re
from email import message_from_bytes, policy

import pytest
from django.urls import reverse
from django.utils import translation

from tiepdan.core.documents import read_back
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.petitions.models import DocumentKind, PetitionDocument
from tiepdan.petitions.services import PetitionerData
from tiepdan.resolution.dialogue import earliest_dialogue_on, notice_limit
from tiepdan.resolution.models import MinutesSignature, Resolution
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at
from tiepdan.resolution.workflow import Status

K = DocumentKind
D = dt.date
# After the reform: accepted Thursday 02/07/2026, verification from Monday 06/07.
ACCEPTED_ON = D(2026, 7, 2)
WEDNESDAY, THURSDAY, MONDAY = D(2026, 7, 8), D(2026, 7, 9), D(2026, 7, 13)


def _complaint(world, accepted_on: dt.date = ACCEPTED_ON, **extra) -> Resolution:
    case = accepted(
        world,
        kind="complaint",
        received_on=accepted_on - dt.timedelta(days=1),
        accepted_on=accepted_on,
        name=extra.pop("name", "Lê Thị Hoa"),
        summary="Khiếu nại quyết định thu hồi đất của UBND xã",
        respondent_name="Chủ tịch UBND xã Đại Từ",
        **extra,
    )
    with at(accepted_on):
        _act(world, case, "start_verification")
    return case


def _act(world, case: Resolution, action: str, **kw) -> Resolution:
    return resolution_transition(actor=world.resolver, resolution_id=case.pk, action=action, **kw)


def _invite(world, case: Resolution, on: dt.date, planned_on: dt.date) -> Resolution:
    with at(on):
        return _act(
            world,
            case,
            "notify_dialogue",
            planned_on=planned_on,
            note="8 giờ 00, Hội trường UBND xã Đại Từ",
        )


def _hold(world, case: Resolution, on: dt.date, minutes: str = "signed", **kw) -> Resolution:
    with at(on):
        return _act(
            world,
            case,
            "hold_dialogue",
            dialogue_on=kw.pop("dialogue_on", on),
            dialogue_minutes=minutes,
            note=kw.pop("note", "Người khiếu nại giữ nguyên yêu cầu"),
            **kw,
        )


def _refused(call) -> ValidationFailed:  # type: ignore[no-untyped-def]
    with translation.override("en"), pytest.raises(ValidationFailed) as info:
        call()
    return info.value


def _text(document: PetitionDocument) -> str:
    with document.file.open("rb") as handle:
        return read_back(handle.read())["text"]


# --- KN-14 as the deadlines package counts it ---------------------------------------------


def test_kn14_counts_calendar_days_before_the_dialogue_and_only_from_the_reform(db):
    limit = notice_limit(MONDAY)
    assert limit is not None
    assert limit.latest_on == WEDNESDAY  # 5 calendar days: the weekend counts
    assert notice_limit(D(2026, 6, 30)) is None  # CAL-00: no version in force yet
    assert earliest_dialogue_on(THURSDAY) == D(2026, 7, 14)
    assert earliest_dialogue_on(D(2026, 6, 20)) == D(2026, 6, 20)


# --- The invitation -----------------------------------------------------------------------


def test_an_invitation_5_days_before_a_dialogue_across_a_weekend_is_accepted(world):
    case = _complaint(world)
    _invite(world, case, WEDNESDAY, MONDAY)
    case.refresh_from_db()
    assert case.status == Status.VERIFYING
    assert (case.dialogue_notice_on, case.dialogue_planned_on) == (WEDNESDAY, MONDAY)
    invitation = case.petition.documents.get(kind=K.DIALOGUE_NOTICE)
    assert invitation.number == "1/GM-BTCD-T19"
    assert invitation.addressed_to_petitioner
    event = case.petition.events.get(action="notify_dialogue")
    assert event.data["rule"] == "KN-14"
    assert event.data["document"] == invitation.number


def test_an_invitation_4_days_before_is_refused_with_the_earliest_lawful_date(world):
    case = _complaint(world)
    error = _refused(lambda: _invite(world, case, THURSDAY, MONDAY))
    assert error.extra["field"] == "planned_on"
    assert "5 calendar days" in str(error)
    assert "14/07/2026" in str(error)  # Thursday + 5 calendar days
    case.refresh_from_db()
    assert case.dialogue_notice_on is None
    assert not case.petition.documents.filter(kind=K.DIALOGUE_NOTICE).exists()


def test_a_planned_date_in_the_past_is_refused(world):
    case = _complaint(world)
    error = _refused(lambda: _invite(world, case, WEDNESDAY, D(2026, 7, 7)))
    assert error.extra["field"] == "planned_on"
    assert "past" in str(error)


def test_the_planned_date_is_required(world):
    case = _complaint(world)
    with at(WEDNESDAY):
        error = _refused(lambda: _act(world, case, "notify_dialogue", note="Hội trường"))
    assert error.extra["field"] == "planned_on"


def test_before_the_reform_no_minimum_notice_applies(world):
    case = _complaint(world, accepted_on=D(2026, 6, 1))
    _invite(world, case, D(2026, 6, 10), D(2026, 6, 11))  # one day's notice
    case.refresh_from_db()
    assert case.dialogue_planned_on == D(2026, 6, 11)
    assert case.petition.events.get(action="notify_dialogue").data["rule"] == ""
    text = _text(case.petition.documents.get(kind=K.DIALOGUE_NOTICE))
    assert "Thời gian: ngày 11/06/2026" in text
    assert "155/2026" not in text
    _hold(world, case, D(2026, 6, 11))
    case.refresh_from_db()
    assert case.status == Status.DIALOGUE


def test_the_dialogue_date_decides_whether_kn14_applies(world):
    # Invited in June for a dialogue in July: the 2026 rules apply to it (CAL-00).
    case = _complaint(world, accepted_on=D(2026, 6, 1))
    error = _refused(lambda: _invite(world, case, D(2026, 6, 29), D(2026, 7, 2)))
    assert error.extra["field"] == "planned_on"
    _invite(world, case, D(2026, 6, 29), D(2026, 7, 4))
    case.refresh_from_db()
    assert case.dialogue_planned_on == D(2026, 7, 4)


def test_a_new_invitation_moves_the_dialogue(world):
    case = _complaint(world)
    _invite(world, case, WEDNESDAY, MONDAY)
    _invite(world, case, D(2026, 7, 10), D(2026, 7, 20))
    case.refresh_from_db()
    assert (case.dialogue_notice_on, case.dialogue_planned_on) == (D(2026, 7, 10), D(2026, 7, 20))
    numbers = case.petition.documents.filter(kind=K.DIALOGUE_NOTICE).values_list("number")
    assert sorted(n for (n,) in numbers) == ["1/GM-BTCD-T19", "2/GM-BTCD-T19"]


def test_the_complainant_is_sent_the_invitation(
    world, smtp_server, django_capture_on_commit_callbacks
):
    case = _complaint(
        world, petitioners=[PetitionerData(full_name="Lê Thị Hoa", email="hoa@example.vn")]
    )
    with django_capture_on_commit_callbacks(execute=True):
        _invite(world, case, WEDNESDAY, MONDAY)
    mails = [message_from_bytes(m["raw"], policy=policy.default) for m in smtp_server.messages]
    invitation = case.petition.documents.get(kind=K.DIALOGUE_NOTICE)
    told = [m for m in mails if "đối thoại" in m["Subject"]]
    assert len(told) == 1
    body = told[0].get_content()
    assert "13/07/2026" in body
    assert invitation.number in body


# --- Holding the dialogue -----------------------------------------------------------------


def test_a_dialogue_held_after_the_reform_without_an_invitation_is_refused(world):
    case = _complaint(world)
    error = _refused(lambda: _hold(world, case, MONDAY))
    assert error.extra["field"] == "dialogue_on"
    assert "Send the dialogue invitation first" in str(error)
    case.refresh_from_db()
    assert case.status == Status.VERIFYING
    assert case.dialogue_on is None


def test_a_dialogue_held_too_soon_after_the_invitation_is_refused(world):
    case = _complaint(world)
    _invite(world, case, WEDNESDAY, MONDAY)
    error = _refused(lambda: _hold(world, case, D(2026, 7, 10)))
    assert error.extra["field"] == "dialogue_on"
    assert "on or after 13/07/2026" in str(error)
    assert "08/07/2026" in str(error)


# How Mẫu 14 closes, one sentence per choice (LKN Art. 30.4, 30.6).
CLOSINGS = {
    "signed": "những người tham gia đối thoại đã ký tên xác nhận",
    "refused": "Người khiếu nại từ chối ký biên bản",
    "absent": "vắng mặt không có lý do chính đáng",
}


@pytest.mark.parametrize("minutes", list(CLOSINGS))
def test_the_minutes_signature_is_stored_and_written_in_the_minutes(world, minutes):
    case = _complaint(world)
    _invite(world, case, WEDNESDAY, MONDAY)
    _hold(world, case, MONDAY, minutes)
    case.refresh_from_db()
    assert case.status == Status.DIALOGUE
    assert (case.dialogue_on, case.dialogue_minutes) == (MONDAY, minutes)
    assert case.petition.events.get(action="hold_dialogue").data["dialogue_minutes"] == minutes
    text = _text(case.petition.documents.get(kind=K.DIALOGUE_MINUTES))
    assert [m for m, sentence in CLOSINGS.items() if sentence in text] == [minutes]
    invitation = case.petition.documents.get(kind=K.DIALOGUE_NOTICE)
    assert f"Giấy mời số {invitation.number} ngày 08/07/2026" in text


@pytest.mark.parametrize("minutes", ["", "lost"])
def test_the_minutes_signature_is_required(world, minutes):
    case = _complaint(world)
    _invite(world, case, WEDNESDAY, MONDAY)
    error = _refused(lambda: _hold(world, case, MONDAY, minutes))
    assert error.extra["field"] == "dialogue_minutes"


def test_an_absent_complainant_does_not_stop_the_resolution(world):
    case = _complaint(world)
    _invite(world, case, WEDNESDAY, MONDAY)
    _hold(world, case, MONDAY, "absent")
    with at(D(2026, 7, 15)):
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="decide",
            outcome="unfounded",
            note="Giữ nguyên quyết định thu hồi đất",
        )
    case.refresh_from_db()
    assert case.status == Status.DECIDED
    text = _text(case.petition.documents.get(kind=K.COMPLAINT_DECISION))
    assert "Đối thoại ngày 13/07/2026" in text
    assert "Người khiếu nại vắng mặt không có lý do chính đáng" in text


def test_a_second_level_complaint_after_the_reform_is_invited_then_decided(world):
    # LKN Art. 39: dialogue always at the second level; KN-14 applies to it too.
    case = _complaint(world)
    Resolution.objects.filter(pk=case.pk).update(level=2)
    with at(D(2026, 7, 15)):
        error = _refused(
            lambda: resolution_transition(
                actor=world.leader,
                resolution_id=case.pk,
                action="decide",
                outcome="unfounded",
                note="x",
            )
        )
    assert "dialogue" in str(error)
    _invite(world, case, WEDNESDAY, MONDAY)
    _hold(world, case, MONDAY, "refused")
    with at(D(2026, 7, 15)):
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="decide",
            outcome="unfounded",
            note="x",
        )
    case.refresh_from_db()
    assert case.status == Status.DECIDED


# --- The case page ------------------------------------------------------------------------


def _post(client, case: Resolution, action: str, **fields):
    data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
    url = reverse("resolution:transition", kwargs={"reference": case.petition.reference})
    return client.post(url, data)


def _page(client, case: Resolution) -> str:
    url = reverse("resolution:detail", kwargs={"reference": case.petition.reference})
    return client.get(url).content.decode()


def test_the_case_page_invites_holds_and_shows_the_dialogue(client, world):
    case = _complaint(world)
    with at(WEDNESDAY):
        client.force_login(world.resolver)
        page = _page(client, case)
        assert 'name="notify_dialogue-planned_on"' in page
        assert 'name="notify_dialogue-note"' in page
        assert 'name="hold_dialogue-dialogue_on"' in page
        for value in MinutesSignature.values:
            assert re.search(
                rf'<input type="radio" name="hold_dialogue-dialogue_minutes" value="{value}"', page
            ), value
        early = _post(client, case, "notify_dialogue", planned_on="12/07/2026", note="Hội trường")
        assert early.status_code == 400
        assert re.search(
            r'id="id_notify_dialogue-planned_on_error">.*13/07/2026', early.content.decode(), re.S
        )
        done = _post(client, case, "notify_dialogue", planned_on="13/07/2026", note="Hội trường")
        assert done.status_code == 302
    with at(MONDAY):
        client.force_login(world.resolver)  # the session of 08/07 has expired
        missing = _post(client, case, "hold_dialogue", dialogue_on="13/07/2026", note="x")
        assert missing.status_code == 400
        assert 'id="id_hold_dialogue-dialogue_minutes_error"' in missing.content.decode()
        held = _post(
            client,
            case,
            "hold_dialogue",
            dialogue_on="13/07/2026",
            dialogue_minutes="refused",
            note="x",
        )
        assert held.status_code == 302
        page = _page(client, case)
    case.refresh_from_db()
    assert case.dialogue_minutes == MinutesSignature.REFUSED
    panel = re.search(r'<section[^>]*id="dialogue".*?</section>', page, re.S)
    assert panel is not None
    assert "08/07/2026" in panel.group(0)  # the invitation
    assert "13/07/2026" in panel.group(0)  # planned and held
    with translation.override("vi"):
        assert str(MinutesSignature.REFUSED.label) in panel.group(0)
