"""Reads that encode rules: what a session page shows, to whom, in the order the UN uses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q, QuerySet

from cosp.core.enums import ObserverCategory, OrganisationKind, Role
from cosp.core.models import Organisation
from cosp.documents.models import Document
from cosp.documents.queries import documents_visible_to
from cosp.states.models import State

from . import attendance, bureau, credentials, observers, speakers
from .enums import AdmissionRoute, AdmissionStatus, AttendanceGroup, Office, RegistrationStatus
from .models import (
    AgendaItem,
    Delegate,
    Delegation,
    Objection,
    Officer,
    Session,
    SpeakerEvent,
    SpeakersList,
    WorkCell,
)
from .schedule import SLOT_TIMES


def sessions_by_body() -> dict:
    """Every session, grouped by its body, newest first."""
    grouped: dict = defaultdict(list)
    for session in Session.objects.select_related("body").order_by("body_id", "-start"):
        grouped[session.body].append(session)
    return dict(grouped)


@dataclass
class AgendaEntry:
    item: AgendaItem
    documents: list[Document] = field(default_factory=list)
    sub_items: list[AgendaEntry] = field(default_factory=list)


def agenda_with_documents(session: Session, documents: Iterable[Document]) -> list[AgendaEntry]:
    """The agenda as a tree, each item with the documents issued under it (documents name their
    agenda items; a document under `1(c)` is listed under that sub-item)."""
    items = list(session.agenda_items.all())
    entries = {item.pk: AgendaEntry(item) for item in items}
    by_number = {item.number: entries[item.pk] for item in items}
    for document in documents:
        for number in document.agenda_items or []:
            entry = by_number.get(str(number))
            if entry is not None:
                entry.documents.append(document)
    roots = []
    for item in items:
        if item.parent_id and item.parent_id in entries:
            entries[item.parent_id].sub_items.append(entries[item.pk])
        else:
            roots.append(entries[item.pk])
    return roots


def session_documents(session: Session, user) -> QuerySet[Document]:
    return documents_visible_to(user).filter(session=session).order_by("symbol")


def work_cells(session: Session) -> list[WorkCell]:
    return list(session.work_cells.prefetch_related("items"))


def delegations_with_people(session: Session, user) -> QuerySet[Delegation]:
    """The session's delegations with the delegates this user may see: approved ones for everyone;
    pending and rejected ones too for the secretariat and for the members of the delegation's own
    organisation (its focal point)."""
    visible = Delegate.objects.all()
    if not user.has_perm("meetings.manage_sessions"):
        approved = Q(status=RegistrationStatus.APPROVED)
        if user.is_authenticated:
            approved |= Q(delegation__organisation__memberships__user=user)
        visible = visible.filter(approved).distinct()
    return (
        session.delegations.select_related("organisation", "organisation__state")
        .prefetch_related(Prefetch("delegates", queryset=visible.order_by("-is_head", "name")))
        .order_by("group", "organisation__name")
    )


def pending_registrations(session: Session) -> QuerySet[Delegate]:
    return Delegate.objects.filter(
        delegation__session=session, status=RegistrationStatus.PENDING
    ).select_related("delegation__organisation")


# --- Observers, credentials and the bureau ----------------------------------------------------------


def observer_organisation_of(user) -> Organisation | None:
    """The observer organisation a user represents, if any."""
    if not user.is_authenticated:
        return None
    membership = (
        user.memberships.filter(
            role=Role.OBSERVER_REPRESENTATIVE, organisation__kind=OrganisationKind.OBSERVER
        )
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    return membership.organisation if membership else None


def focal_point_state_of(user) -> State | None:
    """The State whose focal point the user is, if any."""
    if not user.is_authenticated:
        return None
    membership = (
        user.memberships.filter(role=Role.FOCAL_POINT, organisation__kind=OrganisationKind.STATE)
        .select_related("organisation__state")
        .order_by("pk")
        .first()
    )
    return membership.organisation.state if membership else None


# The category an observer was admitted under, read back from the attendance group fixed when it
# applied (services.attendance_group_for gives the group of each category).
_CATEGORY_BY_GROUP = {
    AttendanceGroup.SIGNATORY: ObserverCategory.SIGNATORY,
    AttendanceGroup.NON_SIGNATORY: ObserverCategory.NON_SIGNATORY,
    AttendanceGroup.PERMANENT_OBSERVER: ObserverCategory.ENTITY,
    AttendanceGroup.UN_ENTITY: ObserverCategory.UN_BODY,
    AttendanceGroup.IGO: ObserverCategory.IGO,
    AttendanceGroup.NGO_ECOSOC: ObserverCategory.NGO_ECOSOC,
    AttendanceGroup.NGO_OTHER: ObserverCategory.NGO_OTHER,
}


def category_of(delegation: Delegation) -> ObserverCategory | None:
    """The category the delegation was admitted under, from its attendance group (fixed when it
    applied); None when the group does not tell (a regional organization not party)."""
    category = _CATEGORY_BY_GROUP.get(AttendanceGroup(delegation.group))
    if category is None or observers.route_for(category) != delegation.admission_route:
        return None
    return category


def credentials_of(delegation: Delegation, name: str = "") -> credentials.DelegationCredentials:
    """What the credentials rules need to know about a State party's delegation."""
    objected_by = tuple(
        objection.by_state.iso3
        for objection in delegation.objections.all()
        if objection.subject == Objection.Subject.CREDENTIALS and objection.withdrawn_on is None
    )
    return credentials.DelegationCredentials(
        state=delegation.organisation.state.iso3,
        name=name or delegation.organisation.state.short_name_en,
        copy_received_on=delegation.copy_received_on,
        original_received_on=delegation.original_received_on,
        objected_by=objected_by,
        recorded_status=delegation.credentials,
    )


