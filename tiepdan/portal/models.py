"""What the public portal keeps: tracking attempts (to rate-limit them) and satisfaction ratings."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import BaseModel


class TrackingAttempt(models.Model):
    """One try to follow a petition: counted per address and per code, across processes."""

    ip = models.GenericIPAddressField()
    code = models.CharField(max_length=16)
    at = models.DateTimeField(db_index=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["ip", "at"]),
            models.Index(fields=["code", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.at:%Y-%m-%d %H:%M}"


class Rating(BaseModel):
    """The petitioner's rating of the handling, after the final answer (1 to 5, a comment)."""

    petition = models.OneToOneField(
        "petitions.Petition", on_delete=models.CASCADE, related_name="rating"
    )
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    # The unit that gave the final answer: the one that sees the rating.
    org_unit = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="ratings"
    )

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="portal_rating_score_1_5"
            )
        ]
        indexes = [models.Index(fields=["org_unit", "created_at"])]

    def __str__(self) -> str:
        return f"{self.score}/5"
