from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "cosp.knowledge"
    label = "knowledge"
    verbose_name = _("Repository of voluntary contributions")

    def ready(self) -> None:
        # The documents search shows published contributions as a section of its own; documents
        # knows only the registry, not this app.
        from cosp.documents.search.sources import register

        from .search import ContributionSource

        register(ContributionSource())
