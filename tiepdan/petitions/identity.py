"""Citizen IDs and tracking codes."""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.utils.translation import gettext as _

from tiepdan.core import clock
from tiepdan.core.exceptions import ValidationFailed

# The first three digits of a 12-digit citizen ID are the province of birth registration, in
# the 63-province list used since 2016 (TT 07/2016/TT-BCA; unchanged by the 2025 merger).
CITIZEN_ID_PROVINCES = frozenset(
    (
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    )
)


def citizen_id_check(value: str, *, today: dt.date | None = None) -> str:
    """Return the cleaned 12-digit ID, or raise with a message saying what is wrong.

    Digit 4 gives century and sex (0/1: 1900s, 2/3: 2000s, 4/5: 2100s ...); digits 5-6 the
    year of birth, which cannot be in the future.
    """
    digits = re.sub(r"\s+", "", value or "")
    if not re.fullmatch(r"\d{12}", digits):
        raise ValidationFailed(_("A citizen ID has exactly 12 digits."))
    if digits[:3] not in CITIZEN_ID_PROVINCES:
        raise ValidationFailed(
            _("The first three digits (%(code)s) are not a province code.") % {"code": digits[:3]}
        )
    century = 1900 + 100 * (int(digits[3]) // 2)
    birth_year = century + int(digits[4:6])
    if birth_year > (today or clock.today()).year:
        raise ValidationFailed(
            _("Digits 4 to 6 give a birth year of %(year)s, which is in the future.")
            % {"year": birth_year}
        )
    return digits


# No 0/O, 1/I/L or U: codes are read aloud over the phone and typed from paper receipts.
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKING_LENGTH = 10


def tracking_code_new() -> str:
    """10 random symbols from 30 (about 49 bits): not derived from ids or dates."""
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def tracking_code_display(code: str) -> str:
    return f"{code[:5]}-{code[5:]}" if len(code) == TRACKING_LENGTH else code


def reference_parse(text: str) -> tuple[str, int]:
    """'k7qxm-3pd9r-2' → ('K7QXM3PD9R', 2): case, spaces and dashes do not matter."""
    cleaned = re.sub(r"[^A-Z0-9-]", "", (text or "").upper())  # also drops NUL and the like
    part = 0
    match = re.fullmatch(r"([A-Z0-9-]+?)-(\d{1,2})", cleaned)
    if match and len(match.group(1).replace("-", "")) == TRACKING_LENGTH:
        cleaned, part = match.group(1), int(match.group(2))
    return cleaned.replace("-", ""), part
