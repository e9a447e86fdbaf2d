"""The petition page and the downloads of its documents and attachments."""

from __future__ import annotations

import os

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tiepdan.accounts.permissions import Capability, capability_required
from tiepdan.core.exceptions import ApplicationError
from tiepdan.petitions.files import DOCX, safe_name
from tiepdan.petitions.permissions import petition_documents_for_user
from tiepdan.petitions.services.handling import attachment_open
from tiepdan.petitions.views.common import petition_or_404
from tiepdan.petitions.views.context import detail_context


@capability_required(Capability.VIEW_PETITIONS)
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    petition = petition_or_404(request, reference)
    return render(request, "petitions/detail.html", detail_context(request, petition))


def _file_response(field_file, *, filename: str, content_type: str) -> FileResponse:  # type: ignore[no-untyped-def]
    try:
        handle = field_file.open("rb")
    except (OSError, ValueError):
        raise Http404("file missing") from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@capability_required(Capability.VIEW_PETITIONS)
def document_download(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    """A document issued about the petition (.docx), for officials who may see the petition;
    one naming the denouncer, only for those who may see the denouncer (a 404 otherwise)."""
    petition = petition_or_404(request, reference)
    document = petition_documents_for_user(request.user, petition).filter(pk=pk).first()
    if document is None:
        raise Http404("document")
    return _file_response(
        document.file, filename=os.path.basename(document.file.name), content_type=DOCX
    )


@capability_required(Capability.VIEW_PETITIONS)
def attachment_download(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    """A file the petitioner gave. A denunciation's papers may show the author's handwriting or
    name, so only the officials who may see the denouncer's identity open them (LTC Art. 56)."""
    petition = petition_or_404(request, reference)
    attachment = petition.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404("attachment")
    try:
        attachment_open(actor=request.user, petition=petition, attachment=attachment)
    except ApplicationError as exc:
        raise PermissionDenied(str(exc)) from exc
    return _file_response(
        attachment.file,
        # Files stored before names were fixed on upload may still end in something else.
        filename=safe_name(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type,
    )
