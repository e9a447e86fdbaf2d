"""Every write to the unit tree goes through here, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from tiepdan.audit.services import audit_record, model_changes
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.organizations.models import OrgUnit, ReceptionOffice

EDITABLE_FIELDS = (
    "code",
    "name",
    "level",
    "kind",
    "gov_code",
    "division_type",
    "remote_area",
    "address",
    "phone",
    "email",
    "valid_from",
    "valid_to",
)


def _path_for(unit: OrgUnit, parent: OrgUnit | None) -> tuple[str, int]:
    if parent is None:
        return f"/{unit.pk}/", 0
    return f"{parent.path}{unit.pk}/", parent.depth + 1


def _full_clean(obj: OrgUnit | ReceptionOffice, exclude: list[str] | None = None) -> None:
    """Model validation, raised as our error with Django's (translated) messages."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=True)
    except DjangoValidationError as exc:
        raise ValidationFailed("; ".join(str(m) for m in exc.messages)) from exc


def _check(unit: OrgUnit) -> None:
    _full_clean(unit, exclude=["path", "depth", "successors"])


def _snapshot(unit: OrgUnit) -> dict[str, Any]:
    data = model_to_dict(unit, fields=[*EDITABLE_FIELDS, "parent"])
    return data


@transaction.atomic
def org_unit_create(
    *, actor: Any, parent: OrgUnit | None, audit: bool = True, **fields: Any
) -> OrgUnit:
    """Create a unit under a parent (or a root). Audited unless a bulk loader audits in bulk."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(f"Unknown fields: {', '.join(sorted(unknown))}")
    unit = OrgUnit(parent=parent, **fields)
    _check(unit)
    unit.save()
    unit.path, unit.depth = _path_for(unit, parent)
    unit.save(update_fields=["path", "depth"])
    if audit:
        audit_record(
            actor=actor,
            action="org_unit.create",
            obj=unit,
            unit=unit,
            summary=f"Tạo đơn vị {unit.name}",
            changes=model_changes({}, _snapshot(unit)),
        )
    return unit


@transaction.atomic
def org_unit_update(*, actor: Any, unit: OrgUnit, parent: Any = ..., **fields: Any) -> OrgUnit:
    """Change a unit's fields; moving it (new parent) moves its whole subtree. Audited."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(f"Unknown fields: {', '.join(sorted(unknown))}")
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    before = _snapshot(unit)
    for name, value in fields.items():
        setattr(unit, name, value)
    moving = parent is not ... and (parent.pk if parent else None) != unit.parent_id
    if moving:
        if parent is not None and parent.path.startswith(unit.path):
            raise ValidationFailed(_("A unit cannot be placed under itself or its own sub-unit."))
        unit.parent = parent
    _check(unit)
    old_path, old_depth = unit.path, unit.depth
    if moving:
        unit.path, unit.depth = _path_for(unit, parent)
    unit.save()
    if moving:
        _subtree_repath(old_path=old_path, new_path=unit.path, depth_shift=unit.depth - old_depth)
    changes = model_changes(before, _snapshot(unit))
    if changes:
        audit_record(
            actor=actor,
            action="org_unit.update",
            obj=unit,
            unit=unit,
            summary=f"Sửa đơn vị {unit.name}",
            changes=changes,
        )
    return unit


def _subtree_repath(*, old_path: str, new_path: str, depth_shift: int) -> None:
    # One UPDATE for the whole subtree: the new prefix plus what followed the old one.
    OrgUnit.objects.filter(path__startswith=old_path).exclude(path=new_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_shift,
    )


@transaction.atomic
def org_unit_end(
    *, actor: Any, unit: OrgUnit, valid_to: dt.date, successors: Iterable[OrgUnit] = ()
) -> OrgUnit:
    """End a unit on a date and name the units that take over its open work (LEGAL.md §9)."""
    successors = list(successors)
    if any(s.pk == unit.pk for s in successors):
        raise ValidationFailed(_("A unit cannot be its own successor."))
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    unit.valid_to = valid_to
    _check(unit)
    unit.save(update_fields=["valid_to", "updated_at"])
    unit.successors.add(*successors)
    audit_record(
        actor=actor,
        action="org_unit.end",
        obj=unit,
        unit=unit,
        summary=f"Kết thúc đơn vị {unit.name} từ {valid_to.isoformat()}",
        changes={"valid_to": valid_to, "successors": [s.code for s in successors]},
    )
    return unit


