"""Review of a re-denunciation by the direct superior (tố cáo tiếp; LTC Art. 37.2, TC-13).

A denunciation already resolved once opens in REVIEWING under TC-13 (20 days from receipt).
The superior then re-resolves it (the verification was inaccurate, evidence was missed or the
law misapplied: it is accepted like a new denunciation, TC-05 from that day) or declines with
reasons (DECLINE_REVIEW: the notice `review_answer`). One resolved without competence is sent
on by the petition's transfer at triage, not here (LEGAL.md §5.6).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tiepdan.petitions.models import Kind, Petition, PetitionDeadline, ProcedureStage
from tiepdan.petitions.services.common import deadlines_start
from tiepdan.resolution.documents import documents_on_open
from tiepdan.resolution.limits import limit_recompute
from tiepdan.resolution.models import Resolution

REVIEW_RULE = "TC-13"


def opens_in_review(petition: Petition) -> bool:
    """A denunciation the petitioner says was resolved once is a re-denunciation (LTC Art. 37)."""
    return (
        petition.kind == Kind.DENUNCIATION
        and petition.procedure_stage == ProcedureStage.RESOLVED_ONCE
    )


def re_resolve(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    """Resolve the denunciation again: accepted from today under TC-05 with the acceptance
    papers (Mẫu 04, 05, 06) and the notices limit TC-04, like a new one (LTC Art. 29, 37.2)."""
    PetitionDeadline.objects.filter(
        petition=resolution.petition,
        org_unit=resolution.org_unit,
        family=REVIEW_RULE,
        met_on=None,
    ).update(met_on=today)
    resolution.rule_id = "TC-05"
    resolution.accepted_on = today
    resolution.save(update_fields=["rule_id", "accepted_on", "updated_at"])
    limit_recompute(resolution)
    started = deadlines_start(
        petition=resolution.petition, unit=resolution.org_unit, rules=["TC-04"], start_on=today
    )
    # A draft stops before the move's own document; these papers are not drafted.
    documents = (
        [] if kw.get("draft") else documents_on_open(resolution=resolution, actor=kw["actor"])
    )
    kw["data"]["documents"] = [d.number for d in documents]
    kw["data"]["started"] = [d.rule_id for d in started]
    return target
