"""Observers at a session of the Conference (rules 14-17): who is admitted by which route, the
deadlines computed from the session's first day, and the admission workflow as a state machine.

Three routes (`AdmissionRoute`):

- NOTICE (rules 14 and 16(1)): signatories and entities with a standing invitation, UN bodies and
  specialized agencies attend by right once their written notice reaches the Secretary-General in time.
- BUREAU (rules 15, 16(2) and 17(1)): non-signatories, other intergovernmental organizations and NGOs in
  consultative status with ECOSOC apply to the bureau; status is granted unless the Conference decides
  otherwise, so a grant can still be overturned by the Conference.
- NGO_LIST (rule 17(2)): other NGOs apply early; the secretariat circulates their list as a document at
  least 30 days before the session; if no State party objects, status is granted (again unless the
  Conference decides otherwise); an objection sends the matter to the Conference.

Confidentiality: which State party objected is visible to the secretariat and the bureau only. The
permission layer enforces that; this module only asks for the objecting State and never puts it in a
message.

Every deadline here is the last day on which something may happen (inclusive). Dates are plain
`datetime.date`s; messages are built lazily so they render in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cosp.core.enums import ObserverCategory
from cosp.meetings.enums import AdmissionRoute, AdmissionStatus

ROUTE_BY_CATEGORY: Mapping[ObserverCategory, AdmissionRoute] = {
    ObserverCategory.SIGNATORY: AdmissionRoute.NOTICE,
    ObserverCategory.NON_SIGNATORY: AdmissionRoute.BUREAU,
    ObserverCategory.ENTITY: AdmissionRoute.NOTICE,
    ObserverCategory.UN_BODY: AdmissionRoute.NOTICE,
    ObserverCategory.IGO: AdmissionRoute.BUREAU,
    ObserverCategory.NGO_ECOSOC: AdmissionRoute.BUREAU,
    ObserverCategory.NGO_OTHER: AdmissionRoute.NGO_LIST,
}

RULE_BY_CATEGORY: Mapping[ObserverCategory, str] = {
    ObserverCategory.SIGNATORY: "14",
    ObserverCategory.NON_SIGNATORY: "15",
    ObserverCategory.ENTITY: "16(1)",
    ObserverCategory.UN_BODY: "16(1)",
    ObserverCategory.IGO: "16(2)",
    ObserverCategory.NGO_ECOSOC: "17(1)",
    ObserverCategory.NGO_OTHER: "17(2)",
}

# Used in messages when the caller knows the route but not the category.
RULES_BY_ROUTE: Mapping[AdmissionRoute, str] = {
    AdmissionRoute.NOTICE: "14/16(1)",
    AdmissionRoute.BUREAU: "15/16(2)/17(1)",
    AdmissionRoute.NGO_LIST: "17(2)",
}


def route_for(category: ObserverCategory | str) -> AdmissionRoute:
    """How an observer of this category is admitted."""
    return ROUTE_BY_CATEGORY[ObserverCategory(category)]


def rule_for(category: ObserverCategory | str) -> str:
    """The rule of procedure (e.g. '17(2)') that admits observers of this category."""
    return RULE_BY_CATEGORY[ObserverCategory(category)]


# --- Messages ---------------------------------------------------------------------------------------

# Month names in the context of a full date, so a translation can write them its own way (Chinese: 8月)
# without touching the month names used elsewhere; the context also tells "May" from the verb.
_MONTHS = (
    pgettext_lazy("month in a date", "January"),
    pgettext_lazy("month in a date", "February"),
    pgettext_lazy("month in a date", "March"),
    pgettext_lazy("month in a date", "April"),
    pgettext_lazy("month in a date", "May"),
    pgettext_lazy("month in a date", "June"),
    pgettext_lazy("month in a date", "July"),
    pgettext_lazy("month in a date", "August"),
    pgettext_lazy("month in a date", "September"),
    pgettext_lazy("month in a date", "October"),
    pgettext_lazy("month in a date", "November"),
    pgettext_lazy("month in a date", "December"),
)


def format_day(day: dt.date) -> str:
    """A date as the UN writes it ('20 August 2021'); translators reorder the parts (2021年8月20日)."""
    pattern = _("%(day)d %(month)s %(year)d")
    return str(pattern) % {"day": day.day, "month": str(_MONTHS[day.month - 1]), "year": day.year}


def _render(value: object) -> object:
    if isinstance(value, dt.date):
        return format_day(value)
    if isinstance(value, int | float):
        return value
    return str(value)  # lazy labels are resolved in the active language


@dataclass(frozen=True)
class Refusal:
    """Why something was refused: a stable code for programs, the rule, and a message for people.

    The message is formatted when read, so it comes out in the language active at that moment.
    """

    code: str
    rule: str
    template: str = field(repr=False)
    params: Mapping[str, object] = field(default_factory=dict, repr=False)

    @property
    def message(self) -> str:
        return str(self.template) % {key: _render(value) for key, value in self.params.items()}

    def __str__(self) -> str:
        return self.message


# --- Deadlines --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObserverSettings:
    """How many days before the session's first day each step must happen.

    Only the 30 days for circulating the list are in the rules (rule 17(2)) [C]. The other defaults
    copy the secretariat's practice for the ninth session (opening 13 December 2021): other NGOs
    applied by 20 August (115 days before), ECOSOC NGOs and other bureau applicants registered by
    26 November (17 days before). A session may set its own.
    """

    list_circulation_days: int = 30
    ngo_application_days: int = 115
    bureau_registration_days: int = 17
    # The rules ask for "prior" written notice; by default that means by the day before the opening.
    prior_notice_days: int = 1
    # The no-objection period runs from the list's circulation until the session opens; by default
    # its last day is the day before the opening.
    objection_period_closes_days: int = 1

    def __post_init__(self) -> None:
        if self.ngo_application_days <= self.list_circulation_days:
            raise ValueError("NGO applications must close before the list is due to be circulated")
        if min(self.list_circulation_days, self.bureau_registration_days, self.prior_notice_days) < 0:
            raise ValueError("deadlines cannot fall after the session's first day")
        if self.objection_period_closes_days < 0:
            raise ValueError("the no-objection period cannot run past the session's first day")


DEFAULT_SETTINGS = ObserverSettings()


@dataclass(frozen=True)
class ObserverDeadlines:
    """The last day for each step, for one session."""

    session_start: dt.date
    list_circulation_days: int
    ngo_application: dt.date  # rule 17(2): other NGOs apply
    list_circulation: dt.date  # rule 17(2): the list is circulated as a document
    objection_period_ends: dt.date  # rule 17(2): last day a State party may object
    bureau_registration: dt.date  # rules 15, 16(2), 17(1): applications to the bureau
    prior_notice: dt.date  # rules 14, 16(1): written notice to the Secretary-General

    @classmethod
    def for_session(
        cls, session_start: dt.date, settings: ObserverSettings = DEFAULT_SETTINGS
    ) -> ObserverDeadlines:
        def before(days: int) -> dt.date:
            return session_start - dt.timedelta(days=days)

        return cls(
            session_start=session_start,
            list_circulation_days=settings.list_circulation_days,
            ngo_application=before(settings.ngo_application_days),
            list_circulation=before(settings.list_circulation_days),
            objection_period_ends=before(settings.objection_period_closes_days),
            bureau_registration=before(settings.bureau_registration_days),
            prior_notice=before(settings.prior_notice_days),
        )

    def arrival_deadline(self, route: AdmissionRoute | str) -> dt.date:
        """The last day an application (or notice) on this route may reach the secretariat."""
        return {
            AdmissionRoute.NOTICE: self.prior_notice,
            AdmissionRoute.BUREAU: self.bureau_registration,
            AdmissionRoute.NGO_LIST: self.ngo_application,
        }[AdmissionRoute(route)]

    def in_objection_period(self, day: dt.date, circulated_on: dt.date) -> bool:
        return circulated_on <= day <= self.objection_period_ends


_LATE_ARRIVAL = {
    AdmissionRoute.NOTICE: _(
        "Written notice under rule %(rule)s must reach the Secretary-General before the session opens, "
        "by %(deadline)s at the latest; this one arrived on %(received)s."
    ),
    AdmissionRoute.BUREAU: _(
        "Applications to the bureau under rule %(rule)s must reach the secretariat by %(deadline)s; "
        "this one arrived on %(received)s."
    ),
    AdmissionRoute.NGO_LIST: _(
        "Applications from non-governmental organizations without consultative status must reach the "
        "secretariat by %(deadline)s so that the list can be circulated %(days)d days before the "
        "session (rule %(rule)s); this one arrived on %(received)s."
    ),
}


def _check_arrival(
    route: AdmissionRoute, rule: str, received_on: dt.date, deadlines: ObserverDeadlines
) -> Refusal | None:
    deadline = deadlines.arrival_deadline(route)
    if received_on <= deadline:
        return None
    return Refusal(
        code="too_late",
        rule=rule,
        template=_LATE_ARRIVAL[route],
        params={
            "rule": rule,
            "deadline": deadline,
            "received": received_on,
            "days": deadlines.list_circulation_days,
        },
    )


def check_application(
    category: ObserverCategory | str,
    received_on: dt.date,
    session_start: dt.date,
    settings: ObserverSettings = DEFAULT_SETTINGS,
) -> Refusal | None:
    """Refuse an application or notice that reached the secretariat too late; None when it is in time."""
    deadlines = ObserverDeadlines.for_session(session_start, settings)
    return _check_arrival(route_for(category), rule_for(category), received_on, deadlines)


# --- The admission workflow -------------------------------------------------------------------------


class Action(StrEnum):
    """What can happen to an observer's admission."""

    NOTIFY = "notify"  # written notice (rules 14, 16(1))
    APPLY = "apply"  # application (rules 15, 16(2), 17)
    CIRCULATE = "circulate"  # the NGO is on the list circulated as a document (17(2))
    OBJECT = "object"  # a State party objects (17(2))
    REFER = "refer"  # the matter goes to the Conference
    GRANT = "grant"  # the bureau grants status
    CLOSE_NO_OBJECTION = "close_no_objection"  # the period ended with no objection (17(2))
    CONFERENCE_ADMITS = "conference_admits"
    CONFERENCE_REFUSES = "conference_refuses"
    WITHDRAW = "withdraw"

    @property
    def label(self) -> str:
        return str(_ACTION_LABELS[self])