def present_states_parties(session: Session) -> set[str]:
    """ISO3 codes of the States parties with a delegation at the session."""
    return set(
        session.delegations.filter(group=AttendanceGroup.STATE_PARTY, organisation__state__isnull=False)
        .exclude(admission_status__in=[AdmissionStatus.REFUSED, AdmissionStatus.WITHDRAWN])
        .values_list("organisation__state__iso3", flat=True)
    )


def serving_officers(session: Session) -> QuerySet[Officer]:
    """The officers serving now: an officer replaced under rule 31 has handed over."""
    return (
        session.officers.filter(replaced_by__isnull=True)
        .select_related("state", "state__regional_group")
        .order_by("pk")
    )


def regional_groups_of(states) -> dict[str, str]:
    return {state.iso3: state.regional_group.code for state in states if state.regional_group_id}


def rotation_history(session: Session) -> list[tuple[str, str, str]]:
    """(session, office, regional group) for the President and Rapporteur of the body's earlier
    sessions, oldest first: what bureau.rotation_table and rotation_warnings read."""
    earlier = (
        Officer.objects.filter(
            session__body=session.body,
            session__start__lt=session.start,
            replaces__isnull=True,  # a replacement is from the same State, so the same group
            office__in=[office.value for office in bureau.ROTATING_OFFICES],
            state__regional_group__isnull=False,
        )
        .select_related("session", "session__body", "session__resumes", "state__regional_group")
        .order_by("session__start", "pk")
    )
    return [(str(officer.session), officer.office, officer.state.regional_group.code) for officer in earlier]


# The secretariat's steps on one observer's admission, by the workflow actions they perform.
OBSERVER_STEPS: dict[str, tuple[observers.Action, ...]] = {
    "grant": (observers.Action.GRANT,),
    "refer": (observers.Action.REFER,),
    "decide": (observers.Action.CONFERENCE_ADMITS, observers.Action.CONFERENCE_REFUSES),
    "withdraw": (observers.Action.WITHDRAW,),
}


@dataclass
class ObserverRow:
    delegation: Delegation
    rule: str
    objections: list[Objection]  # empty unless the reader may see who objected
    steps: list[str]  # OBSERVER_STEPS keys open from the delegation's status
    can_be_objected_to: bool  # on the circulated list, so a State party may object


def observer_deadlines(session: Session) -> observers.ObserverDeadlines:
    return observers.ObserverDeadlines.for_session(session.start)


def _observers(session: Session) -> QuerySet[Delegation]:
    """The session's observer delegations: everyone admitted under rules 14-17 (States parties and a
    regional organization that is a party take part by right and have no admission route)."""
    return session.delegations.exclude(admission_route="").select_related(
        "organisation", "organisation__state"
    )


def observer_rows(session: Session, user, *, see_all: bool, see_objections: bool) -> list[ObserverRow]:
    """The observers of a session as `user` may see them: the admitted ones (and the user's own
    organisation's application) for everyone; every application for the secretariat and the bureau
    (`see_all`). Who objected is loaded only for readers allowed to see it (`see_objections`)."""
    delegations = _observers(session)
    if not see_all:
        visible = Q(admission_status=AdmissionStatus.ADMITTED)
        own = observer_organisation_of(user)
        if own is not None:
            visible |= Q(organisation=own)
        delegations = delegations.filter(visible)
    if see_objections:
        delegations = delegations.prefetch_related(
            Prefetch(
                "objections",
                queryset=Objection.objects.filter(subject=Objection.Subject.ADMISSION).select_related(
                    "by_state"
                ),
            )
        )
    rows = []
    for delegation in sorted(delegations, key=_in_report_order):
        category = category_of(delegation)
        route = AdmissionRoute(delegation.admission_route)
        allowed = set(observers.allowed_actions(route, delegation.admission_status))
        rows.append(
            ObserverRow(
                delegation=delegation,
                rule=observers.rule_for(category) if category else observers.RULES_BY_ROUTE[route],
                objections=list(delegation.objections.all()) if see_objections else [],
                steps=[step for step, actions in OBSERVER_STEPS.items() if allowed & set(actions)],
                can_be_objected_to=observers.Action.OBJECT in allowed,
            )
        )
    return rows


