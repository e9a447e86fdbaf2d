"""The public schedule of the heads' reception sessions (LTCD Art. 24.2-4: posted at least 5
working days ahead, postponements announced). Who receives, when, where: no citizen's data,
no database ids (units by their public code)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tiepdan.core import clock
from tiepdan.core.access import public
from tiepdan.organizations.models import OrgUnit
from tiepdan.portal.filing_forms import UNIT_CODE
from tiepdan.reception.session_selectors import session_public_schedule, session_public_units


@public
def schedule(request: HttpRequest) -> HttpResponse:
    context = {
        "sessions": session_public_schedule()[:300],
        "units": session_public_units(),
        "unit": None,
        "now": clock.now(),  # sessions still to come offer registration
    }
    return render(request, "portal/schedule.html", context)


@public
def schedule_unit(request: HttpRequest, code: str) -> HttpResponse:
    # Codes are short and plain; anything else (a NUL byte) is not looked up at all.
    unit = OrgUnit.objects.filter(code=code).first() if UNIT_CODE.fullmatch(code) else None
    if unit is None:
        context = {"sessions": [], "units": session_public_units(), "unit": None, "missing": True}
        return render(request, "portal/schedule.html", context, status=404)
    context = {
        "sessions": session_public_schedule(unit=unit),
        "units": session_public_units(),
        "unit": unit,
        "now": clock.now(),
    }
    return render(request, "portal/schedule.html", context)
