"""The declared calendar overrides (CAL-04, CAL-05): the only table of the deadlines app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import BaseModel
from tiepdan.deadlines.working_days import OverrideKind


class CalendarOverride(BaseModel):
    """A day the government declared off or worked, or a package holiday we do not apply.

    Applied on top of the holidays package by deadlines.services.calendar_load. Written only
    through calendar_override_set / calendar_override_delete, which audit every change.
    """

    class Kind(models.TextChoices):
        DAY_OFF = OverrideKind.DAY_OFF.value, _("Declared day off")
        MAKE_UP_WORKDAY = OverrideKind.MAKE_UP_WORKDAY.value, _("Make-up working day")
        NOT_HOLIDAY = OverrideKind.NOT_HOLIDAY.value, _("Not a holiday")

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # CAL-04: every swap must be traceable to the announcing document (e.g. TB 9441/TB-BNV).
    document = models.CharField(
        _("announcing document"),
        max_length=255,
        help_text=_("Number and issuer of the document that declares this day."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["day"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in OverrideKind]),
                name="calendar_override_kind_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(document=""), name="calendar_override_document_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.get_kind_display()}"
