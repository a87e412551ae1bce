"""The officers of a session (rule 22), the rotation of the President and Rapporteur, and the
replacement of an officer (rule 31).

At the opening of each session the Conference elects, from the representatives of the States parties
present, a President, Vice-Presidents and a Rapporteur; they form the bureau, with one member from each
of the five regional groups. The number of Vice-Presidents is three in the Conference's own summary of
rule 22 (COSP8 annotations), but the rule's text is unconfirmed [U], so it is a setting.

Findings come back as `Problem`s with a severity, so a bureau being elected can be shown without its
empty posts counting as errors:

- ERROR: the bureau as it stands breaks a rule.
- PENDING: a post or a group is still without an officer (only when `complete=False`).
- WARNING: allowed, but worth a second look (a repeat in the rotation, replacing the President).

Regional groups are the codes AFR, APG, EEG, GRULAC and WEOG; States are ISO3 codes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from cosp.meetings.enums import Office

REGIONAL_GROUPS: tuple[str, ...] = ("AFR", "APG", "EEG", "GRULAC", "WEOG")

# The offices that rotate among the regional groups (rule 22).
ROTATING_OFFICES: tuple[Office, ...] = (Office.PRESIDENT, Office.RAPPORTEUR)


class Severity(StrEnum):
    ERROR = "error"
    PENDING = "pending"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding about a bureau: a stable code, its severity, the rule, and a message for people.

    The message is formatted when read, so it comes out in the language active at that moment.
    """

    code: str
    severity: Severity
    rule: str
    template: str = field(repr=False)  # a lazy translation
    params: Mapping[str, object] = field(default_factory=dict, repr=False)
    office: Office | None = None
    state: str | None = None
    group: str | None = None

    @property
    def message(self) -> str:
        return str(self.template) % {
            key: value if isinstance(value, int) else str(value) for key, value in self.params.items()
        }

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class BureauSettings:
    """The shape of the bureau. The defaults are the Conference's practice: 1 + 3 + 1 officers, one
    from each of the five regional groups, every group represented."""

    vice_presidents: int = 3
    groups: tuple[str, ...] = REGIONAL_GROUPS
    max_officers_per_group: int = 1
    every_group_represented: bool = True

    def __post_init__(self) -> None:
        if self.vice_presidents < 0 or self.max_officers_per_group < 1:
            raise ValueError("the number of Vice-Presidents and officers per group cannot be negative")
        if sum(self.seats.values()) > len(self.groups) * self.max_officers_per_group:
            raise ValueError("more officers than the regional groups may hold under these settings")

    @property
    def seats(self) -> dict[Office, int]:
        return {Office.PRESIDENT: 1, Office.VICE_PRESIDENT: self.vice_presidents, Office.RAPPORTEUR: 1}


DEFAULT_SETTINGS = BureauSettings()


@dataclass(frozen=True)
class Officer:
    office: Office
    state: str  # ISO3 of the State party whose representative holds the office
    name: str = ""  # the person, when known


