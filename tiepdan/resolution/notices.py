"""Telling the petitioner where their case stands (LTC Art. 9.1; LKN Art. 27, 32; NĐ 124/2020
Art. 28b): at acceptance, extension, suspension, resume, termination and the decision.

A denouncer is told only the stage, in neutral words, on their own contact (LTC Art. 56): no
summary, no names, no outcome, no document number. A complainant or a citizen who made a
recommendation also gets the due date, the outcome and their next right where there is one.
"""

from __future__ import annotations

from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.models import PetitionDocument
from tiepdan.petitions.services.notify import petitioner_tell
from tiepdan.resolution import document_law as law
from tiepdan.resolution.document_view import day_text
from tiepdan.resolution.models import Resolution
from tiepdan.resolution.workflow import Action, Status, Track

# The stage as a denouncer is told it: nothing that names the matter.
NEUTRAL = {
    "accepted": "đã được thụ lý giải quyết",
    "extended": "đã được gia hạn thời hạn giải quyết",
    "suspended": "đã được tạm đình chỉ giải quyết",
    "resumed": "đã được tiếp tục giải quyết",
    "terminated": "đã được đình chỉ giải quyết",
    "decided": "đã có kết quả giải quyết",
    "dialogue_invited": "đã được lên lịch đối thoại",
    "withdrawn_part": "đã được ghi nhận việc rút một phần nội dung; các nội dung còn lại tiếp tục "
    "được giải quyết",
    "review_declined": "đã được xem xét; không có căn cứ để giải quyết lại",
}
DECIDED = {
    Track.COMPLAINT: "đã có quyết định giải quyết khiếu nại",
    Track.RECOMMENDATION: "đã được trả lời",
    Track.REGULATION_FEEDBACK: "đã được trả lời",
}
STAGE_OF_ACTION = {
    Action.EXTEND: "extended",
    Action.SUSPEND: "suspended",
    Action.RESUME: "resumed",
    Action.DECIDE: "decided",
    # The invitation goes to the complainant with the notice (LKN Art. 30.2; KN-14).
    Action.NOTIFY_DIALOGUE: "dialogue_invited",
    Action.WITHDRAW_PART: "withdrawn_part",
    # A re-denunciation: resolved again, or not (LTC Art. 37.2, TC-13).
    Action.RE_RESOLVE: "accepted",
    Action.DECLINE_REVIEW: "review_declined",
}


def stage_after(action: str, resolution: Resolution) -> str:
    """The stage the petitioner is told of after a move, or "" when they are not told."""
    if resolution.status == Status.TERMINATED and action in (Action.TERMINATE, Action.WITHDRAW):
        return "terminated"
    return STAGE_OF_ACTION.get(Action(action), "")


def _details(resolution: Resolution, stage: str) -> list[str]:
    lines = []
    if stage in ("accepted", "extended", "resumed") and resolution.due_on:
        lines.append(f"Thời hạn giải quyết: đến ngày {day_text(resolution.due_on)}.")
    if stage == "dialogue_invited" and resolution.dialogue_planned_on:
        lines.append(
            "Ông/bà được mời tham dự buổi đối thoại ngày "
            f"{day_text(resolution.dialogue_planned_on)}; thời gian, địa điểm và thành phần "
            "theo giấy mời kèm theo."
        )
    if stage == "suspended":
        lines.append("Thời gian tạm đình chỉ không tính vào thời hạn giải quyết.")
    if stage == "decided" and resolution.track == Track.COMPLAINT:
        lines.append(f"Kết luận: {law.outcome_text(resolution.track, resolution.outcome)}.")
        lines.append(law.next_step(resolution, parent=resolution.org_unit.parent))
    return lines


def resolution_tell(
    *, resolution: Resolution, stage: str, document: PetitionDocument | None = None
) -> int:
    """Queue the notice to the petitioner (after commit) and record it; returns whom it reaches."""
    petition = resolution.petition
    code = tracking_code_display(petition.tracking_code)
    if resolution.track == Track.DENUNCIATION or petition.is_confidential:
        what = NEUTRAL[stage]
        return petitioner_tell(
            petition=petition,
            subject=f"Đơn mã {code}: {what}",
            body=f"Đơn của ông/bà (mã tra cứu {code}) {what}.",
        )
    what = DECIDED[Track(resolution.track)] if stage == "decided" else NEUTRAL[stage]
    return petitioner_tell(
        petition=petition,
        subject=f"Đơn mã {code}: {what}",
        body="\n".join(
            [f"Đơn của ông/bà (mã tra cứu {code}) {what}.", *_details(resolution, stage)]
        ),
        document=document if document is not None and document.addressed_to_petitioner else None,
    )
