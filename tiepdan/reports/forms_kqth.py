"""Biểu số 05/KQTH: carrying out complaint decisions in legal effect and denunciation
conclusions (LEGAL.md §7.2). The exact columns of TT 06/2025 were not read [U]: these follow
the indicative groups (to implement; implemented; money and land recovered; people disciplined).

Counted over the decisions and conclusions the unit had to carry out in the period
(Source.TO_IMPLEMENT: complaint decisions in legal effect and denunciation conclusions by its
end, not completed before it began), one row per case, and over the implementation records dated
in the period (Source.IMPLEMENTATIONS). The rules, one per column:

(1) to implement; (2) carried over: in effect (a complaint decision, effective_on; LKN Art. 44)
    or concluded (a denunciation, decided_on) before the period; (3) new: in effect or concluded
    in the period. (1) = (2) + (3); (4) complaint decisions, (5) denunciation conclusions,
    (1) = (4) + (5).
(6) completed in the period: an implementation record that completes it (completes=True:
    enforcement recorded, NĐ 124/2020 Art. 31; the conclusion acted on, LTC Art. 36) dated in
    the period; (7) complaints, (8) denunciations of them.
(9)-(12) sums over (1) of what the decisions and conclusions order: money and land to recover
    for the State, money and land to return (VND, m²), whether or not carried out yet.
(13)-(16) sums over the implementation records dated in the period of the money and land
    actually recovered and returned.
(17)-(18) sums over the same records of the people disciplined and the people prosecuted.
(19) carried to the next period: to implement and not completed by its end. (19) = (1) - (6).

A sum column lists only the cases whose records carry an amount, so its records are the cases
behind it.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from tiepdan.reports.columns import Column, FormDefinition, Measure, Source, Window
from tiepdan.reports.forms_gqkn import RECOVER, RETURN, Rule, where
from tiepdan.resolution.models import Implementation
from tiepdan.resolution.workflow import Track

BASIS = "TT 06/2025/TT-TTCP, Biểu 05/KQTH; các cột chưa đối chiếu phụ lục chính thức [U]"

TO_IMPLEMENT = "Số quyết định, kết luận phải thực hiện"
COMPLETED = "Đã thực hiện xong trong kỳ"
ORDERED = "Phải thu hồi, trả lại theo quyết định, kết luận"
DONE = "Đã thu hồi, trả lại trong kỳ"
PERSONS = "Xử lý người vi phạm trong kỳ"

COMPLAINTS = Q(track=Track.COMPLAINT)
DENUNCIATIONS = Q(track=Track.DENUNCIATION)
ALL = Q()
COMPLAINT_BASIS = "LKN Art. 44; NĐ 124/2020 Art. 31"
DENUNCIATION_BASIS = "LTC Art. 35, 36"
BOTH_BASIS = f"{COMPLAINT_BASIS}; {DENUNCIATION_BASIS}"


def carried_over(window: Window) -> Q:
    """In effect (complaint) or concluded (denunciation) before the period."""
    return Q(track=Track.COMPLAINT, effective_on__lt=window.start) | Q(
        track=Track.DENUNCIATION, decided_on__lt=window.start
    )


def new_in(window: Window) -> Q:
    return Q(track=Track.COMPLAINT, effective_on__gte=window.start) | Q(
        track=Track.DENUNCIATION, decided_on__gte=window.start
    )


def _completion(days: Q) -> Q:
    records = Implementation.objects.filter(resolution=OuterRef("pk"), completes=True)
    return Q(Exists(records.filter(days)))


def completed_in(window: Window) -> Q:
    return _completion(Q(done_on__gte=window.start, done_on__lte=window.end))


def open_at_end(window: Window) -> Q:
    # Not completed by the end; the source already left out what was completed before it.
    return ~_completion(Q(done_on__lte=window.end))


def _cases(code: int, header: str, groups: tuple[str, ...], rule: Rule, basis: str) -> Column:
    return Column(code, header, groups, Source.TO_IMPLEMENT, where=rule, basis=basis)


def _sum(
    code: int, header: str, groups: tuple[str, ...], source: Source, field: str, basis: str
) -> Column:
    # Only the records carrying the figure, so the cell's records are the cases behind it.
    return Column(
        code,
        header,
        groups,
        source,
        Measure.SUM,
        where=Q(**{f"{field}__gt": 0}),
        field=field,
        basis=basis,
    )


def _amounts(first: int, group: str, source: Source, basis: str) -> list[Column]:
    """Money and land to recover for the State, then to return to citizens."""
    fields = (
        ("Tiền (đồng)", RECOVER, "amount_recovered"),
        ("Đất (m²)", RECOVER, "land_recovered_m2"),
        ("Tiền (đồng)", RETURN, "amount_returned"),
        ("Đất (m²)", RETURN, "land_returned_m2"),
    )
    return [
        _sum(first + n, header, (group, sub), source, field, basis)
        for n, (header, sub, field) in enumerate(fields)
    ]


FORM_KQTH = FormDefinition(
    slug="05-kqth",
    code="05/KQTH",
    title=(
        "BIỂU SỐ 05/KQTH — TỔNG HỢP KẾT QUẢ THỰC HIỆN QUYẾT ĐỊNH GIẢI QUYẾT KHIẾU NẠI, "
        "KẾT LUẬN NỘI DUNG TỐ CÁO"
    ),
    sheet="05-KQTH",
    basis=BASIS,
    columns=(
        _cases(1, "Tổng số", (TO_IMPLEMENT,), where(ALL), BOTH_BASIS),
        _cases(2, "Kỳ trước chuyển sang", (TO_IMPLEMENT,), where(ALL, carried_over), "RPT-01"),
        _cases(3, "Mới trong kỳ", (TO_IMPLEMENT,), where(ALL, new_in), BOTH_BASIS),
        _cases(
            4,
            "Quyết định giải quyết khiếu nại",
            (TO_IMPLEMENT,),
            where(COMPLAINTS),
            COMPLAINT_BASIS,
        ),
        _cases(
            5,
            "Kết luận nội dung tố cáo",
            (TO_IMPLEMENT,),
            where(DENUNCIATIONS),
            DENUNCIATION_BASIS,
        ),
        _cases(6, "Tổng số", (COMPLETED,), where(ALL, completed_in), BOTH_BASIS),
        _cases(
            7,
            "Quyết định giải quyết khiếu nại",
            (COMPLETED,),
            where(COMPLAINTS, completed_in),
            "NĐ 124/2020 Art. 31",
        ),
        _cases(
            8,
            "Kết luận nội dung tố cáo",
            (COMPLETED,),
            where(DENUNCIATIONS, completed_in),
            "LTC Art. 36",
        ),
        *_amounts(9, ORDERED, Source.TO_IMPLEMENT, "LKN Art. 31.2; LTC Art. 35.1"),
        *_amounts(13, DONE, Source.IMPLEMENTATIONS, BOTH_BASIS),
        _sum(
            17,
            "Đã xử lý kỷ luật, hành chính (người)",
            (PERSONS,),
            Source.IMPLEMENTATIONS,
            "persons_disciplined",
            BOTH_BASIS,
        ),
        _sum(
            18,
            "Đã khởi tố (người)",
            (PERSONS,),
            Source.IMPLEMENTATIONS,
            "persons_prosecuted",
            "LTC Art. 36.1",
        ),
        _cases(19, "Chưa thực hiện xong chuyển kỳ sau", (), where(ALL, open_at_end), "RPT-01"),
    ),
)
