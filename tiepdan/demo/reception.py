"""Demo reception: a few visits in the registers and the Đại Từ commune chair's periodic sessions,
so the register, the public schedule and the compliance view show something.

Idempotent: visits are keyed on their unit and summary, sessions on the head and the period.
Dates follow the day the demo is loaded: visits on the last working days, one session published
today for the earliest day the law allows, one held last month.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tiepdan.accounts.models import User
from tiepdan.core import clock
from tiepdan.deadlines.services import calendar_load
from tiepdan.demo.data import COMMUNE_DAI_TU, RECEPTION_BOARD_CODE
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.reception.models import (
    HeadKind,
    ReceptionKind,
    ReceptionSession,
    RefusalGround,
    Visit,
)
from tiepdan.reception.services import (
    VisitData,
    VisitorData,
    session_hold,
    session_schedule,
    visit_record,
)
from tiepdan.reception.services.sessions import (
    OPEN_STATUSES,
    schedule_earliest_day,
    schedule_latest_publication,
)

BOARD_DESK = "letan"
COMMUNE_DESK = "xa.letan"
COMMUNE_CHAIR = "xa.chutich"
# TCD-02 needs a written refusal notice for this ground, so the demo shows its due date.
REFUSAL_GROUND = "ltcd-9.3"
SESSION_HOUR = 8


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@contextmanager
def _on(moment: dt.datetime) -> Iterator[None]:
    """Run the services on an earlier day: a session held last month was published and held
    then, and the services check that against the clock (LTCD Art. 24.2)."""
    import time_machine  # demo databases only; installed with the app's requirements

    with time_machine.travel(moment, tick=False):
        yield


def _previous_working_days(count: int) -> list[dt.date]:
    """The last `count` working days before today, most recent first (so no visit is in the
    future whatever the hour the demo is loaded)."""
    calendar = calendar_load()
    days: list[dt.date] = []
    day = clock.today()
    while len(days) < count:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            days.append(day)
    return days


def _last_month_session_day() -> dt.date:
    """A working day in the middle of last month."""
    calendar = calendar_load()
    first_of_this_month = clock.today().replace(day=1)
    day = (first_of_this_month - dt.timedelta(days=1)).replace(day=15)
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def demo_sessions() -> tuple[int, ReceptionSession | None]:
    """The commune chair's periodic sessions: one published today for the earliest lawful day
    (5 working days ahead, TCD-06), one held last month. Returns how many were created and the
    held one (its visits are filed under it)."""
    commune = OrgUnit.objects.get(code=COMMUNE_DAI_TU)
    chair = User.objects.get(username=COMMUNE_CHAIR)
    clerk = User.objects.get(username=COMMUNE_DESK)
    office = ReceptionOffice.objects.filter(org_unit=commune, is_active=True).first()
    values = {
        "actor": clerk,
        "unit": commune,
        "head": chair,
        "head_kind": HeadKind.COMMUNE_CHAIR,
        "kind": ReceptionKind.PERIODIC,
        "office": office,
        "place": "" if office else "Hội trường UBND xã Đại Từ",
    }
    theirs = ReceptionSession.objects.filter(org_unit=commune, head=chair, kind="periodic")
    created = 0
    if not theirs.filter(status__in=OPEN_STATUSES, starts_at__gt=clock.now()).exists():
        day = schedule_earliest_day(clock.today())
        session_schedule(starts_at=_at(day, SESSION_HOUR), **values)
        created += 1
    day = _last_month_session_day()
    held = theirs.filter(
        status=ReceptionSession.Status.HELD,
        starts_at__gte=_at(day.replace(day=1), 0),
        starts_at__lt=_at(clock.today().replace(day=1), 0),
    ).first()
    if held is None:
        with _on(_at(schedule_latest_publication(day), 9)):
            held = session_schedule(starts_at=_at(day, SESSION_HOUR), **values)
        with _on(_at(day, 11)):
            held = session_hold(actor=clerk, session=held)
        created += 1
    return created, held


def _appointment_document() -> SimpleUploadedFile:
    """The group's own paper naming its two representatives, as a Word file."""
    import docx

    document = docx.Document()
    document.add_heading("VĂN BẢN CỬ NGƯỜI ĐẠI DIỆN", level=1)
    document.add_paragraph(
        "Chúng tôi gồm 6 hộ dân xóm Đồng Tâm, xã Đại Từ, thống nhất cử ông Hà Văn Sơn và "
        "bà Đỗ Thị Lụa làm người đại diện trình bày nội dung phản ánh với Ban Tiếp công dân tỉnh."
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("van-ban-cu-nguoi-dai-dien.docx", buffer.getvalue())


def _board_visits() -> list[VisitData]:
    """At the province's reception board: a written petition, a group of 6 with 2
    representatives, a refusal (when its ground is in the reference list)."""
    days = _previous_working_days(3)
    ground = (
        RefusalGround.objects.filter(code=REFUSAL_GROUND, is_active=True).first()
        or RefusalGround.objects.filter(is_active=True).first()
    )
    visits = [
        VisitData(
            received_at=_at(days[0], 8, 30),
            visitors=[
                VisitorData(
                    full_name="Trần Thị Thu",
                    citizen_id="019188003456",
                    address="Xóm Làng Lớn, xã Quân Chu, tỉnh Thái Nguyên",
                    phone="0912345678",
                )
            ],
            summary="Khiếu nại việc không được bồi thường cây trồng khi thu hồi đất làm đường",
            petition_kind="complaint",
            outcome="petition_received",
            petition_content=(
                "Gia đình tôi có 300 cây keo trên thửa đất bị thu hồi nhưng không có trong "
                "phương án bồi thường. Đề nghị xem xét bổ sung."
            ),
            within_competence=True,
        ),
        VisitData(
            received_at=_at(days[1], 9, 15),
            visitors=[
                VisitorData(
                    full_name="Hà Văn Sơn",
                    citizen_id="019070004455",
                    address="Xóm Đồng Tâm, xã Đại Từ, tỉnh Thái Nguyên",
                    is_representative=True,
                ),
                VisitorData(
                    full_name="Đỗ Thị Lụa",
                    citizen_id="019175006677",
                    address="Xóm Đồng Tâm, xã Đại Từ, tỉnh Thái Nguyên",
                    is_representative=True,
                ),
            ],
            people_count=6,
            head_received=True,
            summary="Đoàn 6 hộ dân phản ánh trại chăn nuôi lợn gây ô nhiễm nguồn nước",
            petition_kind="feedback",
            outcome="statement_recorded",
            statement=(
                "Các hộ dân trình bày: từ tháng 3, nước thải của trại chăn nuôi chảy ra suối, "
                "giếng nước sinh hoạt của 6 hộ có mùi hôi. Đề nghị kiểm tra, xử lý."
            ),
            appointment_document=_appointment_document(),
        ),
    ]
    if ground is not None:
        visits.append(
            VisitData(
                received_at=_at(days[2], 14, 0),
                visitors=[
                    VisitorData(
                        full_name="Đinh Văn Tâm",
                        citizen_id="019062008899",
                        address="Tổ 7, phường Phan Đình Phùng, tỉnh Thái Nguyên",
                    )
                ],
                summary="Tiếp tục khiếu nại về bồi thường đất đã được giải quyết lần hai",
                petition_kind="complaint",
                outcome="refused",
                refusal_ground=ground.code,
                prior_bodies="Chủ tịch UBND tỉnh (quyết định giải quyết khiếu nại lần hai)",
            )
        )
    return visits


def _session_visit(session: ReceptionSession) -> VisitData:
    """At the commune chair's session last month: a matter for the court, guided there."""
    return VisitData(
        received_at=session.starts_at + dt.timedelta(hours=1),
        visitors=[
            VisitorData(
                full_name="Phạm Văn Hùng",
                citizen_id="019078002222",
                address="Xóm 5, xã Đại Từ, tỉnh Thái Nguyên",
            )
        ],
        summary="Tranh chấp ranh giới thửa đất với hộ liền kề ở xóm 5",
        petition_kind="recommendation",
        outcome="guided",
        guidance_to="Tòa án nhân dân khu vực có thẩm quyền (sau hòa giải tại xã)",
        guidance_number="15/HD-UBND",
        within_competence=False,
        session_id=session.pk,
        head_received=True,
        receiver_ids=[User.objects.get(username=COMMUNE_CHAIR).pk],
    )


def demo_visits(held: ReceptionSession | None) -> int:
    """Record the demo visits not yet in the registers; return how many were recorded."""
    plans: list[tuple[str, str, VisitData]] = [
        (RECEPTION_BOARD_CODE, BOARD_DESK, data) for data in _board_visits()
    ]
    if held is not None:
        plans.append((COMMUNE_DAI_TU, COMMUNE_DESK, _session_visit(held)))
    count = 0
    for unit_code, username, data in plans:
        unit = OrgUnit.objects.get(code=unit_code)
        if Visit.objects.filter(org_unit=unit, summary=data.summary).exists():
            continue
        office = ReceptionOffice.objects.filter(org_unit=unit, is_active=True).first()
        visit_record(
            actor=User.objects.get(username=username),
            unit=unit,
            data=dataclasses.replace(data, office_id=office.pk if office else None),
        )
        count += 1
    return count
