"""The public portal, under /cong-khai/: no sign-in, no database ids (texts by random slug)."""

from django.urls import path

from tiepdan.portal import schedule, views

app_name = "portal"

urlpatterns = [
    path("", views.publication_index, name="index"),
    # Before the publications' slug route, which would otherwise take "lich-tiep-dan".
    path("lich-tiep-dan/", schedule.schedule, name="schedule"),
    path("lich-tiep-dan/<str:code>/", schedule.schedule_unit, name="schedule_unit"),
    path("<slug:slug>/", views.publication_detail, name="detail"),
]
