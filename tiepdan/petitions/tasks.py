"""Periodic petition jobs (thin: they call one service)."""

from __future__ import annotations

from celery import shared_task

from tiepdan.petitions.services import deadline_scan


@shared_task(name="petitions.deadline_scan")
def deadline_scan_task() -> dict[str, int]:
    return deadline_scan()
