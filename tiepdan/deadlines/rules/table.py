"""Every time limit of LEGAL.md, as data (§2.5-2.6, §1.4, §2.1, §3.5, §4.2, §4.6, §5.2, §6).

IDs are LEGAL.md's; where one LEGAL.md row holds two time limits, or a limit has no ID there,
the new ID is explained next to the rule. Sources are written as LEGAL.md writes them.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from django.utils.translation import gettext_lazy as _

from tiepdan.deadlines.rules.base import (
    Direction,
    Extension,
    Status,
    Text,
    TimeLimitRule,
    Unit,
    Variants,
)

WD, CD = Unit.WORKING, Unit.CALENDAR
C, C2, S, U = Status.CONFIRMED, Status.CONFIRMED_COPY, Status.SECONDARY, Status.UNCONFIRMED
BEFORE = Direction.BEFORE
# Law 136/2025/QH15 and NĐ 154-156/2026 take effect on this day (LEGAL.md §0.1).
REFORM_2026 = dt.date(2026, 7, 1)


def _rule(
    rule_id: str,
    days: int,
    unit: Unit,
    name: Text,
    starts_on: Text,
    source: str,
    status: Status,
    **options: object,
) -> TimeLimitRule:
    options.setdefault("family", rule_id)
    return TimeLimitRule(
        rule_id=rule_id,
        duration_days=days,
        unit=unit,
        name=name,
        starts_on=starts_on,
        source=source,
        status=status,
        **options,  # type: ignore[arg-type]  # keyword names are TimeLimitRule's own fields
    )


RECEIPT = _("receipt")
ACCEPTANCE = _("acceptance")

# fmt: off
# KN-04 and KN-08 are the remote-area versions of KN-03 and KN-07 (same articles): defined
# first so KN-03/KN-07 take their remote durations from them instead of repeating the numbers.
_KN04 = _rule("KN-04", 45, CD, _("First resolution of a complaint, remote area"), ACCEPTANCE,
              "LKN Art. 28", C, variants=Variants(complex=60))
_KN08 = _rule("KN-08", 60, CD, _("Second resolution of a complaint, remote area"), ACCEPTANCE,
              "LKN Art. 37", C, variants=Variants(complex=70))
# fmt: on


def _remote_of(rule: TimeLimitRule, complex_days: int) -> Variants:
    return Variants(
        complex=complex_days, remote=rule.duration_days, complex_remote=rule.variants.complex
    )


# fmt: off
# No statute sets these two limits (LEGAL.md §3.5, §6.1): the source says so, in Vietnamese,
# because it is shown to officials next to the due date.
XLD05_SOURCE = "TT 05/2021/TT-TTCP: chưa quy định thời hạn; mặc định (XLD-05)"
PA01_SOURCE = "Chưa có thời hạn luật định (LEGAL.md §6.1); mặc định (PA-01)"

RULES: Final[tuple[TimeLimitRule, ...]] = (
    # --- Citizen reception (§1.4, §2.1, §2.5, §2.6) ---------------------------------------
    _rule("TCD-02", 3, WD, _("Refusal notice (Mẫu 01/TCD)"), _("having grounds to refuse"),
          "NĐ 154/2026 Art. 4.3", C2, valid_from=REFORM_2026),
    _rule("TCD-04", 10, WD, _("Answer the citizen on a matter raised at reception"),
          _("reception of the matter"), "LTCD Art. 28.1", C),
    # LTCD Art. 27.2 and 28.2 are two limits in one LEGAL.md row (TCD-05): "a" the receiving
    # body informs the transferor, "b" the transferor informs the citizen.
    _rule("TCD-05a", 7, WD, _("Inform the transferor of the result"),
          _("resolution of the transferred matter"), "LTCD Art. 27.2", C),
    _rule("TCD-05b", 5, WD, _("Transferor informs the citizen of the result"),
          _("receipt of the result"), "LTCD Art. 28.2", C),
    # LEGAL.md gives no ID to the notice limits of §1.4 and §2.1; TCD-06..08 are new. The
    # "connect ≥1 hour before" rule (NĐ 154/2026 Art. 23.1) is in hours: not a rule here.
    # The periodic-reception frequencies of §1.4 are quotas, not time limits.
    _rule("TCD-06", 5, WD, _("Post the reception schedule"), _("the reception session"),
          "LTCD Art. 24.2", C, direction=BEFORE),
    _rule("TCD-07", 5, WD, _("Notify participants of an online reception session"),
          _("the online session"), "NĐ 154/2026 Art. 23.1", C2, direction=BEFORE,
          valid_from=REFORM_2026),
    _rule("TCD-08", 1, WD, _("Test the links of an online reception session"),
          _("the online session"), "NĐ 154/2026 Art. 23.1", C2, direction=BEFORE,
          valid_from=REFORM_2026),
    # --- Triage (§3.5) ----------------------------------------------------------------------
    _rule("XLD-05", 10, WD, _("Triage of a petition"), RECEIPT,
          XLD05_SOURCE, U, configurable=True),
    # §3.5 names this limit without an ID; XLD-06 is new.
    _rule("XLD-06", 45, CD, _("Petition left unprocessed: disciplinary liability"), RECEIPT,
          "NĐ 154/2026 Art. 41.3.b", C2, valid_from=REFORM_2026),
    # --- Complaints (§4.2) ------------------------------------------------------------------
    _rule("KN-01", 90, CD, _("Limitation period for a complaint"),
          _("receiving or learning of the decision or act"), "LKN Art. 9", C),
    # CAL-00: the version in force on the day of receipt applies.
    _rule("KN-02a", 10, CD, _("Acceptance of a complaint"), RECEIPT, "LKN Art. 27, 36.1", C,
          family="KN-02", valid_to=dt.date(2026, 6, 30)),
    _rule("KN-02b", 7, WD, _("Acceptance of a complaint"), RECEIPT, "NĐ 155/2026 Art. 10", C2,
          family="KN-02", valid_from=REFORM_2026),
    _rule("KN-03", 30, CD, _("First resolution of a complaint"), ACCEPTANCE, "LKN Art. 28", C,
          variants=_remote_of(_KN04, complex_days=45)),
    _KN04,
    _rule("KN-05", 3, WD, _("Send the first complaint decision"), _("the decision"),
          "LKN Art. 32", C),
    _rule("KN-06", 30, CD, _("Window for a second complaint"),
          _("receipt of the first decision, or expiry of the first resolution limit"),
          "LKN Art. 33.1; NĐ 124/2020 Art. 4", C, variants=Variants(remote=45)),
    _rule("KN-07", 45, CD, _("Second resolution of a complaint"), ACCEPTANCE, "LKN Art. 37", C,
          variants=_remote_of(_KN08, complex_days=60)),
    _KN08,
    _rule("KN-09", 7, CD, _("Send the second complaint decision"), _("the decision"),
          "LKN Art. 41.1", C),
    _rule("KN-10", 15, CD, _("Publish the complaint decision"), _("issuance of the decision"),
          "NĐ 124/2020 (detailing LKN Art. 41.3)", S),
    _rule("KN-11", 30, CD, _("First decision takes effect if no second complaint"),
          _("issuance of the decision"), "LKN Art. 44.1", C, variants=Variants(remote=45)),
    _rule("KN-12", 30, CD, _("Second decision takes effect"), _("issuance of the decision"),
          "LKN Art. 44.2", C, variants=Variants(remote=45)),
    _rule("KN-13", 5, WD, _("Organise enforcement of an effective decision"),
          _("the decision taking effect"), "NĐ 124/2020 Art. 31", S),
    _rule("KN-14", 5, CD, _("Notify participants of a dialogue"), _("the dialogue"),
          "NĐ 124/2020 Art. 28.1 as amended by NĐ 155/2026 Art. 11", C2, direction=BEFORE,
          valid_from=REFORM_2026),
    _rule("KN-15", 3, WD, _("Send a suspension, termination or resume decision (Mẫu 14a/14b)"),
          _("issuance of the decision"),
          "NĐ 124/2020 Art. 28b (added by NĐ 155/2026 Art. 12)", C2, valid_from=REFORM_2026),
    _rule("KN-16", 30, CD, _("Complaint lapses if not continued after a termination notice"),
          _("the termination notice"), "LKN Art. 11.8", C),
    # --- Complaints against disciplinary decisions (§4.6, LKN Ch. IV): IDs KN-D1..D5 are new.
    _rule("KN-D1", 15, CD, _("Limitation period for a complaint against a disciplinary decision"),
          _("receipt of the disciplinary decision"), "LKN Art. 48", C),
    _rule("KN-D2", 10, CD, _("Limitation period for a second disciplinary complaint"),
          _("receipt of the first decision"), "LKN Art. 48", C),
    _rule("KN-D3", 30, CD, _("Limitation period for a second complaint against dismissal"),
          _("receipt of the first decision"), "LKN Art. 48", C),
    _rule("KN-D4", 10, CD, _("Acceptance of a complaint against a disciplinary decision"),
          RECEIPT, "LKN Art. 50", C),
    _rule("KN-D5", 30, CD, _("Resolution of a complaint against a disciplinary decision"),
          ACCEPTANCE, "LKN Art. 50", C, variants=Variants(complex=45)),
    # --- Denunciations (§5.2) ---------------------------------------------------------------
    # LTC Art. 24.1 allows 10 working days where checks at several places or delegation are
    # needed: the first complexity criterion of NĐ 31/2019 Art. 3.2, so it is the complex variant.
    _rule("TC-01", 7, WD, _("Initial processing of a denunciation"), RECEIPT, "LTC Art. 24.1", C,
          variants=Variants(complex=10)),
    _rule("TC-02", 5, WD, _("Transfer a denunciation and notify the denouncer"), RECEIPT,
          "LTC Art. 24.2", C),
    _rule("TC-03", 20, CD, _("Inform the forwarding body of the handling result"), RECEIPT,
          "LTC Art. 26.2", C),
    _rule("TC-04", 5, WD, _("Notify the denouncer and the accused of acceptance"),
          _("the acceptance decision"), "LTC Art. 29.3; NĐ 31/2019 Art. 9", C),
    _rule("TC-05", 30, CD, _("Resolution of a denunciation"), ACCEPTANCE, "LTC Art. 30.1", C,
          extensions=(Extension("TC-06", times=1),
                      Extension("TC-07", times=2, especially_complex_only=True))),
    # CAL-07: each extension adds 30 calendar days to the current deadline.
    _rule("TC-06", 30, CD, _("Extension of a complex denunciation (once)"),
          _("the current deadline"), "LTC Art. 30.2; NĐ 31 Art. 3.2", C),
    _rule("TC-07", 30, CD, _("Extension of an especially complex denunciation (twice)"),
          _("the current deadline"), "LTC Art. 30.3; NĐ 31 Art. 3.3", C),
    _rule("TC-08", 5, WD, _("Send the suspension or termination decision"),
          _("the decision"), "LTC Art. 34.4", C),
    _rule("TC-09", 5, WD, _("Send the conclusion and notify the denouncer"),
          _("the conclusion"), "LTC Art. 35.3", C),
    _rule("TC-10", 7, WD, _("Act on the conclusion"), _("the conclusion"), "LTC Art. 36.1", C),
    _rule("TC-11", 7, WD, _("Publish the conclusion and the handling decision"),
          _("the conclusion"), "LTC Art. 40.1, 40.3", C),
    # A minimum posting length, not a limit to act by: its end is not moved (no roll-forward).
    _rule("TC-12", 15, CD, _("Minimum posting period of a published conclusion"),
          _("the first day of posting"), "NĐ 31/2019 Art. 6.2", C, roll_forward=False),
    _rule("TC-13", 20, CD, _("Review of a re-denunciation by the direct superior"), RECEIPT,
          "LTC Art. 37.2", C),
    # TC-14 is "05 + 05 working days": a the superior's request, b the resolver's report.
    _rule("TC-14a", 5, WD, _("Superior requests a report on an overdue denunciation"),
          _("the time limit being missed"), "LTC Art. 38.2–3", C),
    _rule("TC-14b", 5, WD, _("Resolver reports on an overdue denunciation"),
          _("receipt of the superior's request"), "LTC Art. 38.2–3", C),
    # --- Recommendations and feedback (§6) --------------------------------------------------
    _rule("PA-01", 30, CD, _("Answer a recommendation or feedback"), RECEIPT,
          PA01_SOURCE, U, configurable=True),
    _rule("PA-02", 5, WD, _("Forward regulation feedback outside our competence"), RECEIPT,
          "NĐ 20/2008 Art. 9.1.d", C),
    # PA-03 (NĐ 20/2008 Art. 19) lists how results are published; it sets no time limit.
)
# fmt: on
