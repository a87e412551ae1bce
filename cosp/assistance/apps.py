from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "cosp.assistance"
    label = "assistance"
    verbose_name = _("Technical assistance")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the review mirrors)
