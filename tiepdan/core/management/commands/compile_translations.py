"""python manage.py compile_translations [--check]: build .mo files; --check refuses gaps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiepdan.core.translations import catalogues, check_catalogue, compile_catalogue


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/django.po of the project with polib."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Fail if any entry is untranslated or fuzzy.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(settings.BASE_DIR)
        found = catalogues(root)
        problems = []
        for po_path in found:
            compile_catalogue(po_path)
            if options["check"]:
                problems += check_catalogue(po_path)
        for problem in problems:
            self.stderr.write(
                f"{problem.path.relative_to(root)}: {problem.problem}: {problem.msgid!r}"
            )
        if problems:
            raise CommandError(f"{len(problems)} catalogue entries need a translation.")
        self.stdout.write(f"Compiled {len(found)} catalogues.")
