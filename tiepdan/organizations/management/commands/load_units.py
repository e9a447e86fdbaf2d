"""python manage.py load_units [--province 19 ...]: Việt Nam's provinces and communes."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiepdan.organizations import national
from tiepdan.organizations.services import units_load_national


class Command(BaseCommand):
    help = (
        "Create the 34 provinces (people's committee, inspectorate, reception board) and 3,321 "
        "communes (people's committee) from the vietnam-provinces package. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            type=int,
            action="append",
            dest="provinces",
            help="Only this province code (repeatable), e.g. --province 19 for Thái Nguyên.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        known = set(national.province_codes())
        codes = options["provinces"]
        if codes:
            unknown = sorted(set(codes) - known)
            if unknown:
                raise CommandError(
                    f"Không có mã tỉnh {', '.join(map(str, unknown))}. "
                    f"Các mã hợp lệ: {', '.join(map(str, sorted(known)))}.",
                    returncode=2,
                )

        def progress(done: int, total: int, name: str, created: int) -> None:
            self.stdout.write(f"[{done:>2}/{total}] {name}: +{created}")

        result = units_load_national(province_codes=codes, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Xong: {result['provinces']} tỉnh/thành phố, tạo mới {result['created']} đơn vị."
            )
        )
