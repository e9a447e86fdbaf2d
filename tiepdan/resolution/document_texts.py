"""What each resolution document says, built from the case (official Vietnamese text).

No denunciation document names the denouncer: not the accused's notice, not the conclusion that
is sent and published, not even the notice to the denouncer (Mẫu 05), which is mailed to them
and filed where other officials open it (LTC Art. 9, 47, 56).
"""

from __future__ import annotations

from collections.abc import Callable

from tiepdan.core import clock
from tiepdan.petitions.models import DocumentKind
from tiepdan.resolution import document_law as law
from tiepdan.resolution.dialogue import notice_limit
from tiepdan.resolution.document_view import (
    ARCHIVE,
    Body,
    CaseView,
    amounts,
    dialogue,
    sentence,
    verification,
)
from tiepdan.resolution.document_view import day_text as _d
from tiepdan.resolution.limits import COMPLEXITY_CRITERIA
from tiepdan.resolution.workflow import Track

K = DocumentKind


def acceptance_notice(v: CaseView) -> Body:
    r = v.resolution
    article = "Điều 36" if r.level == 2 else "Điều 27"
    rule_article = "Điều 37" if r.level == 2 else "Điều 28"
    return Body(
        f"Kính gửi: {v.names}",
        (
            f"Ngày {_d(v.petition.received_on)}, {v.unit} nhận được đơn khiếu nại (mã tra cứu "
            f"{v.code}) của {v.complainants}.",
            f"Nội dung khiếu nại: {v.summary}.",
            f"Yêu cầu của người khiếu nại: {v.request}" if v.request else "",
            f"Người bị khiếu nại: {v.accused}.",
            f"Đơn khiếu nại đủ điều kiện thụ lý theo {article} Luật Khiếu nại. {v.unit} thụ lý "
            f"giải quyết khiếu nại lần {'hai' if r.level == 2 else 'đầu'} từ ngày "
            f"{_d(r.accepted_on)}.",
            f"Thời hạn giải quyết: đến ngày {v.due} ({r.rule_id}, {rule_article} Luật Khiếu nại); "
            "thời hạn thay đổi khi vụ việc phức tạp hoặc bị tạm đình chỉ, cơ quan sẽ thông báo.",
            v.note,
        ),
        ("Người khiếu nại", v.petition.forwarded_by, "Thanh tra cùng cấp", ARCHIVE),
    )


def acceptance_decision(v: CaseView) -> Body:  # Mẫu 04, NĐ 31/2019
    r = v.resolution
    return Body(
        "",
        (
            *law.basis(Track.DENUNCIATION, r.accepted_on),
            f"Căn cứ đơn tố cáo ({v.ref}) nhận ngày {_d(v.petition.received_on)} và kết quả "
            "kiểm tra điều kiện thụ lý tố cáo (khoản 1 Điều 29 Luật Tố cáo);",
            # A re-denunciation the superior resolves again (LTC Art. 37.2, TC-13).
            "Xét tố cáo tiếp và kết quả xem xét việc giải quyết tố cáo trước đó (khoản 2 Điều 37 "
            "Luật Tố cáo);"
            if r.level == 2
            else "",
            "QUYẾT ĐỊNH:",
            f"Điều 1. Thụ lý tố cáo đối với {v.accused}. Nội dung tố cáo được thụ lý: {v.summary}.",
            f"Điều 2. Thời hạn giải quyết tố cáo là 30 ngày kể từ ngày thụ lý, đến ngày {v.due} "
            "(Điều 30 Luật Tố cáo); vụ việc phức tạp được gia hạn theo quy định.",
            "Điều 3. Người được giao xác minh, người bị tố cáo và các cơ quan, tổ chức, cá nhân có "
            "liên quan chịu trách nhiệm thi hành Quyết định này. Thông tin về người tố cáo được "
            "giữ bí mật (Điều 47, Điều 56 Luật Tố cáo).",
            v.note,
        ),
        ("Như Điều 3", ARCHIVE),
    )


