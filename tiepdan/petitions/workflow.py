"""Triage workflow: the states of a petition in the unit that holds it, and the allowed moves.

The table reads like the procedure of TT 05/2021/TT-TTCP (LEGAL.md §3.4): a received petition
gets one triage decision. Every move names the capability it needs, what it requires, and which
time limits it starts or stops. Pure data and functions: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.accounts.roles import Capability
from tiepdan.core.exceptions import ApplicationError


class Status(models.TextChoices):
    RECEIVED = "received", _("Received, awaiting triage")
    ACCEPTANCE_PROPOSED = "acceptance_proposed", _("Acceptance proposed")
    ACCEPTED = "accepted", _("Accepted for resolution")
    GUIDED = "guided", _("Petitioner guided")
    TRANSFERRED_OUT = "transferred_out", _("Transferred to a body outside tiepdan")
    RETURNED = "returned", _("Returned")
    FILED_AWAY = "filed_away", _("Filed away")
    URGED = "urged", _("Lower unit urged")
    FORWARDED_TO_PARTY = "forwarded_to_party", _("Forwarded to a party body")
    REPORTED_TO_POLICE = "reported_to_police", _("Reported to police / procuracy")
    SPLIT = "split", _("Split into separate cases")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class Action(models.TextChoices):
    PROPOSE_ACCEPTANCE = "propose_acceptance", _("Propose acceptance")
    ACCEPT = "accept", _("Approve acceptance")
    REJECT_PROPOSAL = "reject_proposal", _("Send the proposal back")
    GUIDE = "guide", _("Guide the petitioner")
    TRANSFER = "transfer", _("Transfer to a unit in tiepdan")
    TRANSFER_OUT = "transfer_out", _("Transfer to a body outside tiepdan")
    RETURN = "return", _("Return the petition")
    FILE_AWAY = "file_away", _("File away")
    URGE = "urge", _("Urge the lower unit")
    FORWARD_TO_PARTY = "forward_to_party", _("Forward to a party body")
    REPORT_TO_POLICE = "report_to_police", _("Report to police / procuracy")
    SPLIT = "split", _("Split the mixed petition")
    REFUSE_ACCEPTANCE = "refuse_acceptance", _("Refuse acceptance")
    REOPEN = "reopen", _("Reopen for triage")


@dataclass(frozen=True)
class Move:
    """One allowed transition."""

    to: Status
    capability: Capability
    # What the service must be given for this move (checked before anything changes).
    requires: tuple[str, ...] = ()
    # Time-limit rule families this move stops (they were met) for the holding unit.
    stops: tuple[str, ...] = ()
    # Whether the move produces a numbered document (and which kind).
    document: str = ""
    source: str = ""


# Triage ends the triage clocks: XLD-05 (default SLA), TCD-04 (reply to a reception matter),
# TC-01/TC-02 (denunciations), PA-02 (regulation feedback), KN-02 and KN-D4 (complaint acceptance).
TRIAGE_CLOCKS: Final = ("XLD-05", "TCD-04", "TC-01", "TC-02", "PA-02", "KN-02", "KN-D4")
T = Capability.TRIAGE_PETITIONS
D = Capability.DECIDE

TRANSITIONS: Final[dict[tuple[Status, Action], Move]] = {
    (Status.RECEIVED, Action.PROPOSE_ACCEPTANCE): Move(
        Status.ACCEPTANCE_PROPOSED,
        T,
        requires=("note",),
        document="acceptance_proposal",
        source="TT 05/2021 Art. 13 (Mẫu 01)",
    ),
    (Status.ACCEPTANCE_PROPOSED, Action.ACCEPT): Move(
        Status.ACCEPTED, D, stops=TRIAGE_CLOCKS, source="LKN Art. 27; LTC Art. 29"
    ),
    (Status.ACCEPTANCE_PROPOSED, Action.REJECT_PROPOSAL): Move(
        Status.RECEIVED, D, requires=("note",)
    ),
    (Status.RECEIVED, Action.GUIDE): Move(
        Status.GUIDED,
        T,
        requires=("competent_body",),
        stops=TRIAGE_CLOCKS,
        document="guidance_slip",
        source="TT 05/2021 Art. 8; LTCD Art. 26.1.b",
    ),
    (Status.RECEIVED, Action.TRANSFER): Move(
        # The petition stays one record: it becomes "received" again, in the receiving unit.
        Status.RECEIVED,
        T,
        requires=("to_unit",),
        stops=TRIAGE_CLOCKS,
        document="transfer_slip",
        source="TT 05/2021 Art. 14.1 (Mẫu 03); LTC Art. 24.2",
    ),
    (Status.RECEIVED, Action.TRANSFER_OUT): Move(
        Status.TRANSFERRED_OUT,
        T,
        requires=("competent_body",),
        stops=TRIAGE_CLOCKS,
        document="transfer_slip",
        source="TT 05/2021 Art. 14.1 (Mẫu 03); LTC Art. 24.2",
    ),
    (Status.RECEIVED, Action.RETURN): Move(
        Status.RETURNED,
        T,
        requires=("note",),
        stops=TRIAGE_CLOCKS,
        document="return_slip",
        source="TT 05/2021 (Phiếu trả đơn và hướng dẫn)",
    ),
    (Status.RECEIVED, Action.FILE_AWAY): Move(
        Status.FILED_AWAY,
        T,
        requires=("note",),
        stops=TRIAGE_CLOCKS,
        source="TT 07/2014 Art. 28; XLD-02, XLD-03",
    ),
    (Status.RECEIVED, Action.URGE): Move(
        Status.URGED,
        T,
        requires=("to_unit",),
        stops=TRIAGE_CLOCKS,
        document="urging_letter",
        source="TT 05/2021 Art. 14.2; LTC Art. 38",
    ),
    (Status.RECEIVED, Action.FORWARD_TO_PARTY): Move(
        Status.FORWARDED_TO_PARTY,
        T,
        requires=("competent_body",),
        stops=TRIAGE_CLOCKS,
        document="transfer_slip",
        source="TT 05/2021 Art. 15",
    ),
    (Status.RECEIVED, Action.REPORT_TO_POLICE): Move(
        Status.REPORTED_TO_POLICE,
        T,
        requires=("competent_body",),
        stops=TRIAGE_CLOCKS,
        document="transfer_slip",
        source="TT 05/2021 Art. 16; LTC Art. 27",
    ),
    (Status.RECEIVED, Action.SPLIT): Move(
        Status.SPLIT,
        T,
        requires=("parts",),
        stops=TRIAGE_CLOCKS,
        source="LTCD Art. 25.3; NĐ 154/2026 Art. 14.4",
    ),
}
for _status in (Status.RECEIVED, Status.ACCEPTANCE_PROPOSED):
    # Not accepted, with the grounds of LKN Art. 11 recorded in the classification (KN-20);
    # the notice goes to the complainant, the transferor and the inspectorate (LKN Art. 27).
    TRANSITIONS[(_status, Action.REFUSE_ACCEPTANCE)] = Move(
        Status.NOT_ACCEPTED,
        D,
        requires=("note",),
        stops=TRIAGE_CLOCKS,
        document="refusal_notice",
        source="LKN Art. 11, 27; NĐ 124/2020 Art. 16.1 (KN-20)",
    )
for _status in (
    Status.NOT_ACCEPTED,
    Status.GUIDED,
    Status.RETURNED,
    Status.FILED_AWAY,
    Status.TRANSFERRED_OUT,
    Status.URGED,
):
    # A leader can undo a triage outcome taken in error; the reason is kept in the history.
    TRANSITIONS[(_status, Action.REOPEN)] = Move(Status.RECEIVED, D, requires=("note",))

# A triage decision is a move that stops the unit's triage clocks: accept, guide, transfer,
# return, file away, urge, forward, report to police, split, refuse (TT 05/2021 Art. 8-16).
TRIAGE_DECISIONS: Final[frozenset[str]] = frozenset(
    str(action) for (_status, action), move in TRANSITIONS.items() if move.stops
)

TERMINAL: Final[frozenset[Status]] = frozenset(
    {Status.ACCEPTED, Status.FORWARDED_TO_PARTY, Status.REPORTED_TO_POLICE, Status.SPLIT}
)


class TransitionNotAllowed(ApplicationError):
    status_code = 409


def move_for(current: str, action: str) -> Move:
    """The move for (state, action), or a translated error naming both."""
    if action not in Action.values:
        raise TransitionNotAllowed(
            _("“%(action)s” is not an action on petitions.") % {"action": action}
        )
    move = TRANSITIONS.get((Status(current), Action(action)))
    if move is None:
        raise TransitionNotAllowed(
            _("“%(action)s” is not possible while the petition is “%(status)s”.")
            % {"action": Action(action).label, "status": Status(current).label}
        )
    return move


def available_actions(current: str) -> list[Action]:
    """The actions allowed in a state, in table order (drives buttons and the API)."""
    status = Status(current)
    return [action for (state, action) in TRANSITIONS if state == status]


def workflow_markdown() -> str:
    """`docs/workflows/petition.md`, generated from the table."""
    lines = [
        "# Petition triage workflow",
        "",
        "Generated from `tiepdan/petitions/workflow.py` "
        "(`python manage.py workflow_doc`); do not edit by hand.",
        "",
        "| from | action | to | who (capability) | requires | stops time limits "
        "| document | source |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for (state, action), move in TRANSITIONS.items():
        lines.append(
            f"| {state.value} | {action.value} | {move.to.value} | {move.capability.value} | "
            f"{', '.join(move.requires) or '-'} | {', '.join(move.stops) or '-'} | "
            f"{move.document or '-'} | {move.source or '-'} |"
        )
    lines += ["", "Terminal states: " + ", ".join(sorted(s.value for s in TERMINAL)) + ".", ""]
    lines += ["```mermaid", "stateDiagram-v2"]
    for (state, action), move in TRANSITIONS.items():
        lines.append(f"    {state.value} --> {move.to.value}: {action.value}")
    lines += ["```", ""]
    return "\n".join(lines)
