"""The legal time-limit rules: their shape, the table, and how to find the one that applies."""

from tiepdan.deadlines.rules.base import (
    Direction,
    Extension,
    Status,
    TimeLimitRule,
    Unit,
    Variant,
    Variants,
)
from tiepdan.deadlines.rules.lookup import (
    override_errors,
    rule_get,
    rule_list,
    rule_with_override,
)
from tiepdan.deadlines.rules.table import RULES

__all__ = [
    "RULES",
    "Direction",
    "Extension",
    "Status",
    "TimeLimitRule",
    "Unit",
    "Variant",
    "Variants",
    "override_errors",
    "rule_get",
    "rule_list",
    "rule_with_override",
]
