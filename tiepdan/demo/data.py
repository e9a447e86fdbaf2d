"""Demo data: Thái Nguyên province set up in full, officials of every role, a few petitions,
visits and heads' sessions (in `demo.reception`), and resolution cases carried out (in
`demo.resolution`).

Idempotent: units are keyed on code, officials on username, memberships and offices on their
natural keys; a second run creates nothing and writes no audit entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from tiepdan.accounts.models import Membership, User
from tiepdan.accounts.roles import Role
from tiepdan.accounts.services import membership_grant, official_create
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.organizations.national import commune_committee_code, province_committee_code
from tiepdan.organizations.services import (
    org_unit_create,
    org_unit_end,
    org_unit_update,
    reception_office_save,
    units_load_national,
)

PROVINCE = 19  # Thái Nguyên (the seeds' own example: "Thái Nguyên 09 vụ, Đại Từ 09 vụ")
DEMO_PASSWORD = "tiepdan2026"  # noqa: S105  (printed by `make run`; demo databases only)

PROVINCE_CODE = province_committee_code(PROVINCE)
INSPECTORATE_CODE = f"TTR-T{PROVINCE:02d}"
RECEPTION_BOARD_CODE = f"BTCD-T{PROVINCE:02d}"
COMMUNE_DAI_TU = commune_committee_code(5830)  # Xã Đại Từ
COMMUNE_QUAN_CHU = commune_committee_code(5851)  # Xã Quân Chu (mountainous: remote area)
COMMUNE_PHAN_DINH_PHUNG = commune_committee_code(5443)

DEPARTMENTS = (
    ("SNNMT-T19", "Sở Nông nghiệp và Môi trường tỉnh Thái Nguyên"),
    ("SXD-T19", "Sở Xây dựng tỉnh Thái Nguyên"),
    ("SNV-T19", "Sở Nội vụ tỉnh Thái Nguyên"),
)
# Huyện Đại Từ ended with the district level on 30/06/2025; its communes took over its work.
FORMER_DISTRICT = ("UBND-H19-DAITU", "Ủy ban nhân dân huyện Đại Từ (đến 30/06/2025)")
FORMER_DISTRICT_SUCCESSORS = (COMMUNE_DAI_TU, COMMUNE_QUAN_CHU)


@dataclass(frozen=True)
class DemoOfficial:
    username: str
    full_name: str
    position: str
    unit_code: str
    role: Role
    is_staff: bool = False


OFFICIALS: tuple[DemoOfficial, ...] = (
    DemoOfficial(
        "letan",
        "Nguyễn Thị Lan",
        "Chuyên viên Ban Tiếp công dân",
        RECEPTION_BOARD_CODE,
        Role.RECEPTION_OFFICER,
    ),
    DemoOfficial(
        "xulydon",
        "Trần Văn Bình",
        "Chuyên viên xử lý đơn",
        RECEPTION_BOARD_CODE,
        Role.TRIAGE_OFFICER,
    ),
    DemoOfficial("thanhtra", "Lê Minh Châu", "Thanh tra viên", INSPECTORATE_CODE, Role.RESOLVER),
    DemoOfficial(
        "chanhthanhtra",
        "Phạm Quốc Dũng",
        "Chánh Thanh tra tỉnh",
        INSPECTORATE_CODE,
        Role.UNIT_LEADER,
    ),
    DemoOfficial("chutich", "Hoàng Văn Em", "Chủ tịch UBND tỉnh", PROVINCE_CODE, Role.UNIT_LEADER),
    # The office of the province's people's committee: triage and the chair's resolution cases.
    DemoOfficial(
        "vp.xulydon",
        "Trịnh Văn Phúc",
        "Chuyên viên Văn phòng UBND tỉnh (xử lý đơn)",
        PROVINCE_CODE,
        Role.TRIAGE_OFFICER,
    ),
    DemoOfficial(
        "vp.giaiquyet",
        "Tạ Thị Quyên",
        "Chuyên viên Văn phòng UBND tỉnh (tham mưu giải quyết)",
        PROVINCE_CODE,
        Role.RESOLVER,
    ),
    DemoOfficial(
        "baocao",
        "Vũ Thị Giang",
        "Chuyên viên tổng hợp báo cáo",
        INSPECTORATE_CODE,
        Role.REPORTING_OFFICER,
    ),
    DemoOfficial(
        "quantri.donvi", "Đặng Văn Hải", "Quản trị đơn vị", PROVINCE_CODE, Role.UNIT_ADMIN
    ),
    DemoOfficial(
        "quantri",
        "Bùi Thị Hoa",
        "Quản trị hệ thống",
        PROVINCE_CODE,
        Role.SYSTEM_ADMIN,
        is_staff=True,
    ),
    DemoOfficial(
        "kiemtoan", "Đỗ Văn Khoa", "Cán bộ kiểm tra nhật ký", INSPECTORATE_CODE, Role.AUDITOR
    ),
    DemoOfficial(
        "xa.letan",
        "Ngô Thị Linh",
        "Công chức tiếp công dân xã Đại Từ",
        COMMUNE_DAI_TU,
        Role.RECEPTION_OFFICER,
    ),
    DemoOfficial(
        "xa.chutich", "Lý Văn Minh", "Chủ tịch UBND xã Đại Từ", COMMUNE_DAI_TU, Role.UNIT_LEADER
    ),
    DemoOfficial(
        "xa.xulydon",
        "Mai Thị Nga",
        "Công chức xử lý đơn xã Đại Từ",
        COMMUNE_DAI_TU,
        Role.TRIAGE_OFFICER,
    ),
)


def _unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


@transaction.atomic
def demo_load() -> dict[str, int]:
    """Load the demo province; return how many things were created."""
    created = {
        "units": 0,
        "offices": 0,
        "officials": 0,
        "memberships": 0,
        "petitions": 0,
        "visits": 0,
        "sessions": 0,
        "cases": 0,
    }
    created["units"] += units_load_national(province_codes=[PROVINCE])["created"]
    province = _unit(PROVINCE_CODE)
    for code, name in DEPARTMENTS:
        if not OrgUnit.objects.filter(code=code).exists():
            org_unit_create(
                actor=None,
                parent=province,
                code=code,
                name=name,
                level=OrgUnit.Level.PROVINCE,
                kind=OrgUnit.Kind.DEPARTMENT,
            )
            created["units"] += 1
    quan_chu = _unit(COMMUNE_QUAN_CHU)
    if not quan_chu.remote_area:
        org_unit_update(actor=None, unit=quan_chu, remote_area=True)
    code, name = FORMER_DISTRICT
    if not OrgUnit.objects.filter(code=code).exists():
        district = org_unit_create(
            actor=None,
            parent=province,
            code=code,
            name=name,
            level=OrgUnit.Level.DISTRICT,
            kind=OrgUnit.Kind.PEOPLES_COMMITTEE,
            valid_to=dt.date(2025, 6, 30),
        )
        org_unit_end(
            actor=None,
            unit=district,
            valid_to=dt.date(2025, 6, 30),
            successors=[_unit(c) for c in FORMER_DISTRICT_SUCCESSORS],
        )
        created["units"] += 1
    created["offices"] += _offices()
    created["officials"] += _officials(created)
    created["petitions"] = _petitions()
    from tiepdan.demo.reception import demo_sessions, demo_visits  # it reads this module's codes

    created["sessions"], held = demo_sessions()
    created["visits"] = demo_visits(held)
    from tiepdan.demo.resolution import demo_resolutions

    created["cases"] = demo_resolutions()
    return created


def _officials(created: dict[str, int]) -> int:
    count = 0
    for official in OFFICIALS:
        user = User.objects.filter(username=official.username).first()
        if user is None:
            count += 1
            user = official_create(
                actor=None,
                username=official.username,
                password=DEMO_PASSWORD,
                full_name=official.full_name,
                position=official.position,
                email=f"{official.username}@demo.tiepdan.local",
                is_staff=official.is_staff,
                is_superuser=official.is_staff,
            )
        unit = _unit(official.unit_code)
        if not Membership.objects.filter(
            user=user, org_unit=unit, role=official.role, is_active=True
        ).exists():
            membership_grant(actor=None, user=user, org_unit=unit, role=official.role)
            created["memberships"] += 1
    return count


def _offices() -> int:
    wanted = (
        (
            RECEPTION_BOARD_CODE,
            "Trụ sở Tiếp công dân tỉnh Thái Nguyên",
            "Phường Phan Đình Phùng, tỉnh Thái Nguyên",
            "Thứ Hai đến Thứ Sáu, 7:30–11:30 và 13:30–16:30",
        ),
        (
            COMMUNE_DAI_TU,
            "Nơi tiếp công dân Ủy ban nhân dân xã Đại Từ",
            "Trụ sở UBND xã Đại Từ, tỉnh Thái Nguyên",
            "Thứ Hai đến Thứ Sáu, 7:30–11:30",
        ),
    )
    count = 0
    for unit_code, name, address, hours in wanted:
        unit = _unit(unit_code)
        if ReceptionOffice.objects.filter(org_unit=unit, name=name).exists():
            continue
        reception_office_save(
            actor=None, org_unit=unit, name=name, address=address, opening_hours=hours
        )
        count += 1
    return count


@dataclass(frozen=True)
class DemoPetition:
    days_ago: int
    channel: str
    kind: str
    summary: str
    content: str
    petitioner: str
    citizen_id: str
    address: str
    respondent: str = ""
    kinds: tuple[str, ...] = ()
    then: str = ""  # what the triage officer did next


PETITIONS: tuple[DemoPetition, ...] = (
    DemoPetition(
        2,
        "post",
        "denunciation",
        "Tố cáo cán bộ địa chính xã nhận tiền khi làm thủ tục cấp giấy chứng nhận",
        "Tôi tố cáo ông Trần Văn Nam, công chức địa chính, đã nhận 20 triệu đồng của gia đình "
        "tôi để làm nhanh thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
        "Nguyễn Văn Đức",
        "019085001234",
        "Xóm Đồng Tâm, xã Đại Từ, tỉnh Thái Nguyên",
        respondent="Trần Văn Nam",
    ),
    DemoPetition(
        6,
        "in_person",
        "complaint",
        "Khiếu nại quyết định thu hồi đất làm đường liên xã",
        "Gia đình tôi không đồng ý với mức bồi thường trong quyết định thu hồi đất.",
        "Hoàng Thị Mai",
        "019190004321",
        "Xóm Làng Lớn, xã Quân Chu, tỉnh Thái Nguyên",
        respondent="Ủy ban nhân dân tỉnh Thái Nguyên",
        then="propose_acceptance",
    ),
    DemoPetition(
        12,
        "hotline",
        "recommendation",
        "Kiến nghị sửa chữa cầu tràn bị sạt lở sau mưa lũ",
        "Cầu tràn qua suối ở xóm 5 bị sạt lở, học sinh đi học rất nguy hiểm.",
        "Phạm Văn Hùng",
        "019078002222",
        "Xóm 5, xã Đại Từ, tỉnh Thái Nguyên",
        then="transfer",
    ),
    DemoPetition(
        25,
        "portal",
        "feedback",
        "Phản ánh tiếng ồn và bụi từ xưởng gỗ ban đêm",
        "Xưởng gỗ hoạt động sau 22 giờ gây tiếng ồn, bụi ảnh hưởng sức khỏe người dân.",
        "Lê Thị Hồng",
        "019195007777",
        "Tổ 3, phường Phan Đình Phùng, tỉnh Thái Nguyên",
    ),
)


def _petitions() -> int:
    """A few petitions in different states, received in the last weeks (so limits are live)."""
    import datetime as dt

    from tiepdan.core import clock
    from tiepdan.petitions.models import Petition
    from tiepdan.petitions.services import (
        PetitionData,
        PetitionerData,
        petition_receive,
        petition_transition,
    )

    board = _unit(RECEPTION_BOARD_CODE)
    triage = User.objects.get(username="xulydon")
    count = 0
    for item in PETITIONS:
        if Petition.objects.filter(receiving_unit=board, summary=item.summary).exists():
            continue
        petition = petition_receive(
            actor=triage,
            unit=board,
            data=PetitionData(
                received_on=clock.today() - dt.timedelta(days=item.days_ago),
                channel=item.channel,
                kind=item.kind,
                kinds=item.kinds,
                summary=item.summary,
                content=item.content,
                respondent_name=item.respondent,
                petitioners=[
                    PetitionerData(
                        full_name=item.petitioner,
                        citizen_id=item.citizen_id,
                        address=item.address,
                    )
                ],
            ),
        )
        if item.then == "propose_acceptance":
            petition_transition(
                actor=triage,
                petition_id=petition.pk,
                action="propose_acceptance",
                note="Đơn đủ điều kiện, thuộc thẩm quyền giải quyết của Chủ tịch UBND tỉnh.",
            )
        elif item.then == "transfer":
            petition_transition(
                actor=triage,
                petition_id=petition.pk,
                action="transfer",
                to_unit=_unit(COMMUNE_DAI_TU),
                note="Nội dung thuộc thẩm quyền của UBND xã Đại Từ.",
            )
        count += 1
    return count
