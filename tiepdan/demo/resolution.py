"""Demo resolution cases of the province's chair, so the case pages and forms 03/GQKN, 04/GQTC and
05/KQTH show figures: a complaint decision in legal effect and carried out in part, and a
denunciation conclusion acted on, whose denouncer was granted protection.

Idempotent: a case is keyed on its petition's summary in the province's people's committee, and
a protection is granted only when the demo has none. Dates follow the day the demo is loaded:
the complaint was decided over a month ago (its legal effect waits 30 days, KN-11), the
denunciation's conclusion and what followed fall in the current quarter where they can.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.utils import timezone

from tiepdan.accounts.models import User
from tiepdan.core import clock
from tiepdan.deadlines.services import calendar_load
from tiepdan.demo.data import INSPECTORATE_CODE, PROVINCE_CODE
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import Petition
from tiepdan.petitions.services import (
    PetitionData,
    PetitionerData,
    petition_assign,
    petition_receive,
    petition_transition,
)
from tiepdan.reports.periods import PeriodKind, period_containing
from tiepdan.resolution.models import ProtectionRequest, Resolution
from tiepdan.resolution.protection import protection_decide, protection_request
from tiepdan.resolution.services import resolution_transition

PROVINCE_TRIAGE = "vp.xulydon"
PROVINCE_RESOLVER = "vp.giaiquyet"
CHAIR = "chutich"
INSPECTOR = "thanhtra"

COMPLAINT_SUMMARY = "Khiếu nại quyết định bồi thường, hỗ trợ khi thu hồi đất mở rộng Quốc lộ 37"
DENUNCIATION_SUMMARY = (
    "Tố cáo Phó Trưởng phòng Sở Xây dựng nhận tiền của doanh nghiệp khi thẩm định hồ sơ"
)
DENOUNCER = "Đỗ Thị Thu"


def _user(username: str) -> User:
    return User.objects.get(username=username)


@contextmanager
def _on(day: dt.date) -> Iterator[None]:
    """Run the services on an earlier day (they date what they record by the clock)."""
    import time_machine  # demo databases only; installed with the app's requirements

    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    with time_machine.travel(moment, tick=False):
        yield


def _working_day(day: dt.date) -> dt.date:
    """The day itself if it is a working day, else the working day before it."""
    calendar = calendar_load()
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _recent(days_ago: int) -> dt.date:
    """A working day about `days_ago` back, moved up to the current quarter's first day so the
    quarterly forms count it (never after today)."""
    today = clock.today()
    start = period_containing(PeriodKind.QUARTER, today).start
    return min(max(_working_day(today - dt.timedelta(days=days_ago)), start), today)


def _case(summary: str) -> Resolution | None:
    return Resolution.objects.filter(
        petition__current_unit__code=PROVINCE_CODE, petition__summary=summary
    ).first()


def _accepted(day: dt.date, data: PetitionData) -> Resolution:
    """Received by the office of the people's committee, proposed and accepted on that day."""
    province = OrgUnit.objects.get(code=PROVINCE_CODE)
    triage = _user(PROVINCE_TRIAGE)
    with _on(day):
        petition = petition_receive(actor=triage, unit=province, data=data)
        petition_transition(
            actor=triage,
            petition_id=petition.pk,
            action="propose_acceptance",
            note="Đơn đủ điều kiện, thuộc thẩm quyền giải quyết của Chủ tịch UBND tỉnh.",
        )
        petition_transition(actor=_user(CHAIR), petition_id=petition.pk, action="accept")
        petition_assign(
            actor=_user(CHAIR), petition_id=petition.pk, assignee=_user(PROVINCE_RESOLVER)
        )
    return Resolution.objects.get(petition=petition)


def demo_resolutions() -> int:
    """The two cases, and a granted protection if there is none; returns the cases created."""
    created = 0
    if _case(COMPLAINT_SUMMARY) is None:
        _complaint()
        created += 1
    denunciation = _case(DENUNCIATION_SUMMARY)
    if denunciation is None:
        _denunciation()
        created += 1
    elif not ProtectionRequest.objects.filter(status=ProtectionRequest.Status.GRANTED).exists():
        today = clock.today()
        _protection(denunciation, requested_on=today, decided_on=today)
    return created


