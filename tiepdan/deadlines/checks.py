"""System check: TIME_LIMIT_OVERRIDES may only change rules the law leaves open ([U])."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from tiepdan.deadlines.rules import override_errors


@checks.register(checks.Tags.compatibility)
def check_time_limit_overrides(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Refuse to start with an override of a fixed rule: a wrong deadline must not go unnoticed."""
    overrides = getattr(settings, "TIME_LIMIT_OVERRIDES", {})
    if not isinstance(overrides, dict):
        return [
            checks.Error(
                "TIME_LIMIT_OVERRIDES must be a mapping of rule ID to days.", id="deadlines.E001"
            )
        ]
    return [
        checks.Error(message, obj="TIME_LIMIT_OVERRIDES", id="deadlines.E002")
        for message in override_errors(overrides)
    ]
