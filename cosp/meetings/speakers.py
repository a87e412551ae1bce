"""The general-discussion speakers' list (agenda item 1(f)), kept by the nine rules of RULES.md 5.4c.

The list is never edited. It is what you get by replaying, in the order they reached the secretariat,
the written communications about it: requests to speak, confirmations of cabinet membership,
replacements of a speaker, swaps between two delegations, withdrawals. `replay()` applies each event
by the rules, refuses those the rules do not allow (naming the rule and saying why), and returns the
list in speaking order with each speaker's time limit and an estimated timetable across the meetings
allotted to the general discussion. The list as it stood at any moment is the replay of the events
received up to that moment (`as_of`).

Rules 1-6 and 9 decide the order and the timetable here. Rules 7 (longer statements posted on the
session website) and 8 (a provisional list circulated before the session) need no ordering logic: the
first is about statements, not the list; the second is this module's output at a chosen moment.

Events carry their own time (`at`, when the secretariat received the communication) and are replayed
sorted by it; events received at the same instant keep the order they were given in, which is also
the order of speakers inscribed at the same instant. Datetimes must be timezone-aware.

Reasons and change descriptions are built with Django's gettext at replay time, so they read in the
language active when the list is replayed; `Refusal.code` is a stable identifier for programs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any, ClassVar

from django.utils.translation import gettext as _

from .enums import MINISTERIAL_LEVELS, Level

# The five regional groups whose chair may speak for the group (rule 6).
REGIONAL_GROUPS = frozenset({"AFR", "APG", "EEG", "GRULAC", "WEOG"})


class SpeakersInputError(ValueError):
    """An event or a setting the engine cannot use; `field` names the value at fault."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


def _require_aware(field_name: str, value: object) -> None:
    if not isinstance(value, datetime):
        raise SpeakersInputError(field_name, f"expected a datetime, got {value!r}")
    # Comparing naive with aware datetimes fails halfway through a replay; refuse them up front.
    if value.tzinfo is None or value.utcoffset() is None:
        raise SpeakersInputError(field_name, "the datetime must carry a time zone")


