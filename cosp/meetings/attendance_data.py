"""Who attended past sessions (data/attendance.csv), and the attendance lists of any session from its
delegations.

The data file records the participants of the Conference's seventh session (cosp-7) and of its 2021
special session (cosp-special-2021) as the two reports list them: one row per participant, with the
attendance group the report puts it in, the State (ISO3; EUE for the European Union) or the observer
organisation (its code in organisations.csv), and for cosp-7 the credentials the bureau reported
(`original` for the States parties that complied, `none` for the two that did not). A blank
credentials cell records nothing, so loading never undoes what the secretariat recorded since.

attendance.py orders and words the lists; this module only feeds it the session's delegations, with
each participant's names as at the session. Nothing here but `load_attendance` writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from django.db import transaction

from cosp.core.enums import OrganisationKind
from cosp.core.languages import translations, un_language
from cosp.core.models import Organisation, organisation_for_state
from cosp.states.models import State
from cosp.states.reference import ReferenceDataError, read_rows

from .attendance import PARAGRAPH_LANGUAGES, AttendanceList, Attendee, attendance_lists
from .enums import AdmissionStatus, AttendanceGroup, CredentialsStatus
from .models import Delegation, Session
from .organisations import names_in_year

ATTENDANCE_CSV = Path(__file__).resolve().parent / "data" / "attendance.csv"
_COLUMNS = ("session", "group", "state", "organisation", "credentials")

# Who may stand in which group: States (and the EU) in the first four, organisations in the rest.
_STATE_GROUPS = frozenset(
    {
        AttendanceGroup.STATE_PARTY,
        AttendanceGroup.SIGNATORY,
        AttendanceGroup.NON_SIGNATORY,
        AttendanceGroup.REIO,
    }
)


@dataclass(frozen=True)
class _Row:
    session: Session
    group: AttendanceGroup
    state: State | None
    organisation: Organisation | None
    credentials: str  # "" when the file records nothing


@dataclass(frozen=True)
class _Known:
    """What the file's codes may name, by code."""

    sessions: dict[str, Session]
    states: dict[str, State]
    organisations: dict[str, Organisation]


def _read_rows(path: Path) -> list[_Row]:
    """The file's rows, checked against the sessions, States and organisations in the database; every
    problem is reported at once, with its line and column."""
    raw_rows = read_rows(path, _COLUMNS)
    known = _Known(
        sessions={session.slug: session for session in Session.objects.select_related("body")},
        states={state.iso3: state for state in State.objects.all()},
        organisations={org.code: org for org in Organisation.objects.exclude(code="")},
    )
    problems: list[str] = []
    rows: list[_Row] = []
    seen: dict[tuple[str, str], int] = {}
    for line, raw in enumerate(raw_rows, start=2):
        cells = {column: (raw[column] or "").strip() for column in _COLUMNS}
        row, line_problems = _check(cells, known)
        key = (cells["session"], cells["state"] or cells["organisation"])
        if key in seen:
            column = "state" if cells["state"] else "organisation"
            line_problems.append((column, f"already listed on line {seen[key]}"))
        seen.setdefault(key, line)
        problems += [f"{path.name}, line {line}, column {column}: {text}" for column, text in line_problems]
        if row is not None and not line_problems:
            rows.append(row)
    if problems:
        raise ReferenceDataError(problems)
    return rows


def _check(cells: dict[str, str], known: _Known) -> tuple[_Row | None, list[tuple[str, str]]]:
    """One line's row, or None, and its problems as (column, message)."""
    problems: list[tuple[str, str]] = []
    session = known.sessions.get(cells["session"])
    if session is None:
        problems.append(("session", f"no session {cells['session']!r} (load the sessions first)"))
    group = AttendanceGroup(cells["group"]) if cells["group"] in AttendanceGroup.values else None
    if group is None:
        problems.append(("group", f"{cells['group']!r} is not one of {AttendanceGroup.values}"))
    state = organisation = None
    if bool(cells["state"]) == bool(cells["organisation"]):
        problems.append(("state", "give either a State or an organisation"))
    elif cells["state"]:
        state = known.states.get(cells["state"])
        if state is None:
            problems.append(("state", f"no State {cells['state']!r} (load the States first)"))
        elif group is not None and group not in _STATE_GROUPS:
            problems.append(("group", f"{group.value!r} is a group of organisations, not of States"))
    else:
        organisation = known.organisations.get(cells["organisation"])
        if organisation is None:
            problems.append(
                ("organisation", f"no organisation {cells['organisation']!r} in organisations.csv")
            )
        elif group in _STATE_GROUPS:
            problems.append(("group", f"{group.value!r} is a group of States, not of organisations"))
    if cells["credentials"]:
        if cells["credentials"] not in CredentialsStatus.values:
            problems.append(
                ("credentials", f"{cells['credentials']!r} is not one of {CredentialsStatus.values}")
            )
        elif group != AttendanceGroup.STATE_PARTY:
            # Rule 18 asks States parties for credentials; observers send none.
            problems.append(("credentials", "only States parties submit credentials"))
    if problems:
        return None, problems
    return _Row(session, group, state, organisation, cells["credentials"]), problems


