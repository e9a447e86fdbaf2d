from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResolutionConfig(AppConfig):
    name = "tiepdan.resolution"
    label = "resolution"
    verbose_name = _("Resolution")

    def ready(self) -> None:
        from tiepdan.petitions.hooks import ACCEPT_HOOKS
        from tiepdan.resolution.services import resolution_open

        # Accepting a petition (petitions workflow) opens its resolution case, in the same
        # transaction; petitions itself knows nothing of this app.
        if resolution_open not in ACCEPT_HOOKS:
            ACCEPT_HOOKS.append(resolution_open)
        from tiepdan.petitions.models import EVENT_LABELS
        from tiepdan.resolution.workflow import Action

        EVENT_LABELS.update({a.value: a.label for a in Action})
        EVENT_LABELS.update(
            {"resolution_open": _("Resolution opened"), "complexity": _("Complexity recorded")}
        )
        from tiepdan.resolution.protection import EVENT_LABELS as PROTECTION_LABELS

        EVENT_LABELS.update(PROTECTION_LABELS)
