import rules
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def navigation(request) -> dict:
    """The parts of the platform in the header. Later parts add themselves here as they land."""
    items = [
        (reverse("home"), _("Home")),
        (reverse("states:list"), _("States")),
        (reverse("states:articles"), _("The Convention")),
        (reverse("meetings:sessions"), _("Meetings")),
        (reverse("outcomes:list"), _("Outcomes")),
        (reverse("reviews:progress"), _("Reviews")),
        (reverse("knowledge:list"), _("Repository")),
        (reverse("authorities:directory"), _("Authorities")),
        (reverse("assistance:needs"), _("Assistance")),
        (reverse("recovery:statistics"), _("Asset recovery")),
        (reverse("documents:list"), _("Documents")),
        (reverse("documents:search"), _("Search")),
        (reverse("api:openapi-view"), _("API")),
    ]
    # Requests between central authorities are theirs alone; the secretariat sees only their statistics.
    # (The rules alone decide these, so Django's permission tables are not read for them.)
    if rules.has_perm("cooperation.use_requests", request.user):
        items.append((reverse("cooperation:requests"), _("Requests")))
    elif rules.has_perm("cooperation.view_statistics", request.user):
        items.append((reverse("cooperation:statistics"), _("Request statistics")))
    if request.user.has_perm("core.view_audit_trail"):
        items.append((reverse("audit-trail"), _("Audit trail")))
    return {"nav_items": items, "ui_languages": settings.LANGUAGES}