_ACTION_LABELS = {
    Action.NOTIFY: _("give written notice"),
    Action.APPLY: _("apply"),
    Action.CIRCULATE: _("put on the circulated list"),
    Action.OBJECT: _("record an objection"),
    Action.REFER: _("refer to the Conference"),
    Action.GRANT: _("grant status by the bureau"),
    Action.CLOSE_NO_OBJECTION: _("close the no-objection period"),
    Action.CONFERENCE_ADMITS: _("admit by decision of the Conference"),
    Action.CONFERENCE_REFUSES: _("refuse by decision of the Conference"),
    Action.WITHDRAW: _("withdraw"),
}

S = AdmissionStatus
A = Action

# (status before, action) → status after, per route. None is "nothing received yet". A status not
# listed with an action means the action is not allowed there.
TRANSITIONS: Mapping[AdmissionRoute, Mapping[tuple[AdmissionStatus | None, Action], AdmissionStatus]] = {
    # Rules 14 and 16(1): admitted by right; the Conference has no say, the observer may withdraw.
    AdmissionRoute.NOTICE: {
        (None, A.NOTIFY): S.ADMITTED,
        (S.ADMITTED, A.WITHDRAW): S.WITHDRAWN,
    },
    # Rules 15, 16(2), 17(1): the bureau grants (or puts the question to the Conference); the
    # Conference may decide otherwise even after a grant.
    AdmissionRoute.BUREAU: {
        (None, A.APPLY): S.APPLIED,
        (S.APPLIED, A.GRANT): S.ADMITTED,
        (S.APPLIED, A.REFER): S.REFERRED,
        (S.REFERRED, A.CONFERENCE_ADMITS): S.ADMITTED,
        (S.REFERRED, A.CONFERENCE_REFUSES): S.REFUSED,
        (S.ADMITTED, A.CONFERENCE_REFUSES): S.REFUSED,
        (S.APPLIED, A.WITHDRAW): S.WITHDRAWN,
        (S.REFERRED, A.WITHDRAW): S.WITHDRAWN,
        (S.ADMITTED, A.WITHDRAW): S.WITHDRAWN,
    },
    # Rule 17(2): list, no-objection period, objection → Conference.
    AdmissionRoute.NGO_LIST: {
        (None, A.APPLY): S.APPLIED,
        (S.APPLIED, A.CIRCULATE): S.LISTED,
        (S.LISTED, A.OBJECT): S.OBJECTED,
        (S.OBJECTED, A.OBJECT): S.OBJECTED,  # a further State party objects
        (S.LISTED, A.CLOSE_NO_OBJECTION): S.ADMITTED,
        (S.OBJECTED, A.REFER): S.REFERRED,
        (S.REFERRED, A.CONFERENCE_ADMITS): S.ADMITTED,
        (S.REFERRED, A.CONFERENCE_REFUSES): S.REFUSED,
        (S.ADMITTED, A.CONFERENCE_REFUSES): S.REFUSED,
        (S.APPLIED, A.WITHDRAW): S.WITHDRAWN,
        (S.LISTED, A.WITHDRAW): S.WITHDRAWN,
        (S.OBJECTED, A.WITHDRAW): S.WITHDRAWN,
        (S.REFERRED, A.WITHDRAW): S.WITHDRAWN,
        (S.ADMITTED, A.WITHDRAW): S.WITHDRAWN,
    },
}

