"""Notifications of the signed-in official, under /thong-bao/."""

from django.urls import path

from tiepdan.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("da-doc-het/", views.mark_all_read, name="mark_all_read"),
    path("<int:pk>/da-doc/", views.mark_read, name="mark_read"),
]
