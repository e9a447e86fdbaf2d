"""Withdrawals recorded as data: the whole petition, or from 01/07/2026 part of its content.

Handlers of `resolution_transition` (WITHDRAW, WITHDRAW_PART). Complaints: LKN Art. 10 as
amended by Law 136/2025 (LEGAL.md §4.5); denunciations: LTC Art. 33.1-33.3, TC-16 (§5.4).
Which version applies is decided by the withdrawal date (CAL-00: NĐ 155/2026's withdrawal
rules apply to cases not yet decided on 01/07/2026).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from tiepdan.core.exceptions import ValidationFailed
from tiepdan.deadlines.rules.table import REFORM_2026
from tiepdan.resolution.models import Resolution, Withdrawal
from tiepdan.resolution.workflow import Track


def still_resolved(resolution: Resolution, *, today: dt.date, forced: bool, tc16: bool) -> bool:
    """Whether the withdrawn content is resolved all the same.

    A denunciation: signs of a violation, or a withdrawal under threat (TC-16, LTC Art. 33.3).
    A complaint: withdrawn under threat or coercion, from 01/07/2026 (Law 136/2025 amending
    LKN Art. 2.3 and 10); the law before had no such exception.
    """
    if resolution.track == Track.DENUNCIATION:
        return tc16 or forced
    return forced and today >= REFORM_2026


def _record(
    resolution: Resolution, *, scope: str, today: dt.date, continues: bool, **kw: Any
) -> Withdrawal:
    row = Withdrawal.objects.create(
        resolution=resolution,
        withdrawn_on=today,
        scope=scope,
        content=kw["note"].strip(),
        forced=kw["forced"],
        continues=continues,
        persons=kw.get("persons", "").strip()[:500],
        recorded_by=kw["actor"],
    )
    kw["data"]["withdrawal"] = {"scope": scope, "forced": row.forced, "continues": continues}
    return row


def withdraw_whole(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    """The whole petition is withdrawn: the case is terminated (LKN Art. 10; LTC Art. 34.3),
    unless what was withdrawn must still be resolved; then the case goes on where it is."""
    if kw.get("persons", "").strip():
        return _withdraw_some(resolution, today=today, **kw)
    continues = still_resolved(
        resolution, today=today, forced=kw["forced"], tc16=kw["must_continue"]
    )
    _record(resolution, scope=Withdrawal.Scope.WHOLE, today=today, continues=continues, **kw)
    if not continues:
        return target
    if resolution.track == Track.DENUNCIATION:
        resolution.must_continue = True
        kw["data"]["continues"] = "TC-16"
    else:
        kw["data"]["continues"] = "LKN Art. 10"
    return resolution.status


def _withdraw_some(resolution: Resolution, *, today: dt.date, **kw: Any) -> str:
    """Some of several petitioners withdraw: the case goes on for the others (NĐ 124/2020
    Art. 7a; LTC Art. 33.2). The case ends only when all have withdrawn (then leave `persons`
    empty)."""
    petition = resolution.petition
    if max(petition.signatory_count, petition.petitioners.count()) < 2:
        raise ValidationFailed(
            _("The petition has one petitioner: leave “who withdraws” empty."),
            extra={"field": "persons"},
        )
    _record(resolution, scope=Withdrawal.Scope.WHOLE, today=today, continues=True, **kw)
    kw["data"]["continues"] = "others"
    return resolution.status


def withdraw_part(resolution: Resolution, *, target: str, today: dt.date, **kw: Any) -> str:
    """Part of the content is withdrawn: the rest is resolved (LTC Art. 33.2; for complaints
    only from 01/07/2026, Law 136/2025 amending LKN Art. 10). The case stays where it is."""
    if resolution.track == Track.COMPLAINT and today < REFORM_2026:
        raise ValidationFailed(
            _(
                "Part of a complaint can be withdrawn only from 01/07/2026 (Law 136/2025 "
                "amending LKN Art. 10). Before that day a complaint is withdrawn as a whole."
            ),
            extra={"field": "action"},
        )
    continues = still_resolved(
        resolution, today=today, forced=kw["forced"], tc16=kw["must_continue"]
    )
    _record(resolution, scope=Withdrawal.Scope.PART, today=today, continues=continues, **kw)
    return target
