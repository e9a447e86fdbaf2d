"""The inbox of a unit: filters, counts per state, search, paging."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from tiepdan.accounts.permissions import Capability, capability_required
from tiepdan.core import clock
from tiepdan.petitions.forms import InboxFilterForm
from tiepdan.petitions.selectors import InboxFilters, petition_inbox, petition_state_counts
from tiepdan.petitions.views.common import member_units
from tiepdan.petitions.workflow import Status

PAGE_SIZE = 25


def _with(query: QueryDict, **changes: str) -> str:
    """The current query string with some parameters changed (and the page reset)."""
    copy = query.copy()
    copy.pop("page", None)
    for name, value in changes.items():
        if value:
            copy[name] = value
        else:
            copy.pop(name, None)
    return copy.urlencode()


def _filters(request: HttpRequest, form: InboxFilterForm) -> InboxFilters:
    values: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and not form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    assignee = values.get("assignee", "")
    return InboxFilters(
        unit=form.chosen_unit(),
        kind=values.get("kind", ""),
        status=values.get("status", ""),
        channel=values.get("channel", ""),
        assigned_to=request.user if assignee == "me" else None,
        unassigned_only=assignee == "none",
        overdue_only=bool(values.get("overdue")),
        query=(values.get("q") or "").strip(),
        sort=values.get("sort") or "due",
        transferred_out=values.get("view") == "transferred",
    )


@capability_required(Capability.VIEW_PETITIONS)
def inbox(request: HttpRequest) -> HttpResponse:
    units = member_units(request.user, Capability.VIEW_PETITIONS)
    form = InboxFilterForm(request.GET or None, units=units)
    filters = _filters(request, form)
    page = Paginator(petition_inbox(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    chips = []
    if not filters.transferred_out:
        counts = petition_state_counts(user=request.user, unit=filters.unit)
        chips = [
            {
                "status": status,
                "label": label,
                "count": counts.get(status, 0),
                "query": _with(request.GET, status=status),
                "current": filters.status == status,
            }
            for status, label in Status.choices
            if counts.get(status)
        ]
        chips.insert(
            0,
            {
                "status": "",
                "label": None,
                "count": sum(counts.values()),
                "query": _with(request.GET, status=""),
                "current": not filters.status,
            },
        )
    unit_value = "all" if filters.unit is None else str(filters.unit.pk)
    return render(
        request,
        "petitions/inbox.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "today": clock.today(),
            "chips": chips,
            "query": _with(request.GET),
            "held_query": _with(QueryDict(mutable=True), unit=unit_value),
            "transferred_query": _with(
                QueryDict(mutable=True), unit=unit_value, view="transferred"
            ),
            "has_filters": any(
                [filters.kind, filters.status, filters.channel, filters.query, filters.overdue_only]
            )
            or filters.assigned_to is not None
            or filters.unassigned_only,
        },
    )
