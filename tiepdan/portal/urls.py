"""The public portal, under /cong-khai/: no sign-in, no database ids (texts by random slug)."""

from django.urls import path

from tiepdan.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.publication_index, name="index"),
    path("<slug:slug>/", views.publication_detail, name="detail"),
]