def _complaint() -> None:
    """Decided about 45 days ago (50 million đồng more compensation, one official to discipline),
    in legal effect since its KN-11 window ended, 30 million paid today."""
    today = clock.today()
    decided_on = _working_day(today - dt.timedelta(days=45))
    accepted_on = _working_day(decided_on - dt.timedelta(days=24))
    received_on = _working_day(accepted_on - dt.timedelta(days=3))
    case = _accepted(
        accepted_on,
        PetitionData(
            received_on=received_on,
            channel="in_person",
            kind="complaint",
            complaint_subject="administrative_act",
            field="land",
            summary=COMPLAINT_SUMMARY,
            content="Gia đình tôi không đồng ý với đơn giá bồi thường 120 m² đất trồng cây lâu "
            "năm trong Quyết định số 86/QĐ-UBND; đề nghị tính lại theo giá đất ở.",
            request="Đề nghị hủy một phần quyết định và bồi thường bổ sung.",
            respondent_name="Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên",
            respondent_is_body=True,
            decision_known_on=received_on - dt.timedelta(days=20),
            petitioners=[
                PetitionerData(
                    full_name="Hoàng Văn Sơn",
                    citizen_id="019072005566",
                    address="Xóm Đồng Bầu, xã Quân Chu, tỉnh Thái Nguyên",
                )
            ],
        ),
    )
    resolver, chair = _user(PROVINCE_RESOLVER), _user(CHAIR)
    with _on(_working_day(accepted_on + dt.timedelta(days=3))):
        resolution_transition(
            actor=resolver,
            resolution_id=case.pk,
            action="start_verification",
            verifying_unit=OrgUnit.objects.get(code=INSPECTORATE_CODE),
            verifier=_user(INSPECTOR),
            note="Giao Thanh tra tỉnh xác minh nội dung khiếu nại.",
        )
    with _on(decided_on):
        resolution_transition(
            actor=chair,
            resolution_id=case.pk,
            action="decide",
            outcome="partly_founded",
            decision_number="214/QĐ-UBND",
            note="Khiếu nại đúng một phần: 120 m² được bồi thường theo giá đất ở; yêu cầu hủy "
            "toàn bộ quyết định thu hồi đất là không có cơ sở.",
            amounts={
                "amount_returned": Decimal(50_000_000),
                "people_rights_restored": 1,
                "persons_to_discipline": 1,
            },
        )
    with _on(_working_day(decided_on + dt.timedelta(days=2))):
        resolution_transition(
            actor=resolver,
            resolution_id=case.pk,
            action="record_sending",
            note="Gửi ông Hoàng Văn Sơn, Sở Nông nghiệp và Môi trường, UBND xã Quân Chu.",
        )
    window = case.petition.deadlines.get(family="KN-11")
    with _on(min(window.due_on + dt.timedelta(days=1), today)):
        resolution_transition(actor=chair, resolution_id=case.pk, action="make_effective")
    resolution_transition(
        actor=resolver,
        resolution_id=case.pk,
        action="record_implementation",
        note="Chi trả đợt 1 tiền bồi thường bổ sung cho hộ ông Hoàng Văn Sơn; phần còn lại "
        "chờ bố trí kinh phí.",
        implementation={"amount_returned": Decimal(30_000_000)},
    )


def _denunciation() -> None:
    """Concluded founded (20 million đồng to recover, one to discipline, one referred to the
    police), then acted on: the money recovered, the official disciplined and prosecuted. The
    denouncer asked for protection while it was verified, and the chair granted it."""
    accepted_on = _working_day(clock.today() - dt.timedelta(days=32))
    received_on = _working_day(accepted_on - dt.timedelta(days=4))
    case = _accepted(
        accepted_on,
        PetitionData(
            received_on=received_on,
            channel="post",
            kind="denunciation",
            field="corruption",
            summary=DENUNCIATION_SUMMARY,
            content="Ông Lê Văn Tùng, Phó Trưởng phòng Quản lý xây dựng, nhận 20 triệu đồng "
            "của công ty chúng tôi để thẩm định nhanh hồ sơ cấp phép xây dựng.",
            respondent_name="Lê Văn Tùng",
            respondent_details="Phó Trưởng phòng Quản lý xây dựng, Sở Xây dựng tỉnh Thái Nguyên",
            petitioners=[
                PetitionerData(
                    full_name=DENOUNCER,
                    citizen_id="019188003344",
                    address="Tổ 7, phường Phan Đình Phùng, tỉnh Thái Nguyên",
                )
            ],
        ),
    )
    resolver, chair = _user(PROVINCE_RESOLVER), _user(CHAIR)
    with _on(_working_day(accepted_on + dt.timedelta(days=2))):
        resolution_transition(actor=resolver, resolution_id=case.pk, action="start_verification")
    if not ProtectionRequest.objects.filter(status=ProtectionRequest.Status.GRANTED).exists():
        _protection(case, requested_on=_recent(20), decided_on=_recent(18))
    concluded_on = _recent(6)
    with _on(concluded_on):
        resolution_transition(
            actor=chair,
            resolution_id=case.pk,
            action="decide",
            outcome="founded",
            decision_number="15/KL-UBND",
            note="Nội dung tố cáo là đúng: ông Lê Văn Tùng đã nhận 20.000.000 đồng của doanh "
            "nghiệp. Kiến nghị xử lý kỷ luật và chuyển hồ sơ sang Cơ quan điều tra.",
            amounts={
                "amount_recovered": Decimal(20_000_000),
                "persons_to_discipline": 1,
                "persons_referred": 1,
            },
        )
    with _on(max(_recent(1), concluded_on)):
        resolution_transition(
            actor=chair,
            resolution_id=case.pk,
            action="act_on_conclusion",
            note="Thu hồi 20.000.000 đồng nộp ngân sách; kỷ luật cảnh cáo ông Lê Văn Tùng; "
            "Cơ quan Cảnh sát điều tra Công an tỉnh đã khởi tố vụ án.",
            implementation={
                "amount_recovered": Decimal(20_000_000),
                "persons_disciplined": 1,
                "persons_prosecuted": 1,
            },
        )


def _protection(case: Resolution, *, requested_on: dt.date, decided_on: dt.date) -> None:
    """The denouncer works with the accused's department and fears for her job (LTC Art. 47)."""
    petition: Petition = case.petition
    with _on(requested_on):
        request = protection_request(
            actor=_user(PROVINCE_RESOLVER),
            resolution_id=case.pk,
            person_name=petition.petitioners.get().full_name,
            relation=ProtectionRequest.Relation.DENOUNCER,
            measures=[
                ProtectionRequest.Measure.CONFIDENTIALITY,
                ProtectionRequest.Measure.JOB,
            ],
            grounds="Người tố cáo làm việc với Sở Xây dựng thường xuyên, lo ngại bị gây khó "
            "khăn trong công việc.",
            requested_on=requested_on,
        )
    with _on(max(decided_on, requested_on)):
        protection_decide(
            actor=_user(CHAIR),
            request_id=request.pk,
            grant=True,
            note="Giữ bí mật danh tính người tố cáo; yêu cầu Giám đốc Sở Xây dựng không để "
            "xảy ra trù dập.",
            protecting_body="Sở Xây dựng tỉnh Thái Nguyên",
        )
