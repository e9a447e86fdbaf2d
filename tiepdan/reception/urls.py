"""Officials' reception pages, under /tiep-dan/ (the register, visits, sessions)."""

from django.urls import path

from tiepdan.reception import views

app_name = "reception"

urlpatterns = [
    # The register of visits (Mẫu 03/TCD) and the desk.
    path("so/", views.register, name="register"),
    path("so/xlsx/", views.register_export, name="register_export"),
    path("luot-tiep/moi/", views.visit_new, name="visit_new"),
    path(
        "luot-tiep/<str:unit_code>/<int:year>/<int:serial>/",
        views.visit_detail,
        name="visit_detail",
    ),
    path(
        "luot-tiep/<str:unit_code>/<int:year>/<int:serial>/van-ban-cu-dai-dien/",
        views.visit_appointment_document,
        name="visit_appointment_document",
    ),
    path("cong-dan/", views.citizen_lookup, name="citizen_lookup"),
    # The heads' sessions (LTCD Art. 18, 24), compliance (LEGAL.md §1.4), online sessions.
    path("phien-tiep/", views.sessions, name="sessions"),
    path("phien-tiep/moi/", views.session_new, name="session_new"),
    path("phien-tiep/<slug:slug>/", views.session_detail, name="session_detail"),
    path("phien-tiep/<slug:slug>/hoan/", views.session_postpone_view, name="session_postpone"),
    path("phien-tiep/<slug:slug>/da-tiep/", views.session_hold_view, name="session_hold"),
    path("phien-tiep/<slug:slug>/dang-ky/", views.session_register_view, name="session_register"),
    path("phien-tiep/<slug:slug>/ket-luan/", views.conclusion_new, name="conclusion_new"),
    path(
        "phien-tiep/<slug:slug>/ket-luan/<int:pk>/",
        views.conclusion_detail,
        name="conclusion_detail",
    ),
    path(
        "phien-tiep/<slug:slug>/ket-luan/<int:pk>/ket-qua/",
        views.conclusion_follow_up_view,
        name="conclusion_follow_up",
    ),
    path("tuan-thu/", views.compliance, name="compliance"),
    path("truc-tuyen/moi/", views.online_new, name="online_new"),
    path("truc-tuyen/<slug:slug>/", views.online_detail, name="online_detail"),
    path("truc-tuyen/<slug:slug>/bien-ban/", views.online_record, name="online_record"),
    path("truc-tuyen/<slug:slug>/bien-ban/tai/", views.online_minutes, name="online_minutes"),
    path(
        "truc-tuyen/<slug:slug>/diem-cau/<int:pk>/thu/", views.site_link_test, name="site_link_test"
    ),
    path("truc-tuyen/<slug:slug>/diem-cau/<int:pk>/tham-gia/", views.site_join, name="site_join"),
]
