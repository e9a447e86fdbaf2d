"""python manage.py api_token_create USERNAME NAME: issue an API token and print it once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiepdan.accounts.models import User
from tiepdan.api.services import api_token_create
from tiepdan.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = (
        "Issue an API token acting as an official (with their roles) and print it on stdout. "
        "Only its hash is stored: copy it now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The official the token acts as.")
        parser.add_argument("name", help="Which system uses the token, and for what.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No official has the username {options['username']!r}.")
        try:
            token, raw = api_token_create(actor=None, user=user, name=options["name"])
        except ApplicationError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            f"Token “{token.name}” ({token.prefix}…) for {user.username}. "
            "It is shown only this once:"
        )
        self.stdout.write(raw)