def denouncer_notice(v: CaseView) -> Body:  # Mẫu 05: addressed without the name
    return Body(
        f"Kính gửi: Người tố cáo (đơn mã tra cứu {v.code})",
        (
            f"Ngày {_d(v.petition.received_on)}, {v.unit} nhận được đơn tố cáo của Ông/Bà (mã "
            f"tra cứu {v.code}).",
            f"{v.unit} đã ban hành {v.acceptance_ref()} về việc thụ lý tố cáo. Nội dung tố cáo "
            f"được thụ lý: {v.summary}.",
            f"Thời hạn giải quyết tố cáo: đến ngày {v.due} (Điều 30 Luật Tố cáo).",
            "Thông tin về người tố cáo được giữ bí mật theo Điều 47 và Điều 56 Luật Tố cáo. Ông/Bà "
            "có quyền yêu cầu áp dụng biện pháp bảo vệ (Điều 9 Luật Tố cáo).",
            v.note,
        ),
        ("Người tố cáo", ARCHIVE),
    )


def accused_notice(v: CaseView) -> Body:  # Mẫu 06 (TC-04): not one word on who denounced
    return Body(
        f"Kính gửi: {v.accused}",
        (
            f"{v.unit} đã ban hành {v.acceptance_ref()} về việc thụ lý tố cáo ({v.ref}) đối với "
            f"{v.petition.respondent_name or 'người bị tố cáo'}.",
            f"Nội dung tố cáo: {v.summary}.",
            "Theo Điều 10 và khoản 3 Điều 29 Luật Tố cáo, đề nghị người bị tố cáo giải trình bằng "
            "văn bản về nội dung bị tố cáo và cung cấp thông tin, tài liệu, chứng cứ có liên quan "
            "cho người giải quyết tố cáo.",
            f"Thời hạn giải quyết tố cáo: đến ngày {v.due}.",
            v.note,
        ),
        ("Người bị tố cáo", ARCHIVE),
    )


def extension_decision(v: CaseView) -> Body:  # Mẫu 01, NĐ 31/2019
    r = v.resolution
    criteria = "; ".join(COMPLEXITY_CRITERIA.get(c, c) for c in r.complexity_criteria)
    if r.is_especially_complex:
        basis = (
            "vụ việc đặc biệt phức tạp, gia hạn không quá hai lần (khoản 3 Điều 30 Luật Tố cáo; "
            "TC-07)"
        )
    else:
        basis = "vụ việc phức tạp, gia hạn một lần (khoản 2 Điều 30 Luật Tố cáo; TC-06)"
    return Body(
        "",
        (
            *law.basis(Track.DENUNCIATION, clock.today()),
            f"Căn cứ {v.acceptance_ref()} về việc thụ lý tố cáo;",
            f"Xét tính chất của vụ việc: {criteria or 'phức tạp'} (Điều 3 Nghị định "
            "31/2019/NĐ-CP);",
            "QUYẾT ĐỊNH:",
            f"Điều 1. Gia hạn giải quyết tố cáo ({v.ref}) đối với {v.accused}, lần thứ "
            f"{r.extensions_used}; thời gian gia hạn 30 ngày: {basis}.",
            f"Thời hạn giải quyết tố cáo mới: đến ngày {v.due}.",
            f"Lý do gia hạn: {v.note}" if v.note else "",
            "Điều 2. Người giải quyết tố cáo, người được giao xác minh, người tố cáo, người bị "
            "tố cáo và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành "
            "Quyết định này (khoản 4 Điều 30 Luật Tố cáo).",
        ),
        ("Người tố cáo", "Người bị tố cáo", ARCHIVE),
    )


