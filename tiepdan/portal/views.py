"""Public pages: published decisions and conclusions. Open to anyone; nothing of a case is shown
but the approved, redacted text and its dates (LTC Art. 40.3; KN-10, TC-12)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tiepdan.core.access import public
from tiepdan.core.exceptions import NotFound
from tiepdan.portal.forms import PublicationSearchForm
from tiepdan.resolution.models import Publication
from tiepdan.resolution.publication import publication_public_get, publication_public_search

PAGE_SIZE = 20


@public
def publication_index(request: HttpRequest) -> HttpResponse:
    """Published texts, newest first, searchable by words, agency, kind and dates."""
    form = PublicationSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    results = publication_public_search(
        query=filters.get("q", ""),
        unit=form.units.get(filters.get("unit", "")),
        kind=filters.get("kind", ""),
        published_from=filters.get("published_from"),
        published_to=filters.get("published_to"),
    )
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "searched": bool(filters and any(filters.values())),
    }
    return render(request, "portal/index.html", context)


@public
def publication_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        publication = publication_public_get(slug=slug)
    except NotFound:
        return render(request, "portal/not_found.html", status=404)
    context = {
        "publication": publication,
        "unit": publication.resolution.org_unit,
        "number": publication.resolution.decision_number,
        "decided_on": publication.resolution.decided_on,
        "is_conclusion": publication.kind == Publication.Kind.DENUNCIATION_CONCLUSION,
    }
    return render(request, "portal/detail.html", context)