def validate_bureau(
    officers: Sequence[Officer],
    present_states_parties: Collection[str],
    state_groups: Mapping[str, str],
    *,
    complete: bool = True,
    settings: BureauSettings = DEFAULT_SETTINGS,
) -> list[Problem]:
    """Check the officers of a session against rule 22; an empty list means a valid bureau.

    `present_states_parties` are the ISO3 codes of the States parties present at the session;
    `state_groups` maps ISO3 codes to regional groups. With `complete=False` (election in progress)
    vacant posts and groups without an officer are PENDING rather than ERROR.
    """
    problems: list[Problem] = []
    vacancy = Severity.ERROR if complete else Severity.PENDING

    held = Counter(Office(officer.office) for officer in officers)
    for office, seats in settings.seats.items():
        if held[office] > seats:
            problems.append(
                Problem(
                    code="office_overfilled",
                    severity=Severity.ERROR,
                    rule="22",
                    template=_(
                        "%(count)d officers hold the office of %(office)s; there are %(seats)d seats."
                    ),
                    params={"count": held[office], "office": office.label, "seats": seats},
                    office=office,
                )
            )
        elif held[office] < seats:
            problems.append(
                Problem(
                    code="office_vacant",
                    severity=vacancy,
                    rule="22",
                    template=_("%(office)s: %(filled)d of %(seats)d elected."),
                    params={"office": office.label, "filled": held[office], "seats": seats},
                    office=office,
                )
            )

    offices_by_state: dict[str, list[Office]] = defaultdict(list)
    for officer in officers:
        offices_by_state[officer.state].append(Office(officer.office))
    for state, offices in offices_by_state.items():
        if state not in present_states_parties:
            problems.append(
                Problem(
                    code="state_not_present",
                    severity=Severity.ERROR,
                    rule="22",
                    template=_(
                        "%(state)s is not a State party present at the session; officers are elected "
                        "from the representatives of the States parties present."
                    ),
                    params={"state": state},
                    state=state,
                )
            )
        if len(offices) > 1:
            problems.append(
                Problem(
                    code="state_holds_two_offices",
                    severity=Severity.ERROR,
                    rule="22",
                    template=_("%(state)s holds more than one office: %(offices)s."),
                    params={"state": state, "offices": ", ".join(str(o.label) for o in offices)},
                    state=state,
                )
            )

    # Groups are counted by State, so a State holding two offices is reported once, above.
    states_by_group: dict[str, list[str]] = defaultdict(list)
    for state in offices_by_state:
        group = state_groups.get(state)
        if group is None:
            problems.append(
                Problem(
                    code="no_regional_group",
                    severity=Severity.ERROR,
                    rule="22",
                    template=_(
                        "No regional group is recorded for %(state)s, so its place in the bureau "
                        "cannot be checked."
                    ),
                    params={"state": state},
                    state=state,
                )
            )
        else:
            states_by_group[group].append(state)
    for group, states in states_by_group.items():
        if len(states) > settings.max_officers_per_group:
            problems.append(
                Problem(
                    code="group_overrepresented",
                    severity=Severity.ERROR,
                    rule="22",
                    template=_(
                        "The regional group %(group)s has %(count)d officers (%(states)s); it may have "
                        "%(max)d."
                    ),
                    params={
                        "group": group,
                        "count": len(states),
                        "states": ", ".join(states),
                        "max": settings.max_officers_per_group,
                    },
                    group=group,
                )
            )
    if settings.every_group_represented:
        for group in settings.groups:
            if group not in states_by_group:
                problems.append(
                    Problem(
                        code="group_unrepresented",
                        severity=vacancy,
                        rule="22",
                        template=_("The regional group %(group)s has no officer yet."),
                        params={"group": group},
                        group=group,
                    )
                )
    return problems


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that make a bureau invalid (not pending posts, not warnings)."""
    return [problem for problem in problems if problem.severity is Severity.ERROR]


# --- Rotation of the President and the Rapporteur ---------------------------------------------------


class HeldOffice(NamedTuple):
    """An office held at a past session by a regional group; plain tuples of the same shape work."""

    session: str  # a label such as "COSP7"
    office: Office
    group: str


@dataclass(frozen=True)
class RotationRow:
    session: str
    president: str | None
    rapporteur: str | None


def _groups_by_session(history: Iterable[tuple[str, Office | str, str]]) -> dict[str, dict[Office, str]]:
    # dicts keep insertion order, so sessions stay in the chronological order of `history`.
    sessions: dict[str, dict[Office, str]] = {}
    for session, office, group in history:
        sessions.setdefault(session, {})[Office(office)] = group
    return sessions


def rotation_table(history: Iterable[tuple[str, Office | str, str]], last: int = 5) -> list[RotationRow]:
    """Which groups held the presidency and the rapporteurship at the last `last` sessions, oldest first.

    `history` lists (session, office, group) in chronological order.
    """
    sessions = _groups_by_session(history)
    rows = [
        RotationRow(session, offices.get(Office.PRESIDENT), offices.get(Office.RAPPORTEUR))
        for session, offices in sessions.items()
    ]
    return rows[-last:] if last > 0 else []


def rotation_warnings(
    history: Iterable[tuple[str, Office | str, str]], proposed: Mapping[Office | str, str]
) -> list[Problem]:
    """Warn when the proposed President's or Rapporteur's group held the same office at the previous
    session. The offices normally rotate (rule 22), so a repeat is allowed but worth a look.

    `proposed` maps offices to regional groups; offices other than those two are ignored.
    """
    sessions = _groups_by_session(history)
    if not sessions:
        return []
    previous_session, previous = next(reversed(sessions.items()))
    warnings = []
    for office in ROTATING_OFFICES:
        group = proposed.get(office)
        if group is not None and previous.get(office) == group:
            warnings.append(
                Problem(
                    code="rotation_repeat",
                    severity=Severity.WARNING,
                    rule="22",
                    template=_(
                        "The regional group %(group)s also held the office of %(office)s at the previous "
                        "session (%(session)s); the offices of President and Rapporteur normally rotate "
                        "among the regional groups."
                    ),
                    params={"group": group, "office": office.label, "session": previous_session},
                    office=office,
                    group=group,
                )
            )
    return warnings


# --- Replacement (rule 31) --------------------------------------------------------------------------


def check_replacement(officer_state: str, replacement_state: str, office: Office | str) -> list[Problem]:
    """Check the replacement of an officer who cannot continue; an empty list means it is in order.

    Under rule 31 the same State party names the replacement, who serves for the rest of the term. For
    the President the rules (by the UNTOC analogue, unconfirmed for the Conference [C~]) have a
    Vice-President act as President instead; that is reported as a WARNING, not a block, because the
    Conference's own text has not been checked and the Conference may have decided otherwise.
    """
    office = Office(office)
    problems = []
    if replacement_state != officer_state:
        problems.append(
            Problem(
                code="replacement_other_state",
                severity=Severity.ERROR,
                rule="31",
                template=_(
                    "An officer who cannot continue is replaced by a representative of the same State "
                    "party (%(state)s), not of %(replacement)s."
                ),
                params={"state": officer_state, "replacement": replacement_state},
                office=office,
                state=replacement_state,
            )
        )
    if office is Office.PRESIDENT:
        problems.append(
            Problem(
                code="president_replaced",
                severity=Severity.WARNING,
                rule="31",
                template=_(
                    "The replacement rule covers officers other than the President. When the President "
                    "cannot continue, the rules provide for a Vice-President to act as President (as in "
                    "the rules of the Organized Crime Convention; the Conference's own text is not "
                    "confirmed). Check that this replacement is what the Conference decided."
                ),
                office=office,
                state=officer_state,
            )
        )
    return problems
