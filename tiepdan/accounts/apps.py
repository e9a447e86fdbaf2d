from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tiepdan.accounts"
    label = "accounts"
    verbose_name = _("Officials")

    def ready(self) -> None:
        from tiepdan.accounts import signals  # noqa: F401  (connects the sign-in receivers)
