"""Finding and removing petitioners' protected data in a text to publish. Pure, no I/O.

A denouncer's name, address and other personal data must not be revealed (LTC Art. 9.1, 40.3,
56; NĐ 31/2019 Art. 6.1); a complainant's name is shortened to initials and their contact data
left out (personal data minimisation, Law 91/2025). Matching is case- and accent-insensitive:
the text is folded as tiepdan.core.text.fold folds it, the data are found in the folded text, and
the matching spans of the original are cut.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.text import fold, nfc

REDACTED = "[đã ẩn]"

_WORD = "0-9a-z"
_START = f"(?<![{_WORD}])"
_END = f"(?![{_WORD}])"
# Between two words of a name or an address: spaces and punctuation, not a whole sentence.
_GAP = f"[^{_WORD}]{{1,4}}"
_DIGIT_GAP = r"[\s.\-]?"
# How a person is referred to before the given name alone ("ông Đức", "bà Lan"), folded.
_HONORIFICS = ("ong", "ba", "anh", "chi", "em", "co", "chu", "bac", "cu", "chau", "ong/ba")
# Address parts that name an administrative unit: too wide to identify anyone, and they name the
# resolving unit itself ("xã Đại Từ"). The full address is still removed as a whole.
_ADMIN_PREFIXES = (
    "xa",
    "phuong",
    "thi tran",
    "dac khu",
    "huyen",
    "quan",
    "thi xa",
    "thanh pho",
    "tp",
    "tinh",
)


class Category(models.TextChoices):
    """What kind of datum was found; shown to reviewers instead of the datum itself."""

    DENOUNCER_NAME = "denouncer_name", _("name of the denouncer")
    PETITIONER_NAME = "petitioner_name", _("full name of the petitioner (initials only)")
    CITIZEN_ID = "citizen_id", _("citizen ID number")
    PHONE = "phone", _("phone number")
    EMAIL = "email", _("e-mail address")
    ADDRESS = "address", _("address")


@dataclass(frozen=True)
class Person:
    """A petitioner's data that must not be published."""

    full_name: str
    citizen_id: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    is_organisation: bool = False


