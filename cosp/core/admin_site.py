from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

from .rules import is_secretariat


class SecretariatAdminSite(admin.AdminSite):
    """The Django admin, open to the secretariat by role rather than by the is_staff flag."""

    site_header = _("COSP Platform administration")
    site_title = _("COSP Platform")

    def has_permission(self, request) -> bool:
        return request.user.is_active and is_secretariat(request.user)


class SecretariatAdminConfig(AdminConfig):
    default_site = "cosp.core.admin_site.SecretariatAdminSite"
