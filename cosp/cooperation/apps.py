from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cosp.cooperation"
    label = "cooperation"
    verbose_name = _("International cooperation requests")
