"""Resolution workflows: one table per track, in the style of petitions/workflow.py.

Complaints follow LKN 2011 and NĐ 124/2020 (as amended by NĐ 155/2026); denunciations LTC 2018
and NĐ 31/2019 (as amended by NĐ 156/2026); recommendations and feedback LTCD Art. 26.2 with the
configurable PA-01; regulation feedback NĐ 20/2008. Pure data and functions, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.accounts.roles import Capability
from tiepdan.core.exceptions import ApplicationError


class Track(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    RECOMMENDATION = "recommendation", _("Recommendation or feedback")
    REGULATION_FEEDBACK = "regulation_feedback", _("Regulation feedback")


class Status(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted, being resolved")
    VERIFYING = "verifying", _("Being verified")
    DIALOGUE = "dialogue", _("Dialogue held")
    DECIDED = "decided", _("Decided / concluded")
    EFFECTIVE = "effective", _("Legally effective")
    ENFORCED = "enforced", _("Enforced")
    HANDLED = "handled", _("Conclusion acted on")
    CLOSED = "closed", _("Closed")
    SUSPENDED = "suspended", _("Suspended")
    TERMINATED = "terminated", _("Terminated")
    LAWSUIT_FILED = "lawsuit_filed", _("Lawsuit filed")
    TAKEN_OVER = "taken_over", _("Taken over by the superior")
    REVIEWING = "reviewing", _("Re-denunciation under review")


class Action(models.TextChoices):
    START_VERIFICATION = "start_verification", _("Start verification")
    HOLD_DIALOGUE = "hold_dialogue", _("Record the dialogue")
    DECIDE = "decide", _("Issue the decision / conclusion / answer")
    MAKE_EFFECTIVE = "make_effective", _("Record legal effect")
    ENFORCE = "enforce", _("Record enforcement")
    ACT_ON_CONCLUSION = "act_on_conclusion", _("Record action on the conclusion")
    CLOSE = "close", _("Close")
    EXTEND = "extend", _("Extend the time limit")
    SUSPEND = "suspend", _("Suspend")
    RESUME = "resume", _("Resume")
    WITHDRAW = "withdraw", _("Record withdrawal")
    TERMINATE = "terminate", _("Terminate")
    FILE_LAWSUIT = "file_lawsuit", _("Record a lawsuit")
    TAKE_OVER = "take_over", _("Taken over by the superior")
    NOTIFY_DIALOGUE = "notify_dialogue", _("Invite to the dialogue")
    WITHDRAW_PART = "withdraw_part", _("Record a partial withdrawal")
    RE_RESOLVE = "re_resolve", _("Resolve the denunciation again")
    DECLINE_REVIEW = "decline_review", _("Do not resolve again")
    RECORD_SENDING = "record_sending", _("Record the sending of the decision")
    RECORD_IMPLEMENTATION = "record_implementation", _("Record implementation progress")


# RESUME goes back to the state the case was suspended from.
PREVIOUS: Final = "previous"


@dataclass(frozen=True)
class Move:
    to: Status | str
    capability: Capability
    requires: tuple[str, ...] = ()
    document: str = ""
    source: str = ""


R = Capability.RESOLVE_PETITIONS
D = Capability.DECIDE
S, A = Status, Action
OPEN = (S.ACCEPTED, S.VERIFYING, S.DIALOGUE)


def _side_moves(
    states: tuple[Status, ...], source: str, withdraw: str, terminate: str
) -> dict[tuple[Status, Action], Move]:
    moves = {}
    ending = "termination_decision"
    for state in (*states, S.SUSPENDED):
        moves[(state, A.WITHDRAW)] = Move(S.TERMINATED, D, ("note",), ending, withdraw)
        moves[(state, A.TERMINATE)] = Move(S.TERMINATED, D, ("note",), ending, terminate)
    for state in states:
        moves[(state, A.SUSPEND)] = Move(S.SUSPENDED, D, ("note",), "suspension_decision", source)
    moves[(S.SUSPENDED, A.RESUME)] = Move(PREVIOUS, D, ("note",), "resume_decision", source)
    return moves


def _part_withdrawals(states: tuple[Status, ...], source: str) -> dict[tuple[Status, Action], Move]:
    # The case stays where it is. The resolver records it (a record signed by both sides,
    # Mẫu 03 NĐ 156/2026): nothing is decided, so not the head's right, who decides only
    # when the whole case ends (WITHDRAW → termination decision).
    return {
        (state, A.WITHDRAW_PART): Move(state, R, ("note",), "withdrawal_record", source)
        for state in (*states, S.SUSPENDED)
    }


COMPLAINT: Final[dict[tuple[Status, Action], Move]] = {
    (S.ACCEPTED, A.START_VERIFICATION): Move(S.VERIFYING, R, source="LKN Art. 29"),
    # The invitation: time, place, content (LKN Art. 30.2), from 01/07/2026 at least 5 days
    # before the dialogue (KN-14); sent again when the dialogue is moved.
    (S.VERIFYING, A.NOTIFY_DIALOGUE): Move(
        S.VERIFYING,
        R,
        ("planned_on", "note"),
        "dialogue_notice",
        "LKN Art. 30.2; NĐ 124/2020 Art. 28.1 (KN-14)",
    ),
    (S.VERIFYING, A.HOLD_DIALOGUE): Move(
        S.DIALOGUE,
        R,
        ("dialogue_on", "dialogue_minutes"),
        "dialogue_minutes",
        "LKN Art. 30, 39; Mẫu 14 (KN-14)",
    ),
    # First level: dialogue only when the request and the verification differ (LKN Art. 30.1);
    # second level always (LKN Art. 39): the service enforces it.
    (S.VERIFYING, A.DECIDE): Move(
        S.DECIDED, D, ("outcome", "note"), "complaint_decision", "LKN Art. 31.2"
    ),
    (S.DIALOGUE, A.DECIDE): Move(
        S.DECIDED, D, ("outcome", "note"), "complaint_decision", "LKN Art. 31.2, 40.2"
    ),
    # Sent to the complainant and those concerned (KN-05 first level, KN-09 second level).
    (S.DECIDED, A.RECORD_SENDING): Move(
        S.DECIDED, R, ("note",), source="LKN Art. 32, 41 (KN-05, KN-09)"
    ),
    (S.DECIDED, A.MAKE_EFFECTIVE): Move(S.EFFECTIVE, D, source="LKN Art. 44 (KN-11, KN-12)"),
    # Progress in carrying out the decision (money, land, people), then its completion: the
    # amounts actually recovered are what Biểu 05/KQTH counts (NĐ 124/2020 Art. 31).
    (S.EFFECTIVE, A.RECORD_IMPLEMENTATION): Move(
        S.EFFECTIVE, R, ("note",), source="NĐ 124/2020 Art. 31; Biểu 05/KQTH"
    ),
    (S.EFFECTIVE, A.ENFORCE): Move(S.ENFORCED, D, ("note",), source="NĐ 124/2020 Art. 31"),
    **_side_moves(
        OPEN, "NĐ 124/2020 Art. 28a-28b (KN-15)", "LKN Art. 10", "LKN Art. 11a; NĐ 124 Art. 28b"
    ),
    **{
        (state, A.FILE_LAWSUIT): Move(S.LAWSUIT_FILED, R, ("note",), source="LKN Art. 11.9")
        for state in (*OPEN, S.SUSPENDED, S.DECIDED)
    },
    **_part_withdrawals(OPEN, "LKN Art. 10 (Law 136/2025), from 01/07/2026"),
}

DENUNCIATION: Final[dict[tuple[Status, Action], Move]] = {
    (S.ACCEPTED, A.START_VERIFICATION): Move(S.VERIFYING, R, source="LTC Art. 31"),
    (S.ACCEPTED, A.EXTEND): Move(
        S.ACCEPTED, D, ("note",), "extension_decision", "LTC Art. 30.2-30.3 (TC-06, TC-07)"
    ),
    (S.VERIFYING, A.EXTEND): Move(
        S.VERIFYING, D, ("note",), "extension_decision", "LTC Art. 30.2-30.3 (TC-06, TC-07)"
    ),
    (S.VERIFYING, A.DECIDE): Move(
        S.DECIDED, D, ("outcome", "note"), "denunciation_conclusion", "LTC Art. 35 (TC-09)"
    ),
    # Sent to the accused and the bodies concerned, the denouncer notified (TC-09).
    (S.DECIDED, A.RECORD_SENDING): Move(S.DECIDED, R, ("note",), source="LTC Art. 35.3 (TC-09)"),
    (S.DECIDED, A.RECORD_IMPLEMENTATION): Move(
        S.DECIDED, R, ("note",), source="LTC Art. 36; Biểu 05/KQTH"
    ),
    (S.DECIDED, A.ACT_ON_CONCLUSION): Move(S.HANDLED, D, ("note",), source="LTC Art. 36 (TC-10)"),
    **{
        (state, A.TAKE_OVER): Move(S.TAKEN_OVER, D, ("to_unit", "note"), source="LTC Art. 38.5")
        for state in (S.ACCEPTED, S.VERIFYING, S.SUSPENDED)
    },
    **_side_moves(
        (S.ACCEPTED, S.VERIFYING), "LTC Art. 34 (TC-08)", "LTC Art. 33 (TC-16)", "LTC Art. 34.3"
    ),
    **_part_withdrawals((S.ACCEPTED, S.VERIFYING), "LTC Art. 33.1-33.3 (TC-16); Mẫu 03"),
    # A re-denunciation: the direct superior reviews it within 20 days of receipt (TC-13).
    (S.REVIEWING, A.RE_RESOLVE): Move(S.ACCEPTED, D, ("note",), source="LTC Art. 37.2 (TC-13)"),
    (S.REVIEWING, A.DECLINE_REVIEW): Move(
        S.CLOSED, D, ("note",), "review_answer", "LTC Art. 37.2 (TC-13)"
    ),
}

RECOMMENDATION: Final[dict[tuple[Status, Action], Move]] = {
    (S.ACCEPTED, A.DECIDE): Move(
        S.DECIDED, R, ("note",), "answer_letter", "LTCD Art. 26.2 (PA-01)"
    ),
    (S.DECIDED, A.CLOSE): Move(S.CLOSED, R),
    (S.ACCEPTED, A.TERMINATE): Move(S.TERMINATED, D, ("note",)),
}

REGULATION_FEEDBACK: Final[dict[tuple[Status, Action], Move]] = {
    (S.ACCEPTED, A.START_VERIFICATION): Move(S.VERIFYING, R, source="NĐ 20/2008 Art. 14"),
    (S.VERIFYING, A.DECIDE): Move(
        S.DECIDED, D, ("regulation_outcome", "note"), "answer_letter", "NĐ 20/2008 Art. 15"
    ),
    (S.DECIDED, A.CLOSE): Move(S.CLOSED, R, source="NĐ 20/2008 Art. 19 (PA-03)"),
    (S.ACCEPTED, A.TERMINATE): Move(S.TERMINATED, D, ("note",)),
}

TABLES: Final[dict[Track, dict[tuple[Status, Action], Move]]] = {
    Track.COMPLAINT: COMPLAINT,
    Track.DENUNCIATION: DENUNCIATION,
    Track.RECOMMENDATION: RECOMMENDATION,
    Track.REGULATION_FEEDBACK: REGULATION_FEEDBACK,
}
TERMINAL: Final = frozenset(
    {S.ENFORCED, S.HANDLED, S.CLOSED, S.TERMINATED, S.LAWSUIT_FILED, S.TAKEN_OVER}
)
# The states a case opens in: accepted, or a re-denunciation under review (TC-13).
START: Final = frozenset({S.ACCEPTED, S.REVIEWING})


class TransitionNotAllowed(ApplicationError):
    status_code = 409


def move_for(track: str, current: str, action: str) -> Move:
    if action not in Action.values:
        raise TransitionNotAllowed(
            _("“%(action)s” is not a resolution action.") % {"action": action}
        )
    move = TABLES[Track(track)].get((Status(current), Action(action)))
    if move is None:
        raise TransitionNotAllowed(
            _("“%(action)s” is not possible while the case is “%(status)s”.")
            % {"action": Action(action).label, "status": Status(current).label}
        )
    return move


def available_actions(track: str, current: str) -> list[Action]:
    status = Status(current)
    return [action for (state, action) in TABLES[Track(track)] if state == status]


def workflow_markdown() -> str:
    """`docs/workflows/resolution.md`, generated from the four tables."""
    lines = [
        "# Resolution workflows",
        "",
        "Generated from `tiepdan/resolution/workflow.py` "
        "(`python manage.py resolution_workflow_doc`); do not edit by hand. `previous` is the "
        "state the case was suspended from.",
    ]
    for track, table in TABLES.items():
        lines += [
            "",
            f"## {track.value}",
            "",
            "| from | action | to | who (capability) | requires | document | source |",
            "|---|---|---|---|---|---|---|",
        ]
        for (state, action), move in table.items():
            to = move.to.value if isinstance(move.to, Status) else move.to
            lines.append(
                f"| {state.value} | {action.value} | {to} | {move.capability.value} | "
                f"{', '.join(move.requires) or '-'} | {move.document or '-'} | "
                f"{move.source or '-'} |"
            )
    lines += ["", "Terminal states: " + ", ".join(sorted(s.value for s in TERMINAL)) + ".", ""]
    return "\n".join(lines)
