"""Officials' review of texts to publish, under /cong-bo/ (a text is named by its random slug)."""

from django.urls import path

from tiepdan.resolution import publication_views as views

app_name = "publication"

urlpatterns = [
    path("", views.publication_list, name="list"),
    path("tao/<str:reference>/", views.publication_create, name="create"),
    path("<slug:slug>/", views.publication_review, name="review"),
    path("<slug:slug>/sua/", views.publication_edit, name="edit"),
    path("<slug:slug>/duyet/", views.publication_approve_view, name="approve"),
    path("<slug:slug>/rut/", views.publication_withdraw_view, name="withdraw"),
]
