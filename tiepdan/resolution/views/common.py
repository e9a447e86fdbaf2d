"""Helpers shared by the resolution pages: fetching the case the official may see, links."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import reverse

from tiepdan.core.exceptions import NotFound
from tiepdan.resolution.models import Resolution
from tiepdan.resolution.selectors import resolution_get_for_user


def case_number(request: HttpRequest) -> int | None:
    """`?case=2` (or the posted field): which of the petition's cases, when it has several."""
    raw = request.POST.get("case") or request.GET.get("case") or ""
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100 else None


def case_or_404(request: HttpRequest, reference: str) -> Resolution:
    """The case if the official may see it; a 404 otherwise (existence is not revealed)."""
    try:
        return resolution_get_for_user(
            user=request.user, reference=reference, case=case_number(request)
        )
    except NotFound:
        raise Http404(reference) from None


def case_url(resolution: Resolution, name: str = "resolution:detail") -> str:
    """The case's page (or one of its action URLs), naming the case when there are several."""
    url = reverse(name, kwargs={"reference": resolution.petition.reference})
    if getattr(resolution, "case_count", 1) > 1:
        url += f"?case={resolution.number}"  # type: ignore[attr-defined]
    return url
