"""The secretariat manages the platform's records in the Django admin.

Rather than keeping Django permission rows in step with memberships, this backend grants the
model permissions of the apps listed in settings.SECRETARIAT_ADMIN_APPS to anyone the role predicate
`is_secretariat` accepts. Apps holding material the secretariat must not read (request tracking
between central authorities) are simply left out of that list.
"""

from functools import cache

from django.apps import apps
from django.conf import settings

from .rules import is_secretariat


@cache
def _model_permissions(app_label: str) -> frozenset[str]:
    """The admin's permissions for the app's models: add_/change_/delete_/view_<model>. The app's own
    rules (e.g. who may register a delegation) are not admin permissions and stay with rules.py."""
    models = apps.get_app_config(app_label).get_models()
    actions = ("add", "change", "delete", "view")
    return frozenset(f"{action}_{model._meta.model_name}" for model in models for action in actions)


class SecretariatAdminBackend:
    def authenticate(self, request, **credentials):
        return None  # grants permissions only; never signs anyone in

    def has_perm(self, user, perm: str, obj=None) -> bool:
        app_label, _, codename = perm.partition(".")
        return (
            app_label in settings.SECRETARIAT_ADMIN_APPS
            and codename in _model_permissions(app_label)
            and user.is_active
            and is_secretariat(user)
        )

    def has_module_perms(self, user, app_label: str) -> bool:
        return app_label in settings.SECRETARIAT_ADMIN_APPS and user.is_active and is_secretariat(user)