# The closing of the minutes (Mẫu 14): signed; a refusal is noted (LKN Art. 30.4); an absent
# complainant does not stop the resolution (LKN Art. 30.6; NĐ 124/2020 Art. 28.5 as amended).
MINUTES_CLOSING = {
    "signed": "Biên bản đã được đọc lại cho những người tham gia đối thoại cùng nghe; những người "
    "tham gia đối thoại đã ký tên xác nhận (khoản 4 Điều 30 Luật Khiếu nại).",
    "refused": "Biên bản đã được đọc lại cho những người tham gia đối thoại cùng nghe. Người khiếu "
    "nại từ chối ký biên bản; việc từ chối ký được ghi nhận tại biên bản này (khoản 4 Điều 30 "
    "Luật Khiếu nại).",
    "absent": "Người khiếu nại đã được mời{invitation} nhưng vắng mặt không có lý do chính đáng; "
    "việc giải quyết khiếu nại vẫn được tiếp tục (khoản 6 Điều 30 Luật Khiếu nại; khoản 5 Điều "
    "28 Nghị định số 124/2020/NĐ-CP, được sửa đổi, bổ sung).",
    "": "Biên bản đã được đọc lại cho những người tham gia cùng nghe và ký tên; người không ký "
    "được ghi rõ lý do (khoản 4 Điều 30 Luật Khiếu nại).",
}
COMPLAINANT_SIGNS = {
    "refused": "NGƯỜI KHIẾU NẠI (từ chối ký)",
    "absent": "NGƯỜI KHIẾU NẠI (vắng mặt)",
}


def _invitation_ref(v: CaseView) -> str:
    invitation = v.issued(K.DIALOGUE_NOTICE)
    if invitation is None:
        return ""
    return f"Giấy mời số {invitation.number} ngày {_d(invitation.issued_on)}"


def _minutes_closing(v: CaseView) -> str:
    invitation = _invitation_ref(v)
    return MINUTES_CLOSING[v.resolution.dialogue_minutes].format(
        invitation=f" theo {invitation}" if invitation else ""
    )


def dialogue_minutes(v: CaseView) -> Body:  # Mẫu 14, NĐ 124/2020 as amended
    r = v.resolution
    absent = " (vắng mặt)" if r.dialogue_minutes == "absent" else ""
    complainant_signs = COMPLAINANT_SIGNS.get(
        r.dialogue_minutes, "NGƯỜI KHIẾU NẠI (ký, ghi rõ họ tên)"
    )
    invitation = _invitation_ref(v)
    return Body(
        "",
        (
            f"Ngày {_d(r.dialogue_on)}, tại {v.unit}, tổ chức đối thoại giải quyết khiếu nại lần "
            f"{'hai' if r.level == 2 else 'đầu'} đối với {v.ref} (Điều 30, Điều 39 Luật "
            "Khiếu nại).",
            f"Thực hiện {invitation} của {v.unit}." if invitation else "",
            "I. THÀNH PHẦN THAM GIA",
            f"Người chủ trì: đại diện {v.unit}.",
            f"Người khiếu nại: {v.complainants}{absent}.",
            f"Người bị khiếu nại: {v.accused}.",
            "II. NỘI DUNG ĐỐI THOẠI",
            f"Nội dung khiếu nại: {v.summary}.",
            f"Yêu cầu của người khiếu nại: {v.request}" if v.request else "",
            f"Kết quả xác minh: {verification(v)}",
            f"Ý kiến của các bên và kết quả đối thoại: {v.note or v.event_note('hold_dialogue')}",
            _minutes_closing(v),
            f"{complainant_signs}          NGƯỜI BỊ KHIẾU NẠI (ký, ghi rõ họ tên)",
        ),
        ("Những người tham gia đối thoại", ARCHIVE),
        signer_title="NGƯỜI CHỦ TRÌ ĐỐI THOẠI",
    )


