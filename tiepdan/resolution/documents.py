"""Numbered documents of a resolution case as .docx in the NĐ 30/2020 format (LEGAL.md §11).

Notices, decisions, the denunciation conclusion, the dialogue minutes and the answer letter are
built from the case (`tiepdan.resolution.document_texts`), numbered through the unit's yearly
series (`counter_next`, the same counters as the triage documents) and kept with the petition as
a `PetitionDocument`. A stored document is never rewritten: a corrected version is issued under
a new number. `resolution_document_preview` renders an unnumbered draft for the officer to
edit before the move is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.accounts.permissions import ensure_capability, user_can_in_unit
from tiepdan.accounts.roles import Capability
from tiepdan.core import clock
from tiepdan.core.documents import OfficialDocument, render_docx
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.petitions.models import DocumentKind, PetitionDocument
from tiepdan.petitions.services.common import counter_next
from tiepdan.petitions.services.documents import issuer_lines
from tiepdan.resolution.document_texts import build
from tiepdan.resolution.document_view import CaseView
from tiepdan.resolution.models import Resolution
from tiepdan.resolution.workflow import Track

K = DocumentKind
C, D = Track.COMPLAINT, Track.DENUNCIATION
R, F = Track.RECOMMENDATION, Track.REGULATION_FEEDBACK


@dataclass(frozen=True)
class Spec:
    """Series of the number ("QĐ" in "7/QĐ-BTCD-T19"), title, summary (trích yếu), tracks."""

    series: str
    title: str
    summary: str  # "{matter}" becomes "khiếu nại", "tố cáo", ...
    tracks: frozenset[str]
    to_petitioner: bool  # a copy is given to the petitioner (never true for the accused's)


def _spec(series: str, title: str, summary: str, tracks: tuple[str, ...], to: bool) -> Spec:
    return Spec(series, title, summary, frozenset(tracks), to)


# QĐ decisions, KL conclusions, BB minutes, TB notices, CV letters (as the urging letter).
SERIES: dict[DocumentKind, Spec] = {
    K.ACCEPTANCE_NOTICE: _spec(
        "TB", "THÔNG BÁO", "Về việc thụ lý giải quyết khiếu nại", (C,), to=True
    ),
    K.ACCEPTANCE_DECISION: _spec("QĐ", "QUYẾT ĐỊNH", "Về việc thụ lý tố cáo", (D,), to=False),
    K.DENOUNCER_NOTICE: _spec("TB", "THÔNG BÁO", "Về việc thụ lý tố cáo", (D,), to=True),
    K.ACCUSED_NOTICE: _spec("TB", "THÔNG BÁO", "Về nội dung tố cáo", (D,), to=False),
    K.EXTENSION_DECISION: _spec(
        "QĐ", "QUYẾT ĐỊNH", "Về việc gia hạn giải quyết tố cáo", (D,), to=True
    ),
    K.DIALOGUE_MINUTES: _spec(
        "BB", "BIÊN BẢN ĐỐI THOẠI", "Về việc giải quyết khiếu nại", (C,), to=True
    ),
    # GM: giấy mời (NĐ 30/2020 Phụ lục III), to the complainant (LKN Art. 30.2; KN-14).
    K.DIALOGUE_NOTICE: _spec(
        "GM", "GIẤY MỜI", "Về việc đối thoại giải quyết khiếu nại {level}", (C,), to=True
    ),
    K.COMPLAINT_DECISION: _spec(
        "QĐ", "QUYẾT ĐỊNH", "Về việc giải quyết khiếu nại ({level})", (C,), to=True
    ),
    K.DENUNCIATION_CONCLUSION: _spec("KL", "KẾT LUẬN", "Nội dung tố cáo", (D,), to=False),
    K.SUSPENSION_DECISION: _spec(
        "QĐ", "QUYẾT ĐỊNH", "Về việc tạm đình chỉ việc giải quyết {matter}", (C, D), to=True
    ),
    K.RESUME_DECISION: _spec(
        "QĐ", "QUYẾT ĐỊNH", "Về việc tiếp tục giải quyết {matter}", (C, D), to=True
    ),
    K.TERMINATION_DECISION: _spec(
        "QĐ", "QUYẾT ĐỊNH", "Về việc đình chỉ việc giải quyết {matter}", (C, D), to=True
    ),
    K.ANSWER_LETTER: _spec("CV", "CÔNG VĂN", "V/v trả lời {matter}", (R, F), to=True),
    # Mẫu 03 (NĐ 156/2026) for a denunciation; the same record for a complaint (LKN Art. 10).
    K.WITHDRAWAL_RECORD: _spec("BB", "BIÊN BẢN", "Ghi nhận việc rút {matter}", (C, D), to=True),
    # TC-13: the denouncer is told why the denunciation is not resolved again (LTC Art. 37.2).
    K.REVIEW_ANSWER: _spec("TB", "THÔNG BÁO", "Về việc không giải quyết lại tố cáo", (D,), to=True),
    # Names the protected person: listed and downloaded only by those who may see the
    # denouncer (tiepdan.petitions.permissions.petition_documents_for_user).
    K.PROTECTION_DECISION: _spec(
        "QĐ", "QUYẾT ĐỊNH", "Về việc áp dụng biện pháp bảo vệ người tố cáo", (D,), to=True
    ),
}
MATTER = {
    C: "khiếu nại",
    D: "tố cáo",
    R: "kiến nghị, phản ánh",
    F: "phản ánh, kiến nghị về quy định hành chính",
}
# What each track issues when the case is opened (LKN Art. 27; LTC Art. 29, TC-04).
ON_OPEN: dict[str, tuple[DocumentKind, ...]] = {
    C: (K.ACCEPTANCE_NOTICE,),
    D: (K.ACCEPTANCE_DECISION, K.DENOUNCER_NOTICE, K.ACCUSED_NOTICE),
}
DECISION_KINDS = frozenset({K.COMPLAINT_DECISION, K.DENUNCIATION_CONCLUSION, K.ANSWER_LETTER})


def _checked(resolution: Resolution, kind: str, actor: Any) -> DocumentKind:
    if actor is not None and not (
        user_can_in_unit(actor, Capability.RESOLVE_PETITIONS, resolution.org_unit)
        or user_can_in_unit(actor, Capability.DECIDE, resolution.org_unit)
    ):
        ensure_capability(actor, Capability.RESOLVE_PETITIONS, resolution.org_unit)
    if kind not in SERIES or resolution.track not in SERIES[DocumentKind(kind)].tracks:
        raise ValidationFailed(
            _("This document is not issued for a case of this kind."), extra={"field": "kind"}
        )
    return DocumentKind(kind)


def body_paragraphs(resolution: Resolution, kind: str, note: str = "") -> tuple[str, ...]:
    """The generated body of a document (no header, recipients or signature): what the
    officer sees and may edit before the move is made."""
    body = build(DocumentKind(kind), CaseView(resolution=resolution, raw_note=note))
    return tuple(p for p in body.paragraphs if p)


def edited_paragraphs(resolution: Resolution, text: str) -> tuple[str, ...]:
    """The officer's edited body, one paragraph a line. A denunciation's text is masked again:
    an edit must not bring the denouncer's identity back (LTC Art. 47.2, 56)."""
    view = CaseView(resolution=resolution)
    return tuple(view.safe(line) for line in text.splitlines() if line.strip())


