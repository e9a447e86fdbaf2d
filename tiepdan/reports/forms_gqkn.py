"""Biểu số 03/GQKN: resolution of complaints (LEGAL.md §7.2; TT 06/2025 annex, columns [U]).

Counted over the complaint cases the unit had to resolve in the period (Source.RESOLUTIONS:
accepted by its end, not decided or closed before it began), one row per case (vụ việc); a
second complaint is its own case (LKN Art. 33). The rules, one per column:

(1) to resolve: every such case; (2) carried over: accepted before the period; (3) accepted in
    the period. (1) = (2) + (3).
(4) resolved: decided in the period, or closed in the period without a decision;
    (4) = (5) + (6) + (7).
(5) by decision: decided_on in the period (LKN Art. 31, 40), whatever happened after (a lawsuit
    filed after the decision still counts here).
(6) withdrawn: closed in the period without a decision and a withdrawal of the whole complaint
    that did not let the case go on (Withdrawal scope "whole", continues=False; LKN Art. 10).
    A partial withdrawal, or one that lets the case go on, is not one.
(7) terminated otherwise: the other cases closed in the period without a decision: terminated
    on other grounds (LKN Art. 11a), a lawsuit filed before the decision (LKN Art. 11.9).
(8)-(10) of the cases decided in the period: founded / partly founded / unfounded (LKN Art.
    40.2.h); a decision without an outcome recorded is in none of them.
(11)-(12) of the cases decided in the period: first / second level (LKN Art. 28, 37).
(13)-(14) of the cases decided in the period: overdue when decided after the case's due date
    (due_on, with extensions and suspensions already in it); on time otherwise, including a case
    with no due date recorded, so that (13) + (14) = (5).
(15)-(19) sums over the cases decided in the period of what their decisions order: money to
    recover for the State and land to recover, money and land to return to citizens (VND, m²),
    people whose rights are restored (LKN Art. 31.2).
(20)-(21) sums over the same decisions of the people recommended for administrative handling
    and of the people referred to the investigating body.
(22) dialogues: cases whose dialogue was held in the period (dialogue_on; LKN Art. 30, 39).
    Only the last dialogue of a case is recorded, so a case counts once.
(23) carried to the next period: cases to resolve neither decided nor closed by its end.
    (23) = (1) - (4).

Money and land are sums of the decisions' figures (Measure.SUM keeps the decimals: whole VND,
m² with one decimal). A sum column lists only the cases that ordered something, so its records
are the cases behind the amount. The rules on when a case was resolved are shared with Biểu
04/GQTC, which imports them from here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Exists, F, OuterRef, Q

from tiepdan.reports.columns import Column, FormDefinition, Measure, Source, Window
from tiepdan.resolution.models import Outcome, Withdrawal
from tiepdan.resolution.workflow import Track

BASIS = (
    "TT 06/2025/TT-TTCP, Biểu 03/GQKN; các nhóm cột theo mẫu tham khảo, "
    "chưa đối chiếu phụ lục chính thức [U]"
)

Rule = Callable[[Window], Q]

TO_RESOLVE = "Số vụ việc phải giải quyết"
RESOLVED = "Số vụ việc đã giải quyết"
OUTCOMES = "Phân tích kết quả (vụ việc có quyết định giải quyết)"
LEVELS = "Giải quyết lần đầu, lần hai"
TIME_LIMIT = "Chấp hành thời hạn giải quyết"
ORDERED = "Quyết định giải quyết yêu cầu"
RECOVER = "Thu hồi cho Nhà nước"
RETURN = "Trả lại cho công dân"
HANDLING = "Kiến nghị xử lý người vi phạm"

C = Q(track=Track.COMPLAINT)  # Biểu 03 counts complaints only


def _between(field: str, window: Window) -> Q:
    return Q(**{f"{field}__gte": window.start, f"{field}__lte": window.end})


def _not_by_end(field: str, window: Window) -> Q:
    # Later records cannot change a closed period: what happened after its end is "not yet".
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": window.end})


def carried_over(window: Window) -> Q:
    return Q(accepted_on__lt=window.start)


def accepted_in(window: Window) -> Q:
    return Q(accepted_on__gte=window.start)


def decided_in(window: Window) -> Q:
    return _between("decided_on", window)


def closed_undecided_in(window: Window) -> Q:
    """Closed in the period without a decision: withdrawn, terminated, a lawsuit filed, taken
    over by the superior, a re-denunciation not resolved again."""
    return _between("closed_on", window) & _not_by_end("decided_on", window)


def resolved_in(window: Window) -> Q:
    return decided_in(window) | closed_undecided_in(window)


def unresolved_at_end(window: Window) -> Q:
    return _not_by_end("decided_on", window) & _not_by_end("closed_on", window)


def withdrawal(window: Window) -> Exists:
    """A withdrawal of the whole petition that ended the case (LKN Art. 10; LTC Art. 33, 34.3);
    one the case goes on after (TC-16, a withdrawal under coercion) ended nothing."""
    return Exists(
        Withdrawal.objects.filter(
            resolution=OuterRef("pk"),
            scope=Withdrawal.Scope.WHOLE,
            continues=False,
            withdrawn_on__lte=window.end,
        )
    )


def withdrawn_in(window: Window) -> Q:
    return closed_undecided_in(window) & Q(withdrawal(window))


def not_withdrawn(window: Window) -> Q:
    return ~Q(withdrawal(window))


def dialogue_in(window: Window) -> Q:
    return _between("dialogue_on", window)


OVERDUE = Q(decided_on__gt=F("due_on"))
# Not overdue: decided by the due date, or no due date recorded (then none was missed).
ON_TIME = Q(due_on__isnull=True) | Q(decided_on__lte=F("due_on"))


def where(scope: Q, *rules: Rule, also: Q | None = None) -> Rule:
    """A column's filter: the track, every rule for the window, and a fixed condition."""

    def condition(window: Window) -> Q:
        result = scope
        for rule in rules:
            result &= rule(window)
        return result & also if also is not None else result

    return condition