def dialogue_notice(v: CaseView) -> Body:  # giấy mời: LKN Art. 30.2, 39; KN-14
    r = v.resolution
    planned = r.dialogue_planned_on
    limit = notice_limit(planned) if planned else None
    article = "Điều 39" if r.level == 2 else "khoản 2 Điều 30"
    return Body(
        f"Kính gửi: {v.names}",
        (
            f"{v.unit} trân trọng kính mời Ông/Bà tham dự buổi đối thoại giải quyết khiếu nại lần "
            f"{'hai' if r.level == 2 else 'đầu'} đối với {v.ref} ({article} Luật Khiếu nại).",
            f"1. Thời gian: ngày {_d(planned)}.",
            f"2. Địa điểm, thành phần được mời: {v.note}" if v.note else "",
            "3. Thành phần tham gia đối thoại: người giải quyết khiếu nại (chủ trì); người khiếu "
            f"nại; người bị khiếu nại ({v.accused}); người có quyền, nghĩa vụ liên quan; cơ quan, "
            "tổ chức, cá nhân có liên quan.",
            f"4. Nội dung đối thoại: làm rõ nội dung khiếu nại ({v.summary}), yêu cầu của người "
            "khiếu nại, kết quả xác minh nội dung khiếu nại và hướng giải quyết khiếu nại.",
            f"Yêu cầu của người khiếu nại: {v.request}" if v.request else "",
            "Đề nghị Ông/Bà mang theo giấy tờ tùy thân và thông tin, tài liệu, bằng chứng có liên "
            "quan (nếu có). Trường hợp người khiếu nại vắng mặt không có lý do chính đáng, việc "
            "giải quyết khiếu nại vẫn được tiếp tục theo quy định.",
            (
                f"Giấy mời được gửi ngày {_d(r.dialogue_notice_on)}, trước ngày đối thoại ít nhất "
                f"{limit.days:02d} ngày (khoản 1 Điều 28 Nghị định số 124/2020/NĐ-CP, được sửa "
                "đổi, bổ sung bởi Điều 11 Nghị định số 155/2026/NĐ-CP; KN-14)."
                if limit is not None
                else ""
            ),
        ),
        (
            "Như trên",
            "Người bị khiếu nại",
            "Người có quyền, nghĩa vụ liên quan (nếu có)",
            ARCHIVE,
        ),
    )


def complaint_decision(v: CaseView) -> Body:  # LKN Art. 31.2, 40.2
    r = v.resolution
    first = r.first_resolution
    return Body(
        "",
        (
            *law.basis(Track.COMPLAINT, clock.today()),
            f"Xét đơn khiếu nại ngày {_d(v.petition.received_on)} (mã {v.code}) của "
            f"{v.complainants}.",
            "I. NỘI DUNG KHIẾU NẠI",
            f"{v.summary}. Người bị khiếu nại: {v.accused}.",
            f"Yêu cầu của người khiếu nại: {v.request}" if v.request else "",
            (
                f"Kết quả giải quyết khiếu nại lần đầu: Quyết định số {first.decision_number} ngày "
                f"{_d(first.decided_on)}, {law.outcome_text(Track.COMPLAINT, first.outcome)}."
                if first is not None
                else ""
            ),
            "II. KẾT QUẢ XÁC MINH NỘI DUNG KHIẾU NẠI",
            verification(v),
            "III. KẾT QUẢ ĐỐI THOẠI",
            dialogue(v),
            "IV. KẾT LUẬN",
            f"{law.outcome_text(Track.COMPLAINT, r.outcome)}.",
            "QUYẾT ĐỊNH:",
            f"Điều 1. {v.decision_text}",
            "Điều 2. Khôi phục quyền, lợi ích hợp pháp, bồi thường thiệt hại:",
            *(amounts(v) or ["- Không."]),
            f"Điều 3. {law.next_step(r, parent=r.org_unit.parent)}",
            "Điều 4. Người khiếu nại, người bị khiếu nại và các cơ quan, tổ chức, cá nhân có liên "
            "quan chịu trách nhiệm thi hành Quyết định này.",
        ),
        (
            "Như Điều 4",
            r.org_unit.parent.name if r.org_unit.parent else "",
            v.petition.forwarded_by,
            "Thanh tra cùng cấp",
            ARCHIVE,
        ),
    )


