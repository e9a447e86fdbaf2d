"""Video rooms of online sessions on the agency's self-hosted Jitsi Meet server.

NĐ 154/2026 Art. 16.2 runs online reception on a platform the agency controls: the room is on
the server named by settings.JITSI_BASE_URL, and, when the server uses Jitsi's token
authentication (JITSI_APP_ID / JITSI_APP_SECRET), the link carries an HS256 JWT. The token is
built with the standard library (hmac, hashlib, base64): no JWT dependency for one algorithm.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
import string
from typing import Any
from urllib.parse import quote, urlsplit

from django.conf import settings

from tiepdan.core import clock

# Lower-case letters and digits: room names are case-insensitive on Jitsi, and a random
# 20-character name (about 103 bits) cannot be guessed by someone wanting to listen in.
_ROOM_ALPHABET = string.ascii_lowercase + string.digits
ROOM_PREFIX = "tiepdan-"
OPENS_BEFORE = dt.timedelta(hours=2)  # the room opens two hours before the start
CLOCK_SKEW_SECONDS = 60  # a minute of clock skew between the app and the video server


def room_name_new() -> str:
    return ROOM_PREFIX + "".join(secrets.choice(_ROOM_ALPHABET) for _i in range(20))


def is_configured() -> bool:
    return bool(settings.JITSI_BASE_URL.strip())


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(signing_input: bytes, secret: str) -> str:
    return _b64url(hmac.new(secret.encode(), signing_input, hashlib.sha256).digest())


def jwt_encode(claims: dict[str, Any], secret: str) -> str:
    """A compact JWS with HS256 (RFC 7515, 7519)."""
    header = {"alg": "HS256", "typ": "JWT"}
    parts = [
        _b64url(json.dumps(part, separators=(",", ":"), ensure_ascii=False).encode())
        for part in (header, claims)
    ]
    signing_input = ".".join(parts).encode("ascii")
    return f"{parts[0]}.{parts[1]}.{_sign(signing_input, secret)}"


def jwt_decode(token: str, secret: str) -> dict[str, Any]:
    """The claims of a token signed with `secret`; ValueError if the signature is wrong, it is
    not yet valid or it has expired. Used by the tests and by anyone checking a link by hand."""
    try:
        header_part, claims_part, signature = token.split(".")
    except ValueError:
        raise ValueError("not a compact JWT") from None
    header = json.loads(_b64url_decode(header_part))
    if header.get("alg") != "HS256":
        raise ValueError("unexpected algorithm")
    expected = _sign(f"{header_part}.{claims_part}".encode("ascii"), secret)
    if not hmac.compare_digest(expected, signature):
        raise ValueError("bad signature")
    claims: dict[str, Any] = json.loads(_b64url_decode(claims_part))
    now = int(clock.now().timestamp())
    if "nbf" in claims and claims["nbf"] > now:
        raise ValueError("not yet valid")
    if "exp" in claims and claims["exp"] < now:
        raise ValueError("expired")
    return claims


def token_window(starts_at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """When a room token for a session starting at `starts_at` is valid: from OPENS_BEFORE
    before the start (or now, if later) to JITSI_TOKEN_HOURS after it. A link copied from the
    page is no key to the room weeks ahead or long after (NĐ 154/2026 Art. 23.1 asks the sites
    to connect at least an hour before: two hours leave room for it)."""
    opens = max(starts_at - OPENS_BEFORE, clock.now())
    return opens, starts_at + dt.timedelta(hours=settings.JITSI_TOKEN_HOURS)


def room_token(room_name: str, *, starts_at: dt.datetime, display_name: str = "") -> str:
    """The JWT Jitsi's token authentication (prosody mod_auth_token) expects for one room, for
    the session's window (token_window); "" once the window has closed."""
    opens, closes = token_window(starts_at)
    if closes <= clock.now():
        return ""
    claims: dict[str, Any] = {
        "aud": "jitsi",
        "iss": settings.JITSI_APP_ID,
        "sub": urlsplit(settings.JITSI_BASE_URL).hostname or "*",
        "room": room_name,
        "nbf": int(opens.timestamp()) - CLOCK_SKEW_SECONDS,
        "exp": int(closes.timestamp()),
    }
    if display_name:
        claims["context"] = {"user": {"name": display_name}}
    return jwt_encode(claims, settings.JITSI_APP_SECRET)


def uses_tokens() -> bool:
    return bool(settings.JITSI_APP_ID and settings.JITSI_APP_SECRET)


def room_url(room_name: str, *, starts_at: dt.datetime, display_name: str = "") -> str:
    """The link to the room, with a token when the server needs one; "" when no server is
    configured, the session has no room, or the token's window has closed.

    Give it only to those who take part (session_selectors.session_may_join): on a server
    without tokens the link alone opens the room.
    """
    if not room_name or not is_configured():
        return ""
    url = f"{settings.JITSI_BASE_URL.strip().rstrip('/')}/{quote(room_name)}"
    if uses_tokens():
        token = room_token(room_name, display_name=display_name, starts_at=starts_at)
        if not token:
            return ""
        url += f"?jwt={token}"
    return url
