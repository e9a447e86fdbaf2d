"""Statistics pages, under /bao-cao/: the report forms, the dashboard, the compliance view."""

from django.urls import path

from tiepdan.reports.views import dashboard, forms

app_name = "reports"

urlpatterns: list = [
    path("", dashboard.dashboard, name="dashboard"),
    path("ho-so/", dashboard.dashboard_records, name="dashboard_records"),
    path("tuan-thu/", dashboard.compliance, name="compliance"),
    path("bieu-mau/", forms.form_report, name="form_report"),
    path("bieu-mau/xuat-ca-bo/", forms.form_export_all, name="form_export_all"),
    path("bieu-mau/<slug:form_slug>/xuat/", forms.form_export, name="form_export"),
    path("bieu-mau/<slug:form_slug>/<int:column>/", forms.form_cell, name="form_cell"),
]