def denunciation_conclusion(v: CaseView) -> Body:  # LTC Art. 35
    r = v.resolution
    return Body(
        "",
        (
            f"Ngày {_d(r.accepted_on)}, {v.unit} thụ lý tố cáo ({v.ref}) theo "
            f"{v.acceptance_ref()}. Căn cứ báo cáo kết quả xác minh và các tài liệu, chứng cứ có "
            f"liên quan, {v.unit} kết luận như sau:",
            f"1. Người bị tố cáo: {v.accused}. Nội dung tố cáo: {v.summary}.",
            f"2. Kết quả xác minh nội dung tố cáo: {verification(v)}",
            f"3. Kết luận nội dung tố cáo: {law.outcome_text(Track.DENUNCIATION, r.outcome)}.",
            v.decision_text,
            "4. Biện pháp xử lý theo thẩm quyền và kiến nghị xử lý (Điều 36 Luật Tố cáo):",
            *(amounts(v) or ["- Không có tiền, tài sản phải thu hồi."]),
            "- Kiến nghị cơ quan, tổ chức, cá nhân có thẩm quyền xử lý người có hành vi vi phạm "
            "theo nội dung kết luận; vụ việc có dấu hiệu tội phạm được chuyển đến cơ quan điều "
            "tra.",
            "Kết luận được gửi đến người bị tố cáo và cơ quan quản lý người bị tố cáo; người tố "
            "cáo được thông báo kết quả (khoản 3 Điều 35 Luật Tố cáo). Việc công khai kết luận "
            "không nêu thông tin về người tố cáo (Điều 40 Luật Tố cáo).",
        ),
        (
            "Người bị tố cáo",
            "Cơ quan, tổ chức quản lý người bị tố cáo",
            r.org_unit.parent.name if r.org_unit.parent else "",
            ARCHIVE,
        ),
    )


def _suspension_like(v: CaseView, article1: str, article2: str, extra: tuple[str, ...]) -> Body:
    r = v.resolution
    parties = ("Người tố cáo", "Người bị tố cáo") if v.denunciation else ("Người khiếu nại",)
    return Body(
        "",
        (
            *law.basis(Track(r.track), clock.today()),
            *extra,
            "QUYẾT ĐỊNH:",
            f"Điều 1. {article1}",
            f"Lý do: {v.note}" if v.note else "",
            f"Điều 2. {article2}",
            "Điều 3. Các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết "
            f"định này; Quyết định được gửi trong thời hạn {law.send_limit(r.track)}.",
        ),
        (*parties, "Người bị khiếu nại" if not v.denunciation else "", ARCHIVE),
    )


def suspension_decision(v: CaseView) -> Body:
    matter = "tố cáo" if v.denunciation else "khiếu nại"
    return _suspension_like(
        v,
        f"Tạm đình chỉ việc giải quyết {matter} ({v.ref}) từ ngày {_d(clock.today())}.",
        "Thời gian tạm đình chỉ không tính vào thời hạn giải quyết; khi lý do tạm đình chỉ không "
        "còn, việc giải quyết được tiếp tục và thời hạn giải quyết tiếp tục được tính từ ngày có "
        f"quyết định tiếp tục giải quyết ({law.suspension_source(v.resolution.track)}).",
        (),
    )


