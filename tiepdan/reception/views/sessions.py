"""Officials' pages for the heads' sessions, the compliance view and online sessions (thin:
parse → one service or selector → render)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.accounts.permissions import (
    Capability,
    capability_required,
    units_in_scope,
    user_can_in_unit,
)
from tiepdan.core import clock
from tiepdan.core.access import login_only
from tiepdan.core.exceptions import ApplicationError, NotFound
from tiepdan.petitions.selectors import petition_get_for_user
from tiepdan.reception import jitsi
from tiepdan.reception.compliance import compliance_for_month, compliance_units
from tiepdan.reception.models import ConclusionNotice, ReceptionForm, ReceptionSession
from tiepdan.reception.services import (
    conclusion_follow_up,
    conclusion_issue,
    online_session_create,
    online_session_record,
    online_site_join,
    online_site_link_test,
    session_hold,
    session_postpone,
    session_register,
    session_schedule,
)
from tiepdan.reception.services.online import link_test_latest, notify_latest
from tiepdan.reception.services.sessions import local_date
from tiepdan.reception.session_forms import (
    ComplianceForm,
    ConclusionForm,
    FollowUpForm,
    JoinForm,
    LinkTestForm,
    OnlineSessionForm,
    PostponeForm,
    RecordForm,
    RegistrationForm,
    SessionForm,
)
from tiepdan.reception.session_selectors import (
    conclusion_get_by_pk_for_user,
    conclusion_list_sent_to_user,
    conclusion_may_follow_up,
    session_get_for_user,
    session_list_for_user,
    session_may_join,
)

RECEIVE = Capability.RECEIVE_CITIZENS


def _error_to_form(form: forms.Form, exc: ApplicationError) -> None:
    """Put a service's message next to its input (extra["field"] / extra["errors"])."""
    errors = exc.extra.get("errors") or {exc.extra.get("field", ""): str(exc)}
    for field, message in errors.items():
        form.add_error(field if field in form.fields else None, message)


def _session_or_404(request: HttpRequest, slug: str) -> ReceptionSession:
    try:
        return session_get_for_user(user=request.user, slug=slug)
    except NotFound:
        raise Http404(slug) from None


def _detail_url(session: ReceptionSession) -> str:
    name = (
        "reception:online_detail"
        if session.form == ReceptionForm.ONLINE
        else "reception:session_detail"
    )
    return reverse(name, kwargs={"slug": session.slug})


def _receiving_units(request: HttpRequest) -> list[Any]:
    return list(units_in_scope(request.user, RECEIVE).order_by("path"))


@capability_required(RECEIVE)
def sessions(request: HttpRequest) -> HttpResponse:
    context = {
        "sessions": session_list_for_user(user=request.user)[:200],
        # What the official's agency owes a head: the notices sent to it, to report back on.
        "notices_due": conclusion_list_sent_to_user(user=request.user)[:50],
    }
    return render(request, "reception/sessions/list.html", context)


@capability_required(RECEIVE)
def session_new(request: HttpRequest) -> HttpResponse:
    units = _receiving_units(request)
    form = SessionForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = session_schedule(
                actor=request.user,
                unit=data["unit"],
                head=data["head"],
                kind=data["kind"],
                starts_at=data["starts_at"],
                office=data["office"],
                place=data["place"],
            )
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The session was scheduled and published."))
            return HttpResponseRedirect(_detail_url(session))
    status = 400 if request.method == "POST" else 200
    return render(request, "reception/sessions/new.html", {"form": form}, status=status)


def _session_context(request: HttpRequest, session: ReceptionSession) -> dict[str, Any]:
    may_write = user_can_in_unit(request.user, RECEIVE, session.org_unit)
    return {
        "session": session,
        "may_write": may_write,
        "registrations": session.registrations.select_related("petition"),
        "visits": session.visits.all(),
        "conclusions": session.conclusions.prefetch_related("recipients"),
        "postpone_form": PostponeForm(),
        "registration_form": RegistrationForm(),
        "conclusion_form": ConclusionForm(),
        "follow_up_form": FollowUpForm(),
        "is_open": session.status
        in (ReceptionSession.Status.SCHEDULED, ReceptionSession.Status.POSTPONED),
    }


