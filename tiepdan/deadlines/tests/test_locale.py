"""The Vietnamese catalogue covers every string the app shows (STYLE.md: Vietnamese UI via i18n)."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

from tiepdan.core.translations import check_catalogue
from tiepdan.deadlines.rules import RULES

PO_PATH = Path(__file__).resolve().parents[1] / "locale" / "vi" / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def test_catalogue_header_declares_utf8_and_vietnamese_plurals(catalogue: polib.POFile):
    assert catalogue.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=1; plural=0;"


def test_every_entry_is_translated_and_none_is_fuzzy_or_obsolete(catalogue: polib.POFile):
    assert check_catalogue(PO_PATH) == []
    assert [entry.msgid for entry in catalogue.obsolete_entries()] == []


def test_every_rule_name_and_start_event_is_in_the_catalogue(catalogue: polib.POFile):
    msgids = {entry.msgid for entry in catalogue}
    with translation.override(None):  # the msgids themselves, whatever catalogue is compiled
        texts = {text for rule in RULES for text in (str(rule.name), str(rule.starts_on))}
    missing = texts - msgids
    assert missing == set()


def test_unknown_rule_message_reads_naturally_in_vietnamese(catalogue: polib.POFile):
    entry = catalogue.find("There is no time-limit rule '%(rule)s'. Use --list to see the rules.")
    assert entry is not None
    assert entry.msgstr == "Không có quy tắc thời hạn '%(rule)s'. Dùng --list để xem các quy tắc."
