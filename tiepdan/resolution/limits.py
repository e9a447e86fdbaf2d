"""The main time limit of a resolution case: its rule, complexity, suspensions and extensions."""

from __future__ import annotations

import datetime as dt

from tiepdan.deadlines.services import calendar_load, deadline_compute
from tiepdan.petitions.models import PetitionDeadline
from tiepdan.resolution.models import Resolution
from tiepdan.resolution.workflow import Track

# Criteria of a complex case: NĐ 124/2020 Art. 3a (complaints, from 01/07/2026) and NĐ 31/2019
# Art. 3.2 (denunciations) list the same seven. Two or more make a denunciation "especially
# complex" (NĐ 31/2019 Art. 3.3).
COMPLEXITY_CRITERIA = {
    "several_places": "Nội dung phải xác minh ở nhiều nơi (từ 2 nơi trở lên)",
    "several_contents": "Có từ 2 nội dung trở lên",
    "many_people": "Nhiều người khiếu nại, tố cáo hoặc liên quan quyền lợi nhiều người",
    "foreign_element": "Có yếu tố nước ngoài",
    "several_bodies": "Liên quan trách nhiệm quản lý của nhiều cơ quan",
    "bodies_disagree": "Các cơ quan còn ý kiến khác nhau",
    "contradictory_evidence": "Tình tiết, chứng cứ mâu thuẫn, cần giám định",
}


def main_rule(track: Track, level: int, *, disciplinary: bool = False) -> str:
    if track == Track.COMPLAINT:
        if disciplinary:
            return "KN-D5"  # complaints against disciplinary decisions (LKN Art. 50, §4.6)
        return "KN-07" if level == 2 else "KN-03"  # remote variants KN-04/KN-08 by flag
    if track == Track.DENUNCIATION:
        return "TC-05"
    return "PA-01"


def suspended_intervals(resolution: Resolution) -> list[tuple[dt.date, dt.date]]:
    # A suspension from S to the resume date R stops the clock for the days S..R-1: the limit
    # continues from the resume decision (NĐ 124 Art. 28b.2; LTC Art. 34.2).
    return [
        (s.started_on, s.ended_on - dt.timedelta(days=1))
        for s in resolution.suspensions.exclude(ended_on=None)
        if s.ended_on > s.started_on
    ]


def limit_start(resolution: Resolution) -> dt.date:
    # The review of a re-denunciation runs from its receipt (TC-13, LTC Art. 37.2); the other
    # limits from the acceptance.
    if resolution.rule_id == "TC-13":
        # Received by the superior: the day it entered the reviewing unit's register, which is
        # the receipt itself unless the petition was transferred up.
        entry = resolution.petition.register_entries.filter(org_unit=resolution.org_unit).first()
        return entry.registered_on if entry is not None else resolution.petition.received_on
    return resolution.accepted_on


def limit_recompute(resolution: Resolution) -> PetitionDeadline:
    """Recompute the case's main time limit from the rule, suspensions and extensions."""
    deadline = deadline_compute(
        rule_id=resolution.rule_id,
        start_on=limit_start(resolution),
        complex=resolution.is_complex,
        especially_complex=resolution.is_especially_complex,
        remote=resolution.is_remote,
        suspended=suspended_intervals(resolution),
        extensions_used=resolution.extensions_used,
        calendar=calendar_load(),
    )
    row = PetitionDeadline.objects.filter(
        petition=resolution.petition, org_unit=resolution.org_unit, family=resolution.rule_id
    ).first() or PetitionDeadline(
        petition=resolution.petition,
        org_unit=resolution.org_unit,
        family=resolution.rule_id,
        started_on=limit_start(resolution),
    )
    row.rule_id = deadline.rule_id
    row.due_on = deadline.due_on
    row.explanation = deadline.explain()[:500]
    row.source = deadline.source[:255]
    row.is_overdue = False
    row.overdue_notified_at = None
    row.save()
    resolution.due_on = deadline.due_on
    resolution.save(update_fields=["due_on", "updated_at"])
    return row
