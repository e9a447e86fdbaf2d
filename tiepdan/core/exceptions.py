"""Errors that services raise; their messages are shown to people, so they are translatable."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A rule of the domain was broken by the request; the message tells the user what to fix."""

    status_code = 400

    def __init__(self, message: Any, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}

    def __str__(self) -> str:
        return str(self.message)


class ValidationFailed(ApplicationError):
    """The input does not satisfy a rule."""


class PermissionDenied(ApplicationError):
    """The actor's roles do not allow this action in this unit."""

    status_code = 403


class NotFound(ApplicationError):
    """The object does not exist or the actor may not see it (the two look the same)."""

    status_code = 404


class Conflict(ApplicationError):
    """The object changed state meanwhile, or the action was already done."""

    status_code = 409