def _require_delegation(field_name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise SpeakersInputError(field_name, "a delegation is a non-empty string such as 'AUT'")


def _require_group(field_name: str, value: object) -> None:
    if value is not None and value not in REGIONAL_GROUPS:
        groups = ", ".join(sorted(REGIONAL_GROUPS))
        raise SpeakersInputError(field_name, f"{value!r} is not a regional group ({groups})")


def _clean_level(field_name: str, value: object) -> Level:
    try:
        return Level(value)
    except ValueError:
        levels = ", ".join(Level.values)
        raise SpeakersInputError(field_name, f"{value!r} is not a level ({levels})") from None


# --- Settings -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Meeting:
    """A meeting allotted to the general discussion."""

    starts_at: datetime
    ends_at: datetime

    def __post_init__(self) -> None:
        _require_aware("starts_at", self.starts_at)
        _require_aware("ends_at", self.ends_at)
        if self.ends_at <= self.starts_at:
            raise SpeakersInputError("ends_at", "a meeting must end after it starts")


@dataclass(frozen=True)
class ListSettings:
    """One session's list: when it opens and closes (rule 1), the meetings it fills and when the
    general discussion ends (rule 9), and the time limits (rule 6)."""

    opens_at: datetime
    closes_at: datetime
    meetings: tuple[Meeting, ...] = ()
    # Default: the end of the last meeting. With no meetings and no end, there is no timetable yet.
    ends_at: datetime | None = None
    minutes: int = 4
    group_minutes: int = 7

    def __post_init__(self) -> None:
        _require_aware("opens_at", self.opens_at)
        _require_aware("closes_at", self.closes_at)
        if self.closes_at <= self.opens_at:
            raise SpeakersInputError("closes_at", "the list must close after it opens")
        if self.ends_at is not None:
            _require_aware("ends_at", self.ends_at)
        for name in ("minutes", "group_minutes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise SpeakersInputError(name, f"a time limit is a whole number of minutes, got {value!r}")
        meetings = tuple(sorted(self.meetings, key=lambda meeting: meeting.starts_at))
        for earlier, later in pairwise(meetings):
            if later.starts_at < earlier.ends_at:
                raise SpeakersInputError(
                    "meetings",
                    f"the meeting starting at {later.starts_at.isoformat()} overlaps the one before",
                )
        object.__setattr__(self, "meetings", meetings)

    @property
    def discussion_ends_at(self) -> datetime | None:
        """When the general discussion ends (rule 9)."""
        if self.ends_at is not None:
            return self.ends_at
        return self.meetings[-1].ends_at if self.meetings else None


# --- Events ---------------------------------------------------------------------------------------
#
# Every event is a written communication (rule 1) received by the secretariat at `at`. `recorded_by`
# names who recorded it; `ref` is the caller's identifier for it (a table row, an index in a file),
# carried through to refusals and the change log untouched. A delegation may hold two entries, its
# national statement and one on behalf of a regional group (rule 6); events that name a delegation
# address the national one unless `on_behalf_of_group` says otherwise.
#
# A cabinet minister is `Level.CABINET_MINISTER`: the level itself claims cabinet membership, so the
# events carry no separate cabinet flag that could contradict it (rule 3).


@dataclass(frozen=True, kw_only=True)
class _EventBase:
    kind: ClassVar[str]

    at: datetime
    recorded_by: str = ""
    ref: int | str | None = None

    def __post_init__(self) -> None:
        _require_aware("at", self.at)


@dataclass(frozen=True, kw_only=True)
class Request(_EventBase):
    """A request to inscribe a speaker."""

    kind: ClassVar[str] = "request"

    delegation: str
    level: Level
    speaker: str = ""
    on_behalf_of_group: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        _require_delegation("delegation", self.delegation)
        object.__setattr__(self, "level", _clean_level("level", self.level))
        _require_group("on_behalf_of_group", self.on_behalf_of_group)


@dataclass(frozen=True, kw_only=True)
class ConfirmCabinet(_EventBase):
    """The additional information confirming that the speaker is a member of the cabinet (rule 3)."""

    kind: ClassVar[str] = "confirm_cabinet"

    delegation: str
    on_behalf_of_group: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        _require_delegation("delegation", self.delegation)
        _require_group("on_behalf_of_group", self.on_behalf_of_group)


@dataclass(frozen=True, kw_only=True)
class Replace(_EventBase):
    """Notice that another speaker, at `level`, will speak for the delegation (rule 4)."""

    kind: ClassVar[str] = "replace"

    delegation: str
    level: Level
    speaker: str = ""
    on_behalf_of_group: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        _require_delegation("delegation", self.delegation)
        object.__setattr__(self, "level", _clean_level("level", self.level))
        _require_group("on_behalf_of_group", self.on_behalf_of_group)


@dataclass(frozen=True, kw_only=True)
class Swap(_EventBase):
    """Two delegations exchange places (rule 5); `agreed_by_both` records that both wrote to the
    secretariat, each with a copy to the other."""

    kind: ClassVar[str] = "swap"

    delegation_a: str
    delegation_b: str
    agreed_by_both: bool
    on_behalf_of_group_a: str | None = None
    on_behalf_of_group_b: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        _require_delegation("delegation_a", self.delegation_a)
        _require_delegation("delegation_b", self.delegation_b)
        if not isinstance(self.agreed_by_both, bool):
            raise SpeakersInputError("agreed_by_both", f"expected true or false, got {self.agreed_by_both!r}")
        _require_group("on_behalf_of_group_a", self.on_behalf_of_group_a)
        _require_group("on_behalf_of_group_b", self.on_behalf_of_group_b)


@dataclass(frozen=True, kw_only=True)
class Withdraw(_EventBase):
    """The delegation takes its speaker off the list."""

    kind: ClassVar[str] = "withdraw"

    delegation: str
    on_behalf_of_group: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        _require_delegation("delegation", self.delegation)
        _require_group("on_behalf_of_group", self.on_behalf_of_group)


Event = Request | ConfirmCabinet | Replace | Swap | Withdraw
EVENT_KINDS: dict[str, type[Event]] = {
    cls.kind: cls for cls in (Request, ConfirmCabinet, Replace, Swap, Withdraw)
}


# --- The result -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One speaker on the list, at `position` (1-based) in speaking order."""

    position: int
    delegation: str
    on_behalf_of_group: str | None
    level: Level
    speaker: str
    priority: bool  # in the ministerial tier (rule 2)
    awaiting_confirmation: bool  # a cabinet minister whose membership is not yet confirmed (rule 3)
    minutes: int  # the time limit (rule 6)
    requested_at: datetime  # when the delegation's request arrived
    # The time that gives the entry its place in its tier: the request's, a replacement notice's
    # (rule 4), or the other delegation's after a swap (rule 5).
    ordering_time: datetime
    estimated_start: datetime | None  # rule 9; None when moved to other items or no meetings yet
    estimated_end: datetime | None
    moved_to_other_items: bool  # does not fit before the general discussion ends (rule 9)

    def as_json(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "delegation": self.delegation,
            "on_behalf_of_group": self.on_behalf_of_group,
            "level": str(self.level),
            "speaker": self.speaker,
            "priority": self.priority,
            "awaiting_confirmation": self.awaiting_confirmation,
            "minutes": self.minutes,
            "requested_at": self.requested_at.isoformat(),
            "ordering_time": self.ordering_time.isoformat(),
            "estimated_start": self.estimated_start.isoformat() if self.estimated_start else None,
            "estimated_end": self.estimated_end.isoformat() if self.estimated_end else None,
            "moved_to_other_items": self.moved_to_other_items,
        }


@dataclass(frozen=True)
class Refusal:
    """An event the rules did not allow: which `rule` (1-9) refused it and why."""

    event: Event
    rule: int
    code: str  # stable, for programs: "before_opening", "swap_levels_differ" ...
    reason: str  # one sentence, in the language active during the replay


@dataclass(frozen=True)
class Change:
    """What an accepted event did to the list; with `event.at` and `event.recorded_by` it is the
    record of who changed what, when."""

    event: Event
    description: str


@dataclass(frozen=True)
class SpeakersList:
    entries: tuple[Entry, ...]
    refused: tuple[Refusal, ...]
    changes: tuple[Change, ...]
    as_of: datetime | None = None

    def entry(self, delegation: str, on_behalf_of_group: str | None = None) -> Entry | None:
        return next(
            (
                entry
                for entry in self.entries
                if entry.delegation == delegation and entry.on_behalf_of_group == on_behalf_of_group
            ),
            None,
        )


# --- The replay -----------------------------------------------------------------------------------


def replay(settings: ListSettings, events: Iterable[Event], *, as_of: datetime | None = None) -> SpeakersList:
    """The list that results from `events`, or from those received up to `as_of` (inclusive).

    Events are applied in the order of their `at` (ties keep the order given), so the result depends
    on the events alone, and replaying up to `as_of` gives the list as it stood then.
    """
    events = list(events)
    for index, event in enumerate(events):
        if not isinstance(event, _EventBase):
            raise TypeError(f"events[{index}] is not a speakers' list event: {event!r}")
    if as_of is not None:
        _require_aware("as_of", as_of)
    ordered = sorted(events, key=lambda event: event.at)  # a stable sort: ties keep the given order
    if as_of is not None:
        ordered = [event for event in ordered if event.at <= as_of]
    state = _Replay(settings)
    for sequence, event in enumerate(ordered):
        state.apply(event, sequence)
    return state.result(as_of)


_Key = tuple[str, str | None]  # (delegation, group or None for the national statement)


@dataclass
class _Inscription:
    delegation: str
    group: str | None
    level: Level
    speaker: str
    requested_at: datetime
    ordering_time: datetime
    # Breaks ties between equal ordering times: the position of the event that set the place.
    sequence: int
    cabinet_confirmed: bool = False

    @property
    def awaiting_confirmation(self) -> bool:
        return self.level == Level.CABINET_MINISTER and not self.cabinet_confirmed

    @property
    def priority(self) -> bool:
        # Rule 2, with rule 3: a cabinet minister's priority waits for the confirmation.
        return self.level in MINISTERIAL_LEVELS and not self.awaiting_confirmation

    @property
    def sort_key(self) -> tuple[bool, datetime, int]:
        return (not self.priority, self.ordering_time, self.sequence)


def _when(moment: datetime) -> str:
    # In the moment's own time zone, as the secretariat or the file gave it ("UTC+04:00", "CET").
    return f"{moment:%Y-%m-%d %H:%M} {moment:%Z}"


def _statement(delegation: str, group: str | None) -> str:
    if group is None:
        return delegation
    return _("%(delegation)s on behalf of %(group)s") % {"delegation": delegation, "group": group}


def _level_label(level: Level) -> str:
    return str(Level(level).label)


class _Replay:
    def __init__(self, settings: ListSettings) -> None:
        self.settings = settings
        self.inscriptions: dict[_Key, _Inscription] = {}
        self.refused: list[Refusal] = []
        self.changes: list[Change] = []

    # Bookkeeping: `message` is a translated template filled with `params`.

    def refuse(self, event: Event, rule: int, code: str, message: str, **params: str) -> None:
        self.refused.append(Refusal(event=event, rule=rule, code=code, reason=message % params))

    def record(self, event: Event, message: str, **params: str) -> None:
        self.changes.append(Change(event=event, description=message % params))

    def find(self, event: Event, rule: int, delegation: str, group: str | None) -> _Inscription | None:
        """The entry an event is about; if there is none, the event is refused under `rule`."""
        inscription = self.inscriptions.get((delegation, group))
        if inscription is None:
            statement = _statement(delegation, group)
            self.refuse(
                event, rule, "not_on_list", _("%(statement)s is not on the list."), statement=statement
            )
        return inscription

    # Events

    def apply(self, event: Event, sequence: int) -> None:
        ends_at = self.settings.discussion_ends_at
        if ends_at is not None and event.at > ends_at and not isinstance(event, Request):
            # Rule 9: once the general discussion is over, its list is history. (A late request is
            # refused under rule 1, the list having closed before.)
            message = _("The general discussion ended at %(end)s; its list no longer changes.")
            self.refuse(event, 9, "after_end", message, end=_when(ends_at))
        elif isinstance(event, Request):
            self.request(event, sequence)
        elif isinstance(event, ConfirmCabinet):
            self.confirm_cabinet(event)
        elif isinstance(event, Replace):
            self.replace(event, sequence)
        elif isinstance(event, Swap):
            self.swap(event)
        else:
            self.withdraw(event)

    def request(self, event: Request, sequence: int) -> None:
        delegation, group = event.delegation, event.on_behalf_of_group
        settings = self.settings
        if event.at < settings.opens_at:
            message = _(
                "The request from %(delegation)s arrived at %(at)s, before the list opened at %(opens)s; "
                "it must be sent again once the list is open."
            )
            self.refuse(
                event,
                1,
                "before_opening",
                message,
                delegation=delegation,
                at=_when(event.at),
                opens=_when(settings.opens_at),
            )
            return
        if event.at > settings.closes_at:
            message = _(
                "The request from %(delegation)s arrived at %(at)s, after the list closed at %(closes)s."
            )
            self.refuse(
                event,
                1,
                "after_closing",
                message,
                delegation=delegation,
                at=_when(event.at),
                closes=_when(settings.closes_at),
            )
            return
        if group is None and (delegation, None) in self.inscriptions:
            message = _("%(delegation)s is already on the list; a delegation makes one national statement.")
            self.refuse(event, 6, "duplicate_national_statement", message, delegation=delegation)
            return
        if group is not None:
            holder = next((key[0] for key in self.inscriptions if key[1] == group), None)
            if holder is not None:
                message = _(
                    "%(group)s is already on the list, through %(holder)s; a regional group speaks once."
                )
                self.refuse(event, 6, "group_already_inscribed", message, group=group, holder=holder)
                return
            held = next((key[1] for key in self.inscriptions if key[0] == delegation and key[1]), None)
            if held is not None:
                message = _(
                    "%(delegation)s already speaks on behalf of %(group)s; a delegation makes one statement "
                    "for a group."
                )
                self.refuse(event, 6, "second_group_statement", message, delegation=delegation, group=held)
                return
        inscription = _Inscription(
            delegation=delegation,
            group=group,
            level=event.level,
            speaker=event.speaker,
            requested_at=event.at,
            ordering_time=event.at,  # rule 2: first come, first served within the tier
            sequence=sequence,
        )
        self.inscriptions[(delegation, group)] = inscription
        if inscription.awaiting_confirmation:
            message = _(
                "%(statement)s inscribed (%(level)s, received %(at)s), without priority until cabinet "
                "membership is confirmed."
            )
        else:
            message = _("%(statement)s inscribed (%(level)s, received %(at)s).")
        self.record(
            event,
            message,
            statement=_statement(delegation, group),
            level=_level_label(event.level),
            at=_when(event.at),
        )

    def confirm_cabinet(self, event: ConfirmCabinet) -> None:
        inscription = self.find(event, 3, event.delegation, event.on_behalf_of_group)
        if inscription is None:
            return
        statement = _statement(event.delegation, event.on_behalf_of_group)
        if inscription.level != Level.CABINET_MINISTER:
            message = _(
                "The speaker for %(statement)s is not a cabinet minister (%(level)s); there is nothing to "
                "confirm."
            )
            level = _level_label(inscription.level)
            self.refuse(event, 3, "not_cabinet_minister", message, statement=statement, level=level)
            return
        if inscription.cabinet_confirmed:
            message = _("The cabinet membership of the speaker for %(statement)s is already confirmed.")
            self.refuse(event, 3, "already_confirmed", message, statement=statement)
            return
        # Rule 3: the entry takes the place in the priority tier that its request earned.
        inscription.cabinet_confirmed = True
        message = _("Cabinet membership of the speaker for %(statement)s confirmed; priority from %(at)s.")
        self.record(event, message, statement=statement, at=_when(inscription.ordering_time))

    def replace(self, event: Replace, sequence: int) -> None:
        inscription = self.find(event, 4, event.delegation, event.on_behalf_of_group)
        if inscription is None:
            return
        if (inscription.level in MINISTERIAL_LEVELS) == (event.level in MINISTERIAL_LEVELS):
            # Same tier: the place is kept.
            message = _(
                "%(statement)s replaced its speaker (%(old)s) by another (%(new)s) and keeps its place."
            )
        else:
            # Rule 4: the place is the one given by the time the replacement notice arrived. The same
            # holds when the new speaker is of higher rank: the entry joins the priority tier at the
            # notice's time, so nobody moves up the list by upgrading its speaker.
            inscription.ordering_time = event.at
            inscription.sequence = sequence
            message = _(
                "%(statement)s replaced its speaker (%(old)s) by another (%(new)s) and takes the place "
                "given by the notice received at %(at)s."
            )
        old_level = inscription.level
        inscription.level = event.level
        inscription.speaker = event.speaker
        # A new speaker's cabinet membership needs its own confirmation (rule 3).
        inscription.cabinet_confirmed = False
        self.record(
            event,
            message,
            statement=_statement(event.delegation, event.on_behalf_of_group),
            old=_level_label(old_level),
            new=_level_label(event.level),
            at=_when(event.at),
        )

    def swap(self, event: Swap) -> None:
        first = self.find(event, 5, event.delegation_a, event.on_behalf_of_group_a)
        if first is None:
            return
        second = self.find(event, 5, event.delegation_b, event.on_behalf_of_group_b)
        if second is None:
            return
        a = _statement(first.delegation, first.group)
        b = _statement(second.delegation, second.group)
        if first.delegation == second.delegation:
            message = _("A swap of places needs two different delegations.")
            self.refuse(event, 5, "swap_same_delegation", message)
        elif not event.agreed_by_both:
            message = _(
                "%(a)s and %(b)s may swap places only when both have written to the secretariat, each with "
                "a copy to the other."
            )
            self.refuse(event, 5, "swap_not_agreed", message, a=a, b=b)
        elif first.level != second.level:
            message = _(
                "%(a)s (%(level_a)s) and %(b)s (%(level_b)s) may not swap places: their speakers are not at "
                "the same level."
            )
            self.refuse(
                event,
                5,
                "swap_levels_differ",
                message,
                a=a,
                b=b,
                level_a=_level_label(first.level),
                level_b=_level_label(second.level),
            )
        elif first.priority != second.priority:
            # Both cabinet ministers, one confirmed: they are in different tiers, and exchanging places
            # across tiers would give priority without confirmation.
            message = _(
                "%(a)s and %(b)s may not swap places until the cabinet membership of both speakers is "
                "confirmed."
            )
            self.refuse(event, 5, "swap_awaiting_confirmation", message, a=a, b=b)
        else:
            # Each takes the other's place: the ordering times (and tie-breaks) change hands.
            first.ordering_time, second.ordering_time = second.ordering_time, first.ordering_time
            first.sequence, second.sequence = second.sequence, first.sequence
            self.record(event, _("%(a)s and %(b)s swapped places."), a=a, b=b)

    def withdraw(self, event: Withdraw) -> None:
        key = (event.delegation, event.on_behalf_of_group)
        # A withdrawal takes back a written request, so its refusal cites the rule on requests (rule 1).
        if self.find(event, 1, *key) is None:
            return
        del self.inscriptions[key]
        self.record(event, _("%(statement)s withdrew from the list."), statement=_statement(*key))

    # The result

    def result(self, as_of: datetime | None) -> SpeakersList:
        ordered = sorted(self.inscriptions.values(), key=lambda inscription: inscription.sort_key)
        limits = [self.settings.group_minutes if i.group else self.settings.minutes for i in ordered]
        slots = estimate_timetable(self.settings, limits)
        has_meetings = bool(self.settings.meetings)
        entries = tuple(
            Entry(
                position=position,
                delegation=inscription.delegation,
                on_behalf_of_group=inscription.group,
                level=inscription.level,
                speaker=inscription.speaker,
                priority=inscription.priority,
                awaiting_confirmation=inscription.awaiting_confirmation,
                minutes=minutes,
                requested_at=inscription.requested_at,
                ordering_time=inscription.ordering_time,
                estimated_start=slot[0] if slot else None,
                estimated_end=slot[1] if slot else None,
                # Without meetings there is no timetable yet, and nobody is moved anywhere.
                moved_to_other_items=has_meetings and slot is None,
            )
            for position, (inscription, minutes, slot) in enumerate(
                zip(ordered, limits, slots, strict=True), start=1
            )
        )
        return SpeakersList(
            entries=entries, refused=tuple(self.refused), changes=tuple(self.changes), as_of=as_of
        )


def estimate_timetable(
    settings: ListSettings, minutes: Iterable[int]
) -> list[tuple[datetime, datetime] | None]:
    """Rule 9: when each speaker, in order and using the whole time limit, would speak.

    Speakers fill the meetings one after the other. A speaker who would not finish before a meeting
    ends starts at the next meeting; one who fits in no meeting before the general discussion ends
    gets None (moved to other agenda items), and so does everyone after: the order is never broken
    to fill a gap with a shorter statement.
    """
    end = settings.discussion_ends_at
    windows = [
        (meeting.starts_at, min(meeting.ends_at, end) if end else meeting.ends_at)
        for meeting in settings.meetings
    ]
    windows = [(start, stop) for start, stop in windows if start < stop]
    if not windows:
        return [None for _limit in minutes]
    slots: list[tuple[datetime, datetime] | None] = []
    window = 0
    cursor = windows[0][0]
    for limit in minutes:
        length = timedelta(minutes=limit)
        while window < len(windows):
            start = max(cursor, windows[window][0])
            if start + length <= windows[window][1]:
                slots.append((start, start + length))
                cursor = start + length
                break
            window += 1
        else:
            slots.append(None)
    return slots


# --- JSON -----------------------------------------------------------------------------------------
#
# The file format of `cosp speakers replay` (docs/SPEAKERS-EVENTS.md). Datetimes are ISO 8601; one
# without a time zone is read as UTC.

_SETTINGS_FIELDS = {"opens_at", "closes_at", "ends_at", "minutes", "group_minutes", "meetings", "events"}
# Each kind's fields and what they hold; a trailing "?" marks a field that may be left out.
_EVENT_FIELDS: dict[str, dict[str, str]] = {
    "request": {
        "at": "datetime",
        "delegation": "string",
        "level": "string",
        "speaker": "string?",
        "on_behalf_of_group": "group?",
        "recorded_by": "string?",
    },
    "confirm_cabinet": {
        "at": "datetime",
        "delegation": "string",
        "on_behalf_of_group": "group?",
        "recorded_by": "string?",
    },
    "replace": {
        "at": "datetime",
        "delegation": "string",
        "level": "string",
        "speaker": "string?",
        "on_behalf_of_group": "group?",
        "recorded_by": "string?",
    },
    "swap": {
        "at": "datetime",
        "delegation_a": "string",
        "delegation_b": "string",
        "agreed_by_both": "boolean",
        "on_behalf_of_group_a": "group?",
        "on_behalf_of_group_b": "group?",
        "recorded_by": "string?",
    },
    "withdraw": {
        "at": "datetime",
        "delegation": "string",
        "on_behalf_of_group": "group?",
        "recorded_by": "string?",
    },
}


def parse_datetime(where: str, value: object) -> datetime:
    """An ISO 8601 date and time (a date alone is midnight); without a time zone it is UTC."""
    if not isinstance(value, str):
        raise SpeakersInputError(where, f"expected an ISO 8601 date and time as a string, got {value!r}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise SpeakersInputError(where, f"{value!r} is not an ISO 8601 date and time") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _object(where: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise SpeakersInputError(where, f"expected an object, got {type(value).__name__}")
    return value


def _check_fields(where: str, given: Mapping[str, Any], allowed: set[str], required: set[str]) -> None:
    for name in sorted(set(given) - allowed):
        raise SpeakersInputError(f"{where}.{name}", "unknown field")
    for name in sorted(required - set(given)):
        raise SpeakersInputError(f"{where}.{name}", "missing")


def _json_value(where: str, holds: str, value: object) -> object:
    if holds == "datetime":
        return parse_datetime(where, value)
    if holds == "boolean" and not isinstance(value, bool):
        raise SpeakersInputError(where, f"expected true or false, got {value!r}")
    if holds == "group" and value is not None and not isinstance(value, str):
        raise SpeakersInputError(where, f"expected a regional group code or null, got {value!r}")
    if holds == "string" and not isinstance(value, str):
        raise SpeakersInputError(where, f"expected a string, got {value!r}")
    return value  # levels and group codes are checked by the event itself


def event_from_json(data: object, *, where: str = "event", ref: int | str | None = None) -> Event:
    """One event from its JSON object; an error names the field at fault (`events[3].level: ...`)."""
    given = _object(where, data)
    kind = given.get("kind")
    if kind not in _EVENT_FIELDS:
        kinds = ", ".join(_EVENT_FIELDS)
        problem = "missing" if kind is None else f"{kind!r} is not an event kind ({kinds})"
        raise SpeakersInputError(f"{where}.kind", problem)
    fields = {name: holds.rstrip("?") for name, holds in _EVENT_FIELDS[kind].items()}
    required = {name for name, holds in _EVENT_FIELDS[kind].items() if not holds.endswith("?")}
    _check_fields(where, given, set(fields) | {"kind"}, required)
    values = {
        name: _json_value(f"{where}.{name}", fields[name], value)
        for name, value in given.items()
        if name != "kind"
    }
    try:
        return EVENT_KINDS[kind](ref=ref, **values)
    except SpeakersInputError as error:
        raise SpeakersInputError(f"{where}.{error.field}", error.problem) from None


def event_as_json(event: Event) -> dict[str, Any]:
    """The JSON object that `event_from_json` reads back into the same event (less its `ref`)."""
    data: dict[str, Any] = {"kind": event.kind}
    for name in _EVENT_FIELDS[event.kind]:
        value = getattr(event, name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, Level):
            value = value.value
        data[name] = value
    return data


def replay_input_from_json(data: object) -> tuple[ListSettings, list[Event]]:
    """The settings and events of a replay file (docs/SPEAKERS-EVENTS.md); each event gets its index
    in the file as `ref`. Raises SpeakersInputError naming the first value at fault."""
    given = _object("file", data)
    _check_fields("file", given, _SETTINGS_FIELDS, {"opens_at", "closes_at", "events"})
    values: dict[str, Any] = {
        "opens_at": parse_datetime("opens_at", given["opens_at"]),
        "closes_at": parse_datetime("closes_at", given["closes_at"]),
    }
    if given.get("ends_at") is not None:
        values["ends_at"] = parse_datetime("ends_at", given["ends_at"])
    for name in ("minutes", "group_minutes"):
        if name in given:
            values[name] = given[name]  # ListSettings checks them
    meetings_given = given.get("meetings", [])
    if not isinstance(meetings_given, list):
        raise SpeakersInputError("meetings", "expected a list of meetings")
    meetings = []
    for index, meeting_data in enumerate(meetings_given):
        where = f"meetings[{index}]"
        meeting = _object(where, meeting_data)
        _check_fields(where, meeting, {"starts_at", "ends_at"}, {"starts_at", "ends_at"})
        starts_at = parse_datetime(f"{where}.starts_at", meeting["starts_at"])
        ends_at = parse_datetime(f"{where}.ends_at", meeting["ends_at"])
        try:
            meetings.append(Meeting(starts_at=starts_at, ends_at=ends_at))
        except SpeakersInputError as error:
            raise SpeakersInputError(f"{where}.{error.field}", error.problem) from None
    settings = ListSettings(meetings=tuple(meetings), **values)
    events_given = given["events"]
    if not isinstance(events_given, list):
        raise SpeakersInputError("events", "expected a list of events")
    events = [
        event_from_json(event, where=f"events[{index}]", ref=index)
        for index, event in enumerate(events_given)
    ]
    return settings, events