@dataclass(frozen=True)
class _Rule:
    category: str
    pattern: re.Pattern[str]  # over the folded text; the group "hit", if any, is what is cut
    replace: Callable[[str], str] | None = None  # original slice → replacement; None: REDACTED
    keep: Callable[[str, int, int], bool] | None = None  # (original, start, end) → not a match


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index of the original one."""
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if not in_space:
                out.append(" ")
                origin.append(index)
            in_space = True
            continue
        in_space = False
        base = "d" if char in "đĐ" else char
        for part in unicodedata.normalize("NFD", base):
            if unicodedata.combining(part):
                continue
            for lower in part.lower():
                out.append(lower)
                origin.append(index)
    return "".join(out), origin


def _words(text: str) -> list[str]:
    return re.findall(f"[{_WORD}]+", fold(text))


def _sequence(words: Sequence[str]) -> str:
    return _GAP.join(re.escape(w) for w in words)


def _initials(original: str) -> str:
    """'Nguyễn Văn Đức' → 'N.V.Đ.'"""
    return "".join(f"{word[0].upper()}." for word in re.findall(r"\w+", original))


def _someone_else(next_word: str) -> Callable[[str, int, int], bool]:
    """A surname and middle name followed by a different given name are another person's name:
    'Nguyễn Văn' of the denouncer Nguyễn Văn Đức is kept in 'Nguyễn Văn Nam', as it identifies
    no one on its own. An initial ('Nguyễn Văn Đ.') or a name starting like the denouncer's is
    still cut."""

    def keep(original: str, start: int, end: int) -> bool:
        match = re.match(r"\s+(\w+)", original[end:])
        if match is None:
            return False
        word = match.group(1)
        return word[0].isupper() and len(word) >= 2 and fold(word)[0] != next_word[0]

    return keep


def _name_rules(person: Person, *, hide: bool) -> list[_Rule]:
    words = _words(person.full_name)
    if not words:
        return []
    category = Category.DENOUNCER_NAME if hide else Category.PETITIONER_NAME
    replace = None if hide else _initials
    full = re.compile(f"{_START}{_sequence(words)}{_END}")
    rules = [_Rule(category, full, replace)]
    if person.is_organisation:
        return rules
    # Every run of two or more consecutive words of the name, longest first.
    for size in range(len(words) - 1, 1, -1):
        for first in range(len(words) - size + 1):
            last = first + size
            pattern = re.compile(f"{_START}{_sequence(words[first:last])}{_END}")
            keep = _someone_else(words[last]) if last < len(words) else None
            rules.append(_Rule(category, pattern, replace, keep))
    if len(words) >= 2:
        honorific = "|".join(re.escape(h) for h in _HONORIFICS)
        given = re.compile(f"{_START}(?:{honorific}) (?P<hit>{re.escape(words[-1])}){_END}")
        rules.append(_Rule(category, given, None if hide else _initials))
    return rules


def _digits_rule(category: str, digits: str) -> _Rule:
    pattern = _DIGIT_GAP.join(digits)
    return _Rule(category, re.compile(rf"(?<!\d){pattern}(?!\d)"))


def _phone_rules(phone: str) -> list[_Rule]:
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 8:
        return []
    national = "0" + digits[2:] if digits.startswith("84") else digits
    rules = [_digits_rule(Category.PHONE, national)]
    if national.startswith("0"):
        rest = _DIGIT_GAP.join(national[1:])
        rules.append(_Rule(Category.PHONE, re.compile(rf"(?<!\d)\+?\s?84{_DIGIT_GAP}{rest}(?!\d)")))
    return rules


def _address_rules(address: str) -> list[_Rule]:
    words = _words(address)
    if not words:
        return []
    rules = [_Rule(Category.ADDRESS, re.compile(f"{_START}{_sequence(words)}{_END}"))]
    for part in re.split(r"[,;]| - ", address):
        part_words = _words(part)
        folded = " ".join(part_words)
        is_admin = any(folded == p or folded.startswith(p + " ") for p in _ADMIN_PREFIXES)
        specific = len(part_words) >= 2 or any(w.isdigit() for w in part_words)
        if part_words and specific and not is_admin and part_words != words:
            pattern = re.compile(f"{_START}{_sequence(part_words)}{_END}")
            rules.append(_Rule(Category.ADDRESS, pattern))
    return rules


def protected_rules(people: Iterable[Person], *, hide_names: bool) -> list[_Rule]:
    """The patterns of every protected datum of these people.

    hide_names: a denouncer's name is cut out ("[đã ẩn]"); otherwise it becomes initials.
    Citizen ID, phone, e-mail and address are cut out in both cases.
    """
    rules: list[_Rule] = []
    for person in people:
        rules += _name_rules(person, hide=hide_names)
        citizen_id = re.sub(r"\D", "", person.citizen_id)
        if len(citizen_id) >= 9:
            rules.append(_digits_rule(Category.CITIZEN_ID, citizen_id))
        rules += _phone_rules(person.phone)
        email = person.email.strip().lower()
        if email:
            pattern = re.compile(rf"(?<![\w.+-]){re.escape(email)}(?![\w-])")
            rules.append(_Rule(Category.EMAIL, pattern))
        rules += _address_rules(person.address)
    return rules


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    category: str
    replacement: str


def _hits(text: str, rules: Sequence[_Rule]) -> list[_Hit]:
    folded, origin = _fold_with_map(text)
    hits = []
    for rule in rules:
        for match in rule.pattern.finditer(folded):
            group = "hit" if "hit" in rule.pattern.groupindex else 0
            first, last = match.span(group)
            start = origin[first]
            end = origin[last - 1] + 1
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1
            if rule.keep is not None and rule.keep(text, start, end):
                continue
            replacement = rule.replace(text[start:end]) if rule.replace else REDACTED
            hits.append(_Hit(start, end, rule.category, replacement))
    return hits


def _merged(hits: list[_Hit]) -> list[_Hit]:
    """Overlapping hits become one; when they disagree on the replacement, it is cut out."""
    merged: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if merged and hit.start < merged[-1].end:
            last = merged[-1]
            replacement = last.replacement if hit.end <= last.end else REDACTED
            merged[-1] = _Hit(last.start, max(last.end, hit.end), last.category, replacement)
        else:
            merged.append(hit)
    return merged


def redact(text: str, rules: Sequence[_Rule]) -> tuple[str, Counter[str]]:
    """The text with every protected datum replaced, and how many of each category."""
    text = nfc(text)
    hits = _merged(_hits(text, rules))
    for hit in reversed(hits):
        replacement = hit.replacement
        if replacement.endswith(".") and text[hit.end : hit.end + 1] == ".":
            replacement = replacement[:-1]  # initials before a full stop: "N.V.Đ." not "N.V.Đ.."
        text = text[: hit.start] + replacement + text[hit.end :]
    return text, Counter(hit.category for hit in hits)


def find(text: str, rules: Sequence[_Rule]) -> Counter[str]:
    """How many protected data of each category the text still contains."""
    return Counter(hit.category for hit in _merged(_hits(nfc(text), rules)))
