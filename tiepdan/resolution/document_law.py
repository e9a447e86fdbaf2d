"""Legal wording shared by the resolution documents and notices: basis lines, outcomes, rights.

Acts are cited by number only (no dates), so nothing here depends on an unconfirmed date; the
2026 amendments are cited from the day they apply (CAL-00, REFORM_2026).
"""

from __future__ import annotations

import datetime as dt

from tiepdan.deadlines.rules.lookup import rule_get
from tiepdan.deadlines.rules.table import REFORM_2026
from tiepdan.organizations.models import OrgUnit
from tiepdan.resolution.models import Resolution
from tiepdan.resolution.workflow import Track

_LAW_136 = (
    "Căn cứ Luật số 136/2025/QH15 sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật "
    "Khiếu nại và Luật Tố cáo;"
)


def basis(track: str, on: dt.date) -> tuple[str, ...]:
    """The "Căn cứ ..." lines of a decision issued on `on`."""
    reformed = on >= REFORM_2026
    if track == Track.COMPLAINT:
        amended = " (được sửa đổi, bổ sung bởi Nghị định số 155/2026/NĐ-CP)" if reformed else ""
        return (
            "Căn cứ Luật Khiếu nại số 02/2011/QH13;",
            *((_LAW_136,) if reformed else ()),
            "Căn cứ Nghị định số 124/2020/NĐ-CP của Chính phủ quy định chi tiết một số điều và "
            f"biện pháp thi hành Luật Khiếu nại{amended};",
        )
    if track == Track.DENUNCIATION:
        amended = " (được sửa đổi, bổ sung bởi Nghị định số 156/2026/NĐ-CP)" if reformed else ""
        return (
            "Căn cứ Luật Tố cáo số 25/2018/QH14;",
            *((_LAW_136,) if reformed else ()),
            "Căn cứ Nghị định số 31/2019/NĐ-CP của Chính phủ quy định chi tiết một số điều và "
            f"biện pháp tổ chức thi hành Luật Tố cáo{amended};",
        )
    if track == Track.REGULATION_FEEDBACK:
        return (
            "Căn cứ Nghị định số 20/2008/NĐ-CP về tiếp nhận, xử lý phản ánh, kiến nghị của cá "
            "nhân, tổ chức về quy định hành chính;",
        )
    return ("Căn cứ Luật Tiếp công dân số 42/2013/QH13;",)


# LKN Art. 31.2.g, 40.2.h: đúng / đúng một phần / sai toàn bộ; LTC Art. 35.1.
_OUTCOMES = {
    Track.COMPLAINT: {
        "founded": "Khiếu nại là đúng",
        "partly_founded": "Khiếu nại là đúng một phần",
        "unfounded": "Khiếu nại là sai toàn bộ",
    },
    Track.DENUNCIATION: {
        "founded": "Tố cáo đúng",
        "partly_founded": "Tố cáo đúng một phần",
        "unfounded": "Tố cáo sai",
    },
}
_REGULATION_OUTCOMES = {
    "amend": "sửa đổi, bổ sung quy định",
    "repeal": "bãi bỏ quy định",
    "recommend": "kiến nghị cơ quan có thẩm quyền xử lý",
    "issue": "ban hành quy định mới",
    "no_change": "giữ nguyên quy định",
}


def outcome_text(track: str, outcome: str) -> str:
    return _OUTCOMES.get(Track(track), {}).get(outcome, "Chưa có kết luận")


def regulation_outcome_text(outcome: str) -> str:
    return _REGULATION_OUTCOMES.get(outcome, "")


def second_complaint_days(resolution: Resolution) -> int:
    """KN-06: 30 days, 45 in remote areas (LKN Art. 33.1)."""
    rule = rule_get("KN-06", resolution.decided_on or resolution.accepted_on)
    return rule.duration_for(complex=False, remote=resolution.is_remote)[1]


def next_step(resolution: Resolution, *, parent: OrgUnit | None) -> str:
    """The complainant's right to a second complaint or a lawsuit, with its window (KN-06)."""
    days = second_complaint_days(resolution)
    if resolution.level == 2:
        return (
            "Nếu không đồng ý với quyết định giải quyết khiếu nại lần hai, người khiếu nại có "
            "quyền khởi kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính "
            "(Điều 40 Luật Khiếu nại)."
        )
    superior = parent.name if parent else "người có thẩm quyền giải quyết khiếu nại lần hai"
    return (
        f"Trong thời hạn {days} ngày kể từ ngày nhận được Quyết định này, nếu không đồng ý với "
        f"quyết định giải quyết khiếu nại, người khiếu nại có quyền khiếu nại đến {superior} "
        "hoặc khởi kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính "
        "(khoản 1 Điều 33 Luật Khiếu nại)."
    )


def send_limit(track: str) -> str:
    if track == Track.DENUNCIATION:
        return "05 ngày làm việc (khoản 4 Điều 34 Luật Tố cáo)"
    return "03 ngày làm việc (Điều 28b Nghị định 124/2020/NĐ-CP)"


def suspension_source(track: str) -> str:
    if track == Track.DENUNCIATION:
        return "khoản 1, khoản 2 Điều 34 Luật Tố cáo"
    return "Điều 28a, Điều 28b Nghị định 124/2020/NĐ-CP"


def termination_source(track: str) -> str:
    if track == Track.DENUNCIATION:
        return "khoản 3 Điều 34 Luật Tố cáo"
    return "Điều 10 Luật Khiếu nại; Điều 28b Nghị định 124/2020/NĐ-CP"
