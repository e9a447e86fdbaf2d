"""Biểu số 02/XLD: intake and triage of petitions (LEGAL.md §7.2; TT 06/2025 annex, columns [U]).

Counting rules: a petition counts once per cell however many units of the report registered it
(a transfer inside the province registers it twice). "To process" is what a unit registered up
to the period's end and had not decided on before the period began (a decision reopened before
the period does not count); "processed" is a triage decision (a move that ends the triage time
limits, workflow.TRANSITIONS) taken in the period.

Classification (kind, field, eligibility, procedure stage) is the one each decision was taken
on: `event_write` keeps it in the event (`data["classified"]`), so reclassifying a petition
later does not change a past period. A petition decided twice in a period (by two units, or
again after a reopening) on different classifications counts in each matching cell once.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q

from tiepdan.petitions.models import Field, Kind, ProcedureStage
from tiepdan.petitions.workflow import Action
from tiepdan.reports.columns import Column, FormDefinition, Measure, Source, Where, Window

BASIS = (
    "TT 06/2025/TT-TTCP, Biểu 02/XLD; các nhóm cột theo mẫu tham khảo, "
    "chưa đối chiếu phụ lục chính thức [U]"
)
# Where the decision event keeps the classification it was taken on (services.common).
SNAPSHOT = "data__classified"

RECEIVED = "Số đơn phải xử lý"
PROCESSED = "Đã xử lý"
BY_KIND = "Phân loại theo nội dung (đơn đủ điều kiện)"
COMPLAINTS = "Khiếu nại"
DENUNCIATIONS = "Tố cáo"
ADMINISTRATIVE = "Lĩnh vực hành chính"
BY_COMPETENCE = "Phân loại theo thẩm quyền giải quyết (đơn đủ điều kiện)"
BY_STAGE = "Theo tình trạng giải quyết (đơn đủ điều kiện)"
WITHIN = "Đơn thuộc thẩm quyền (đã thụ lý)"
OUTSIDE = "Đơn không thuộc thẩm quyền"
OTHER = "Xử lý khác"

KNPA_KINDS = [Kind.RECOMMENDATION, Kind.FEEDBACK, Kind.REGULATION_FEEDBACK]
# Transfers to a unit in tiepdan or outside it, to a party body, to police / procuracy
# (TT 05/2021 Art. 14-16): "chuyển đơn" in the form.
TRANSFER_ACTIONS = [
    Action.TRANSFER,
    Action.TRANSFER_OUT,
    Action.FORWARD_TO_PARTY,
    Action.REPORT_TO_POLICE,
]


def classified(key: str, value: object) -> Q:
    """The decision's classification `key` equals `value`: a JSON key lookup with a Python
    value, which Django compares as JSON on both backends. True matches JSON true only, not
    false, null, 1 or a missing key (PostgreSQL: `-> 'key' = 'true'::jsonb`; SQLite:
    JSON_TYPE(...) = 'true'). SQLite alone also matches the string "true", which
    `event_write` never stores (it writes Python booleans)."""
    return Q(**{f"{SNAPSHOT}__{key}": value})


def classified_in(key: str, values: Sequence[str]) -> Q:
    return Q(**{f"{SNAPSHOT}__{key}__in": list(values)})


def classified_none_of(key: str, values: Sequence[str]) -> Q:
    """Not one of `values`, a missing key included: NOT (NULL IN ...) is NULL in SQL, which
    would drop the row from a catch-all column and break the column sums."""
    return ~classified_in(key, values) | Q(**{f"{SNAPSHOT}__{key}__isnull": True})


# Eligible (XLD-01): true, not "unknown" (null) — only petitions found eligible are classified.
ELIGIBLE = classified("eligible", True)
COMPLAINT = ELIGIBLE & classified("kind", Kind.COMPLAINT)
DENUNCIATION = ELIGIBLE & classified("kind", Kind.DENUNCIATION)

# Fields of content. Complaints: administrative (land; housing and assets; policy and
# civil-service regime; other), justice, Party (LEGAL.md §7.2, as in 01/TCD). Denunciations:
# administrative, justice, corruption, Party, other (LEGAL.md §7.2).
ADMINISTRATIVE_FIELDS = [Field.LAND, Field.HOUSING, Field.POLICY]
# [U] A complaint's "other" administrative field takes what has no column of its own for
# complaints: field "other", "corruption" (a complaint is about an act, not a crime; rare) and
# a field never recorded, so that the fields add up to the complaints.
COMPLAINT_NAMED = [*ADMINISTRATIVE_FIELDS, Field.JUSTICE, Field.PARTY]
# [U] A denunciation's "administrative" field is land, housing and policy; "other" is the field
# "other" and a field never recorded.
DENUNCIATION_NAMED = [*ADMINISTRATIVE_FIELDS, Field.JUSTICE, Field.CORRUPTION, Field.PARTY]

# Competence (LEGAL.md §7.2 "by competence: administrative / judicial / Party") [U: the rule is
# ours]: the decision first — reported to police / procuracy (TT 05/2021 Art. 16; LTC Art. 27)
# is judicial, forwarded to a Party body (TT 05/2021 Art. 15) is Party — then the field of
# content (justice → judicial, Party → Party); everything else is for administrative bodies.
JUDICIAL = Q(action=Action.REPORT_TO_POLICE) | (
    classified("field", Field.JUSTICE) & ~Q(action=Action.FORWARD_TO_PARTY)
)
PARTY = Q(action=Action.FORWARD_TO_PARTY) | (
    classified("field", Field.PARTY) & ~Q(action=Action.REPORT_TO_POLICE)
)
ADMINISTRATIVE_BODIES = ~Q(action__in=[Action.REPORT_TO_POLICE, Action.FORWARD_TO_PARTY]) & (
    classified_none_of("field", [Field.JUSTICE, Field.PARTY])
)


def _carried_over(window: Window) -> Q:
    return Q(registered_on__lt=window.start)


def _received(window: Window) -> Q:
    return Q(registered_on__gte=window.start)


def _received_anonymous(window: Window) -> Q:
    # The register has no classification of its own: the petition's as it is now [U].
    return _received(window) & Q(petition__is_anonymous=True)


def _replied(window: Window) -> Q:
    return Q(kind__in=TRANSFER_ACTIONS, reported_back_on__range=(window.start, window.end))


def _unanswered(window: Window) -> Q:
    # Sent by the period's end (the source) and not answered by then.
    return Q(kind__in=TRANSFER_ACTIONS) & (
        Q(reported_back_on__isnull=True) | Q(reported_back_on__gt=window.end)
    )


def _petitions(
    code: int,
    header: str,
    groups: tuple[str, ...],
    source: Source,
    where: Where,
    basis: str,
) -> Column:
    return Column(
        code,
        header,
        groups,
        source,
        Measure.DISTINCT,
        where=where,
        field="petition",
        basis=basis,
    )


def _decided(code: int, header: str, groups: tuple[str, ...], where: Q, basis: str) -> Column:
    return _petitions(code, header, groups, Source.DECISIONS, where, basis)


def _kinds(first: int, groups: tuple[str, ...], scope: Q, basis: str) -> list[Column]:
    return [
        _decided(first, "Khiếu nại", groups, scope & classified("kind", Kind.COMPLAINT), basis),
        _decided(first + 1, "Tố cáo", groups, scope & classified("kind", Kind.DENUNCIATION), basis),
        _decided(
            first + 2,
            "Kiến nghị, phản ánh",
            groups,
            scope & classified_in("kind", KNPA_KINDS),
            basis,
        ),
    ]


CONTENT_BASIS = "LEGAL.md §7.2 (02/XLD, phân loại theo nội dung); Field choices"
# (header, groups under the kind, condition, note on the basis) of each field column.
FieldRow = tuple[str, tuple[str, ...], Q, str]
COMPLAINT_FIELDS: list[FieldRow] = [
    ("Tổng số", (), Q(), ""),
    ("Đất đai", (ADMINISTRATIVE,), classified("field", Field.LAND), ""),
    ("Nhà cửa, tài sản", (ADMINISTRATIVE,), classified("field", Field.HOUSING), ""),
    ("Chế độ, chính sách", (ADMINISTRATIVE,), classified("field", Field.POLICY), ""),
    (
        "Khác",
        (ADMINISTRATIVE,),
        classified_none_of("field", COMPLAINT_NAMED),
        "; [U] fields other, corruption and unrecorded",
    ),
    ("Lĩnh vực tư pháp", (), classified("field", Field.JUSTICE), ""),
    ("Về Đảng", (), classified("field", Field.PARTY), ""),
]
DENUNCIATION_FIELDS: list[FieldRow] = [
    ("Tổng số", (), Q(), ""),
    (
        ADMINISTRATIVE,
        (),
        classified_in("field", ADMINISTRATIVE_FIELDS),
        "; [U] fields land, housing, policy",
    ),
    ("Lĩnh vực tư pháp", (), classified("field", Field.JUSTICE), ""),
    ("Tham nhũng", (), classified("field", Field.CORRUPTION), ""),
    ("Về Đảng", (), classified("field", Field.PARTY), ""),
    (
        "Lĩnh vực khác",
        (),
        classified_none_of("field", DENUNCIATION_NAMED),
        "; [U] field other and unrecorded",
    ),
]


def _fields(first: int, kind: str, scope: Q, rows: list[FieldRow]) -> list[Column]:
    """Eligible petitions of one kind decided in the period, by field of content."""
    return [
        _decided(first + offset, header, (BY_KIND, kind, *sub), scope & where, CONTENT_BASIS + note)
        for offset, (header, sub, where, note) in enumerate(rows)
    ]


def _by_content(first: int) -> list[Column]:
    after = first + len(COMPLAINT_FIELDS)
    return [
        *_fields(first, COMPLAINTS, COMPLAINT, COMPLAINT_FIELDS),
        *_fields(after, DENUNCIATIONS, DENUNCIATION, DENUNCIATION_FIELDS),
        _decided(
            after + len(DENUNCIATION_FIELDS),
            "Kiến nghị, phản ánh",
            (BY_KIND,),
            ELIGIBLE & classified_in("kind", KNPA_KINDS),
            CONTENT_BASIS,
        ),
    ]


COMPETENCE_BASIS = (
    "LEGAL.md §7.2 (02/XLD, theo thẩm quyền); [U] rule: reported to police or field justice → "
    "judicial, forwarded to a Party body or field Party → Party (the decision first), "
    "otherwise administrative"
)
STAGE_BASIS = "LEGAL.md §7.2 (02/XLD, theo tình trạng giải quyết); LKN Art. 7"


def _stage(code: int, header: str, stage: str) -> Column:
    return _decided(code, header, (BY_STAGE,), ELIGIBLE & classified("stage", stage), STAGE_BASIS)


ACCEPTED = Q(action=Action.ACCEPT)
ACCEPTED_BASIS = "LKN Art. 27; LTC Art. 29 (thụ lý); LEGAL.md §7.2"

_CONTENT = _by_content(7)
_AFTER_CONTENT = 7 + len(_CONTENT)  # 21
_STAGES = _AFTER_CONTENT + 3  # 24
_WITHIN = _STAGES + 4  # 28
_OUTSIDE = _WITHIN + 4  # 32
_OTHER = _OUTSIDE + 3  # 35
_REPLIES = _OTHER + 2  # 37

FORM_XLD = FormDefinition(
    slug="02-xld",
    code="02/XLD",
    title="BIỂU SỐ 02/XLD — TỔNG HỢP KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN",
    sheet="02-XLD",
    basis=BASIS,
    columns=(
        _petitions(1, "Tổng số", (RECEIVED,), Source.REGISTER, Q(), "LEGAL.md §7.2 (2)+(3)"),
        _petitions(
            2,
            "Kỳ trước chuyển sang",
            (RECEIVED,),
            Source.REGISTER,
            _carried_over,
            "LEGAL.md §7.2; not decided before the period, or reopened before it",
        ),
        _petitions(
            3, "Tiếp nhận trong kỳ", (RECEIVED,), Source.REGISTER, _received, "LEGAL.md §7.2"
        ),
        # Anonymous petitions are counted, then filed away unless they give clear evidence
        # (XLD-03, LTC Art. 25).
        _petitions(
            4,
            "Trong đó: đơn nặc danh",
            (RECEIVED,),
            Source.REGISTER,
            _received_anonymous,
            "LEGAL.md §7.2; LTC Art. 25 (XLD-03)",
        ),
        _decided(5, "Tổng số", (PROCESSED,), Q(), "TT 05/2021 Art. 8-16 (triage decisions)"),
        _decided(6, "Đủ điều kiện xử lý", (PROCESSED,), ELIGIBLE, "TT 05/2021 Art. 6.2.a (XLD-01)"),
        *_CONTENT,
        _decided(
            _AFTER_CONTENT,
            "Của cơ quan hành chính các cấp",
            (BY_COMPETENCE,),
            ELIGIBLE & ADMINISTRATIVE_BODIES,
            COMPETENCE_BASIS,
        ),
        _decided(
            _AFTER_CONTENT + 1,
            "Của cơ quan tư pháp các cấp",
            (BY_COMPETENCE,),
            ELIGIBLE & JUDICIAL,
            COMPETENCE_BASIS,
        ),
        _decided(
            _AFTER_CONTENT + 2,
            "Của cơ quan Đảng",
            (BY_COMPETENCE,),
            ELIGIBLE & PARTY,
            COMPETENCE_BASIS,
        ),
        _stage(_STAGES, "Chưa được giải quyết", ProcedureStage.NOT_RESOLVED),
        _stage(_STAGES + 1, "Đã giải quyết lần đầu", ProcedureStage.RESOLVED_ONCE),
        _stage(_STAGES + 2, "Đã giải quyết lần hai", ProcedureStage.RESOLVED_TWICE),
        _stage(_STAGES + 3, "Đã có bản án của tòa", ProcedureStage.COURT_JUDGMENT),
        _decided(_WITHIN, "Tổng số", (WITHIN,), ACCEPTED, ACCEPTED_BASIS),
        *_kinds(_WITHIN + 1, (WITHIN,), ACCEPTED, ACCEPTED_BASIS),
        # Outside competence: guided (TT 05/2021 Art. 8), transferred (Art. 14.1), urged
        # (Art. 14.2).
        _decided(_OUTSIDE, "Hướng dẫn", (OUTSIDE,), Q(action=Action.GUIDE), "TT 05/2021 Art. 8"),
        _decided(
            _OUTSIDE + 1,
            "Chuyển đơn",
            (OUTSIDE,),
            Q(action__in=TRANSFER_ACTIONS),
            "TT 05/2021 Art. 14.1, 15, 16",
        ),
        _decided(
            _OUTSIDE + 2, "Đôn đốc", (OUTSIDE,), Q(action=Action.URGE), "TT 05/2021 Art. 14.2"
        ),
        _decided(
            _OTHER,
            "Trả lại đơn",
            (OTHER,),
            Q(action=Action.RETURN),
            "LEGAL.md §3.4 (Phiếu trả đơn và hướng dẫn) [U]",
        ),
        _decided(_OTHER + 1, "Lưu đơn", (OTHER,), Q(action=Action.FILE_AWAY), "TT 07/2014 Art. 28"),
        # Replies (phúc đáp) to the unit's transfers — the answer the receiving body owes the
        # sender (LTCD Art. 27.2, TCD-05) — recorded as Transfer.reported_back_on. Counted as
        # petitions: a unit sends a petition on only once (TT 05/2021 Art. 14.1).
        _petitions(
            _REPLIES,
            "Số văn bản phúc đáp nhận được do chuyển đơn",
            (),
            Source.TRANSFERS,
            _replied,
            "LEGAL.md §7.2 (replies received to transfers); LTCD Art. 27.2 (TCD-05)",
        ),
        _petitions(
            _REPLIES + 1,
            "Đơn đã chuyển chưa nhận được phúc đáp đến cuối kỳ",
            (),
            Source.TRANSFERS,
            _unanswered,
            "[U] not a statutory column: transfers to follow up (đôn đốc, TT 05/2021 Art. 14.2)",
        ),
    ),
)
