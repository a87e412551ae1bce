from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthoritiesConfig(AppConfig):
    name = "cosp.authorities"
    label = "authorities"
    verbose_name = _("Competent national authorities")
