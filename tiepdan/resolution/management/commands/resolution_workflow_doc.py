"""python manage.py resolution_workflow_doc: write docs/workflows/resolution.md from the tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from tiepdan.resolution.workflow import workflow_markdown


class Command(BaseCommand):
    help = "Generate docs/workflows/resolution.md from tiepdan/resolution/workflow.py."

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(settings.BASE_DIR, "docs", "workflows", "resolution.md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(workflow_markdown(), encoding="utf-8")
        self.stdout.write(f"Wrote {path.relative_to(settings.BASE_DIR)}")