def resume_decision(v: CaseView) -> Body:
    r = v.resolution
    today = clock.today()
    matter = "tố cáo" if v.denunciation else "khiếu nại"
    last = r.suspensions.exclude(ended_on=None).order_by("-ended_on", "-pk").first()
    since = f"từ ngày {_d(last.started_on)} " if last else ""
    suspended = v.issued(K.SUSPENSION_DECISION)
    return _suspension_like(
        v,
        f"Tiếp tục giải quyết {matter} ({v.ref}) từ ngày {_d(today)}.",
        f"Thời hạn giải quyết tiếp tục được tính từ ngày {_d(today)}, ngày ban hành Quyết định "
        f"này; thời gian tạm đình chỉ {since}đến ngày {_d(today)} không tính vào thời hạn. Thời "
        f"hạn giải quyết: đến ngày {v.due} ({law.suspension_source(r.track)}).",
        (
            f"Căn cứ Quyết định số {suspended.number} ngày {_d(suspended.issued_on)} về việc tạm "
            f"đình chỉ việc giải quyết {matter};"
            if suspended
            else "",
        ),
    )


def termination_decision(v: CaseView) -> Body:
    matter = "tố cáo" if v.denunciation else "khiếu nại"
    return _suspension_like(
        v,
        f"Đình chỉ việc giải quyết {matter} ({v.ref}) từ ngày {_d(clock.today())}.",
        f"Hồ sơ vụ việc được lưu theo quy định ({law.termination_source(v.resolution.track)}).",
        (),
    )


def answer_letter(v: CaseView) -> Body:
    r = v.resolution
    outcome = law.regulation_outcome_text(r.regulation_outcome)
    return Body(
        f"Kính gửi: {v.names}",
        (
            f"Ngày {_d(v.petition.received_on)}, {v.unit} nhận được đơn (mã tra cứu {v.code}) của "
            f"Ông/Bà với nội dung: {v.summary}.",
            f"Kết quả xem xét: {outcome} (Điều 15 Nghị định 20/2008/NĐ-CP)." if outcome else "",
            f"{v.unit} trả lời như sau: {v.decision_text}",
            f"{v.unit} thông báo để Ông/Bà được biết.",
        ),
        ("Như trên", ARCHIVE),
    )


# The wording of LTC Art. 47.1 (who is protected) and Art. 48.1 (what is protected).
PROTECTED_PERSON = {
    "denouncer": "người tố cáo",
    "spouse": "vợ hoặc chồng của người tố cáo",
    "parent": "cha hoặc mẹ (kể cả cha nuôi, mẹ nuôi) của người tố cáo",
    "child": "con (kể cả con nuôi) của người tố cáo",
}
PROTECTION_MEASURE = {
    "confidentiality": "Bảo vệ bí mật thông tin",
    "job": "Bảo vệ vị trí công tác, việc làm",
    "life_health": "Bảo vệ tính mạng, sức khỏe",
    "property": "Bảo vệ tài sản",
    "honour": "Bảo vệ danh dự, nhân phẩm",
}


