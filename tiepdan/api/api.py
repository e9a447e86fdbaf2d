"""The REST API at /api/v1/ (django-ninja; OpenAPI at /api/v1/openapi.json, docs at /docs)."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from tiepdan.api.access import api_access_declare
from tiepdan.api.auth import ApiTokenAuth, SessionAuth
from tiepdan.api.errors import install_error_handlers
from tiepdan.api.petitions import router as petitions_router
from tiepdan.api.units import router as units_router


class ReadableJSONRenderer(JSONRenderer):
    """JSON with Vietnamese as it is (“Đức”), not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class TiepdanAPI(NinjaAPI):
    """A NinjaAPI whose URL patterns carry tiepdan's access rules (tiepdan.core.access)."""

    @property
    def urls(self) -> tuple[list[Any], str, str]:
        patterns, app_name, namespace = super().urls
        api_access_declare(patterns)
        return patterns, app_name, namespace


DESCRIPTION = """\
Petitions of the caller's units, as an official sees them in the workspace.

Authenticate with `Authorization: Bearer <token>` (tokens are issued by an administrator:
`python manage.py api_token_create USERNAME NAME`, or in the admin site). The token acts as
its official: every call is limited to what that official's roles allow. Signed-in officials
can also try the API from this page (their session is used; writes need the CSRF token, which
this page sends).

Errors are `{"detail": "...", "errors": {"field": "message"}}` in the language of the request
(`Accept-Language`; Vietnamese by default). Petitions are named by their `reference` (the
tracking code, or `code-part` for a part of a split petition), units by their `code`,
officials by their username.
"""

api = TiepdanAPI(
    title="tiepdan API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[ApiTokenAuth(), SessionAuth(csrf=True)],
    renderer=ReadableJSONRenderer(),
)
install_error_handlers(api)
api.add_router("/petitions", petitions_router)
api.add_router("/units", units_router)
api.add_router("/resolutions", "tiepdan.api.resolution.router")
api.add_router("/reception", "tiepdan.api.reception.router")
