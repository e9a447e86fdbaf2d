"""A report form's columns as data: number, header, source records, filter and what is counted.

A new circular changes a definition here (or in forms_*.py), not the engine. The headers are the
statutory Vietnamese text of the column groups in LEGAL.md §7.2, which are **indicative** (from
2021-era implementations; the exact columns of TT 06/2025 were not read [U]).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q


class Source(StrEnum):
    """Which records a column counts; the engine gives each its unit and period filter."""

    # Visits received in the period (Visit.received_at), by the unit (Mẫu 03/TCD rows).
    VISITS = "visits"
    # Heads' periodic / ad-hoc sessions held in the period (ReceptionSession.starts_at).
    SESSIONS = "sessions"
    # Register entries of the unit up to the period's end, of petitions the unit had not yet
    # decided on before the period: what it had to process (carried over + received).
    REGISTER = "register"
    # Triage decisions taken by the unit in the period (PetitionEvent.at).
    DECISIONS = "decisions"
    # Petitions the unit transferred, by the day of the transfer (Transfer.sent_on); a column
    # picks the period's transfers or the replies received in it (reported_back_on).
    TRANSFERS = "transfers"
    # Resolution cases the unit had to resolve in the period: accepted by its end and not
    # decided or ended before it began (carried over + accepted in the period).
    RESOLUTIONS = "resolutions"
    # Decisions and conclusions to carry out in the period: complaint decisions in legal effect
    # and denunciation conclusions by its end, not completed before it began (Biểu 05/KQTH).
    TO_IMPLEMENT = "to_implement"
    # What was done in carrying them out, recorded in the period (Implementation.done_on).
    IMPLEMENTATIONS = "implementations"
    # Requests to protect denouncers decided in the period (ProtectionRequest.decided_on).
    PROTECTIONS = "protections"


class Measure(StrEnum):
    ROWS = "rows"  # one per record
    DISTINCT = "distinct"  # distinct values of `field` (cases, petitions)
    SUM = "sum"  # the sum of `field` (people in group visits)
    PERSONS = "persons"  # persons received: named once + unnamed members of groups


@dataclass(frozen=True)
class Window:
    """The period as dates (inclusive) and as aware instants [start_at, end_at)."""

    start: dt.date
    end: dt.date
    start_at: dt.datetime
    end_at: dt.datetime


Where = Q | Callable[[Window], Q]


@dataclass(frozen=True)
class Column:
    code: int  # the column number printed under the headers: (1), (2), ...
    header: str
    groups: tuple[str, ...]  # the merged header cells above it, outermost first
    source: Source
    measure: Measure = Measure.ROWS
    where: Where = dataclasses.field(default_factory=Q)
    field: str = ""
    basis: str = ""  # where the column comes from (legal source or [U] note)

    def condition(self, window: Window) -> Q:
        return self.where(window) if callable(self.where) else self.where


@dataclass(frozen=True)
class FormDefinition:
    slug: str  # in URLs: "01-tcd"
    code: str  # "01/TCD"
    title: str  # the form's title, as printed
    sheet: str  # a short sheet name for the workbook (≤ 31 characters)
    columns: tuple[Column, ...]
    basis: str = ""

    def column(self, code: int) -> Column:
        for column in self.columns:
            if column.code == code:
                return column
        raise KeyError(code)

    @property
    def depth(self) -> int:
        """Header rows above the column numbers: the deepest group path plus the leaf."""
        return max(len(c.groups) for c in self.columns) + 1