def protection_decision(v: CaseView) -> Body:  # LTC Art. 9.1, 47-58
    """Grants or refuses the protection asked for. It names the protected person, so it is
    filed where only those who may see the denouncer open it (LTC Art. 47.2, 56)."""
    p = v.subject  # the ProtectionRequest; None in a blank preview
    name = f"Ông/Bà {p.person_name}" if p else "Ông/Bà ……"
    who = f"{name}, {PROTECTED_PERSON.get(p.relation, '') if p else '……'}"
    measures = [f"- {PROTECTION_MEASURE.get(m, m)}." for m in (p.measures if p else [])]
    refused = p is not None and p.status == "refused"
    note = sentence(p.decision_note) if p else ""
    requested = _d(p.requested_on if p else None)
    if refused:
        articles: tuple[str, ...] = (
            f"Điều 1. Không áp dụng biện pháp bảo vệ đối với {who}, theo đề nghị ngày "
            f"{requested}. Các biện pháp được đề nghị:",
            *measures,
            f"Lý do: {note}",
            "Điều 2. Người đề nghị được thông báo Quyết định này; thông tin về người tố cáo "
            "tiếp tục được giữ bí mật (Điều 47, Điều 56 Luật Tố cáo).",
        )
    else:
        articles = (
            f"Điều 1. Áp dụng biện pháp bảo vệ đối với {who}, kể từ ngày "
            f"{_d(clock.today())}. Các biện pháp bảo vệ:",
            *measures,
            f"Nội dung cụ thể: {note}" if note else "",
            f"Điều 2. Cơ quan thực hiện việc bảo vệ: {p.protecting_body if p else '……'}.",
        )
    return Body(
        "",
        (
            *law.basis(Track.DENUNCIATION, clock.today()),
            f"Căn cứ {v.acceptance_ref()} về việc thụ lý tố cáo ({v.ref});",
            f"Xét đề nghị áp dụng biện pháp bảo vệ ngày {requested} (khoản 1 Điều 9, Điều 47 "
            "Luật Tố cáo);",
            "QUYẾT ĐỊNH:",
            *articles,
            "Điều 3. Người được đề nghị bảo vệ, cơ quan thực hiện việc bảo vệ và các cơ quan, tổ "
            "chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này. Thông tin về "
            "người được bảo vệ được giữ bí mật.",
        ),
        (
            "Người được đề nghị bảo vệ",
            p.protecting_body if p and not refused else "",
            ARCHIVE,
        ),
    )


_LKN_10 = "Điều 10 Luật Khiếu nại, được sửa đổi, bổ sung bởi Luật số 136/2025/QH15"


def _withdrawal_effect(v: CaseView, *, whole: bool, forced: bool, continues: bool) -> str:
    if v.resolution.track == Track.DENUNCIATION:
        if continues:
            why = (
                "việc rút tố cáo là do bị đe dọa, mua chuộc"
                if forced
                else "hành vi bị tố cáo có dấu hiệu vi phạm pháp luật"
            )
            return (
                f"Xét thấy {why}, nội dung tố cáo đã rút vẫn được xem xét, giải quyết (khoản 3 "
                "Điều 33 Luật Tố cáo)."
            )
        if whole:
            return "Việc giải quyết tố cáo được đình chỉ (khoản 3 Điều 34 Luật Tố cáo)."
        return (
            "Nội dung tố cáo đã rút không tiếp tục được giải quyết; các nội dung tố cáo còn lại "
            "tiếp tục được giải quyết theo quy định (khoản 2 Điều 33 Luật Tố cáo)."
        )
    if continues:
        return (
            "Người khiếu nại trình bày việc rút khiếu nại là do bị đe dọa, ép buộc: nội dung "
            f"khiếu nại đã rút vẫn được xem xét, giải quyết ({_LKN_10})."
        )
    rest = "" if whole else "; các nội dung khiếu nại còn lại tiếp tục được giải quyết"
    return f"Nội dung khiếu nại đã rút không được xem xét, giải quyết lại ({_LKN_10}){rest}."


