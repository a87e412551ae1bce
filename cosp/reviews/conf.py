"""The review rules' settings, read from Django settings so a deployment can change what RULES.md leaves
unconfirmed without touching code (settings.py fills them from COSP_REVIEW_* environment variables):

    REVIEW_TIMELINE = {"self_assessment": "1 month"}     # timeline.TimelineSettings fields
    REVIEW_DRAW = {"reviews_per_cycle_cap": 2}          # draw.DrawSettings fields
    REVIEW_VISIBILITY = {"reviewing_state_roles": [...]} # visibility.VisibilitySettings fields
    REVIEW_EXPERTS_PER_STATE = 15                        # RULES 4.5
"""

from django.conf import settings

from .draw import DrawSettings
from .timeline import TimelineSettings
from .visibility import VisibilitySettings


def timeline_settings() -> TimelineSettings:
    return TimelineSettings.from_mapping(getattr(settings, "REVIEW_TIMELINE", None))


def draw_settings() -> DrawSettings:
    return DrawSettings(**getattr(settings, "REVIEW_DRAW", {}))


def visibility_settings() -> VisibilitySettings:
    return VisibilitySettings(**getattr(settings, "REVIEW_VISIBILITY", {}))


def experts_per_state() -> int:
    return getattr(settings, "REVIEW_EXPERTS_PER_STATE", 15)