def _state_organisations(rows: list[_Row]) -> dict[int, Organisation]:
    """Each State's delegation organisation by State id, created for the States that have none yet."""
    existing = {
        org.state_id: org
        for org in Organisation.objects.filter(
            kind=OrganisationKind.STATE, state__in=[row.state for row in rows if row.state]
        )
    }
    for row in rows:
        if row.state is not None and row.state.pk not in existing:
            existing[row.state.pk] = organisation_for_state(row.state)
    return existing


@transaction.atomic
def load_attendance(path: Path = ATTENDANCE_CSV) -> int:
    """Record every participant of the data file as an admitted delegation to its session, in the
    file's group, with its credentials where the file gives them; return how many rows were loaded.

    Needs the States, the observer organisations and the sessions. Loading twice changes nothing (a
    delegation already as the file says is not saved again, so its history stays as it was); an
    invalid file raises ReferenceDataError and writes nothing.
    """
    rows = _read_rows(path)
    by_state = _state_organisations(rows)
    existing = {
        (delegation.session_id, delegation.organisation_id): delegation
        for delegation in Delegation.objects.filter(session__in={row.session for row in rows})
    }
    for row in rows:
        organisation = by_state[row.state.pk] if row.state is not None else row.organisation
        wanted = {"group": row.group, "admission_status": AdmissionStatus.ADMITTED}
        if row.credentials:
            wanted["credentials"] = row.credentials
        delegation = existing.get((row.session.pk, organisation.pk))
        if delegation is None:
            Delegation.objects.create(session=row.session, organisation=organisation, **wanted)
            continue
        changed = [field for field, value in wanted.items() if getattr(delegation, field) != value]
        if changed:
            for field in changed:
                setattr(delegation, field, wanted[field])
            delegation.save(update_fields=changed)
    return len(rows)


def attendees_for(session: Session) -> list[Attendee]:
    """The session's admitted delegations as attendance.py sees them: a State under its short names,
    an organisation under the names it had in the session's year (names_in_year)."""
    delegations = Delegation.objects.filter(
        session=session, admission_status=AdmissionStatus.ADMITTED
    ).select_related("organisation", "organisation__state")
    attendees = []
    for delegation in delegations:
        organisation = delegation.organisation
        if organisation.state is not None:
            names = translations(organisation.state, "short_name")
        else:
            names = names_in_year(organisation, session.start.year)
        attendees.append(
            Attendee(group=delegation.group, names=names, un_system_kind=organisation.un_system_kind)
        )
    return attendees


def attendance_for(session: Session, language: str) -> list[AttendanceList]:
    """The session report's attendance lists in `language` ("en" or "zh"), in the order and with the
    practices (entities_by_kind, permanent_observers_first) the session's report follows."""
    return _lists(session, attendees_for(session), un_language(language))


def _lists(session: Session, attendees: list[Attendee], language: str) -> list[AttendanceList]:
    return attendance_lists(
        attendees,
        language,
        entities_by_kind=session.entities_by_kind,
        permanent_observers_first=session.permanent_observers_first,
    )


def attendance_paragraphs(session: Session, language: str) -> list[str]:
    """The attendance paragraphs' text for the report skeleton; [] in a language attendance.py has no
    wording for, so the skeleton leaves the section to be written."""
    code = un_language(language)
    if code not in PARAGRAPH_LANGUAGES:
        return []
    return [item.text for item in attendance_for(session, code)]


@dataclass(frozen=True)
class GroupInLanguages:
    """One attendance group with its list and paragraph in several languages, for a page that shows
    the languages side by side."""

    group: AttendanceGroup
    languages: tuple[str, ...]
    names: tuple[tuple[str, ...], ...]  # one list per language, each in that language's order
    paragraphs: tuple[str, ...]  # one per language

    @property
    def count(self) -> int:
        return len(self.names[0])

    @property
    def rows(self) -> list[tuple[str, ...]]:
        """The lists side by side: row i holds the i-th name of each language's list."""
        return list(zip_longest(*self.names, fillvalue=""))


def attendance_in_languages(
    session: Session, languages: tuple[str, ...] = PARAGRAPH_LANGUAGES
) -> list[GroupInLanguages]:
    """The session's attendance lists in each of `languages` (those attendance.py words), grouped as
    the report groups them. The delegations are read once for all languages."""
    codes = tuple(un_language(language) for language in languages)
    attendees = attendees_for(session)
    lists = [_lists(session, attendees, code) for code in codes]
    return [
        GroupInLanguages(
            group=same_group[0].group,
            languages=codes,
            names=tuple(item.names for item in same_group),
            paragraphs=tuple(item.text for item in same_group),
        )
        # Every language lists the same non-empty groups in the same order (group_order).
        for same_group in zip(*lists, strict=True)
    ]
