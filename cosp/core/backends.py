"""The secretariat manages the platform's records in the Django admin.

Rather than keeping Django permission rows in step with memberships, this backend grants the
model permissions of the apps listed in settings.SECRETARIAT_ADMIN_APPS to anyone the role predicate
`is_secretariat` accepts. Apps holding material the secretariat must not read (request tracking
between central authorities) are simply left out of that list.
"""

from django.conf import settings

from .rules import is_secretariat


class SecretariatAdminBackend:
    def authenticate(self, request, **credentials):
        return None  # grants permissions only; never signs anyone in

    def has_perm(self, user, perm: str, obj=None) -> bool:
        app_label = perm.split(".", 1)[0]
        return app_label in settings.SECRETARIAT_ADMIN_APPS and user.is_active and is_secretariat(user)

    def has_module_perms(self, user, app_label: str) -> bool:
        return app_label in settings.SECRETARIAT_ADMIN_APPS and user.is_active and is_secretariat(user)
