"""Choosing a unit by typing part of its name or its code (an input with a datalist)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tiepdan.core import clock
from tiepdan.core.text import fold
from tiepdan.organizations.models import OrgUnit

CODE_IN_BRACKETS = re.compile(r"\[([^\]]+)\]\s*$")


def unit_option(unit: OrgUnit) -> str:
    """What the datalist offers and the field accepts back: 'Name [CODE]'."""
    return f"{unit.name} [{unit.code}]"


def units_to_send_to(current: OrgUnit) -> QuerySet[OrgUnit]:
    """Units a petition can be sent to: those in force in the holding unit's tree (the
    province) and the central bodies, except the holding unit itself."""
    root = current.path.strip("/").split("/")[0]
    today = clock.today()
    return (
        OrgUnit.objects.filter(Q(path__startswith=f"/{root}/") | Q(level=OrgUnit.Level.CENTRAL))
        .exclude(pk=current.pk)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("path")
    )


class UnitField(forms.CharField):
    """A text input that resolves to one unit of `units`: 'Name [CODE]', the code, the exact
    name, or any part of the name without accents when only one unit matches."""

    default_error_messages = {
        "unknown": _("No unit matches “%(text)s”: choose one from the list."),
        "ambiguous": _("Several units match “%(text)s”: type more of the name."),
    }

    def __init__(self, *, units: QuerySet[OrgUnit] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.units = units if units is not None else OrgUnit.objects.none()

    def clean(self, value: Any) -> OrgUnit | None:  # type: ignore[override]
        text = " ".join(str(super().clean(value) or "").split())
        if not text:
            return None
        units = list(self.units)
        match = CODE_IN_BRACKETS.search(text)
        code = match.group(1).strip() if match else text
        by_code = [u for u in units if u.code.lower() == code.lower()]
        if len(by_code) == 1:
            return by_code[0]
        by_name = [u for u in units if u.name == text]
        if len(by_name) == 1:
            return by_name[0]
        folded = fold(text)
        found = [u for u in units if folded in fold(u.name)]
        if len(found) == 1:
            return found[0]
        exact = [u for u in found if fold(u.name) == folded]
        if len(exact) == 1:
            return exact[0]
        key = "ambiguous" if found else "unknown"
        raise forms.ValidationError(self.error_messages[key], code=key, params={"text": text[:80]})