del S, A


def allowed_actions(route: AdmissionRoute | str, status: AdmissionStatus | str | None) -> list[Action]:
    """The actions open from this status on this route (dates aside), in the order of `Action`."""
    table = TRANSITIONS[AdmissionRoute(route)]
    current = None if status is None else AdmissionStatus(status)
    return [action for action in Action if (current, action) in table]


def next_statuses(
    route: AdmissionRoute | str, status: AdmissionStatus | str | None
) -> frozenset[AdmissionStatus]:
    """The statuses reachable in one step from this one (dates aside)."""
    table = TRANSITIONS[AdmissionRoute(route)]
    current = None if status is None else AdmissionStatus(status)
    return frozenset(after for (before, _action), after in table.items() if before == current)


def transition(
    route: AdmissionRoute | str,
    status: AdmissionStatus | str | None,
    action: Action | str,
    on: dt.date,
    *,
    session_start: dt.date,
    circulated_on: dt.date | None = None,
    objecting_state: str | None = None,
    category: ObserverCategory | str | None = None,
    settings: ObserverSettings = DEFAULT_SETTINGS,
) -> AdmissionStatus | Refusal:
    """The status after `action` on day `on`, or the Refusal that says why it cannot happen.

    `circulated_on` (the day the list went out) is needed to record an objection; `objecting_state`
    (ISO3) must be given with an objection, so the caller can store it. `category`, when given, names
    the exact rule in messages.
    """
    route = AdmissionRoute(route)
    action = Action(action)
    current = None if status is None else AdmissionStatus(status)
    rule = rule_for(category) if category is not None else RULES_BY_ROUTE[route]
    if category is not None and route_for(category) != route:
        raise ValueError(f"category {category} is not admitted by route {route}")

    after = TRANSITIONS[route].get((current, action))
    if after is None:
        return Refusal(
            code="not_allowed",
            rule=rule,
            template=_(
                "This cannot be done now: the observer's admission is at “%(status)s” and the action "
                "“%(action)s” is not open from there under rule %(rule)s."
            ),
            params={
                "status": current.label if current else _("nothing received"),
                "action": _ACTION_LABELS[action],
                "rule": rule,
            },
        )

    deadlines = ObserverDeadlines.for_session(session_start, settings)
    refusal = _check_dates(route, action, on, rule, deadlines, circulated_on, objecting_state)
    return refusal or after


