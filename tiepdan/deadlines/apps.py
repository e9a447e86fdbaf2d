from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "tiepdan.deadlines"
    label = "deadlines"
    verbose_name = _("Time limits")

    def ready(self) -> None:
        # Registers the check that refuses overrides of rules the law fixes (TIME_LIMIT_OVERRIDES).
        from tiepdan.deadlines import checks  # noqa: F401
