"""Checking attachments by their content, not their name, and naming them by that content.

Legacy Word (.doc, OLE2) is not accepted: an OLE2 container may equally be an Excel, an MSI or
a macro-carrying document, and nothing short of a full parser tells them apart; a .docx is a
zip we can look inside. Macro-enabled documents (.docm: vbaProject.bin, a "macroEnabled"
content type) are refused even when named .docx.
"""

from __future__ import annotations

import os
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
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The names each type may carry; the first is the one a stored file gets.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/gif": (".gif",),
    "image/tiff": (".tif", ".tiff"),
    DOCX: (".docx",),
    "application/msword": (".doc",),  # files stored before legacy Word was refused
}
# Citizens' files (portal): the list. Officials' scanners also produce GIF and TIFF,
# harmless image formats, so their uploads keep them.
PUBLIC_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", DOCX})
OFFICIAL_TYPES = PUBLIC_TYPES | {"image/gif", "image/tiff"}


def _is_plain_docx(archive: zipfile.ZipFile) -> bool:
    names = archive.namelist()
    if "word/document.xml" not in names:
        return False
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return False  # macros, whatever the document calls itself
    try:
        types = archive.read("[Content_Types].xml")
    except KeyError:
        return False  # not a valid Office package
    return b"macroenabled" not in types.lower()


def sniff(upload: UploadedFile) -> str | None:
    """The file's real type from its content (a .docx is a zip holding word/document.xml and
    no macros); None for anything else."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                if _is_plain_docx(archive):
                    return DOCX
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
            return None  # broken or crafted archives are simply not Word documents
        finally:
            upload.seek(0)
    return None


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lower()


def name_matches(name: str, content_type: str) -> bool:
    """Whether the file's name ends as its content says (an .hta that starts with %PDF- does
    not pass as a PDF)."""
    return extension_of(name) in EXTENSIONS.get(content_type, ())


def safe_name(name: str, content_type: str) -> str:
    """The name to store and to download under: the citizen's own name with the extension of
    the detected type, so a browser or desktop never opens it as something else."""
    base = os.path.basename((name or "").replace("\\", "/"))
    stem = os.path.splitext(base)[0].strip(" .") or "tep-dinh-kem"
    suffix = EXTENSIONS.get(content_type, (".bin",))[0]
    return f"{stem[: 255 - len(suffix)]}{suffix}"


def attachment_check(upload: UploadedFile, allowed: frozenset[str] = OFFICIAL_TYPES) -> str:
    """Return the content type, or raise with what to do instead."""
    limit = settings.ATTACHMENT_MAX_MB * 1024 * 1024
    if (upload.size or 0) > limit:
        raise ValidationFailed(
            _("“%(name)s” is larger than %(limit)s MB; scan it at a lower resolution or split it.")
            % {"name": upload.name, "limit": settings.ATTACHMENT_MAX_MB}
        )
    content_type = sniff(upload)
    if content_type is None or content_type not in allowed:
        message = _("“%(name)s” is not a PDF, an image (JPEG, PNG, GIF, TIFF) or a Word document.")
        raise ValidationFailed(f"{message % {'name': upload.name}} {legacy_word_message()}")
    if not name_matches(upload.name or "", content_type):
        raise ValidationFailed(type_mismatch_message(upload.name or "", content_type))
    return content_type


def legacy_word_message() -> str:
    return _(
        "Older Word files (.doc) and documents with macros are not accepted: save them as .docx "
        "or PDF."
    )


def type_mismatch_message(name: str, content_type: str) -> str:
    return _(
        "The name of “%(name)s” does not match its content (%(expected)s). Save it again "
        "in its real format or correct its name."
    ) % {"name": name, "expected": EXTENSIONS[content_type][0]}