def _check_dates(
    route: AdmissionRoute,
    action: Action,
    on: dt.date,
    rule: str,
    deadlines: ObserverDeadlines,
    circulated_on: dt.date | None,
    objecting_state: str | None,
) -> Refusal | None:
    if action in (Action.NOTIFY, Action.APPLY):
        return _check_arrival(route, rule, on, deadlines)

    if action is Action.CIRCULATE and on > deadlines.list_circulation:
        return Refusal(
            code="list_too_late",
            rule="17(2)",
            template=_(
                "The list of non-governmental organizations must be circulated at least %(days)d days "
                "before the session opens on %(opening)s, that is by %(deadline)s (rule 17(2)); "
                "circulating it on %(on)s is too late."
            ),
            params={
                "days": deadlines.list_circulation_days,
                "opening": deadlines.session_start,
                "deadline": deadlines.list_circulation,
                "on": on,
            },
        )

    if action is Action.OBJECT:
        if not objecting_state:
            raise ValueError("an objection must name the State party that made it")
        if circulated_on is None:
            raise ValueError("an objection needs the day the list was circulated")
        if not deadlines.in_objection_period(on, circulated_on):
            return Refusal(
                code="outside_objection_period",
                rule="17(2)",
                template=_(
                    "Objections may be raised from the circulation of the list on %(circulated)s until "
                    "%(last_day)s (rule 17(2)); this one came on %(on)s."
                ),
                params={
                    "circulated": circulated_on,
                    "last_day": deadlines.objection_period_ends,
                    "on": on,
                },
            )

    if action is Action.CLOSE_NO_OBJECTION and on <= deadlines.objection_period_ends:
        return Refusal(
            code="objection_period_open",
            rule="17(2)",
            template=_(
                "The no-objection period runs until %(last_day)s (rule 17(2)); status can be granted "
                "only after it has passed."
            ),
            params={"last_day": deadlines.objection_period_ends},
        )

    # The Conference decides only when it meets.
    if action in (Action.CONFERENCE_ADMITS, Action.CONFERENCE_REFUSES) and on < deadlines.session_start:
        return Refusal(
            code="conference_not_in_session",
            rule=rule,
            template=_("The Conference can decide only in session; this session opens on %(opening)s."),
            params={"opening": deadlines.session_start},
        )
    return None
