"""Satisfaction: the petitioner rates the handling after the final answer (1 to 5, a comment);
the unit that gave the answer, and those overseeing it, see the ratings (LESSONS 7, e-People)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiepdan.accounts.permissions import capability_required, units_in_scope
from tiepdan.accounts.roles import Capability
from tiepdan.audit.services import audit_record
from tiepdan.core.exceptions import Conflict, ValidationFailed
from tiepdan.petitions.models import Petition
from tiepdan.portal.models import Rating
from tiepdan.portal.tracking_services import final_answer_unit

COMMENT_MAX = 2000
SCORES = (
    (5, gettext_lazy("5 — very satisfied")),
    (4, gettext_lazy("4 — satisfied")),
    (3, gettext_lazy("3 — neither satisfied nor dissatisfied")),
    (2, gettext_lazy("2 — dissatisfied")),
    (1, gettext_lazy("1 — very dissatisfied")),
)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=gettext_lazy("How satisfied are you with how your petition was handled?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a rating from 1 to 5.")},
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Do not write personal details of other people."),
    )


# --- Services ----------------------------------------------------------------------------------


def rating_allowed(petition: Petition) -> bool:
    """A rating is offered once, after the final answer."""
    return (
        final_answer_unit(petition) is not None
        and not Rating.objects.filter(petition=petition).exists()
    )


@transaction.atomic
def rating_submit(*, petition: Petition, score: int, comment: str = "") -> Rating:
    """Record the petitioner's rating of the petition's handling (one per petition).

    Side effects: audit (the score only, not the comment). Raises Conflict before the final
    answer or when it was already rated, ValidationFailed for a score outside 1..5.
    """
    petition = Petition.objects.select_for_update(no_key=True).get(pk=petition.pk)
    unit = final_answer_unit(petition)
    if unit is None:
        raise Conflict(_("You can rate the handling once the agency has given its final answer."))
    if score not in range(1, 6):
        raise ValidationFailed(_("Choose a rating from 1 to 5."), extra={"field": "score"})
    if len(comment) > COMMENT_MAX:
        raise ValidationFailed(
            _("The comment is too long (at most %(n)s characters).") % {"n": COMMENT_MAX},
            extra={"field": "comment"},
        )
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                petition=petition, score=score, comment=comment.strip(), org_unit=unit
            )
    except IntegrityError:
        raise Conflict(_("This petition has already been rated. Thank you.")) from None
    audit_record(
        actor=None,
        action="portal.rating",
        obj=rating,
        unit=unit,
        summary=f"rating {score}/5: {petition.reference}",
        changes={"score": score},
    )
    return rating


# --- Selectors ---------------------------------------------------------------------------------


def rating_list_for_user(user: Any) -> QuerySet[Rating]:
    """Ratings of the units where the official may see petitions (and those under them, for
    leaders and inspectors), newest first."""
    units = units_in_scope(user, Capability.VIEW_PETITIONS)
    return (
        Rating.objects.filter(org_unit__in=units)
        .select_related("org_unit", "petition")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class UnitRatings:
    name: str
    count: int
    average: float


def rating_summary_for_user(user: Any) -> list[UnitRatings]:
    rows = (
        rating_list_for_user(user)
        .order_by()
        .values("org_unit__name", "org_unit__path")
        .annotate(count=Count("pk"), average=Avg("score"))
        .order_by("org_unit__path")
    )
    return [
        UnitRatings(name=r["org_unit__name"], count=r["count"], average=round(r["average"], 2))
        for r in rows
    ]


# --- Officials' page ---------------------------------------------------------------------------


@capability_required(Capability.VIEW_PETITIONS)
def ratings_for_officials(request: HttpRequest) -> HttpResponse:
    """The citizens' ratings of the official's units: averages per unit, then every comment."""
    ratings = rating_list_for_user(request.user)
    overall = ratings.aggregate(average=Avg("score"), count=Count("pk"))
    context = {
        "summary": rating_summary_for_user(request.user),
        "ratings": ratings[:200],
        "overall_average": round(overall["average"], 2) if overall["average"] else None,
        "overall_count": overall["count"],
    }
    return render(request, "portal/ratings/officials.html", context)
