"""Display helpers for the resolution pages: case links, and the cases of a petition."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import numberformat
from django.utils.formats import get_format

from tiepdan.resolution.selectors import (
    RUNNING,
    resolution_for_petition,
    resolution_list_for_user,
    resolution_queryset_for_user,
)
from tiepdan.resolution.views.common import case_url
from tiepdan.resolution.workflow import TERMINAL, Status

register = template.Library()


@register.simple_tag(takes_context=True)
def petition_cases(context: template.Context, petition: Any) -> list[Any]:
    """The resolution cases of a petition that the signed-in official may open."""
    cases = resolution_for_petition(user=context["request"].user, petition=petition)
    for case in cases:
        case.case_count = len(cases)
    return cases


@register.filter
def case_link(case: Any) -> str:
    """The case's page; `?case=n` when the petition has several cases."""
    return case_url(case)


@register.filter
def is_running(case: Any) -> bool:
    """The main time limit runs: not suspended, not yet decided, not closed."""
    return case.status in RUNNING


@register.filter
def is_suspended(case: Any) -> bool:
    return case.status == Status.SUSPENDED


@register.simple_tag(takes_context=True)
def resolution_home_summary(context: template.Context) -> dict[str, int]:
    """For the home tile: open cases in the official's units, those assigned to them, and
    the overdue ones."""
    user = context["request"].user
    open_cases = resolution_queryset_for_user(user).exclude(status__in=TERMINAL)
    return {
        "open": open_cases.count(),
        "mine": resolution_list_for_user(user=user, mine=True).exclude(status__in=TERMINAL).count(),
        "overdue": resolution_list_for_user(user=user, overdue_only=True).count(),
    }


@register.filter
def amount(value: Any) -> str:
    """150000000 → '150.000.000' (Vietnamese groups thousands; Django's vi format does not);
    land areas keep one decimal: 1234,5."""
    number = Decimal(value or 0)
    places = 0 if number == number.to_integral_value() else 1
    return numberformat.format(
        number,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