def cases(code: int, header: str, groups: tuple[str, ...], rule: Rule, basis: str) -> Column:
    return Column(code, header, groups, Source.RESOLUTIONS, where=rule, basis=basis)


def ordered(
    code: int, header: str, groups: tuple[str, ...], scope: Q, field: str, basis: str
) -> Column:
    """The sum of a figure over the decisions of the period; its records are the cases that
    ordered something."""
    return Column(
        code,
        header,
        groups,
        Source.RESOLUTIONS,
        Measure.SUM,
        where=where(scope, decided_in, also=Q(**{f"{field}__gt": 0})),
        field=field,
        basis=basis,
    )


def outcomes(
    first: int, group: str, scope: Q, basis: str, headers: tuple[str, str, str]
) -> list[Column]:
    """Founded, partly founded, unfounded, of the cases decided in the period."""
    values = (Outcome.FOUNDED, Outcome.PARTLY_FOUNDED, Outcome.UNFOUNDED)
    return [
        cases(first + n, header, (group,), where(scope, decided_in, also=Q(outcome=value)), basis)
        for n, (header, value) in enumerate(zip(headers, values, strict=True))
    ]


FORM_GQKN = FormDefinition(
    slug="03-gqkn",
    code="03/GQKN",
    title="BIỂU SỐ 03/GQKN — TỔNG HỢP KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI",
    sheet="03-GQKN",
    basis=BASIS,
    columns=(
        cases(1, "Tổng số", (TO_RESOLVE,), where(C), "LKN Art. 27, 36 (acceptance)"),
        cases(2, "Kỳ trước chuyển sang", (TO_RESOLVE,), where(C, carried_over), "RPT-01"),
        cases(3, "Thụ lý trong kỳ", (TO_RESOLVE,), where(C, accepted_in), "LKN Art. 27, 36"),
        cases(4, "Tổng số", (RESOLVED,), where(C, resolved_in), "LKN Art. 10, 11, 31, 40"),
        cases(
            5,
            "Bằng quyết định giải quyết",
            (RESOLVED,),
            where(C, decided_in),
            "LKN Art. 31, 40",
        ),
        cases(6, "Đình chỉ do rút khiếu nại", (RESOLVED,), where(C, withdrawn_in), "LKN Art. 10"),
        cases(
            7,
            "Đình chỉ khác, khởi kiện vụ án hành chính",
            (RESOLVED,),
            where(C, closed_undecided_in, not_withdrawn),
            "LKN Art. 11.9, 11a; NĐ 124/2020 Art. 28b",
        ),
        *outcomes(
            8,
            OUTCOMES,
            C,
            "LKN Art. 40.2.h",
            ("Khiếu nại đúng", "Khiếu nại có đúng, có sai", "Khiếu nại sai"),
        ),
        cases(11, "Lần đầu", (LEVELS,), where(C, decided_in, also=Q(level=1)), "LKN Art. 31"),
        cases(12, "Lần hai", (LEVELS,), where(C, decided_in, also=Q(level=2)), "LKN Art. 40"),
        cases(
            13,
            "Đúng thời hạn",
            (TIME_LIMIT,),
            where(C, decided_in, also=ON_TIME),
            "LKN Art. 28, 37",
        ),
        cases(
            14, "Quá thời hạn", (TIME_LIMIT,), where(C, decided_in, also=OVERDUE), "LKN Art. 28, 37"
        ),
        ordered(15, "Tiền (đồng)", (ORDERED, RECOVER), C, "amount_recovered", "LKN Art. 31.2"),
        ordered(16, "Đất (m²)", (ORDERED, RECOVER), C, "land_recovered_m2", "LKN Art. 31.2"),
        ordered(17, "Tiền (đồng)", (ORDERED, RETURN), C, "amount_returned", "LKN Art. 31.2"),
        ordered(18, "Đất (m²)", (ORDERED, RETURN), C, "land_returned_m2", "LKN Art. 31.2"),
        ordered(
            19,
            "Số người được khôi phục quyền lợi",
            (ORDERED,),
            C,
            "people_rights_restored",
            "LKN Art. 31.2",
        ),
        ordered(
            20,
            "Xử lý hành chính (người)",
            (HANDLING,),
            C,
            "persons_to_discipline",
            "LKN Art. 31.2",
        ),
        ordered(
            21,
            "Chuyển cơ quan điều tra (người)",
            (HANDLING,),
            C,
            "persons_referred",
            "LKN Art. 31.2",
        ),
        cases(22, "Số vụ việc đã đối thoại trong kỳ", (), where(C, dialogue_in), "LKN Art. 30, 39"),
        cases(
            23,
            "Chưa giải quyết xong chuyển kỳ sau",
            (),
            where(C, unresolved_at_end),
            "RPT-01",
        ),
    ),
)
