"""Root URL conf. Every view declares its access rule (tiepdan.core.access)."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from tiepdan.api.api import api
from tiepdan.core.access import public

# One sign-in page for the workspace and the admin site, so the lockout and audit apply to both.
admin_login = public(RedirectView.as_view(pattern_name="accounts:login", query_string=True))

urlpatterns = [
    path("", include("tiepdan.core.urls")),
    path("tai-khoan/", include("tiepdan.accounts.urls")),
    path("nhat-ky/", include("tiepdan.audit.urls")),
    path("don-thu/", include("tiepdan.petitions.urls")),
    path("giai-quyet/", include("tiepdan.resolution.urls")),
    path("bao-cao/", include("tiepdan.reports.urls")),
    path("tiep-dan/", include("tiepdan.reception.urls")),
    path("thong-bao/", include("tiepdan.notifications.urls")),
    path("cong-bo/", include("tiepdan.resolution.publication_urls")),
    path("cong-khai/", include("tiepdan.portal.urls")),
    path("api/v1/", api.urls),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
]

handler403 = "tiepdan.core.views.permission_denied"
handler404 = "tiepdan.core.views.page_not_found"
handler500 = "tiepdan.core.views.server_error"
