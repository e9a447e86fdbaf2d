"""Who is calling: a system with a token (Bearer), or an official's browser session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from tiepdan.api.services import api_token_authenticate


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: the call acts as the token's official, with their roles."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(raw=token.strip())
        if user is not None:
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """The signed-in official's session, so the API can be tried from /api/v1/docs.

    The cookie is sent by the browser on its own, so writes need the CSRF token (checked by
    ninja). Without a signed-in session there is nothing to check: the answer is 401, not 403.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)