def withdrawal_record(v: CaseView) -> Body:  # Mẫu 03, NĐ 156/2026; LKN Art. 10
    """The record of a withdrawal, read from the case's last Withdrawal row. A denunciation's
    record names the denouncer nowhere: they sign the paper copy (LTC Art. 47, 56)."""
    r = v.resolution
    row = r.withdrawals.order_by("-withdrawn_on", "-pk").first()  # None in a blank preview
    denunciation = r.track == Track.DENUNCIATION
    matter = "tố cáo" if denunciation else "khiếu nại"
    whole = row is not None and row.scope == "whole"
    content = sentence(v.safe(row.content)) if row is not None else v.note
    person = (
        "Người tố cáo: thông tin về người tố cáo được giữ bí mật (Điều 47, Điều 56 Luật Tố cáo)."
        if v.denunciation
        else f"Người khiếu nại: {v.complainants}."
    )
    return Body(
        "",
        (
            f"Hôm nay, ngày {_d(row.withdrawn_on if row else clock.today())}, tại {v.unit}, "
            "chúng tôi gồm:",
            f"Người lập biên bản: đại diện {v.unit}, người được giao giải quyết {matter}.",
            person,
            f"Lập biên bản ghi nhận việc rút {'toàn bộ' if whole else 'một phần'} nội dung "
            f"{matter} ({v.ref}) đã được {v.unit} thụ lý ngày {_d(r.accepted_on)}, như sau:",
            f"Nội dung {matter} được rút: {content}",
            _withdrawal_effect(
                v,
                whole=whole,
                forced=bool(row and row.forced),
                continues=bool(row and row.continues),
            ),
            f"Biên bản đã được đọc lại cho người rút {matter} cùng nghe và ký xác nhận; biên bản "
            "được lập thành 02 bản, mỗi bên giữ 01 bản.",
            f"NGƯỜI RÚT {matter.upper()} (ký, ghi rõ họ tên hoặc điểm chỉ)",
        ),
        (f"Người {matter}", ARCHIVE),
        signer_title="NGƯỜI LẬP BIÊN BẢN",
    )


def review_answer(v: CaseView) -> Body:  # LTC Art. 37.2 (TC-13): addressed without the name
    first = v.resolution.first_resolution
    earlier = (
        f"Kết luận nội dung tố cáo số {first.decision_number} ngày {_d(first.decided_on)} của "
        f"{first.org_unit.name}"
        if first is not None and first.decision_number
        else "kết quả giải quyết tố cáo trước đó"
    )
    return Body(
        f"Kính gửi: Người tố cáo (đơn mã tra cứu {v.code})",
        (
            f"Ngày {_d(v.petition.received_on)}, {v.unit} nhận được đơn tố cáo tiếp của Ông/Bà "
            f"đối với {earlier}.",
            f"Nội dung: {v.summary}.",
            f"Qua xem xét (khoản 2 Điều 37 Luật Tố cáo), {v.unit} thấy việc giải quyết tố cáo "
            "trước đó là đúng pháp luật, không có căn cứ để giải quyết lại.",
            f"Lý do: {v.note}" if v.note else "",
            f"{v.unit} không giải quyết lại tố cáo và thông báo để Ông/Bà được biết. Thông tin về "
            "người tố cáo được giữ bí mật theo Điều 47 và Điều 56 Luật Tố cáo.",
        ),
        # Only the denouncer: a copy to the unit that resolved the first time would tell it
        # who came back against its conclusion (LTC Art. 47.2).
        ("Người tố cáo", ARCHIVE),
    )


BUILDERS: dict[DocumentKind, Callable[[CaseView], Body]] = {
    K.ACCEPTANCE_NOTICE: acceptance_notice,
    K.ACCEPTANCE_DECISION: acceptance_decision,
    K.DENOUNCER_NOTICE: denouncer_notice,
    K.ACCUSED_NOTICE: accused_notice,
    K.EXTENSION_DECISION: extension_decision,
    K.DIALOGUE_MINUTES: dialogue_minutes,
    K.DIALOGUE_NOTICE: dialogue_notice,
    K.COMPLAINT_DECISION: complaint_decision,
    K.DENUNCIATION_CONCLUSION: denunciation_conclusion,
    K.SUSPENSION_DECISION: suspension_decision,
    K.RESUME_DECISION: resume_decision,
    K.TERMINATION_DECISION: termination_decision,
    K.ANSWER_LETTER: answer_letter,
    K.WITHDRAWAL_RECORD: withdrawal_record,
    K.REVIEW_ANSWER: review_answer,
    K.PROTECTION_DECISION: protection_decision,
}


def build(kind: DocumentKind, view: CaseView) -> Body:
    body = BUILDERS[kind](view)
    return Body(
        body.recipient_line,
        body.paragraphs,
        tuple(r for r in body.recipients if r),
        body.signer_title,
    )
