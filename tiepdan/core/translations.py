"""Compiling and checking the .po catalogues with polib (no GNU gettext on a fresh machine)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib


@dataclass(frozen=True)
class CatalogueProblem:
    path: Path
    msgid: str
    problem: str


def catalogues(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("locale/*/LC_MESSAGES/django.po")
        if ".venv" not in p.parts and "site-packages" not in p.parts
    )


def compile_catalogue(po_path: Path) -> Path:
    mo_path = po_path.with_suffix(".mo")
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return mo_path


def check_catalogue(po_path: Path) -> list[CatalogueProblem]:
    """Untranslated and fuzzy entries, which CI refuses."""
    po = polib.pofile(str(po_path))
    problems = [
        CatalogueProblem(po_path, e.msgid, "untranslated") for e in po.untranslated_entries()
    ]
    problems += [CatalogueProblem(po_path, e.msgid, "fuzzy") for e in po.fuzzy_entries()]
    return problems
