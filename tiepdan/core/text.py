"""Text normalisation for Vietnamese: NFC storage and accent-insensitive folding for search."""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """Store text in NFC, so that the same word is the same bytes (DEPENDENCIES.md)."""
    return unicodedata.normalize("NFC", text or "")


def fold(text: str) -> str:
    """Lower-case, strip diacritics, đ→d, collapse spaces: 'Nguyễn Văn Đức' → 'nguyen van duc'.

    Used both when storing the search column and on the query, so search behaves the same on
    SQLite and PostgreSQL.
    """
    decomposed = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
