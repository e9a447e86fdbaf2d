"""Checking attachments by their content, not their name."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from tiepdan.core.exceptions import ValidationFailed

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def sniff(upload: UploadedFile) -> str | None:
    """The file's real type from its first bytes (a .docx is a zip holding word/document.xml)."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
            return None  # broken or crafted archives are simply not Word documents
        finally:
            upload.seek(0)
    return None


def attachment_check(upload: UploadedFile) -> str:
    """Return the content type, or raise with what to do instead."""
    limit = settings.ATTACHMENT_MAX_MB * 1024 * 1024
    if (upload.size or 0) > limit:
        raise ValidationFailed(
            _("“%(name)s” is larger than %(limit)s MB; scan it at a lower resolution or split it.")
            % {"name": upload.name, "limit": settings.ATTACHMENT_MAX_MB}
        )
    content_type = sniff(upload)
    if content_type is None:
        raise ValidationFailed(
            _("“%(name)s” is not a PDF, an image (JPEG, PNG, GIF, TIFF) or a Word document.")
            % {"name": upload.name}
        )
    return content_type
