"""Officials' resolution pages, under /giai-quyet/ (a case is named by its petition's reference;
`?case=2` picks one of several cases of the same petition)."""

from django.urls import path

from tiepdan.resolution import views

app_name = "resolution"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/xu-ly/", views.transition, name="transition"),
    path("<str:reference>/phuc-tap/", views.complexity, name="complexity"),
]
