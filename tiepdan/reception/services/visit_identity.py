"""Reading who came to a visit: a denouncer's identity is shown only to the officials who may
know it, and each showing is journaled (LTC Art. 9, 47.2, 56; NĐ 154/2026 Art. 12.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from tiepdan.audit.services import audit_record
from tiepdan.core.exceptions import PermissionDenied
from tiepdan.organizations.models import OrgUnit
from tiepdan.reception.models import Visit
from tiepdan.reception.permissions import VisitIdentity, visit_identity
from tiepdan.reception.selectors import RegisterRow


def visit_identity_read(*, actor: Any, visit: Visit) -> VisitIdentity:
    """The people of the visit as this official may see them. Showing a denouncer's identity
    to an entitled official is written to the audit journal (LTC Art. 9, 47, 56)."""
    identity = visit_identity(actor, visit)
    if identity.is_confidential and identity.visible:
        audit_record(
            actor=actor,
            action="reception.identity_view",
            obj=visit,
            unit=visit.org_unit,
            summary=f"Xem thông tin người tố cáo của lượt tiếp số {visit.serial}/{visit.year}",
        )
    return identity


def register_identity_read(
    *,
    actor: Any,
    unit: OrgUnit,
    rows: Sequence[RegisterRow],
    date_from: dt.date,
    date_to: dt.date,
    export: bool = False,
) -> None:
    """Write to the audit journal that the official was shown (or exported) register rows
    naming denouncers; the numbers of those visits, never the names (LTC Art. 9, 47, 56)."""
    numbers = [
        f"{row.visit.serial}/{row.visit.year}"
        for row in rows
        if row.is_confidential and row.identity_visible
    ]
    if not numbers:
        return
    what = "Xuất" if export else "Xem"
    audit_record(
        actor=actor,
        action="reception.register_export" if export else "reception.register_view",
        object_type="reception.Register",
        object_id=unit.code,
        unit=unit,
        summary=(
            f"{what} sổ tiếp công dân từ {date_from:%d/%m/%Y} đến {date_to:%d/%m/%Y} "
            f"có thông tin người tố cáo"
        ),
        changes={"visits": numbers},
    )


def visit_appointment_open(*, actor: Any, visit: Visit) -> FieldFile:
    """The document appointing a group's representatives names and identifies them: for a
    visit about a denunciation only the officials who may know the denouncers open it, and
    each opening is journaled (LTC Art. 9, 56)."""
    identity = visit_identity(actor, visit)
    if not identity.visible:
        raise PermissionDenied(
            _("Only the officials who may know the denouncer open this document.")
        )
    if identity.is_confidential:
        audit_record(
            actor=actor,
            action="reception.identity_view",
            obj=visit,
            unit=visit.org_unit,
            summary=(f"Mở văn bản cử người đại diện của lượt tiếp số {visit.serial}/{visit.year}"),
        )
    return visit.appointment_document
