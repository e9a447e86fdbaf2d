"""The numbered documents a unit issues about a petition, as .docx (NĐ 30/2020 format)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from tiepdan.core import clock
from tiepdan.core.documents import OfficialDocument, render_docx
from tiepdan.organizations.models import OrgUnit
from tiepdan.organizations.selectors import org_unit_ancestors
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.models import DocumentKind, Petition, PetitionDocument
from tiepdan.petitions.services.common import counter_next

# Series of the number/symbol ("12/PCĐ-BTCD-T19") and the title of each document.
SERIES = {
    DocumentKind.RECEIPT: ("GBN", "GIẤY BIÊN NHẬN", "V/v nhận thông tin, tài liệu, bằng chứng"),
    DocumentKind.ACCEPTANCE_PROPOSAL: ("PĐX", "PHIẾU ĐỀ XUẤT THỤ LÝ ĐƠN", ""),
    DocumentKind.GUIDANCE_SLIP: ("PHD", "PHIẾU HƯỚNG DẪN", "V/v hướng dẫn gửi đơn"),
    DocumentKind.TRANSFER_SLIP: ("PCĐ", "PHIẾU CHUYỂN ĐƠN", "V/v chuyển đơn"),
    DocumentKind.RETURN_SLIP: ("PTĐ", "PHIẾU TRẢ LẠI ĐƠN", "V/v trả lại đơn và hướng dẫn"),
    DocumentKind.URGING_LETTER: ("CV", "CÔNG VĂN", "V/v đôn đốc giải quyết đơn"),
    DocumentKind.REFUSAL_NOTICE: ("TB", "THÔNG BÁO", "V/v không thụ lý giải quyết khiếu nại"),
}
ADDRESSED_TO_PETITIONER = {
    DocumentKind.RECEIPT,
    DocumentKind.GUIDANCE_SLIP,
    DocumentKind.RETURN_SLIP,
    DocumentKind.REFUSAL_NOTICE,
}


def _place(unit: OrgUnit) -> str:
    """The province name for the place line ("Thái Nguyên, ngày ..."), from the unit tree."""
    for node in [*org_unit_ancestors(unit), unit][::-1]:
        if node.level == OrgUnit.Level.PROVINCE and node.name.startswith("Ủy ban nhân dân "):
            place = node.name.removeprefix("Ủy ban nhân dân ")
            return place.removeprefix("tỉnh ").removeprefix("thành phố ")
    return ""


def _parent_name(unit: OrgUnit) -> str:
    return unit.parent.name.upper() if unit.parent and unit.parent.level != "central" else ""


def _petitioner_line(petition: Petition) -> str:
    # A denouncer's identity never goes into a document sent elsewhere (LTC Art. 56): the
    # transfer slip names the petition by its code, not by its author.
    if petition.is_confidential:
        return "Người tố cáo: (thông tin được giữ bí mật theo Điều 56 Luật Tố cáo)"
    names = ", ".join(p.full_name for p in petition.petitioners.all()) or "(không ghi tên)"
    return f"Người gửi đơn: {names}"


def issuer_lines(unit: OrgUnit) -> dict[str, str]:
    """The header fields naming the issuing unit and the place, for any document of the unit."""
    return {
        "issuing_body_parent": _parent_name(unit),
        "issuing_body": unit.name.upper(),
        "place": _place(unit) or "Hà Nội",
    }


def _body(kind: str, petition: Petition, context: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    code = tracking_code_display(petition.tracking_code)
    summary = f"Nội dung tóm tắt: {petition.summary}"
    note = context.get("note", "")
    target = context.get("target", "")
    received = petition.received_on.strftime("%d/%m/%Y")
    if kind == DocumentKind.RECEIPT:
        # The plain PIN exists only on the instance that was just received or given a new PIN
        # (`tracking_pin`, never saved): the receipt is the one place it is written down.
        pin = getattr(petition, "tracking_pin", "")
        secret = f" · Mã PIN: {pin} — dùng để theo dõi đơn tại cổng thông tin" if pin else ""
        return "", (
            f"{_petitioner_line(petition)}.",
            f"Ngày nhận đơn: {received}.",
            f"Mã tra cứu: {code}{secret}.",
            summary,
            "Cơ quan sẽ xử lý đơn và trả lời trong thời hạn pháp luật quy định. "
            "Người gửi đơn dùng mã tra cứu và mã PIN để theo dõi kết quả trên Cổng tiếp công "
            "dân; không cho người khác biết mã PIN.",
        )
    if kind == DocumentKind.ACCEPTANCE_PROPOSAL:
        return "", (
            f"Đơn mã {code}, nhận ngày {received}. {_petitioner_line(petition)}.",
            summary,
            f"Đề xuất: thụ lý giải quyết. {note}".strip(),
        )
    if kind == DocumentKind.GUIDANCE_SLIP:
        return "", (
            f"Ngày {received}, cơ quan nhận được đơn mã {code}. {summary}",
            f"Nội dung đơn không thuộc thẩm quyền giải quyết của cơ quan. Đề nghị gửi đơn đến "
            f"{target} để được xem xét, giải quyết theo quy định.",
            note,
        )
    if kind == DocumentKind.TRANSFER_SLIP:
        return f"Kính gửi: {target}", (
            f"Ngày {received}, cơ quan nhận được đơn mã {code}. {_petitioner_line(petition)}.",
            summary,
            f"Căn cứ quy định của pháp luật, chuyển đơn đến {target} để xem xét, giải quyết "
            "theo thẩm quyền và thông báo kết quả cho cơ quan chuyển đơn.",
            note,
        )
    if kind == DocumentKind.REFUSAL_NOTICE:
        grounds = "; ".join(r.text for r in petition.ineligibility_reasons.all())
        return "", (
            f"Ngày {received}, cơ quan nhận được đơn mã {code}. {summary}",
            f"Đơn không được thụ lý giải quyết. Căn cứ: {grounds} (Điều 11 Luật Khiếu nại).",
            note,
            "Thông báo này được gửi người khiếu nại, cơ quan đã chuyển đơn và cơ quan thanh tra "
            "cùng cấp (Điều 27 Luật Khiếu nại).",
        )
    if kind == DocumentKind.RETURN_SLIP:
        return "", (
            f"Ngày {received}, cơ quan nhận được đơn mã {code}. {summary}",
            f"Cơ quan trả lại đơn và giấy tờ kèm theo. Lý do: {note}",
        )
    return f"Kính gửi: {target}", (
        f"Đơn mã {code}, nhận ngày {received}, đã được chuyển đến quý cơ quan. {summary}",
        "Đề nghị quý cơ quan khẩn trương xem xét, giải quyết theo thẩm quyền và báo cáo kết quả "
        "cho cơ quan chuyển đơn.",
        note,
    )


def document_issue(
    *,
    petition: Petition,
    unit: OrgUnit,
    kind: str,
    actor: Any,
    note: str = "",
    target: str = "",
) -> PetitionDocument:
    """Number, render and store a document; the file is an editable .docx."""
    kind = DocumentKind(kind)
    if kind not in SERIES:  # a resolution document: tiepdan.resolution.documents issues it
        raise ValueError(f"{kind} is not a triage document")
    series, title, summary = SERIES[kind]
    today = clock.today()
    number = counter_next(unit=unit, year=today.year, series=series)
    symbol = f"{number}/{series}-{unit.code}"
    official = OfficialDocument(
        **issuer_lines(unit),
        number=symbol,
        date=today,
        kind_title=title,
        summary=summary,
        recipient_line=_body(kind, petition, {"note": note, "target": target})[0],
        paragraphs=tuple(
            p for p in _body(kind, petition, {"note": note, "target": target})[1] if p
        ),
        signer_title="NGƯỜI LẬP" if kind == DocumentKind.RECEIPT else "THỦ TRƯỞNG CƠ QUAN",
        signer_name=getattr(actor, "display_name", "") if actor is not None else "",
        recipients=(target or "Người gửi đơn", "Lưu: VT, hồ sơ."),
    )
    document = PetitionDocument(
        petition=petition,
        org_unit=unit,
        kind=kind,
        number=symbol,
        issued_on=today,
        addressed_to_petitioner=kind in ADDRESSED_TO_PETITIONER,
    )
    filename = f"{kind.value}-{petition.reference}-{number}.docx"
    document.file.save(filename, ContentFile(render_docx(official)), save=False)
    document.save()
    return document
