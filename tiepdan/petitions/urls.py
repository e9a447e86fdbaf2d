"""Officials' petition pages, under /don-thu/ (links in notifications use /don-thu/<reference>/)."""

from django.urls import path

from tiepdan.petitions import views

app_name = "petitions"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("nhan-don/", views.receive, name="receive"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/xu-ly/", views.transition, name="transition"),
    path("<str:reference>/phan-loai/", views.classify, name="classify"),
    path("<str:reference>/giao-viec/", views.assign, name="assign"),
    path("<str:reference>/don-doc/", views.urge, name="urge"),
    path("<str:reference>/bao-cao-ket-qua/", views.report_back, name="report_back"),
    path("<str:reference>/trung-lap/", views.mark_duplicate, name="mark_duplicate"),
    path("<str:reference>/cap-lai-pin/", views.pin_reset, name="pin_reset"),
    path("<str:reference>/tep/", views.attachment_upload, name="attachment_upload"),
    path("<str:reference>/tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("<str:reference>/van-ban/<int:pk>/", views.document_download, name="document"),
]
