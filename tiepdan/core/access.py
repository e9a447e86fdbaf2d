"""Access rules declared on every view.

Every URL must say who may open it: `public` (no login), `login_only` (any signed-in official),
or a capability check from `tiepdan.accounts.permissions.capability_required`. A test walks the
URL conf and fails on any view without a declared rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])

ACCESS_ATTRIBUTE = "access_rule"
PUBLIC = "public"
LOGIN = "login"


def declare_access(view: ViewFunc, rule: str) -> ViewFunc:
    setattr(view, ACCESS_ATTRIBUTE, rule)
    return view


def public(view: ViewFunc) -> ViewFunc:
    """Open to anyone, signed in or not (the public portal, login, health checks)."""
    return declare_access(login_not_required(view), PUBLIC)


def login_only(view: ViewFunc) -> ViewFunc:
    """Any signed-in official; the view shows only what the official's scope allows."""
    return declare_access(view, LOGIN)


def access_rule_of(view: Callable[..., Any]) -> str | None:
    """The declared rule of a view callback, looking through class-based view wrappers."""
    rule = getattr(view, ACCESS_ATTRIBUTE, None)
    if rule is None and hasattr(view, "view_class"):
        rule = getattr(view.view_class, ACCESS_ATTRIBUTE, None)
    return rule