def _official(
    resolution: Resolution,
    kind: DocumentKind,
    actor: Any,
    note: str,
    number: str,
    paragraphs: tuple[str, ...] | None = None,
    subject: Any = None,
) -> OfficialDocument:
    spec = SERIES[kind]
    level = "lần hai" if resolution.level == 2 else "lần đầu"
    body = build(kind, CaseView(resolution=resolution, raw_note=note, subject=subject))
    return OfficialDocument(
        **issuer_lines(resolution.org_unit),
        number=number,
        date=clock.today(),
        kind_title=spec.title,
        summary=spec.summary.format(matter=MATTER[resolution.track], level=level),
        recipient_line=body.recipient_line,
        paragraphs=paragraphs or tuple(p for p in body.paragraphs if p),
        signer_title=body.signer_title,
        signer_name=getattr(actor, "display_name", "") if actor is not None else "",
        recipients=body.recipients,
    )


@transaction.atomic
def resolution_document_issue(
    *,
    resolution: Resolution,
    kind: str,
    actor: Any,
    note: str = "",
    text: str = "",
    subject: Any = None,
) -> PetitionDocument:
    """Number, render and store one document of the case; it joins the petition's documents.

    `note` is the text of the move (reason, dialogue record, draft decision) where the case
    does not hold it yet; `text`, when given, is the body as the officer edited it from the
    draft (`resolution_transition_draft`); `subject`, the row the document is about (the
    protection request of a protection decision). For a decision the case's decision number
    is filled in when blank.
    """
    kind = _checked(resolution, kind, actor)
    spec = SERIES[kind]
    unit = resolution.org_unit
    today = clock.today()
    number = counter_next(unit=unit, year=today.year, series=spec.series)
    symbol = f"{number}/{spec.series}-{unit.code}"
    paragraphs = edited_paragraphs(resolution, text) if text.strip() else None
    content = render_docx(_official(resolution, kind, actor, note, symbol, paragraphs, subject))
    document = PetitionDocument(
        petition=resolution.petition,
        org_unit=unit,
        kind=kind,
        number=symbol,
        issued_on=today,
        addressed_to_petitioner=spec.to_petitioner,
    )
    filename = f"{kind.value}-{resolution.petition.reference}-{today.year}-{number}.docx"
    # A new name per number: the storage never replaces a file that was issued.
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    if kind in DECISION_KINDS and not resolution.decision_number:
        resolution.decision_number = symbol
        Resolution.objects.filter(pk=resolution.pk).update(decision_number=symbol)
    return document


def resolution_document_preview(
    *, resolution: Resolution, kind: str, actor: Any, note: str = ""
) -> bytes:
    """The draft as .docx: nothing numbered, nothing stored ("Số:     /QĐ-…")."""
    kind = _checked(resolution, kind, actor)
    spec = SERIES[kind]
    draft_number = f"     /{spec.series}-{resolution.org_unit.code}"
    return render_docx(_official(resolution, kind, actor, note, draft_number))


def documents_on_open(*, resolution: Resolution, actor: Any) -> list[PetitionDocument]:
    """The acceptance papers: the complaint notice; the denunciation's Mẫu 04, 05 and 06."""
    return [
        resolution_document_issue(resolution=resolution, kind=kind, actor=actor)
        for kind in ON_OPEN.get(resolution.track, ())
    ]
