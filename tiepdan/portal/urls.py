"""The public portal, under /cong-khai/: no sign-in, no database ids (texts by random slug)."""

from django.urls import path

from tiepdan.portal import filing, ratings, schedule, tracking, views

app_name = "portal"

urlpatterns = [
    path("", views.publication_index, name="index"),
    # Before the publications' slug route, which would otherwise take "lich-tiep-dan".
    path("gui-don/", filing.filing, name="filing"),
    path("gui-don/da-gui/", filing.filing_done, name="filing_done"),
    path("gui-don/bien-nhan/", filing.filing_receipt, name="filing_receipt"),
    path("tra-cuu/", tracking.tracking, name="tracking"),
    path("tra-cuu/dong/", tracking.tracking_close, name="tracking_close"),
    path(
        "tra-cuu/van-ban/<int:part>/<int:index>/",
        tracking.tracking_document_download,
        name="tracking_document",
    ),
    path("tra-cuu/danh-gia/<int:part>/", tracking.tracking_rate, name="tracking_rate"),
    # Officials only (VIEW_PETITIONS): the citizens' ratings of their units.
    path("danh-gia/", ratings.ratings_for_officials, name="ratings"),
    path("lich-tiep-dan/", schedule.schedule, name="schedule"),
    path(
        "lich-tiep-dan/dang-ky/<slug:slug>/",
        tracking.session_registration,
        name="session_registration",
    ),
    path("lich-tiep-dan/<str:code>/", schedule.schedule_unit, name="schedule_unit"),
    path("<slug:slug>/", views.publication_detail, name="detail"),
]