@capability_required(RECEIVE)
def session_detail(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session_or_404(request, slug)
    if session.form == ReceptionForm.ONLINE:
        return HttpResponseRedirect(_detail_url(session))
    return render(request, "reception/sessions/detail.html", _session_context(request, session))


def _rerender(
    request: HttpRequest, session: ReceptionSession, name: str, form: forms.Form
) -> HttpResponse:
    context = _session_context(request, session)
    template = "reception/sessions/detail.html"
    if session.form == ReceptionForm.ONLINE:
        template = "reception/sessions/online.html"
        context.update(_online_context(request, session))
    context[name] = form  # the form with its errors and what was typed
    return render(request, template, context, status=400)


@require_POST
@capability_required(RECEIVE)
def session_postpone_view(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session_or_404(request, slug)
    form = PostponeForm(request.POST)
    if form.is_valid():
        try:
            session_postpone(
                actor=request.user,
                session=session,
                new_starts_at=form.cleaned_data["new_starts_at"],
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The postponement was announced."))
            return HttpResponseRedirect(_detail_url(session))
    return _rerender(request, session, "postpone_form", form)


@require_POST
@capability_required(RECEIVE)
def session_hold_view(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session_or_404(request, slug)
    try:
        session_hold(actor=request.user, session=session)
    except ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The session was recorded as held."))
    return HttpResponseRedirect(_detail_url(session))


@require_POST
@capability_required(RECEIVE)
def session_register_view(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session_or_404(request, slug)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            session_register(actor=request.user, session=session, **form.cleaned_data)
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The citizen was registered for the session."))
            return HttpResponseRedirect(_detail_url(session))
    return _rerender(request, session, "registration_form", form)


@require_POST
@capability_required(RECEIVE)
def conclusion_new(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session_or_404(request, slug)
    form = ConclusionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            conclusion_issue(
                actor=request.user,
                session=session,
                number=data["number"],
                content=data["content"],
                recipients=list(data["recipients"]),
                follow_up_due_on=data["follow_up_due_on"],
            )
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The conclusions notice was issued and sent."))
            return HttpResponseRedirect(_detail_url(session))
    return _rerender(request, session, "conclusion_form", form)


def _notice_or_404(request: HttpRequest, slug: str, pk: int) -> ConclusionNotice:
    try:
        return conclusion_get_by_pk_for_user(user=request.user, slug=slug, pk=pk)
    except NotFound:
        raise Http404(pk) from None


def _render_notice(
    request: HttpRequest, notice: ConclusionNotice, form: FollowUpForm, status: int = 200
) -> HttpResponse:
    session = notice.session
    context = {
        "notice": notice,
        "session": session,
        "form": form,
        "may_follow_up": conclusion_may_follow_up(request.user, notice),
        # The session's page only for those who may open it; a recipient agency sees the notice.
        "session_url": _detail_url(session)
        if session_list_for_user(user=request.user).filter(pk=session.pk).exists()
        else "",
    }
    return render(request, "reception/sessions/conclusion.html", context, status=status)


@capability_required(RECEIVE)
def conclusion_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A conclusions notice, read-only, with the form to report what was done: open to the
    session's officials and to the staff of the agencies it was sent to (NĐ 154/2026
    Art. 25.2)."""
    return _render_notice(request, _notice_or_404(request, slug, pk), FollowUpForm())


@require_POST
@capability_required(RECEIVE)
def conclusion_follow_up_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    notice = _notice_or_404(request, slug, pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            conclusion_follow_up(
                actor=request.user, notice=notice, result=form.cleaned_data["result"]
            )
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The result was recorded."))
            return HttpResponseRedirect(
                reverse("reception:conclusion_detail", kwargs={"slug": slug, "pk": notice.pk})
            )
    return _render_notice(request, notice, form, status=400)


# --- Compliance -------------------------------------------------------------------------------


@login_only
def compliance(request: HttpRequest) -> HttpResponse:
    """Sessions held per head against the legal minimum (LEGAL.md §1.4): for the units where the
    official receives citizens and those they oversee (checked in the selector)."""
    if not compliance_units(request.user).exists():
        return render(
            request, "403.html", {"reason": Capability.RECEIVE_CITIZENS.label}, status=403
        )
    form = ComplianceForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # The month typed stays in the field, with the reason next to it.
        context = {"form": form, "rows": [], "invalid": True}
        return render(request, "reception/sessions/compliance.html", context, status=400)
    year, month = form.period(clock.today())
    rows = compliance_for_month(user=request.user, year=year, month=month)
    context = {
        "form": form,
        "rows": rows,
        "year": year,
        "month": month,
        "below": sum(1 for row in rows if row.is_below),
    }
    return render(request, "reception/sessions/compliance.html", context)


# --- Online sessions ------------------------------------------------------------------------


@capability_required(RECEIVE)
def online_new(request: HttpRequest) -> HttpResponse:
    form = OnlineSessionForm(request.POST or None, units=_receiving_units(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            petitions = [
                petition_get_for_user(user=request.user, reference=ref) for ref in form.references()
            ]
            session = online_session_create(
                actor=request.user,
                central_unit=data["central_unit"],
                component_units=list(data["component_units"]),
                starts_at=data["starts_at"],
                head=data["head"],
                kind=data["kind"],
                petitions=petitions,
            )
        except NotFound:
            form.add_error("petitions", _("A tracking code was not found among your petitions."))
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(
                request, _("The online session was created and the sites' officials notified.")
            )
            return HttpResponseRedirect(_detail_url(session))
    status = 400 if request.method == "POST" else 200
    return render(request, "reception/sessions/online_new.html", {"form": form}, status=status)


def _online_context(request: HttpRequest, session: ReceptionSession) -> dict[str, Any]:
    day = local_date(session.starts_at)
    test_by = link_test_latest(day)
    sites = [
        {
            "site": site,
            "may_write": user_can_in_unit(request.user, RECEIVE, site.org_unit)
            or user_can_in_unit(request.user, RECEIVE, session.org_unit),
            "late": site.link_tested_on is not None and site.link_tested_on > test_by,
        }
        for site in session.sites.select_related("org_unit").order_by(
            "-is_central", "org_unit__path"
        )
    ]
    may_join = session_may_join(request.user, session)
    return {
        # The key to the room only for those who take part (the head, the sites' officials).
        "room_url": jitsi.room_url(
            session.room_name, display_name=str(request.user), starts_at=session.starts_at
        )
        if may_join
        else "",
        "may_join": may_join,
        "jitsi_configured": jitsi.is_configured(),
        "sites": sites,
        "notify_by": notify_latest(day),
        "test_by": test_by,
        "link_test_form": LinkTestForm(),
        "join_form": JoinForm(),
        "record_form": RecordForm(),
        "is_today": day == clock.today(),
    }


@capability_required(RECEIVE)
def online_detail(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session_or_404(request, slug)
    if session.form != ReceptionForm.ONLINE:
        return HttpResponseRedirect(_detail_url(session))
    context = _session_context(request, session)
    context.update(_online_context(request, session))
    return render(request, "reception/sessions/online.html", context)


def _site_or_404(session: ReceptionSession, pk: int) -> Any:
    site = session.sites.select_related("org_unit").filter(pk=pk).first()
    if site is None:
        raise Http404(pk)
    return site


@require_POST
@capability_required(RECEIVE)
def site_link_test(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session_or_404(request, slug)
    site = _site_or_404(session, pk)
    form = LinkTestForm(request.POST)
    if form.is_valid():
        try:
            online_site_link_test(
                actor=request.user, site=site, tested_on=form.cleaned_data["tested_on"]
            )
        except ApplicationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The link test was recorded."))
    return HttpResponseRedirect(_detail_url(session))


@require_POST
@capability_required(RECEIVE)
def site_join(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session_or_404(request, slug)
    site = _site_or_404(session, pk)
    form = JoinForm(request.POST)
    if form.is_valid():
        try:
            online_site_join(
                actor=request.user, site=site, participants=form.cleaned_data["participants"]
            )
        except ApplicationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The site joined the session."))
            return HttpResponseRedirect(_detail_url(session))
    else:
        messages.error(request, _("List who takes part at this site (name and position)."))
    return HttpResponseRedirect(_detail_url(session))


@require_POST
@capability_required(RECEIVE)
def online_record(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session_or_404(request, slug)
    form = RecordForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            online_session_record(
                actor=request.user,
                session=session,
                recording_reference=form.cleaned_data["recording_reference"],
                minutes=form.cleaned_data["minutes"],
            )
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The recording and the minutes were kept."))
            return HttpResponseRedirect(_detail_url(session))
    return _rerender(request, session, "record_form", form)


@capability_required(RECEIVE)
def online_minutes(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session_or_404(request, slug)
    if not session.minutes:
        raise Http404(slug)
    return FileResponse(session.minutes.open("rb"), as_attachment=True)
