"""The list of resolution cases: mine, or my units' (leaders see the units they oversee)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from tiepdan.accounts.permissions import (
    Capability,
    capability_required,
    units_in_scope,
    user_has_capability,
)
from tiepdan.resolution.forms import CaseFilterForm
from tiepdan.resolution.selectors import resolution_list_for_user

PAGE_SIZE = 25


def _query(base: QueryDict, **changes: str) -> str:
    """The query string with some parameters changed (and the page reset)."""
    copy = base.copy()
    copy.pop("page", None)
    for name, value in changes.items():
        if value:
            copy[name] = value
        else:
            copy.pop(name, None)
    return copy.urlencode()


def default_tab(user: Any) -> str:
    """Leaders start with their units' cases; the officials who resolve them, with their own."""
    return "unit" if user_has_capability(user, Capability.DECIDE) else "mine"


@capability_required(Capability.VIEW_PETITIONS)
def case_list(request: HttpRequest) -> HttpResponse:
    units = list(units_in_scope(request.user, Capability.VIEW_PETITIONS).order_by("path"))
    form = CaseFilterForm(request.GET or None, units=units)
    values = form.values()
    tab = values.get("tab") or default_tab(request.user)
    cases = resolution_list_for_user(
        user=request.user,
        unit=form.chosen_unit(),
        mine=tab == "mine",
        track=values.get("track", ""),
        status=values.get("status", ""),
        overdue_only=bool(values.get("overdue")),
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "resolution/list.html",
        {
            "form": form,
            "tab": tab,
            "page": page,
            "query": _query(request.GET),
            "mine_query": _query(request.GET, tab="mine"),
            "unit_query": _query(request.GET, tab="unit"),
            "clear_query": _query(QueryDict(), tab=tab),
            "has_filters": any(values.get(k) for k in ("track", "status", "overdue"))
            or form.chosen_unit() is not None,
            "many_units": len(units) > 1,
        },
    )
