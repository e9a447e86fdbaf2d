"""Biểu số 01/TCD: results of citizen reception (LEGAL.md §7.2; TT 06/2025 annex, columns [U]).

Counting rules, the same as the reception register's totals (reception.selectors.visit_counts,
LEGAL.md §2.3-2.4): a visit is a lượt; persons are those named once however often they came,
plus the unnamed members of groups; a case (vụ việc) is "new" when its first visit (opened_on)
falls in the period and "old" otherwise, so new + old = cases; a group visit has 5 or more
people on the same content.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from tiepdan.petitions.models import GROUP_THRESHOLD, Kind
from tiepdan.reception.models import ReceptionKind
from tiepdan.reports.columns import Column, FormDefinition, Measure, Source, Window

BASIS = (
    "TT 06/2025/TT-TTCP, Biểu 01/TCD; các nhóm cột theo mẫu tham khảo, "
    "chưa đối chiếu phụ lục chính thức [U]"
)

TOTAL = "Tổng số"
REGULAR = "Tiếp thường xuyên"
HEAD = "Tiếp định kỳ và đột xuất của Thủ trưởng"
CONTENT = "Phân loại theo nội dung (lượt)"
CASES = "Vụ việc"
GROUPS = "Đoàn đông người"

REGULAR_Q = Q(kind=ReceptionKind.REGULAR)
HEAD_Q = Q(kind__in=[ReceptionKind.PERIODIC, ReceptionKind.AD_HOC])
GROUP_Q = Q(people_count__gte=GROUP_THRESHOLD)
# Kiến nghị, phản ánh (KN-PA) gathers recommendations, feedback and feedback on regulations.
KNPA_KINDS = [Kind.RECOMMENDATION, Kind.FEEDBACK, Kind.REGULATION_FEEDBACK]


def _new_case(scope: Q) -> Callable[[Window], Q]:
    def where(window: Window) -> Q:
        return scope & Q(case__opened_on__gte=window.start)

    return where


def _old_case(scope: Q) -> Callable[[Window], Q]:
    def where(window: Window) -> Q:
        return scope & Q(case__opened_on__lt=window.start)

    return where


def _block(first: int, group: str, scope: Q) -> list[Column]:
    """Visits, persons, new / old cases, groups and their people, for one kind of reception."""
    return [
        Column(first, "Lượt", (group,), Source.VISITS, where=scope),
        Column(first + 1, "Người", (group,), Source.VISITS, Measure.PERSONS, where=scope),
        Column(
            first + 2,
            "Mới phát sinh",
            (group, CASES),
            Source.VISITS,
            Measure.DISTINCT,
            where=_new_case(scope),
            field="case",
        ),
        Column(
            first + 3,
            "Cũ",
            (group, CASES),
            Source.VISITS,
            Measure.DISTINCT,
            where=_old_case(scope),
            field="case",
        ),
        Column(first + 4, "Số đoàn", (group, GROUPS), Source.VISITS, where=scope & GROUP_Q),
        Column(
            first + 5,
            "Số người",
            (group, GROUPS),
            Source.VISITS,
            Measure.SUM,
            where=scope & GROUP_Q,
            field="people_count",
        ),
    ]


FORM_TCD = FormDefinition(
    slug="01-tcd",
    code="01/TCD",
    title="BIỂU SỐ 01/TCD — TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN",
    sheet="01-TCD",
    basis=BASIS,
    columns=(
        Column(1, "Lượt", (TOTAL,), Source.VISITS),
        Column(2, "Người", (TOTAL,), Source.VISITS, Measure.PERSONS),
        Column(3, "Tổng", (TOTAL, CASES), Source.VISITS, Measure.DISTINCT, field="case"),
        *_block(2, TOTAL, Q())[2:],
        *_block(8, REGULAR, REGULAR_Q),
        # A head's session (kỳ tiếp) counts when held (LTCD Art. 18; as reception.compliance).
        Column(14, "Kỳ tiếp", (HEAD,), Source.SESSIONS, where=HEAD_Q),
        *_block(15, HEAD, HEAD_Q),
        Column(21, "Khiếu nại", (CONTENT,), Source.VISITS, where=Q(petition_kind=Kind.COMPLAINT)),
        Column(22, "Tố cáo", (CONTENT,), Source.VISITS, where=Q(petition_kind=Kind.DENUNCIATION)),
        Column(
            23,
            "Kiến nghị, phản ánh",
            (CONTENT,),
            Source.VISITS,
            where=Q(petition_kind__in=KNPA_KINDS),
        ),
        Column(24, "Nhiều nội dung", (CONTENT,), Source.VISITS, where=Q(petition_kind=Kind.MIXED)),
    ),
)
