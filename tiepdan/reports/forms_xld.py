"""Biểu số 02/XLD: intake and triage of petitions (LEGAL.md §7.2; TT 06/2025 annex, columns [U]).

Counting rules: a petition counts once per cell however many units of the report registered it
(a transfer inside the province registers it twice). "To process" is what a unit registered up
to the period's end and had not decided on before the period began; "processed" is a triage
decision (a move that ends the triage time limits, workflow.TRANSITIONS) taken in the period.
Classification (kind, eligibility, procedure stage, anonymity) is the petition's as recorded at
triage; a later reclassification changes past periods [U: no history of classification yet].
"""

from __future__ import annotations

from django.db.models import Q

from tiepdan.petitions.models import Kind, ProcedureStage
from tiepdan.petitions.workflow import Action
from tiepdan.reports.columns import Column, FormDefinition, Measure, Source, Where, Window

BASIS = "TT 06/2025/TT-TTCP, Biểu 02/XLD; column groups indicative (LEGAL.md §7.2) [U]"

RECEIVED = "Số đơn phải xử lý"
PROCESSED = "Đã xử lý"
BY_KIND = "Phân loại theo nội dung (đơn đủ điều kiện)"
BY_STAGE = "Theo tình trạng giải quyết (đơn đủ điều kiện)"
WITHIN = "Đơn thuộc thẩm quyền (đã thụ lý)"
OUTSIDE = "Đơn không thuộc thẩm quyền"
OTHER = "Xử lý khác"

KNPA_KINDS = [Kind.RECOMMENDATION, Kind.FEEDBACK, Kind.REGULATION_FEEDBACK]
ELIGIBLE = Q(petition__is_eligible=True)
# Transfers to a unit in tiepdan or outside it, to a party body, to police / procuracy
# (TT 05/2021 Art. 14-16): "chuyển đơn" in the form.
TRANSFER_ACTIONS = [
    Action.TRANSFER,
    Action.TRANSFER_OUT,
    Action.FORWARD_TO_PARTY,
    Action.REPORT_TO_POLICE,
]


def _carried_over(window: Window) -> Q:
    return Q(registered_on__lt=window.start)


def _received(window: Window) -> Q:
    return Q(registered_on__gte=window.start)


def _received_anonymous(window: Window) -> Q:
    return _received(window) & Q(petition__is_anonymous=True)


def _petitions(
    code: int, header: str, groups: tuple[str, ...], source: Source, where: Where
) -> Column:
    return Column(
        code,
        header,
        groups,
        source,
        Measure.DISTINCT,
        where=where,
        field="petition",
    )


def _kinds(first: int, groups: tuple[str, ...], scope: Q) -> list[Column]:
    return [
        _petitions(
            first, "Khiếu nại", groups, Source.DECISIONS, scope & Q(petition__kind=Kind.COMPLAINT)
        ),
        _petitions(
            first + 1,
            "Tố cáo",
            groups,
            Source.DECISIONS,
            scope & Q(petition__kind=Kind.DENUNCIATION),
        ),
        _petitions(
            first + 2,
            "Kiến nghị, phản ánh",
            groups,
            Source.DECISIONS,
            scope & Q(petition__kind__in=KNPA_KINDS),
        ),
    ]


def _stage(stage: str) -> Q:
    return ELIGIBLE & Q(petition__procedure_stage=stage)


ACCEPTED = Q(action=Action.ACCEPT)

FORM_XLD = FormDefinition(
    slug="02-xld",
    code="02/XLD",
    title="BIỂU SỐ 02/XLD — TỔNG HỢP KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN",
    sheet="02-XLD",
    basis=BASIS,
    columns=(
        _petitions(1, "Tổng số", (RECEIVED,), Source.REGISTER, Q()),
        _petitions(2, "Kỳ trước chuyển sang", (RECEIVED,), Source.REGISTER, _carried_over),
        _petitions(3, "Tiếp nhận trong kỳ", (RECEIVED,), Source.REGISTER, _received),
        # Anonymous petitions are counted, then filed away unless they give clear evidence
        # (XLD-03, LTC Art. 25).
        _petitions(4, "Trong đó: đơn nặc danh", (RECEIVED,), Source.REGISTER, _received_anonymous),
        _petitions(5, "Tổng số", (PROCESSED,), Source.DECISIONS, Q()),
        _petitions(6, "Đủ điều kiện xử lý", (PROCESSED,), Source.DECISIONS, ELIGIBLE),
        *_kinds(7, (BY_KIND,), ELIGIBLE),
        _petitions(
            10,
            "Chưa được giải quyết",
            (BY_STAGE,),
            Source.DECISIONS,
            _stage(ProcedureStage.NOT_RESOLVED),
        ),
        _petitions(
            11,
            "Đã giải quyết lần đầu",
            (BY_STAGE,),
            Source.DECISIONS,
            _stage(ProcedureStage.RESOLVED_ONCE),
        ),
        _petitions(
            12,
            "Đã giải quyết lần hai",
            (BY_STAGE,),
            Source.DECISIONS,
            _stage(ProcedureStage.RESOLVED_TWICE),
        ),
        _petitions(
            13,
            "Đã có bản án của tòa",
            (BY_STAGE,),
            Source.DECISIONS,
            _stage(ProcedureStage.COURT_JUDGMENT),
        ),
        _petitions(14, "Tổng số", (WITHIN,), Source.DECISIONS, ACCEPTED),
        *_kinds(15, (WITHIN,), ACCEPTED),
        # Outside competence: guided (TT 05/2021 Art. 8), transferred (Art. 14.1), urged
        # (Art. 14.2).
        _petitions(18, "Hướng dẫn", (OUTSIDE,), Source.DECISIONS, Q(action=Action.GUIDE)),
        _petitions(19, "Chuyển đơn", (OUTSIDE,), Source.DECISIONS, Q(action__in=TRANSFER_ACTIONS)),
        _petitions(20, "Đôn đốc", (OUTSIDE,), Source.DECISIONS, Q(action=Action.URGE)),
        _petitions(21, "Trả lại đơn", (OTHER,), Source.DECISIONS, Q(action=Action.RETURN)),
        _petitions(22, "Lưu đơn", (OTHER,), Source.DECISIONS, Q(action=Action.FILE_AWAY)),
    ),
)
