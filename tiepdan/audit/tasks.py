"""Periodic check of the journal's chain (Celery beat runs it nightly)."""

from __future__ import annotations

import logging

from celery import shared_task

from tiepdan.audit.services import audit_chain_verify

logger = logging.getLogger(__name__)


@shared_task(name="audit.audit_chain_verify")
def audit_chain_verify_task() -> dict[str, object]:
    """Recompute the chain; log CRITICAL naming the first broken entry, so monitoring sees it."""
    checked, broken = audit_chain_verify()
    if broken is not None:
        logger.critical("Audit journal broken at entry #%s: %s", broken.seq, broken.reason)
    return {"checked": checked, "broken_seq": broken.seq if broken else None}
