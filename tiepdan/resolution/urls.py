"""Officials' resolution pages, under /giai-quyet/ (a case is named by its petition's reference;
`?case=2` picks one of several cases of the same petition)."""

from django.urls import path

from tiepdan.resolution import views
from tiepdan.resolution.views import protection as protection_views

app_name = "resolution"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/xu-ly/", views.transition, name="transition"),
    path("<str:reference>/phuc-tap/", views.complexity, name="complexity"),
    # Protection of the denouncer (LTC Art. 9.1, 47-58): only for those who may see them.
    path("<str:reference>/bao-ve/", protection_views.protection_record, name="protection_record"),
    path(
        "<str:reference>/bao-ve/<int:pk>/quyet-dinh/",
        protection_views.protection_decision,
        name="protection_decide",
    ),
    path(
        "<str:reference>/bao-ve/<int:pk>/ket-thuc/",
        protection_views.protection_stop,
        name="protection_end",
    ),
]
