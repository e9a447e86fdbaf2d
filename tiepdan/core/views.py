"""Home page, health check and error pages."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from tiepdan.core.access import login_only, public


@login_only
def home(request: HttpRequest) -> HttpResponse:
    """The official's start page: their units, roles and what they can open."""
    return render(request, "core/home.html")


@public
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: the app answers and the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:  # any database failure means "not ready"; details go to the log
        return JsonResponse({"status": "database unavailable"}, status=503)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)
