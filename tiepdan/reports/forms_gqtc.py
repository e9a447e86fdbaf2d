"""Biểu số 04/GQTC: resolution of denunciations (LEGAL.md §7.2; TT 06/2025 annex, columns [U]).

Counted over the denunciation cases the unit had to resolve in the period (Source.RESOLUTIONS),
one row per case, with the rules of Biểu 03/GQKN on when a case was resolved (forms_gqkn). A case
taken over by the superior ends in the lower unit and opens again in the superior (LTC Art. 38.5),
so a roll-up over both counts the lower unit's case as resolved and the superior's as to resolve.
The rules, one per column:

(1) to resolve; (2) carried over (accepted before the period); (3) accepted in the period.
    (1) = (2) + (3).
(4) of which re-denunciations under review or re-resolved: cases that follow an earlier case
    (first_resolution set; LTC Art. 37).
(5) resolved: concluded in the period, or closed in the period without a conclusion;
    (5) = (6) + (7) + (8) + (9).
(6) by conclusion: decided_on in the period (LTC Art. 35).
(7) withdrawn: closed in the period without a conclusion after a withdrawal of the whole
    denunciation that did not let the case go on (LTC Art. 33, 34.3; not TC-16).
(8) terminated otherwise: the other cases closed without a conclusion, except those taken over:
    terminated on other grounds (LTC Art. 34.3), a re-denunciation the superior decided not to
    resolve again (LTC Art. 37.2).
(9) taken over by the superior in the period (status taken over; LTC Art. 38.5).
(10)-(12) of the cases concluded in the period: founded / partly founded / unfounded.
(13)-(14) of the cases concluded in the period: on time / overdue, as in Biểu 03/GQKN (a case
    with no due date recorded is on time), so (13) + (14) = (6).
(15)-(18) sums over the conclusions of the period of the money and land to recover for the
    State and to return (VND, m²).
(19)-(20) sums over the same conclusions of the people recommended for handling and of the
    people referred to the investigating body (LTC Art. 35, 36).
(21) protection requests decided in the period (ProtectionRequest.decided_on; LTC Art. 47-58),
    one per request; (22) of which granted: applied then or since ended (status granted or
    ended), so a later end does not change the period.
(23) carried to the next period: cases neither concluded nor closed by its end. (23) = (1) - (5).
"""

from __future__ import annotations

from django.db.models import Q

from tiepdan.reports.columns import Column, FormDefinition, Source
from tiepdan.reports.forms_gqkn import (
    HANDLING,
    ON_TIME,
    OVERDUE,
    RECOVER,
    RESOLVED,
    RETURN,
    TIME_LIMIT,
    TO_RESOLVE,
    accepted_in,
    carried_over,
    cases,
    closed_undecided_in,
    decided_in,
    not_withdrawn,
    ordered,
    outcomes,
    resolved_in,
    unresolved_at_end,
    where,
    withdrawn_in,
)
from tiepdan.resolution.models import ProtectionRequest
from tiepdan.resolution.workflow import Status, Track

BASIS = (
    "TT 06/2025/TT-TTCP, Biểu 04/GQTC; các nhóm cột theo mẫu tham khảo, "
    "chưa đối chiếu phụ lục chính thức [U]"
)

OUTCOMES = "Phân tích kết quả (vụ việc có kết luận)"
ORDERED = "Kết luận kiến nghị"
PROTECTION = "Bảo vệ người tố cáo"

D = Q(track=Track.DENUNCIATION)  # Biểu 04 counts denunciations only
TAKEN_OVER = Q(status=Status.TAKEN_OVER)
GRANTED = Q(status__in=[ProtectionRequest.Status.GRANTED, ProtectionRequest.Status.ENDED])

