"""The tree of agencies (org units) and their reception offices."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import BaseModel

# The district level was abolished by the two-level local government (LEGAL.md §1.1, §9.1).
DISTRICT_LEVEL_ENDS_ON = dt.date(2025, 6, 30)


class OrgUnit(BaseModel):
    """An agency: a node of the organisation tree (LEGAL.md §1)."""

    class Level(models.TextChoices):
        CENTRAL = "central", _("Central")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District (until 30/06/2025)")
        COMMUNE = "commune", _("Commune")

    class Kind(models.TextChoices):
        PEOPLES_COMMITTEE = "peoples_committee", _("People's committee")
        INSPECTORATE = "inspectorate", _("Inspectorate")
        RECEPTION_BOARD = "reception_board", _("Reception board")
        DEPARTMENT = "department", _("Department")
        PEOPLES_COUNCIL = "peoples_council", _("People's council")
        COURT_PROCURACY = "court_procuracy", _("Court / procuracy")
        PARTY_BODY = "party_body", _("Party body")
        POLICE = "police", _("Police")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialized path of primary keys ("/1/12/340/"): a subtree is one indexed prefix query,
    # which reports and scope checks need at national scale. Maintained by services only.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    gov_code = models.CharField(
        _("administrative code"),
        max_length=16,
        blank=True,
        db_index=True,
        help_text=_(
            "Code of the province or commune in the national list of administrative units."
        ),
    )
    division_type = models.CharField(_("division type"), max_length=32, blank=True)
    remote_area = models.BooleanField(
        _("remote area"),
        default=False,
        help_text=_("Remote or hard-to-reach area: longer complaint time limits (KN-04, KN-08)."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("successors"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        help_text=_("Units that took over this unit's open work when it ended (LEGAL.md §9)."),
    )

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(level="district")
                | Q(valid_to__isnull=False, valid_to__lte=DISTRICT_LEVEL_ENDS_ON),
                name="district_units_end_by_2025_06_30",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="org_unit_valid_to_after_valid_from",
            ),
        ]
        indexes = [models.Index(fields=["level", "kind"])]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: dt.date) -> bool:
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


class ReceptionOffice(BaseModel):
    """A place where citizens are received (trụ sở / địa điểm tiếp công dân)."""

    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        on_delete=models.PROTECT,
        related_name="reception_offices",
    )
    name = models.CharField(_("name"), max_length=255)
    address = models.CharField(_("address"), max_length=255)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=255, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("reception office")
        verbose_name_plural = _("reception offices")
        ordering = ["org_unit__path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "name"], name="reception_office_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name
