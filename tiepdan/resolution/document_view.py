"""The case as the resolution documents read it (tiepdan/resolution/document_texts.py).

A denunciation's documents never carry the denouncer's identity (LTC Art. 9, 47, 56; NĐ 31/2019
Art. 6.1). Free text taken into them (summary, notes) has the denouncer's name, citizen ID,
address, phone and e-mail masked as a second line of defence.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.models import DocumentKind, Petition, PetitionDocument, PetitionEvent
from tiepdan.petitions.permissions import IDENTITY_MASK, identity_masked, identity_secrets
from tiepdan.resolution.models import Resolution
from tiepdan.resolution.workflow import Track

K = DocumentKind
MASK = IDENTITY_MASK
HEAD = "THỦ TRƯỞNG CƠ QUAN"
ARCHIVE = "Lưu: VT, hồ sơ vụ việc"


@dataclass(frozen=True)
class Body:
    recipient_line: str
    paragraphs: tuple[str, ...]
    recipients: tuple[str, ...]
    signer_title: str = HEAD


def day_text(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "…/…/……"


def money(value: Decimal | int) -> str:
    return f"{int(value):,}".replace(",", ".") + " đồng"


def area(value: Decimal | int) -> str:
    whole, _dot, tenth = f"{Decimal(value):,.1f}".partition(".")
    text = whole.replace(",", ".") + ("" if tenth == "0" else f",{tenth}")
    return f"{text} m²"


def sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?;:…" else f"{text}."


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


@dataclass(frozen=True)
class CaseView:
    """The case as the documents read it; identity-bearing text is masked for denunciations."""

    resolution: Resolution
    raw_note: str = ""
    # The row a document is about when the case has several (a ProtectionRequest).
    subject: Any = None

    @property
    def note(self) -> str:
        """The move's text (reason, record, draft decision), masked and ending as a sentence."""
        return sentence(self.safe(self.raw_note))

    @property
    def petition(self) -> Petition:
        return self.resolution.petition

    @property
    def unit(self) -> str:
        return self.resolution.org_unit.name

    @property
    def code(self) -> str:
        return tracking_code_display(self.petition.tracking_code)

    @property
    def ref(self) -> str:
        """How a document names the petition. The tracking code is the denouncer's key to the
        portal: in a denunciation's documents that reach the accused or the public it would tie
        whoever holds the code to the case, so they name the unit's register entry instead."""
        if not self.denunciation:
            return f"đơn mã {self.code}"
        entry = self.petition.register_entries.filter(org_unit=self.resolution.org_unit).first()
        return f"hồ sơ số {entry.number}/{entry.year}" if entry else "hồ sơ vụ việc"

    @property
    def denunciation(self) -> bool:
        return self.resolution.track == Track.DENUNCIATION or self.petition.is_confidential

    @cached_property
    def _secrets(self) -> list[str]:
        return identity_secrets(self.petition)

    def safe(self, text: str) -> str:
        """The text with the denouncer's identity masked (only for a denunciation)."""
        text = _nfc(text).strip()
        return identity_masked(text, self._secrets) if self.denunciation else text

    @property
    def summary(self) -> str:
        return self.safe(self.petition.summary).rstrip(".")

    @property
    def request(self) -> str:
        return self.safe(self.petition.request)

    @property
    def decision_text(self) -> str:
        return self.note or sentence(self.safe(self.resolution.decision_summary))

    @property
    def accused(self) -> str:
        name = self.petition.respondent_name or "(chưa xác định)"
        details = self.petition.respondent_details
        return f"{name} ({details})" if details else name

    @property
    def complainants(self) -> str:
        people = list(self.petition.petitioners.all())
        if not people:
            return "(không ghi tên)"
        return "; ".join(
            f"{'' if p.is_organisation else 'Ông/Bà '}{p.full_name}"
            + (f", địa chỉ: {p.address}" if p.address else "")
            for p in people
        )

    @property
    def names(self) -> str:
        people = self.petition.petitioners.all()
        return ", ".join(
            p.full_name if p.is_organisation else f"Ông/Bà {p.full_name}" for p in people
        ) or ("Người gửi đơn")

    def event_note(self, action: str) -> str:
        event = (
            PetitionEvent.objects.filter(
                petition=self.petition,
                org_unit=self.resolution.org_unit,
                action=action,
                at__gte=self.resolution.created_at,
            )
            .order_by("-at", "-pk")
            .first()
        )
        return self.safe(event.note) if event is not None else ""

    def issued(self, kind: DocumentKind) -> PetitionDocument | None:
        return (
            self.petition.documents.filter(kind=kind, org_unit=self.resolution.org_unit)
            .order_by("-issued_on", "-pk")
            .first()
        )

    def acceptance_ref(self) -> str:
        decision = self.issued(K.ACCEPTANCE_DECISION)
        number = decision.number if decision else "…"
        return f"Quyết định số {number} ngày {day_text(self.resolution.accepted_on)}"

    @property
    def due(self) -> str:
        return day_text(self.resolution.due_on)


def amounts(view: CaseView) -> list[str]:
    r = view.resolution
    to_whom = "người tố cáo, cơ quan, tổ chức, cá nhân" if view.denunciation else "người khiếu nại"
    lines = [
        (r.amount_returned, f"Trả lại cho {to_whom} số tiền: {money(r.amount_returned)}."),
        (r.amount_recovered, f"Thu hồi cho Nhà nước số tiền: {money(r.amount_recovered)}."),
        (r.land_returned_m2, f"Trả lại diện tích đất: {area(r.land_returned_m2)}."),
        (r.land_recovered_m2, f"Thu hồi cho Nhà nước diện tích đất: {area(r.land_recovered_m2)}."),
        (
            r.people_rights_restored,
            f"Khôi phục quyền, lợi ích hợp pháp cho {r.people_rights_restored} người.",
        ),
    ]
    return [f"- {text}" for value, text in lines if value]


def verification(view: CaseView) -> str:
    r = view.resolution
    who = r.verifying_unit.name if r.verifying_unit else view.unit
    note = view.event_note("start_verification")
    return f"Việc xác minh do {who} thực hiện. " + (
        note or "Kết quả xác minh theo báo cáo lưu trong hồ sơ vụ việc."
    )


def dialogue(view: CaseView) -> str:
    r = view.resolution
    if r.dialogue_on is None:
        return "Không tổ chức đối thoại (khoản 1 Điều 30 Luật Khiếu nại)."
    note = view.event_note("hold_dialogue")
    text = f"Đối thoại ngày {day_text(r.dialogue_on)}. " + (note or "Theo biên bản đối thoại.")
    # How the minutes were closed matters to the decision (LKN Art. 30.4, 30.6).
    return f"{sentence(text)} {MINUTES_IN_DECISION[r.dialogue_minutes]}".strip()


MINUTES_IN_DECISION = {
    "signed": "",
    "refused": "Người khiếu nại từ chối ký biên bản đối thoại.",
    "absent": "Người khiếu nại vắng mặt không có lý do chính đáng.",
    "": "",
}
