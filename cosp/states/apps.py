from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatesConfig(AppConfig):
    name = "cosp.states"
    label = "states"
    verbose_name = _("States and the Convention")