def _in_report_order(delegation: Delegation) -> tuple[int, str]:
    """Groups in the order of the reports' attendance paragraphs, names in the UN's English order."""
    name = delegation.organisation.name_en or ""
    return AttendanceGroup.values.index(delegation.group), attendance.sort_key(name)


def objectable_ngos(session: Session, on: date) -> list[Delegation]:
    """The NGOs on the circulated list that a State party may still object to on day `on` (rule
    17(2)): none once the no-objection period is over. Whether someone already objected is not shown
    here: that is for the secretariat and the bureau."""
    if on > observer_deadlines(session).objection_period_ends:
        return []
    return sorted(
        _observers(session).filter(
            admission_route=AdmissionRoute.NGO_LIST,
            admission_status__in=[AdmissionStatus.LISTED, AdmissionStatus.OBJECTED],
        ),
        key=_in_report_order,
    )


def circulated_ngo_list(session: Session) -> list[Delegation]:
    """The other NGOs on the list the secretariat circulated (rule 17(2)), in the UN's English order:
    the list as issued, whatever happened to each application afterwards."""
    listed = _observers(session).filter(admission_route=AdmissionRoute.NGO_LIST, listed_on__isnull=False)
    return sorted(listed, key=_in_report_order)


def ngo_applications_waiting(session: Session) -> list[Delegation]:
    """Other NGOs that applied and are not yet on a circulated list."""
    waiting = _observers(session).filter(
        admission_route=AdmissionRoute.NGO_LIST, admission_status=AdmissionStatus.APPLIED
    )
    return sorted(waiting, key=_in_report_order)


def observer_applicants() -> QuerySet[Organisation]:
    """Organisations that may apply or notify as observers: those with an observer category."""
    return Organisation.objects.filter(kind=OrganisationKind.OBSERVER).exclude(observer_category="")


def states_not_parties() -> QuerySet[State]:
    """States (and regional organizations) that take part as observers: signatories and others."""
    return State.objects.filter(instrument="")


def states_parties() -> QuerySet[State]:
    return State.objects.parties()


@dataclass
class CredentialsRow:
    delegation: Delegation
    objections: list[Objection]
    provisional: bool


@dataclass
class CredentialsOverview:
    rows: list[CredentialsRow]
    reports: dict[str, credentials.CredentialsReport]  # by language: "en", "zh"
    report_adopted: bool


def _states_parties_delegations(session: Session) -> list[Delegation]:
    delegations = (
        session.delegations.filter(group=AttendanceGroup.STATE_PARTY, organisation__state__isnull=False)
        .exclude(admission_status__in=[AdmissionStatus.REFUSED, AdmissionStatus.WITHDRAWN])
        .select_related("organisation", "organisation__state")
        .prefetch_related(
            Prefetch(
                "objections",
                queryset=Objection.objects.filter(
                    subject=Objection.Subject.CREDENTIALS, withdrawn_on__isnull=True
                ).select_related("by_state"),
            )
        )
    )
    # Reports list States parties in the order of their English short names, in Chinese too.
    return sorted(delegations, key=lambda d: attendance.sort_key(d.organisation.state.short_name_en or ""))


def credentials_overview(session: Session) -> CredentialsOverview:
    """States parties' delegations with their credentials, in the UN's order, and the bureau's report
    (rule 19) in English and Chinese; until the Conference adopts the report, every delegation takes part
    provisionally (rule 20)."""
    report_adopted = session.credentials_report_adopted_on is not None
    delegations = _states_parties_delegations(session)
    rows = [
        CredentialsRow(
            delegation=delegation,
            objections=list(delegation.objections.all()),
            provisional=credentials.participation_is_provisional(
                report_adopted, objected=bool(delegation.objections.all())
            ),
        )
        for delegation in delegations
    ]
    reports = {}
    for language, name_field in (("en", "short_name_en"), ("zh", "short_name_zh_hans")):
        entries = [
            credentials_of(d, getattr(d.organisation.state, name_field) or d.organisation.state.short_name_en)
            for d in delegations
        ]
        reports[language] = credentials.credentials_report(entries, language)
    return CredentialsOverview(rows=rows, reports=reports, report_adopted=report_adopted)


