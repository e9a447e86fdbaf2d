"""Units: find the code of a unit by its name, to name it in petitions and actions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from tiepdan.api.schemas import ErrorOut, UnitListItem
from tiepdan.organizations.selectors import org_unit_search

router = Router(tags=["units"])


class UnitQuery(Schema):
    q: str = Field("", max_length=200, description="Part of the name, or the exact code.")
    limit: int = Field(20, ge=1, le=100)


@router.get(
    "",
    response={200: list[UnitListItem], 401: ErrorOut, 422: ErrorOut},
    summary="Find units",
)
def unit_list(request: HttpRequest, filters: Query[UnitQuery]) -> list[Any]:
    """Units whose name contains `q` (or whose code is `q`), by code."""
    return list(org_unit_search(query=filters.q.strip()).order_by("code")[: filters.limit])
