"""The official's notifications: list, mark one or all as read."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tiepdan.core.access import login_only
from tiepdan.notifications.selectors import notification_list_for_user
from tiepdan.notifications.services import notification_mark_all_read, notification_mark_read

PAGE_SIZE = 30


@login_only
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notification_list_for_user(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/list.html", {"page": page})


@login_only
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one as read; with `next` (the notification's own link), go there."""
    notification_mark_read(user=request.user, notification_id=pk)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("notifications:list")


@login_only
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    notification_mark_all_read(user=request.user)
    return redirect("notifications:list")
