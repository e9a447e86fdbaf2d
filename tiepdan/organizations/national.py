"""Việt Nam's administrative units (34 provinces, 3,321 communes) as unit specifications.

Reads the `vietnam-provinces` package (the post-2025 two-level structure). Pure: builds specs,
writes nothing; `services.units_load_national` writes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from vietnam_provinces import Province, Ward

from tiepdan.organizations.models import OrgUnit

Kind = OrgUnit.Kind
Level = OrgUnit.Level

# The central bodies the provinces hang under, so that the Government Inspectorate oversees the
# whole country and the central reception board belongs to it (LTCD Art. 11).
GOVERNMENT_CODE = "CP"
CENTRAL_UNITS: tuple[tuple[str, str, str, str | None], ...] = (
    (GOVERNMENT_CODE, "Chính phủ", Kind.OTHER, None),
    ("TTCP", "Thanh tra Chính phủ", Kind.INSPECTORATE, GOVERNMENT_CODE),
    ("BTCDTW", "Ban Tiếp công dân trung ương", Kind.RECEPTION_BOARD, "TTCP"),
)


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    level: str
    kind: str
    gov_code: str
    division_type: str
    parent_code: str | None


def tidy(name: str) -> str:
    """Collapse the doubled spaces some package names carry ("Xã  Phú Hữu")."""
    return " ".join(name.split())


def _lower_first(words: str) -> str:
    return words[:1].lower() + words[1:]


def province_place(name: str) -> str:
    """'Thành phố Hà Nội' → 'thành phố Hà Nội'; 'Cao Bằng' → 'tỉnh Cao Bằng'."""
    name = tidy(name)
    return _lower_first(name) if name.startswith("Thành phố ") else f"tỉnh {name}"


def province_committee_code(province_code: int) -> str:
    return f"UBND-T{province_code:02d}"


def commune_committee_code(ward_code: int) -> str:
    return f"UBND-X{ward_code:05d}"


def province_codes() -> list[int]:
    return [int(p.code) for p in Province.iter_all()]


def province_specs(province_code: int) -> list[UnitSpec]:
    """The province's people's committee, inspectorate and reception board."""
    province = next(p for p in Province.iter_all() if int(p.code) == province_code)
    place = province_place(province.name)
    division = str(province.division_type.value)
    gov = f"{province_code:02d}"
    committee = province_committee_code(province_code)
    return [
        UnitSpec(
            committee,
            f"Ủy ban nhân dân {place}",
            Level.PROVINCE,
            Kind.PEOPLES_COMMITTEE,
            gov,
            division,
            GOVERNMENT_CODE,
        ),
        UnitSpec(
            f"TTR-T{province_code:02d}",
            f"Thanh tra {place}",
            Level.PROVINCE,
            Kind.INSPECTORATE,
            gov,
            division,
            committee,
        ),
        UnitSpec(
            f"BTCD-T{province_code:02d}",
            f"Ban Tiếp công dân {place}",
            Level.PROVINCE,
            Kind.RECEPTION_BOARD,
            gov,
            division,
            committee,
        ),
    ]


def commune_specs(province_code: int) -> Iterator[UnitSpec]:
    """One people's committee per commune, ward or special zone of the province."""
    parent = province_committee_code(province_code)
    for ward in Ward.iter_by_province(province_code):  # type: ignore[arg-type]
        yield UnitSpec(
            commune_committee_code(int(ward.code)),
            f"Ủy ban nhân dân {_lower_first(tidy(ward.name))}",
            Level.COMMUNE,
            Kind.PEOPLES_COMMITTEE,
            f"{int(ward.code):05d}",
            str(ward.division_type.value),
            parent,
        )
