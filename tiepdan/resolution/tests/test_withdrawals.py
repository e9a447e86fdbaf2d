"""Withdrawals recorded as data: whole or partial, forced or not (LKN Art. 10; LTC Art. 33)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from tiepdan.core.documents import read_back
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.petitions.models import DocumentKind
from tiepdan.petitions.services import PetitionerData
from tiepdan.resolution.models import Withdrawal
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at
from tiepdan.resolution.workflow import Status

K = DocumentKind
DENOUNCER = ("Nguyễn Văn Đức", "019085001234", "Xóm 3, xã Đại Từ")
BEFORE_REFORM = dt.date(2026, 3, 4)
AFTER_REFORM = dt.date(2026, 7, 6)
PART = "Rút nội dung tố cáo việc ông Nguyễn Văn Đức bị đòi 5 triệu đồng"


def _case(world, kind, accepted_on):
    extra = {}
    if kind == "complaint":
        extra["petitioners"] = [PetitionerData(full_name="Lê Thị Hoa", email="hoa@example.vn")]
    return accepted(
        world,
        kind=kind,
        received_on=accepted_on - dt.timedelta(days=2),
        accepted_on=accepted_on,
        **extra,
    )


def _withdraw(world, case, day, action, actor=None, **kw):
    with at(day):
        return resolution_transition(
            actor=actor or world.leader, resolution_id=case.pk, action=action, **kw
        )


def _text(case, kind) -> str:
    document = case.petition.documents.filter(kind=kind).latest("pk")
    with document.file.open("rb") as handle:
        return read_back(handle.read())["text"]


def test_a_whole_withdrawal_terminates_and_is_recorded(world):
    case = _case(world, "complaint", BEFORE_REFORM)
    day = dt.date(2026, 3, 10)
    _withdraw(world, case, day, "withdraw", note="Người khiếu nại rút toàn bộ đơn")
    case.refresh_from_db()
    assert case.status == Status.TERMINATED
    row = case.withdrawals.get()
    assert (row.scope, row.withdrawn_on, row.content) == (
        Withdrawal.Scope.WHOLE,
        day,
        "Người khiếu nại rút toàn bộ đơn",
    )
    assert (row.forced, row.continues, row.recorded_by) == (False, False, world.leader)


@pytest.mark.parametrize(
    ("must_continue", "forced"), [(True, False), (False, True)], ids=["tc16", "forced"]
)
def test_a_whole_denunciation_withdrawal_that_must_go_on_is_recorded_and_goes_on(
    world, must_continue, forced
):
    # TC-16: signs of a violation, or a withdrawal under threat (LTC Art. 33.3).
    case = _case(world, "denunciation", BEFORE_REFORM)
    _withdraw(
        world,
        case,
        dt.date(2026, 3, 10),
        "withdraw",
        note="Rút toàn bộ",
        must_continue=must_continue,
        forced=forced,
    )
    case.refresh_from_db()
    assert (case.status, case.must_continue) == (Status.ACCEPTED, True)
    row = case.withdrawals.get()
    assert (row.scope, row.forced, row.continues) == (Withdrawal.Scope.WHOLE, forced, True)
    assert not case.petition.documents.filter(kind=K.TERMINATION_DECISION).exists()


@pytest.mark.parametrize(
    ("day", "continues"),
    [(dt.date(2026, 6, 29), False), (AFTER_REFORM, True)],
    ids=["before-2026-07-01", "from-2026-07-01"],
)
def test_a_complaint_withdrawn_under_coercion_is_still_resolved_from_the_reform(
    world, day, continues
):
    # Law 136/2025 amending LKN Art. 10: the exception exists from 01/07/2026 only (CAL-00).
    case = _case(world, "complaint", dt.date(2026, 6, 1))
    _withdraw(world, case, day, "withdraw", note="Bị ép rút đơn", forced=True)
    case.refresh_from_db()
    assert case.status == (Status.ACCEPTED if continues else Status.TERMINATED)
    assert not case.must_continue  # TC-16 is the denunciations' rule
    row = case.withdrawals.get()
    assert (row.forced, row.continues) == (True, continues)


def test_part_of_a_complaint_cannot_be_withdrawn_before_2026_07_01(world):
    case = _case(world, "complaint", BEFORE_REFORM)
    with translation.override("en"), pytest.raises(ValidationFailed) as info:
        _withdraw(
            world, case, dt.date(2026, 6, 30), "withdraw_part", world.resolver, note="Nội dung 2"
        )
    assert "01/07/2026" in str(info.value)
    assert "as a whole" in str(info.value)
    assert not Withdrawal.objects.exists()
    assert not case.petition.documents.filter(kind=K.WITHDRAWAL_RECORD).exists()


def test_part_of_a_complaint_is_withdrawn_from_2026_07_01_and_the_rest_goes_on(world):
    case = _case(world, "complaint", AFTER_REFORM)
    with at(AFTER_REFORM + dt.timedelta(days=2)):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="start_verification"
        )
    day = AFTER_REFORM + dt.timedelta(days=3)
    # The resolver records it: minutes, not a decision (RESOLVE_PETITIONS).
    _withdraw(world, case, day, "withdraw_part", world.resolver, note="Yêu cầu bồi thường tài sản")
    case.refresh_from_db()
    assert case.status == Status.VERIFYING
    row = case.withdrawals.get()
    assert (row.scope, row.content, row.forced, row.continues) == (
        Withdrawal.Scope.PART,
        "Yêu cầu bồi thường tài sản",
        False,
        False,
    )
    assert row.recorded_by == world.resolver
    document = case.petition.documents.get(kind=K.WITHDRAWAL_RECORD)
    assert document.addressed_to_petitioner
    assert "/BB-" in document.number
    text = _text(case, K.WITHDRAWAL_RECORD)
    assert "Yêu cầu bồi thường tài sản" in text
    assert "rút một phần" in text
    assert "không được xem xét, giải quyết lại" in text
    assert "Lê Thị Hoa" in text  # a complaint's record names the complainant
    told = case.petition.events.filter(action="petitioner_notified").latest("pk")
    assert told.data["document"] == document.number


def test_a_forced_partial_withdrawal_keeps_the_content_to_be_considered(world):
    case = _case(world, "complaint", AFTER_REFORM)
    _withdraw(
        world,
        case,
        AFTER_REFORM + dt.timedelta(days=1),
        "withdraw_part",
        world.resolver,
        note="Nội dung thứ hai",
        forced=True,
    )
    row = case.withdrawals.get()
    assert (row.forced, row.continues) == (True, True)
    assert "do bị đe dọa, ép buộc" in _text(case, K.WITHDRAWAL_RECORD)


def test_part_of_a_suspended_case_is_withdrawn_and_it_stays_suspended(world):
    case = _case(world, "denunciation", BEFORE_REFORM)
    _withdraw(world, case, dt.date(2026, 3, 10), "suspend", note="Chờ giám định")
    _withdraw(world, case, dt.date(2026, 3, 12), "withdraw_part", world.resolver, note=PART)
    case.refresh_from_db()
    assert (case.status, case.suspended_from) == (Status.SUSPENDED, Status.ACCEPTED)
    _withdraw(world, case, dt.date(2026, 3, 16), "resume", note="Có kết quả")
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED


@pytest.mark.parametrize("forced", [False, True])
def test_a_denunciations_withdrawal_record_never_names_the_denouncer(world, forced):
    # Partial withdrawal of a denunciation: any time before the conclusion (LTC Art. 33.1).
    case = _case(world, "denunciation", BEFORE_REFORM)
    _withdraw(
        world,
        case,
        dt.date(2026, 3, 10),
        "withdraw_part",
        world.resolver,
        note=PART,
        forced=forced,
    )
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED
    assert not case.must_continue
    row = case.withdrawals.get()
    assert (row.scope, row.forced, row.continues) == (Withdrawal.Scope.PART, forced, forced)
    text = _text(case, K.WITHDRAWAL_RECORD)
    assert "bị đòi 5 triệu đồng" in text
    assert "(thông tin được giữ bí mật)" in text  # the name in the content is masked
    assert not any(secret in text for secret in DENOUNCER)
    assert "khoản 3 Điều 33" in text if forced else "khoản 2 Điều 33" in text


def test_a_partial_withdrawal_needs_the_content(world):
    case = _case(world, "denunciation", BEFORE_REFORM)
    with pytest.raises(ValidationFailed) as info:
        _withdraw(world, case, dt.date(2026, 3, 10), "withdraw_part", world.resolver)
    assert info.value.extra["field"] == "note"


def test_when_some_of_several_complainants_withdraw_the_case_goes_on_for_the_others(world):
    case = accepted(
        world,
        kind="complaint",
        received_on=dt.date(2026, 3, 2),
        accepted_on=BEFORE_REFORM,
        petitioners=[
            PetitionerData(full_name="Lê Thị Hoa", email="hoa@example.vn"),
            PetitionerData(full_name="Lê Văn Bình"),
        ],
    )
    day = dt.date(2026, 3, 10)
    _withdraw(world, case, day, "withdraw", note="Rút đơn", persons="Lê Văn Bình")
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED  # NĐ 124/2020 Art. 7a: resolved for Bà Hoa
    row = case.withdrawals.get()
    assert (row.persons, row.continues) == ("Lê Văn Bình", True)
    assert not case.petition.documents.filter(kind=K.TERMINATION_DECISION).exists()

    _withdraw(world, case, day, "withdraw", note="Bà Hoa cũng rút đơn")  # now all of them
    case.refresh_from_db()
    assert case.status == Status.TERMINATED


def test_naming_who_withdraws_needs_several_petitioners(world):
    case = _case(world, "complaint", BEFORE_REFORM)
    with pytest.raises(ValidationFailed) as info:
        _withdraw(world, case, dt.date(2026, 3, 10), "withdraw", note="Rút", persons="Lê Thị Hoa")
    assert info.value.extra["field"] == "persons"
