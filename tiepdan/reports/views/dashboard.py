"""The leaders' dashboard, its drill-down lists, and the inspectorate's compliance view."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiepdan.accounts.permissions import Capability, capability_required
from tiepdan.core import clock
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.forms.intake import DATE_FORMATS
from tiepdan.reports import charts
from tiepdan.reports.compliance import compliance_by_unit, transfer_answer_days
from tiepdan.reports.dashboard import (
    GROUPS,
    MEASURES,
    Scope,
    dashboard_numbers,
    drilldown,
    report_units,
)
from tiepdan.reports.early_warning import early_warnings, thresholds

PAGE_SIZE = 50
MONTH_FORMATS = ["%m/%Y", "%Y-%m"]


def _date_widget() -> forms.DateInput:
    return forms.DateInput(
        format="%d/%m/%Y", attrs={"inputmode": "numeric", "placeholder": "dd/mm/yyyy"}
    )


class DashboardForm(forms.Form):
    """Which unit (with everything below it) and which days; default: this year to date."""

    don_vi = forms.ChoiceField(label=gettext_lazy("Unit"), required=False)
    tu = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=_date_widget(),
    )
    den = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=_date_widget(),
    )

    def __init__(self, *args: Any, units: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["don_vi"].choices = [(u.code, u.name) for u in units]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("tu"), data.get("den")
        if start and end and start > end:
            self.add_error("den", _("The end date must not be before the start date."))
        return data

    def chosen(self) -> tuple[OrgUnit, dt.date, dt.date]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        unit = next((u for u in self.units if u.code == data.get("don_vi")), self.units[0])
        today = clock.today()
        return unit, data.get("tu") or today.replace(month=1, day=1), data.get("den") or today


def _units(request: HttpRequest) -> list[OrgUnit]:
    return list(report_units(request.user).order_by("depth", "path"))


def _scope(request: HttpRequest) -> tuple[DashboardForm, Scope]:
    form = DashboardForm(request.GET or None, units=_units(request))
    unit, start, end = form.chosen()
    return form, Scope(user=request.user, unit=unit, start=start, end=end)


def _base_query(scope: Scope) -> str:
    query = QueryDict(mutable=True)
    query.update(
        {"don_vi": scope.unit.code, "tu": f"{scope.start:%d/%m/%Y}", "den": f"{scope.end:%d/%m/%Y}"}
    )
    return query.urlencode()


def _no_units(request: HttpRequest) -> HttpResponse:
    return render(request, "403.html", {"reason": Capability.VIEW_REPORTS.label}, status=403)


@capability_required(Capability.VIEW_REPORTS)
def dashboard(request: HttpRequest) -> HttpResponse:
    if not report_units(request.user).exists():
        return _no_units(request)
    form, scope = _scope(request)
    numbers = dashboard_numbers(scope)
    units, kinds, fields, months = numbers.units, numbers.kinds, numbers.fields, numbers.months
    received = _("Received")
    context = {
        "form": form,
        "scope": scope,
        "query": _base_query(scope),
        "total": numbers.total,
        "units": units,
        "kinds": kinds,
        "fields": fields,
        "months": months,
        "overdue_units": [row for row in units if row.overdue],
        "warnings": early_warnings(scope),
        "thresholds": thresholds(),
        "unit_chart": charts.bar_chart(
            title=_("Petitions received by unit"),
            desc=_("One bar per unit directly below the chosen one; the table gives the numbers."),
            items=[(row.label, row.received) for row in units],
        ),
        "kind_chart": charts.bar_chart(
            title=_("Petitions received by kind"),
            desc=_("One bar per kind of petition; the table gives the numbers."),
            items=[(row.label, row.received) for row in kinds],
        ),
        "field_chart": charts.bar_chart(
            title=_("Petitions received by field of content"),
            desc=_("One bar per field of content; the table gives the numbers."),
            items=[(row.label, row.received) for row in fields],
        ),
        "month_chart": charts.line_chart(
            title=_("Petitions received and handled by month"),
            desc=_("Two lines over the months of the period; the table gives the numbers."),
            labels=[row.label for row in months],
            series=[
                charts.Series(received, [row.received for row in months]),
                charts.Series(_("Handled"), [row.handled for row in months]),
            ],
        ),
    }
    return render(request, "reports/dashboard/index.html", context)


@capability_required(Capability.VIEW_REPORTS)
def dashboard_records(request: HttpRequest) -> HttpResponse:
    """The petitions behind one number of the dashboard."""
    if not report_units(request.user).exists():
        return _no_units(request)
    form, scope = _scope(request)
    measure = request.GET.get("chi_so", "received")
    group = request.GET.get("nhom", "all")
    key = request.GET.get("khoa", "")
    if measure not in MEASURES or group not in GROUPS:
        measure, group = "received", "all"
    petitions = drilldown(scope, measure=measure, group=group, key=key).select_related(
        "current_unit"
    )
    page = Paginator(petitions, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = {"received": _("Received"), "handled": _("Handled"), "overdue": _("Overdue")}
    context = {
        "form": form,
        "scope": scope,
        "page": page,
        "measure_label": labels[measure],
        "group": group,
        "key": key,
        "query": _base_query(scope),
        "page_query": f"{_base_query(scope)}&chi_so={measure}&nhom={group}&khoa={key}",
    }
    return render(request, "reports/dashboard/records.html", context)


class ComplianceForm(forms.Form):
    don_vi = forms.ChoiceField(label=gettext_lazy("Unit"), required=False)
    thang = forms.DateField(
        label=gettext_lazy("Month"),
        required=False,
        input_formats=MONTH_FORMATS,
        widget=forms.DateInput(format="%m/%Y", attrs={"placeholder": "mm/yyyy"}),
    )

    def __init__(self, *args: Any, units: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["don_vi"].choices = [(u.code, u.name) for u in units]

    def chosen(self) -> tuple[OrgUnit, dt.date]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        unit = next((u for u in self.units if u.code == data.get("don_vi")), self.units[0])
        month = data.get("thang") or clock.today()
        if not 2000 <= month.year <= 2100:  # reception.compliance answers for these years
            month = clock.today()
        return unit, month.replace(day=1)


@capability_required(Capability.VIEW_REPORTS)
def compliance(request: HttpRequest) -> HttpResponse:
    units = _units(request)
    if not units:
        return _no_units(request)
    form = ComplianceForm(request.GET or None, units=units)
    unit, month = form.chosen()
    rows = compliance_by_unit(user=request.user, unit=unit, year=month.year, month=month.month)
    context = {
        "form": form,
        "unit": unit,
        "month": month,
        "rows": rows,
        "issues": sum(1 for row in rows if row.has_issue),
        "answer_days": transfer_answer_days(),
    }
    return render(request, "reports/dashboard/compliance.html", context)
