"""The statutory report forms: choose form, unit, period and roll-up; the table with its column
numbers; each cell's records; the .xlsx of one form or of the whole set (RPT-01, LEGAL.md §7)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, numberformat
from django.utils.translation import gettext_lazy as _

from tiepdan.accounts.permissions import capability_required, primary_membership, units_in_scope
from tiepdan.accounts.roles import Capability
from tiepdan.core import clock
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.permissions import can_see_identity, identity_scope
from tiepdan.reports.columns import Column, FormDefinition, Source
from tiepdan.reports.engine import FORMS, FormReport, Number, cell_records, form_compute
from tiepdan.reports.export import cell_value, decimal_places, form_xlsx, forms_xlsx
from tiepdan.reports.periods import (
    PERIOD_COUNT,
    Period,
    PeriodError,
    PeriodKind,
    period_containing,
    period_custom,
    period_of,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DRILL_LIMIT = 500  # rows shown on a cell's page; the count above says how many there are


def _date() -> forms.DateInput:
    return forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class ReportForm(forms.Form):
    """Which form, unit and period (a numbered period of a year, or a date range)."""

    bieu = forms.ChoiceField(label=_("Report form"), required=False)
    don_vi = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrgUnit.objects.none(), to_field_name="code", required=False
    )
    ky = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, required=False)
    nam = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    so = forms.IntegerField(label=_("Number"), min_value=1, max_value=12, required=False)
    tu = forms.DateField(
        label=_("From"), required=False, input_formats=DATE_FORMATS, widget=_date()
    )
    den = forms.DateField(label=_("To"), required=False, input_formats=DATE_FORMATS, widget=_date())
    gop = forms.BooleanField(label=_("Include the units below"), required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bieu"].choices = [(f.slug, f"{f.code} — {f.title}") for f in FORMS.values()]
        self.fields["don_vi"].queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["bieu"] = data.get("bieu") or next(iter(FORMS))
        kind = data.get("ky") or PeriodKind.QUARTER
        try:
            if kind == PeriodKind.CUSTOM:
                if not data.get("tu") or not data.get("den"):
                    self.add_error("den", _("Enter both dates of the range."))
                    return data
                data["period"] = period_custom(data["tu"], data["den"])
            elif data.get("nam"):
                data["period"] = period_of(kind, data["nam"], data.get("so") or 1)
            else:
                data["period"] = period_containing(kind, clock.today())
        except PeriodError:
            self.add_error(
                "so",
                _("This period does not exist: a year has %(count)s of them.")
                % {"count": PERIOD_COUNT.get(kind, 1)},
            )
        return data


def _query(form: FormDefinition, unit: OrgUnit, period: Period, rollup: bool) -> str:
    values: dict[str, Any] = {"bieu": form.slug, "don_vi": unit.code, "ky": period.kind}
    if period.kind == PeriodKind.CUSTOM:
        values |= {"tu": f"{period.start:%d/%m/%Y}", "den": f"{period.end:%d/%m/%Y}"}
    else:
        values |= {"nam": period.year, "so": period.number}
    if rollup:
        values["gop"] = "on"
    return urlencode(values)


def _choice(request: HttpRequest) -> tuple[ReportForm, dict[str, Any] | None]:
    """The parsed choice, or None with the form's errors. The unit defaults to the official's."""
    units = units_in_scope(request.user, Capability.VIEW_REPORTS)
    form = ReportForm(request.GET or None, units=units)
    if not request.GET:
        form = ReportForm({"ky": PeriodKind.QUARTER}, units=units)
    if not form.is_valid() or "period" not in form.cleaned_data:
        return form, None
    data = dict(form.cleaned_data)
    if data.get("don_vi") is None:
        membership = primary_membership(request.user)
        own = membership.org_unit if membership else None
        data["don_vi"] = own if own and units.filter(pk=own.pk).exists() else units.first()
    if data["don_vi"] is None:
        return form, None
    data["units"] = units
    return form, data


def _report(data: dict[str, Any], slug: str) -> FormReport:
    return form_compute(
        FORMS[slug],
        unit=data["don_vi"],
        period=data["period"],
        rollup=data["gop"],
        within=data["units"],
    )


@capability_required(Capability.VIEW_REPORTS)
def form_report(request: HttpRequest) -> HttpResponse:
    form, data = _choice(request)
    context: dict[str, Any] = {"form": form, "report": None}
    if data is not None:
        report = _report(data, data["bieu"])
        context |= {
            "report": report,
            "cells": [(column, number_text(column, value)) for column, value in report.row],
            "query": _query(report.form, report.unit, report.period, report.rollup),
            "header_rows": _header_rows(report.form),
        }
    return render(request, "reports/forms/form.html", context, status=400 if form.errors else 200)


def number_text(column: Column, value: Number) -> str:
    """A cell as the page shows it, in the language's separators: counts and VND whole, m²
    with one decimal, thousands grouped (Django's Vietnamese formats group nothing)."""
    return numberformat.format(
        cell_value(column, value),
        str(formats.get_format("DECIMAL_SEPARATOR")),
        decimal_pos=decimal_places(column),
        grouping=3,
        thousand_sep=str(formats.get_format("THOUSAND_SEPARATOR")),
        force_grouping=True,
    )


def _header_rows(form: FormDefinition) -> list[list[dict[str, Any]]]:
    """The header rows of the table, as the export merges them: each group once over the
    columns it spans; a column's own header reaches down to the last header row."""
    rows: list[list[dict[str, Any]]] = []
    columns = form.columns
    for level in range(form.depth):
        row: list[dict[str, Any]] = []
        for index, column in enumerate(columns):
            if level < len(column.groups):
                prefix = column.groups[: level + 1]
                if index and columns[index - 1].groups[: level + 1] == prefix:
                    continue
                span = sum(1 for _run in _while_prefix(columns[index:], level, prefix))
                row.append({"text": prefix[-1], "cols": span, "rows": 1})
            elif level == len(column.groups):
                row.append({"text": column.header, "cols": 1, "rows": form.depth - level})
        rows.append(row)
    return rows


def _while_prefix(columns: Any, level: int, prefix: tuple[str, ...]) -> Any:
    for column in columns:
        if column.groups[: level + 1] != prefix:
            return
        yield column


@capability_required(Capability.VIEW_REPORTS)
def form_cell(request: HttpRequest, form_slug: str, column: int) -> HttpResponse:
    if form_slug not in FORMS:
        raise Http404
    form, data = _choice(request)
    if data is None:
        return render(request, "reports/forms/form.html", {"form": form}, status=400)
    definition = FORMS[form_slug]
    try:
        records = cell_records(
            definition,
            column,
            unit=data["don_vi"],
            period=data["period"],
            rollup=data["gop"],
            within=data["units"],
        )
        chosen = definition.column(column)
    except KeyError as error:
        raise Http404 from error
    shown, hidden = _listable(request.user, chosen, records)
    context = {
        "definition": definition,
        "column": chosen,
        "unit": data["don_vi"],
        "period": data["period"],
        "rollup": data["gop"],
        "count": records.count(),
        "records": shown,
        "hidden": hidden,
        "limit": DRILL_LIMIT,
        "is_visits": chosen.source == Source.VISITS,
        "is_sessions": chosen.source == Source.SESSIONS,
        "back": _query(definition, data["don_vi"], data["period"], data["gop"]),
    }
    return render(request, "reports/forms/cell.html", context)


def _listable(user: Any, column: Column, records: QuerySet[Any]) -> tuple[list[Any], int]:
    """The records of a cell the official may have listed, and how many are left out. That a
    denouncer asked for protection tells who denounced: such a case is listed only to those
    who may know the denouncer (LTC Art. 47.2, 56); the count stays whole."""
    rows = list(records[:DRILL_LIMIT])
    if column.source != Source.PROTECTIONS:
        return rows, 0
    scope = identity_scope(user)
    shown = [petition for petition in rows if can_see_identity(user, petition, scope)]
    return shown, len(rows) - len(shown)


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _file_name(prefix: str, unit: OrgUnit, period: Period) -> str:
    start: dt.date = period.start
    return f"{prefix}-{unit.code}-{start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"


@capability_required(Capability.VIEW_REPORTS)
def form_export(request: HttpRequest, form_slug: str) -> HttpResponse:
    if form_slug not in FORMS:
        raise Http404
    form, data = _choice(request)
    if data is None:
        return render(request, "reports/forms/form.html", {"form": form}, status=400)
    report = _report(data, form_slug)
    return _xlsx(form_xlsx(report), _file_name(f"bieu-{form_slug}", report.unit, report.period))


@capability_required(Capability.VIEW_REPORTS)
def form_export_all(request: HttpRequest) -> HttpResponse:
    form, data = _choice(request)
    if data is None:
        return render(request, "reports/forms/form.html", {"form": form}, status=400)
    reports = [_report(data, slug) for slug in FORMS]
    return _xlsx(forms_xlsx(reports), _file_name("bao-cao", data["don_vi"], data["period"]))
