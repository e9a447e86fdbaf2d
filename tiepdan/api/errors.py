"""Every error as JSON {"detail": ..., "errors": {field: message}}, in the request's language."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import HttpError
from ninja.errors import ValidationError as RequestInvalid

from tiepdan.core.exceptions import ApplicationError, NotFound

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger("tiepdan.api")

# pydantic's error types, said in words an official understands (the English originals name
# Python types). Anything not listed gets the generic message.
INPUT_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "string_type": gettext_lazy("Enter text."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "bool_type": gettext_lazy("Enter true or false."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "date_type": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "list_type": gettext_lazy("Enter a list."),
    "model_type": gettext_lazy("Enter an object with the documented fields."),
    "model_attributes_type": gettext_lazy("Enter an object with the documented fields."),
    "dict_type": gettext_lazy("Enter an object with the documented fields."),
    "enum": gettext_lazy("Choose one of: %(expected)s."),
    "literal_error": gettext_lazy("Choose one of: %(expected)s."),
    "string_too_long": gettext_lazy("Enter at most %(max_length)s characters."),
    "string_too_short": gettext_lazy("Enter at least %(min_length)s characters."),
    "too_long": gettext_lazy("Give at most %(max_length)s items."),
    "float_type": gettext_lazy("Enter a number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "decimal_max_places": gettext_lazy("Enter at most %(decimal_places)s decimal places."),
    "greater_than_equal": gettext_lazy("Enter a number of at least %(ge)s."),
    "less_than_equal": gettext_lazy("Enter a number of at most %(le)s."),
    "extra_forbidden": gettext_lazy("This field is not part of the API; check its spelling."),
    "json_invalid": gettext_lazy("The request body is not valid JSON."),
}


def error_body(detail: Any, errors: Mapping[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"detail": str(detail)}
    if errors:
        body["errors"] = {str(key): str(value) for key, value in errors.items()}
    return body


def input_message(error: Mapping[str, Any]) -> str:
    template = INPUT_MESSAGES.get(error.get("type", ""))
    if template is None:
        return _("This value is not valid.")
    context = dict(error.get("ctx") or {})
    for key, value in context.items():  # a bound of a float field: "0", not "0.0"
        if isinstance(value, float) and value.is_integer():
            context[key] = int(value)
    if "expected" in context:  # pydantic lists choices as "'a', 'b' or 'c'"
        context["expected"] = str(context["expected"]).replace(" or ", ", ")
    try:
        return str(template) % context
    except (KeyError, TypeError, ValueError):
        return _("This value is not valid.")


def input_field(loc: tuple[Any, ...] | list[Any]) -> str:
    """('body', 'payload', 'petitioners', 0, 'full_name') → 'petitioners.0.full_name'."""
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[2:]  # the source, then the name of the endpoint's body parameter
    elif parts:
        parts = parts[1:]  # query / path: the parameter name follows
    return ".".join(parts) or "__all__"


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's handlers so every error has the same shape and a translated message."""

    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        detail = str(exc)
        if isinstance(exc, NotFound):
            # The same words whether it does not exist or the caller may not see it.
            detail = _("Not found, or you may not see it.")
        errors = exc.extra.get("errors") or {}
        if not errors and exc.extra.get("field"):
            errors = {exc.extra["field"]: detail}
        return api.create_response(request, error_body(detail, errors), status=exc.status_code)

    def request_invalid(request: HttpRequest, exc: RequestInvalid) -> HttpResponse:
        errors: dict[str, str] = {}
        for error in exc.errors:
            errors.setdefault(input_field(error.get("loc", ())), input_message(error))
        detail = _("The request has %(count)s invalid fields: see “errors”.") % {
            "count": len(errors)
        }
        return api.create_response(request, error_body(detail, errors), status=422)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        messages = {
            400: _("The request body is not valid JSON."),
            401: _(
                "Authentication required: send a valid API token in the header "
                "“Authorization: Bearer <token>”, or sign in."
            ),
            403: _("The CSRF check failed: reload the page and try again."),
            429: _("Too many requests: wait a moment and try again."),
        }
        detail = messages.get(exc.status_code, _("The request could not be processed."))
        return api.create_response(request, error_body(detail), status=exc.status_code)

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(
            request, error_body(_("Not found, or you may not see it.")), status=404
        )

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A bug: logged with its trace (and signalled, as Django does for its own 500s, so error
        # trackers see it); the caller learns only that it failed.
        logger.error("API error: %s %s", request.method, request.path, exc_info=exc)
        got_request_exception.send(sender=None, request=request)
        detail = _("Internal error; it has been logged for the administrators.")
        return api.create_response(request, error_body(detail), status=500)

    api.add_exception_handler(ApplicationError, application_error)
    api.add_exception_handler(RequestInvalid, request_invalid)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(Exception, server_error)
