"""Hashing of journal entries: pure functions, no database."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64


def entry_digest(
    *,
    seq: int,
    at: dt.datetime,
    actor_id: int | None,
    actor_username: str,
    unit_id: int | None,
    unit_name: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    action: str,
    summary: str,
    changes: Any,
    prev_hash: str,
) -> str:
    """SHA-256 over a canonical JSON form of every stored field and the previous hash."""
    payload = {
        "seq": seq,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_username": actor_username,
        "unit_id": unit_id,
        "unit_name": unit_name,
        "object_type": object_type,
        "object_id": object_id,
        "object_repr": object_repr,
        "action": action,
        "summary": summary,
        "changes": changes,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
