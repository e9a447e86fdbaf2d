"""python manage.py verify_audit: exit 0 when the journal's chain is whole, 1 naming the break."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tiepdan.audit.services import audit_chain_verify


class Command(BaseCommand):
    help = "Recompute the audit journal's hash chain and name the first broken entry."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = audit_chain_verify()
        if broken is not None:
            raise CommandError(
                f"Audit journal broken at entry #{broken.seq}: {broken.reason} "
                f"({checked} entries before it are intact).",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS(f"Audit journal intact: {checked} entries checked."))
