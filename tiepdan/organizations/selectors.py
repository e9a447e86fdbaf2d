"""Reads over the unit tree."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from tiepdan.organizations.models import OrgUnit


def org_unit_subtree(unit: OrgUnit, *, include_self: bool = True) -> QuerySet[OrgUnit]:
    """The unit and every unit below it, in one indexed prefix query."""
    qs = OrgUnit.objects.filter(path__startswith=unit.path)
    return qs if include_self else qs.exclude(pk=unit.pk)


def org_unit_subtrees(units: Iterable[OrgUnit]) -> QuerySet[OrgUnit]:
    """Every unit in any of the given units' subtrees."""
    condition = Q(pk__in=[])
    for unit in units:
        condition |= Q(path__startswith=unit.path)
    return OrgUnit.objects.filter(condition)


def org_unit_supervised_root(unit: OrgUnit) -> OrgUnit:
    """The top of the subtree that a unit's leaders and inspectors oversee.

    An inspectorate oversees its people's committee's whole subtree (the province inspectorate
    oversees complaint and denunciation work across the province, Luật Thanh tra 2025; the
    Government Inspectorate, across the country); any other unit, its own subtree.
    """
    if unit.kind == OrgUnit.Kind.INSPECTORATE and unit.parent_id is not None:
        return unit.parent  # type: ignore[return-value]  # parent_id checked above
    return unit


def org_unit_ancestors(unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The chain of units above a unit, root first."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    return OrgUnit.objects.filter(pk__in=ids).exclude(pk=unit.pk).order_by("depth")


def org_unit_search(*, query: str = "", level: str = "", kind: str = "") -> QuerySet[OrgUnit]:
    qs = OrgUnit.objects.all()
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(code__iexact=query))
    if level:
        qs = qs.filter(level=level)
    if kind:
        qs = qs.filter(kind=kind)
    return qs
