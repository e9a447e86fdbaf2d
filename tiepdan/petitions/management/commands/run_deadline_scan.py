"""python manage.py run_deadline_scan: the periodic overdue scan, run once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tiepdan.petitions.services import deadline_scan


class Command(BaseCommand):
    help = "Mark overdue petition time limits and notify the officials responsible (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = deadline_scan()
        self.stdout.write(
            f"Đánh dấu quá hạn: {result['marked']} thời hạn; đã báo cho {result['notified']} người."
        )
