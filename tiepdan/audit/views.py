"""The journal for auditors: filter by object, actor and date."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tiepdan.accounts.permissions import Capability, capability_required
from tiepdan.audit.forms import AuditFilterForm
from tiepdan.audit.selectors import audit_entry_list, audit_object_types

PAGE_SIZE = 50


@capability_required(Capability.VIEW_AUDIT)
def journal(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entry_list(**{k: v for k, v in filters.items() if v})
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/journal.html",
        {
            "form": form,
            "page": page,
            "object_types": audit_object_types(),
            "query": query.urlencode(),
        },
    )
