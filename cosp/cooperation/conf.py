"""The cooperation app's settings, read from Django settings with defaults, so a deployment can change
them without touching code:

    COOPERATION_DEADLINES = {"acknowledge_days": 10, "execute_days": 90,
                             "urgent_acknowledge_days": 3, "urgent_execute_days": 30,
                             "reminder_repeat_days": 7}          # workflow.DeadlineSettings fields
    COOPERATION_STATISTICS_THRESHOLD = 3   # statistics cells below this are suppressed
    COOPERATION_MAX_ATTACHMENT_MB = 20
"""

from django.conf import settings

from .workflow import DeadlineSettings


def deadline_settings() -> DeadlineSettings:
    return DeadlineSettings(**getattr(settings, "COOPERATION_DEADLINES", {}))


def statistics_threshold() -> int:
    return max(1, int(getattr(settings, "COOPERATION_STATISTICS_THRESHOLD", 3)))


def max_attachment_bytes() -> int:
    return int(getattr(settings, "COOPERATION_MAX_ATTACHMENT_MB", 20)) * 2**20