FORM_GQTC = FormDefinition(
    slug="04-gqtc",
    code="04/GQTC",
    title="BIỂU SỐ 04/GQTC — TỔNG HỢP KẾT QUẢ GIẢI QUYẾT TỐ CÁO",
    sheet="04-GQTC",
    basis=BASIS,
    columns=(
        cases(1, "Tổng số", (TO_RESOLVE,), where(D), "LTC Art. 29 (acceptance)"),
        cases(2, "Kỳ trước chuyển sang", (TO_RESOLVE,), where(D, carried_over), "RPT-01"),
        cases(3, "Thụ lý trong kỳ", (TO_RESOLVE,), where(D, accepted_in), "LTC Art. 29"),
        cases(
            4,
            "Trong đó: tố cáo tiếp được xem xét",
            (TO_RESOLVE,),
            where(D, also=Q(first_resolution__isnull=False)),
            "LTC Art. 37 (TC-13)",
        ),
        cases(5, "Tổng số", (RESOLVED,), where(D, resolved_in), "LTC Art. 33-35, 38.5"),
        cases(6, "Bằng kết luận nội dung tố cáo", (RESOLVED,), where(D, decided_in), "LTC Art. 35"),
        cases(
            7,
            "Đình chỉ do rút tố cáo",
            (RESOLVED,),
            where(D, withdrawn_in),
            "LTC Art. 33, 34.3 (TC-16)",
        ),
        cases(
            8,
            "Đình chỉ, kết thúc khác",
            (RESOLVED,),
            where(D, closed_undecided_in, not_withdrawn, also=~TAKEN_OVER),
            "LTC Art. 34.3, 37.2",
        ),
        cases(
            9,
            "Cấp trên trực tiếp rút lên giải quyết",
            (RESOLVED,),
            where(D, closed_undecided_in, also=TAKEN_OVER),
            "LTC Art. 38.5; NĐ 31/2019 Art. 5",
        ),
        *outcomes(
            10,
            OUTCOMES,
            D,
            "LTC Art. 35.1",
            ("Tố cáo đúng", "Tố cáo có đúng, có sai", "Tố cáo sai"),
        ),
        cases(
            13,
            "Đúng thời hạn",
            (TIME_LIMIT,),
            where(D, decided_in, also=ON_TIME),
            "LTC Art. 30",
        ),
        cases(
            14,
            "Quá thời hạn",
            (TIME_LIMIT,),
            where(D, decided_in, also=OVERDUE),
            "LTC Art. 30",
        ),
        ordered(15, "Tiền (đồng)", (ORDERED, RECOVER), D, "amount_recovered", "LTC Art. 35.1"),
        ordered(16, "Đất (m²)", (ORDERED, RECOVER), D, "land_recovered_m2", "LTC Art. 35.1"),
        ordered(17, "Tiền (đồng)", (ORDERED, RETURN), D, "amount_returned", "LTC Art. 35.1"),
        ordered(18, "Đất (m²)", (ORDERED, RETURN), D, "land_returned_m2", "LTC Art. 35.1"),
        ordered(
            19,
            "Xử lý hành chính (người)",
            (HANDLING,),
            D,
            "persons_to_discipline",
            "LTC Art. 35.1, 36",
        ),
        ordered(
            20,
            "Chuyển cơ quan điều tra (người)",
            (HANDLING,),
            D,
            "persons_referred",
            "LTC Art. 36.1 (TC-10)",
        ),
        Column(
            21,
            "Số yêu cầu bảo vệ đã xem xét",
            (PROTECTION,),
            Source.PROTECTIONS,
            where=Q(resolution__track=Track.DENUNCIATION),
            basis="LTC Art. 47-58",
        ),
        Column(
            22,
            "Trong đó: đã áp dụng biện pháp bảo vệ",
            (PROTECTION,),
            Source.PROTECTIONS,
            where=Q(resolution__track=Track.DENUNCIATION) & GRANTED,
            basis="LTC Art. 47-58",
        ),
        cases(
            23,
            "Chưa giải quyết xong chuyển kỳ sau",
            (),
            where(D, unresolved_at_end),
            "RPT-01",
        ),
    ),
)
