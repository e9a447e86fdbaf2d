"""Text normalisation for Vietnamese: NFC storage and accent-insensitive folding for search."""

from __future__ import annotations

import unicodedata

# Control characters other than tab and newlines: PostgreSQL refuses NUL in text, and none of
# them belongs in a petition.
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def nfc(text: str) -> str:
    """Store text in NFC, so that the same word is the same bytes (DEPENDENCIES.md), without
    control characters."""
    return unicodedata.normalize("NFC", (text or "").translate(_CONTROL))


def fold(text: str) -> str:
    """Lower-case, strip diacritics, đ→d, collapse spaces: 'Nguyễn Văn Đức' → 'nguyen van duc'.

    Used both when storing the search column and on the query, so search behaves the same on
    SQLite and PostgreSQL.
    """
    cleaned = (text or "").translate(_CONTROL).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", cleaned)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