@transaction.atomic
def reception_office_save(
    *, actor: Any, office: ReceptionOffice | None = None, **fields: Any
) -> ReceptionOffice:
    """Create or change a reception office. Audited."""
    before: dict[str, Any] = {}
    if office is None:
        office = ReceptionOffice(**fields)
    else:
        before = model_to_dict(office)
        for name, value in fields.items():
            setattr(office, name, value)
    _full_clean(office)
    office.save()
    audit_record(
        actor=actor,
        action="reception_office.save",
        obj=office,
        unit=office.org_unit,
        summary=f"Lưu nơi tiếp công dân {office.name}",
        changes=model_changes(before, model_to_dict(office)),
    )
    return office


def _ensure_unit(spec: Any, parent: OrgUnit | None, existing: dict[str, OrgUnit]) -> OrgUnit:
    unit = existing.get(spec.code)
    if unit is None:
        unit = org_unit_create(
            actor=None,
            parent=parent,
            audit=False,
            code=spec.code,
            name=spec.name,
            level=spec.level,
            kind=spec.kind,
            gov_code=spec.gov_code,
            division_type=spec.division_type,
        )
        existing[spec.code] = unit
    return unit


def units_load_national(
    *,
    actor: Any = None,
    province_codes: Iterable[int] | None = None,
    progress: Any = None,
) -> dict[str, int]:
    """Create the central bodies, and for each province its people's committee, inspectorate,
    reception board and one people's committee per commune. Idempotent: units are keyed on code
    and existing ones are left as they are. One audit entry per province that gained units.

    `progress(done, total, province_name, created)` is called after each province.
    """
    from tiepdan.organizations import national

    codes = list(province_codes) if province_codes is not None else national.province_codes()
    existing = {u.code: u for u in OrgUnit.objects.filter(code__in=_codes_of_interest(codes))}
    created_total = 0
    with transaction.atomic():
        for code, name, kind, parent_code in national.CENTRAL_UNITS:
            if code not in existing:
                spec = national.UnitSpec(code, name, OrgUnit.Level.CENTRAL, kind, "", "", None)
                _ensure_unit(spec, existing.get(parent_code) if parent_code else None, existing)
                created_total += 1
    for index, province_code in enumerate(codes, start=1):
        created = _load_province(actor, province_code, existing)
        created_total += created
        if progress is not None:
            committee = existing[national.province_committee_code(province_code)]
            progress(index, len(codes), committee.name, created)
    return {"provinces": len(codes), "created": created_total}


def _codes_of_interest(province_codes: list[int]) -> list[str]:
    from tiepdan.organizations import national

    codes = [c for c, *_ in national.CENTRAL_UNITS]
    for province_code in province_codes:
        codes += [s.code for s in national.province_specs(province_code)]
        codes += [s.code for s in national.commune_specs(province_code)]
    return codes


@transaction.atomic
def _load_province(actor: Any, province_code: int, existing: dict[str, OrgUnit]) -> int:
    from tiepdan.organizations import national

    government = existing[national.GOVERNMENT_CODE]
    created = 0
    specs = national.province_specs(province_code)
    committee_spec = specs[0]
    if committee_spec.code not in existing:
        created += 1
    committee = _ensure_unit(committee_spec, government, existing)
    for spec in specs[1:]:
        if spec.code not in existing:
            created += 1
            _ensure_unit(spec, committee, existing)
    # Communes in bulk: thousands of rows, two statements per province instead of two per row.
    new_units = [
        OrgUnit(
            code=spec.code,
            name=spec.name,
            level=spec.level,
            kind=spec.kind,
            gov_code=spec.gov_code,
            division_type=spec.division_type,
            parent=committee,
            depth=committee.depth + 1,
        )
        for spec in national.commune_specs(province_code)
        if spec.code not in existing
    ]
    if new_units:
        OrgUnit.objects.bulk_create(new_units, batch_size=500)
        if any(u.pk is None for u in new_units):  # a backend that does not return ids
            by_code = dict(
                OrgUnit.objects.filter(code__in=[u.code for u in new_units]).values_list(
                    "code", "pk"
                )
            )
            for unit in new_units:
                unit.pk = by_code[unit.code]
        for unit in new_units:
            unit.path = f"{committee.path}{unit.pk}/"
            existing[unit.code] = unit
        OrgUnit.objects.bulk_update(new_units, ["path"], batch_size=500)
        created += len(new_units)
    if created:
        audit_record(
            actor=actor,
            action="org_unit.load_national",
            obj=committee,
            unit=committee,
            summary=f"Nạp {created} đơn vị của {committee.name} từ danh mục hành chính",
            changes={"created": created, "province_code": province_code},
        )
    return created
