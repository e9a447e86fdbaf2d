"""Writing to the journal and checking its chain."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from tiepdan.audit.chain import GENESIS_HASH, entry_digest
from tiepdan.audit.models import AuditChainHead, AuditEntry
from tiepdan.core import clock


class _Actor(Protocol):
    pk: Any

    def get_username(self) -> str: ...


class _Unit(Protocol):
    pk: Any
    name: str


def _plain(value: Any) -> Any:
    """JSON-ready copy (dates and decimals as strings), identical before and after storage."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def model_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields whose value differs, as {field: {"from": old, "to": new}}."""
    return {
        key: {"from": _plain(before.get(key)), "to": _plain(after.get(key))}
        for key in sorted(set(before) | set(after))
        if _plain(before.get(key)) != _plain(after.get(key))
    }


@transaction.atomic
def audit_record(
    *,
    actor: _Actor | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    unit: _Unit | None = None,
    summary: str = "",
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry, linked to the previous one by its hash.

    Called by services inside their own transaction, so an action and its entry commit together.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or obj.pk
    object_repr = str(obj)[:255] if obj is not None else ""
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(
        id=1, defaults={"last_seq": 0, "last_hash": GENESIS_HASH}
    )
    fields: dict[str, Any] = {
        "seq": head.last_seq + 1,
        "at": clock.now(),
        "actor_id": actor.pk if actor is not None else None,
        "actor_username": actor.get_username() if actor is not None else "",
        "unit_id": unit.pk if unit is not None else None,
        "unit_name": unit.name[:255] if unit is not None else "",
        "object_type": object_type,
        "object_id": str(object_id),
        "object_repr": object_repr,
        "action": action,
        "summary": summary,
        "changes": _plain(dict(changes or {})),
        "prev_hash": head.last_hash,
    }
    fields["hash"] = entry_digest(**fields)
    entry = AuditEntry.objects.create(**fields)
    head.last_seq = entry.seq
    head.last_hash = entry.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return entry


@dataclass(frozen=True)
class ChainBreak:
    """The first place where the journal no longer matches its chain."""

    seq: int
    reason: str


def _stored_fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at,
        "actor_id": entry.actor_id,
        "actor_username": entry.actor_username,
        "unit_id": entry.unit_id,
        "unit_name": entry.unit_name,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "action": entry.action,
        "summary": entry.summary,
        "changes": entry.changes,
        "prev_hash": entry.prev_hash,
    }


def _entries_in_order(batch: int = 2000) -> Iterator[AuditEntry]:
    # Keyset pagination keeps memory flat on a journal of millions of rows.
    last = 0
    while True:
        chunk = list(AuditEntry.objects.filter(seq__gt=last).order_by("seq")[:batch])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].seq


def audit_chain_verify() -> tuple[int, ChainBreak | None]:
    """Recompute the chain; return how many entries were checked and the first break, if any."""
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    for entry in _entries_in_order():
        if entry.seq != expected_seq:
            return checked, ChainBreak(
                expected_seq, f"entry #{expected_seq} is missing (next present is #{entry.seq})"
            )
        if entry.prev_hash != prev_hash:
            return checked, ChainBreak(entry.seq, "its link to the previous entry does not match")
        if entry_digest(**_stored_fields(entry)) != entry.hash:
            return checked, ChainBreak(entry.seq, "its content does not match its hash")
        prev_hash = entry.hash
        expected_seq += 1
        checked += 1
    head = AuditChainHead.objects.filter(id=1).first()
    last_seq = expected_seq - 1
    if head is not None and (head.last_seq != last_seq or head.last_hash != prev_hash):
        return checked, ChainBreak(
            last_seq + 1,
            f"the journal ends at #{last_seq} but the chain head records #{head.last_seq}",
        )
    return checked, None