@dataclass
class BureauOverview:
    officers: list[Officer]  # everyone elected, replacements after whom they replace
    problems: list[bureau.Problem]
    presence_checked: bool  # False while no State party's delegation is recorded for the session
    rotation: list[bureau.RotationRow]
    rotation_warnings: list[bureau.Problem]


_OFFICE_ORDER = {office: position for position, office in enumerate(Office.values)}


def bureau_overview(session: Session) -> BureauOverview:
    """The session's bureau: its officers, what rule 22 finds about them while the election runs, and
    the rotation of the President and Rapporteur over the body's earlier sessions."""
    officers = sorted(
        session.officers.select_related("state", "state__regional_group", "replaces"),
        key=lambda officer: (
            _OFFICE_ORDER.get(officer.office, 99),
            officer.replaces_id or officer.pk,
            officer.pk,
        ),
    )
    serving = [officer for officer in officers if not _is_replaced(officer, officers)]
    present = present_states_parties(session)
    # Past sessions loaded from the reports have their bureau but not their delegations: without any
    # delegation recorded, presence cannot be checked, and saying every officer was absent would be false.
    presence_checked = bool(present)
    if not presence_checked:
        present = {officer.state.iso3 for officer in serving}
    problems = bureau.validate_bureau(
        [bureau.Officer(Office(o.office), o.state.iso3, o.person) for o in serving],
        present,
        regional_groups_of(o.state for o in serving),
        complete=False,
    )
    history = rotation_history(session)
    current = {
        Office(officer.office): officer.state.regional_group.code
        for officer in serving
        if officer.office in bureau.ROTATING_OFFICES and officer.state.regional_group_id
    }
    this_session = [(str(session), office, group) for office, group in current.items()]
    return BureauOverview(
        officers=officers,
        problems=problems,
        presence_checked=presence_checked,
        rotation=bureau.rotation_table([*history, *this_session], last=6),
        rotation_warnings=bureau.rotation_warnings(history, current),
    )


def _is_replaced(officer: Officer, officers: list[Officer]) -> bool:
    return any(other.replaces_id == officer.pk for other in officers)


# --- The speakers' list: the engine's input from the stored events ---------------------------------


def list_settings(speakers_list: SpeakersList) -> speakers.ListSettings:
    """The list's times and limits, with the plenary meetings that hold its agenda item as the
    meetings allotted to the general discussion (the organisation of work decides them)."""
    session = speakers_list.session
    zone = ZoneInfo(session.timezone)
    cells = WorkCell.objects.filter(session=session, track=WorkCell.PLENARY)
    if speakers_list.agenda_item_id:
        cells = cells.filter(items=speakers_list.agenda_item_id)
    meetings = [
        speakers.Meeting(
            datetime.combine(cell.day, SLOT_TIMES[cell.slot][0], zone),
            datetime.combine(cell.day, SLOT_TIMES[cell.slot][1], zone),
        )
        for cell in cells
        if cell.slot in SLOT_TIMES
    ]
    return speakers.ListSettings(
        opens_at=speakers_list.opens_at,
        closes_at=speakers_list.closes_at,
        meetings=tuple(meetings),
        ends_at=speakers_list.ends_at,
        minutes=speakers_list.minutes,
        group_minutes=speakers_list.group_minutes,
    )


def _delegation_code(organisation) -> str:
    return organisation.state.iso3 if organisation.state_id else f"org-{organisation.pk}"


def engine_event(row: SpeakerEvent) -> speakers.Event:
    """The engine's event for a stored row; `ref` is the row's id."""
    common = {"at": row.received_at, "recorded_by": str(row.recorded_by or ""), "ref": row.pk}
    group = row.on_behalf_of_group or None
    delegation = _delegation_code(row.delegation)
    if row.kind == "swap":
        return speakers.Swap(
            delegation_a=delegation,
            delegation_b=_delegation_code(row.other_delegation),
            agreed_by_both=row.both_agreed,
            **common,
        )
    if row.kind in ("request", "replace"):
        cls = speakers.Request if row.kind == "request" else speakers.Replace
        return cls(
            delegation=delegation, level=row.level, speaker=row.speaker, on_behalf_of_group=group, **common
        )
    cls = speakers.EVENT_KINDS[row.kind]
    return cls(delegation=delegation, on_behalf_of_group=group, **common)


def replay_list(speakers_list: SpeakersList, *, as_of: datetime | None = None) -> speakers.SpeakersList:
    """The list now, or as it stood at `as_of`: the events the secretariat had recorded by then."""
    rows = speakers_list.events.select_related("delegation__state", "other_delegation__state", "recorded_by")
    if as_of is not None:
        rows = rows.filter(recorded_at__lte=as_of)
    return speakers.replay(list_settings(speakers_list), [engine_event(row) for row in rows], as_of=as_of)
