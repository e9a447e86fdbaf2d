"""python manage.py load_demo: a demo province with officials of every role. Idempotent."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiepdan.demo.data import DEMO_PASSWORD, OFFICIALS, demo_load


class Command(BaseCommand):
    help = (
        "Load Thái Nguyên province with officials of every role, petitions, visits, heads' "
        "sessions and resolution cases (demo password printed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even when DEBUG is off (demo accounts have a published password).",
        )
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Refusing to load demo accounts with a published password while DEBUG is off; "
                "pass --allow-production if this really is a demo server.",
                returncode=2,
            )
        created = demo_load()
        self.stdout.write(
            "Dữ liệu mẫu: tạo mới "
            f"{created['units']} đơn vị, {created['offices']} nơi tiếp công dân, "
            f"{created['officials']} cán bộ, {created['memberships']} vai trò, "
            f"{created['petitions']} đơn, {created['visits']} lượt tiếp công dân, "
            f"{created['sessions']} phiên tiếp công dân định kỳ, "
            f"{created['cases']} vụ việc đã giải quyết."
        )
        if options["quiet_logins"]:
            return
        self.stdout.write("")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for official in OFFICIALS:
            self.stdout.write(
                f"  {official.username:<15} {official.role.label:<32} {official.full_name}"
            )
