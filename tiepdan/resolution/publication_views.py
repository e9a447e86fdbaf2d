"""Officials' pages to review and approve what is published on the portal, under /cong-bo/."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tiepdan.accounts.permissions import Capability, capability_required, user_can_in_unit
from tiepdan.core.exceptions import ApplicationError, NotFound
from tiepdan.petitions.views.common import add_service_error
from tiepdan.resolution.models import Publication
from tiepdan.resolution.publication import (
    publication_approve,
    publication_draft,
    publication_get_for_user,
    publication_list_for_user,
    publication_resolution_for_user,
    publication_update,
    publication_withdraw,
    redaction_labels,
)


class PublicationForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    body = forms.CharField(
        label=gettext_lazy("Text to publish"),
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true"}),
        help_text=gettext_lazy(
            "Exactly what the portal will show. Protected data are refused when you save."
        ),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for withdrawing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


def _publication_or_404(request: HttpRequest, slug: str) -> Publication:
    try:
        return publication_get_for_user(user=request.user, slug=slug)
    except NotFound:
        raise Http404(slug) from None


def _case_url(publication: Publication) -> str:
    # The case page belongs to the resolution workspace; link to it when it is there.
    try:
        return reverse("resolution:detail", args=[publication.resolution.petition.reference])
    except NoReverseMatch:
        return ""


def _review(
    request: HttpRequest,
    publication: Publication,
    *,
    form: forms.Form | None = None,
    withdraw_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    unit = publication.resolution.org_unit
    is_draft = publication.status == Publication.Status.DRAFT
    is_preparer = publication.prepared_by_id == user.pk
    context = {
        "publication": publication,
        "form": form
        or PublicationForm(initial={"title": publication.title, "body": publication.body}),
        "withdraw_form": withdraw_form or WithdrawForm(prefix="withdraw"),
        "redactions": redaction_labels(publication.redactions),
        "is_draft": is_draft,
        "is_preparer": is_preparer,
        "may_decide": user_can_in_unit(user, Capability.DECIDE, unit),
        "case_url": _case_url(publication),
        "portal_url": reverse("portal:detail", args=[publication.slug])
        if publication.status == Publication.Status.PUBLISHED
        else "",
    }
    return render(request, "resolution/publication/review.html", context, status=status)


@capability_required(Capability.VIEW_PETITIONS)
def publication_list(request: HttpRequest) -> HttpResponse:
    """Drafts waiting for review and what is on the portal, for the official's units."""
    items = publication_list_for_user(user=request.user)
    withdrawn = items.filter(status=Publication.Status.WITHDRAWN).order_by("-withdrawn_on")
    context = {
        "drafts": items.filter(status=Publication.Status.DRAFT),
        "published": items.filter(status=Publication.Status.PUBLISHED)[:200],
        "withdrawn": withdrawn[:20],
    }
    return render(request, "resolution/publication/list.html", context)


@capability_required(Capability.VIEW_PETITIONS)
def publication_review(request: HttpRequest, slug: str) -> HttpResponse:
    return _review(request, _publication_or_404(request, slug))


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def publication_create(request: HttpRequest, reference: str) -> HttpResponse:
    """Prepare the text to publish of a decided case. The case page links here with a form:
    POST /cong-bo/tao/<petition reference>/ (optional `case`: its number among the petition's
    cases, as the case page counts them)."""
    case = request.POST.get("case", "")
    try:
        resolution = publication_resolution_for_user(
            user=request.user, reference=reference, case=int(case) if case.isdigit() else None
        )
    except NotFound:
        raise Http404(reference) from None
    try:
        publication = publication_draft(actor=request.user, resolution_id=resolution.pk)
    except ApplicationError as exc:
        if "slug" in exc.extra:  # the case already has its text: open it
            messages.info(request, str(exc))
            return redirect("publication:review", slug=exc.extra["slug"])
        messages.error(request, str(exc))
        return redirect("publication:list")
    messages.success(
        request, _("Draft prepared. Check the text, then ask another official to approve it.")
    )
    return redirect("publication:review", slug=publication.slug)


def _act(
    request: HttpRequest,
    publication: Publication,
    call: Callable[[], Any],
    done: str,
    **forms_: forms.Form,
) -> HttpResponse:
    """Call the service and come back with a message; or show the page again with the error
    and what was typed."""
    try:
        call()
    except ApplicationError as exc:
        form = next(iter(forms_.values()), None)
        if form is not None:
            add_service_error(
                form, exc, fields={"body": "body", "title": "title", "reason": "reason"}
            )
        else:
            messages.error(request, str(exc))
            return redirect("publication:review", slug=publication.slug)
        return _review(request, publication, status=exc.status_code, **forms_)
    messages.success(request, done)
    return redirect("publication:review", slug=publication.slug)


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def publication_edit(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _publication_or_404(request, slug)
    form = PublicationForm(request.POST)
    if not form.is_valid():
        return _review(request, publication, form=form, status=400)
    data = form.cleaned_data
    return _act(
        request,
        publication,
        lambda: publication_update(
            actor=request.user,
            publication_id=publication.pk,
            title=data["title"],
            body=data["body"],
        ),
        _("Text saved."),
        form=form,
    )


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def publication_approve_view(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _publication_or_404(request, slug)
    return _act(
        request,
        publication,
        lambda: publication_approve(actor=request.user, publication_id=publication.pk),
        _("Approved: the text is now on the public portal."),
    )


@capability_required(Capability.VIEW_PETITIONS)
@require_POST
def publication_withdraw_view(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _publication_or_404(request, slug)
    form = WithdrawForm(request.POST, prefix="withdraw")
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    return _act(
        request,
        publication,
        lambda: publication_withdraw(
            actor=request.user, publication_id=publication.pk, reason=reason
        ),
        _("Withdrawn."),
        withdraw_form=form,
    )
