"""Building unit trees for tests through the real service (so paths are real)."""

from __future__ import annotations

import itertools
from typing import Any

from tiepdan.organizations.models import OrgUnit
from tiepdan.organizations.services import org_unit_create

_codes = itertools.count(1)


def make_unit(
    *,
    parent: OrgUnit | None = None,
    kind: str = OrgUnit.Kind.PEOPLES_COMMITTEE,
    level: str | None = None,
    name: str | None = None,
    **fields: Any,
) -> OrgUnit:
    number = next(_codes)
    if level is None:
        level = OrgUnit.Level.PROVINCE if parent is None else parent.level
    return org_unit_create(
        actor=None,
        parent=parent,
        code=fields.pop("code", f"T-{number:05d}"),
        name=name or f"Đơn vị thử {number}",
        level=level,
        kind=kind,
        **fields,
    )


def make_province_tree() -> dict[str, OrgUnit]:
    """A province committee with an inspectorate, a department and two communes."""
    province = make_unit(name="Ủy ban nhân dân tỉnh Thử")
    return {
        "province": province,
        "inspectorate": make_unit(
            parent=province, kind=OrgUnit.Kind.INSPECTORATE, name="Thanh tra tỉnh Thử"
        ),
        "department": make_unit(
            parent=province, kind=OrgUnit.Kind.DEPARTMENT, name="Sở Xây dựng tỉnh Thử"
        ),
        "commune_a": make_unit(
            parent=province, level=OrgUnit.Level.COMMUNE, name="Ủy ban nhân dân xã A"
        ),
        "commune_b": make_unit(
            parent=province, level=OrgUnit.Level.COMMUNE, name="Ủy ban nhân dân xã B"
        ),
    }
