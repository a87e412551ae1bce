"""Every write to the meetings app, one module per part of a session: plain functions with a
keyword-only `actor`, each one transaction. The rule modules decide (observers.py, credentials.py,
bureau.py, schedule.py, speakers.py); these functions load what the rules need, apply their verdict
and save it with who did it, or raise MeetingRuleError with the rule's reason and change nothing.

Callers import from here: `from cosp.meetings.services import register_delegate`.
"""

from .admission import (
    apply_as_observer,
    circulate_ngo_list,
    close_no_objection_period,
    grant_by_bureau,
    object_to_observer,
    observer_category_for,
    record_conference_decision,
    refer_to_conference,
    withdraw_observer,
)
from .base import MeetingRuleError
from .bureau import OfficerChange, elect_officer, replace_officer
from .credentials import adopt_credentials_report, object_to_credentials, record_credentials_receipt
from .participation import (
    attendance_group_for,
    decide_registration,
    delegation_for,
    register_delegate,
)
from .speakers import SpeakerEventRefused, record_event
from .timetable import add_meeting, check_change, remove_meeting

__all__ = [
    "MeetingRuleError",
    "OfficerChange",
    "SpeakerEventRefused",
    "add_meeting",
    "adopt_credentials_report",
    "apply_as_observer",
    "attendance_group_for",
    "check_change",
    "circulate_ngo_list",
    "close_no_objection_period",
    "decide_registration",
    "delegation_for",
    "elect_officer",
    "grant_by_bureau",
    "object_to_credentials",
    "object_to_observer",
    "observer_category_for",
    "record_conference_decision",
    "record_credentials_receipt",
    "record_event",
    "refer_to_conference",
    "register_delegate",
    "remove_meeting",
    "replace_officer",
    "withdraw_observer",
]
