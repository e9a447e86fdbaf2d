"""Roles, capabilities, and which role may do what (the capability table)."""

from __future__ import annotations

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RECEPTION_OFFICER = "reception_officer", _("Reception officer")
    TRIAGE_OFFICER = "triage_officer", _("Triage officer")
    RESOLVER = "resolver", _("Resolver (inspector / verifier)")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    REPORTING_OFFICER = "reporting_officer", _("Reporting officer")
    UNIT_ADMIN = "unit_admin", _("Unit administrator")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    AUDITOR = "auditor", _("Auditor")


class Capability(models.TextChoices):
    VIEW_PETITIONS = "view_petitions", _("See petitions")
    RECEIVE_CITIZENS = "receive_citizens", _("Receive citizens and record visits")
    RECEIVE_PETITIONS = "receive_petitions", _("Record received petitions")
    TRIAGE_PETITIONS = "triage_petitions", _("Triage petitions")
    RESOLVE_PETITIONS = "resolve_petitions", _("Verify and draft resolutions")
    ASSIGN_WORK = "assign_work", _("Assign petitions to officials")
    DECIDE = "decide", _("Approve and sign decisions")
    VIEW_REPORTS = "view_reports", _("See statistics and dashboards")
    PREPARE_REPORTS = "prepare_reports", _("Prepare statutory reports")
    MANAGE_UNIT = "manage_unit", _("Edit the unit and its reception offices")
    MANAGE_OFFICIALS = "manage_officials", _("Manage officials and their roles")
    MANAGE_CALENDAR = "manage_calendar", _("Edit the working-day calendar")
    MANAGE_REFERENCE_DATA = "manage_reference_data", _("Edit reference lists")
    VIEW_AUDIT = "view_audit", _("Read the audit journal")


C = Capability

ROLE_CAPABILITIES: Final[dict[Role, frozenset[Capability]]] = {
    Role.RECEPTION_OFFICER: frozenset({C.VIEW_PETITIONS, C.RECEIVE_CITIZENS, C.RECEIVE_PETITIONS}),
    Role.TRIAGE_OFFICER: frozenset({C.VIEW_PETITIONS, C.RECEIVE_PETITIONS, C.TRIAGE_PETITIONS}),
    Role.RESOLVER: frozenset({C.VIEW_PETITIONS, C.RESOLVE_PETITIONS}),
    Role.UNIT_LEADER: frozenset(
        {C.VIEW_PETITIONS, C.RECEIVE_CITIZENS, C.ASSIGN_WORK, C.DECIDE, C.VIEW_REPORTS}
    ),
    Role.REPORTING_OFFICER: frozenset({C.VIEW_PETITIONS, C.VIEW_REPORTS, C.PREPARE_REPORTS}),
    Role.UNIT_ADMIN: frozenset({C.MANAGE_UNIT, C.MANAGE_OFFICIALS}),
    Role.SYSTEM_ADMIN: frozenset(
        {
            C.MANAGE_UNIT,
            C.MANAGE_OFFICIALS,
            C.MANAGE_CALENDAR,
            C.MANAGE_REFERENCE_DATA,
            C.VIEW_AUDIT,
        }
    ),
    # The auditor reads the journal and nothing else: seeing who did what must not bring the
    # right to read petitions (and denouncers' identities) along with it.
    Role.AUDITOR: frozenset({C.VIEW_AUDIT}),
}

# Read-only capabilities that reach down the tree: a leader, and the staff of an inspectorate,
# oversee the units the law puts under them (LTCD Art. 11-18; Luật Thanh tra 2025: the province
# inspectorate oversees complaint and denunciation work in the province). Every other capability
# acts in the official's own unit only.
SUPERVISORY_CAPABILITIES: Final[frozenset[Capability]] = frozenset(
    {C.VIEW_PETITIONS, C.VIEW_REPORTS}
)
SUPERVISING_ROLES: Final[frozenset[Role]] = frozenset({Role.UNIT_LEADER, Role.REPORTING_OFFICER})

# Capabilities that are system-wide, whatever unit the membership names.
GLOBAL_CAPABILITIES: Final[frozenset[Capability]] = frozenset(
    {C.MANAGE_CALENDAR, C.MANAGE_REFERENCE_DATA}
)


def capabilities_of(role: str) -> frozenset[Capability]:
    return ROLE_CAPABILITIES.get(Role(role), frozenset())
