"""Reads of the directory that encode rules: who sees contact details, the directory's filters, what a
State has on record (for provisions.status), the report of what is missing, a State's history."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cosp.core.languages import UN_LANGUAGES, field_suffix
from cosp.states.models import RegionalGroup, State

from . import provisions
from .enums import AuthorityKind, ProposalStatus, Provision, Status
from .models import CONTACT_FIELDS, Authority, Notification, Proposal

# The column suffixes of a translated field, one per UN language ("_en", "_zh_hans", ...).
_SUFFIXES = tuple(f"_{field_suffix(language)}" for language in UN_LANGUAGES)


def may_see_contacts(user) -> bool:
    """Officials of States parties and the secretariat (the rule `authorities.view_contacts`)."""
    return user.has_perm("authorities.view_contacts")


# --- The directory ---------------------------------------------------------------------------------


def latest_notifications(states: QuerySet | list | None = None) -> dict[int, dict[str, Notification]]:
    """state id → provision → the State's latest notification of it (later date, then later entry)."""
    rows = Notification.objects.order_by("state_id", "provision", "-notified_on", "-pk")
    if states is not None:
        rows = rows.filter(state__in=states)
    latest: dict[int, dict[str, Notification]] = defaultdict(dict)
    for notification in rows.prefetch_related("files"):
        latest[notification.state_id].setdefault(notification.provision, notification)
    return latest


def states_accepting(language: str) -> set[int]:
    """The States whose latest art. 46(14) notification names `language` (an ISO 639-1 code)."""
    accepting = set()
    for state_id, by_provision in latest_notifications().items():
        notification = by_provision.get(Provision.MLA_LANGUAGES)
        if notification is not None and language in notification.languages:
            accepting.add(state_id)
    return accepting


def directory(
    *, q: str = "", kind: str = "", group: str = "", state: str = "", language: str = ""
) -> QuerySet[Authority]:
    """Current authorities, filtered: `q` in the name (any language) or the State's name or code."""
    authorities = Authority.objects.current().select_related("state", "state__regional_group")
    if q := q.strip():
        names = Q()
        for suffix in _SUFFIXES:
            names |= Q(**{f"name{suffix}__icontains": q}) | Q(**{f"state__short_name{suffix}__icontains": q})
        authorities = authorities.filter(names | Q(state__iso3__iexact=q) | Q(territory__icontains=q))
    if kind in AuthorityKind.values:
        authorities = authorities.filter(kind=kind)
    if group:
        authorities = authorities.filter(state__regional_group__code=group)
    if state:
        authorities = authorities.filter(state__iso3=state.upper())
    if language:
        code = provisions.clean_language_code(language)
        authorities = authorities.filter(state_id__in=states_accepting(code)) if code else authorities.none()
    return authorities


def accepted_languages() -> list[str]:
    """Every language some State accepts requests in (for the directory's filter)."""
    codes: set[str] = set()
    for by_provision in latest_notifications().values():
        if notification := by_provision.get(Provision.MLA_LANGUAGES):
            codes.update(notification.languages)
    return sorted(codes)


def public_values(authority: Authority, *, with_contacts: bool) -> dict:
    """What one authority shows: contact details only `with_contacts`."""
    values = {
        "id": authority.pk,
        "state": authority.state.iso3,
        "state_name": authority.state.short_name,
        "kind": authority.kind,
        "kind_label": str(authority.get_kind_display()),
        "name": authority.name,
        "role": authority.role,
        "territory": authority.territory,
        "website": authority.website,
        "designated_on": authority.designated_on,
    }
    if with_contacts:
        values.update({name: getattr(authority, name) for name in CONTACT_FIELDS})
    return values


# --- What a State has on record --------------------------------------------------------------------


def filed_for(states) -> dict[int, provisions.Filed]:
    """state id → what the State has on record, as provisions.Filed."""
    kinds: dict[int, set[str]] = defaultdict(set)
    for state_id, kind in (
        Authority.objects.current().filter(state__in=states, territory="").values_list("state_id", "kind")
    ):
        kinds[state_id].add(kind)
    latest = latest_notifications(states)
    filed = {}
    for state in states:
        by_provision = latest.get(state.pk, {})
        records = frozenset(
            provision
            for provision, notification in by_provision.items()
            if provisions.BY_PROVISION[provision].value != "laws"
            or notification.description.strip()
            or notification.files.all()
        )
        extradition = by_provision.get(Provision.EXTRADITION_BASIS)
        languages = by_provision.get(Provision.MLA_LANGUAGES)
        reservation = by_provision.get(Provision.RESERVATION)
        filed[state.pk] = provisions.Filed(
            authority_kinds=frozenset(kinds[state.pk]),
            records=records,
            languages=tuple(languages.languages) if languages else (),
            extradition=provisions.Extradition(
                treaty_required=bool(extradition.treaty_required),
                convention_as_basis=extradition.convention_as_basis,
            )
            if extradition and extradition.treaty_required is not None
            else None,
            reservation=reservation.reservation if reservation else "",
        )
    return filed


# --- The report of what each State party has not yet notified --------------------------------------


@dataclass
class ReportRow:
    state: State
    statuses: dict[str, Status]
    missing: list[str]


@dataclass
class GroupTotals:
    group: RegionalGroup | None
    parties: int = 0
    missing: dict[str, int] = field(default_factory=dict)
    complete: int = 0  # States with nothing missing


@dataclass
class NotNotifiedReport:
    rows: list[ReportRow]
    groups: list[GroupTotals]
    totals: GroupTotals
    provisions: list[provisions.Requirement]


def not_notified(*, group: str = "", provision: str = "", only_missing: bool = False) -> NotNotifiedReport:
    """Every State party with the status of each provision, and counts per provision and regional group
    (the conference room papers' table). `provision` keeps the States that miss it."""
    states = list(State.objects.parties().select_related("regional_group").order_by("short_name_en"))
    if group:
        states = [s for s in states if s.regional_group and s.regional_group.code == group]
    filed = filed_for(states)
    expected = [provisions.BY_PROVISION[p.value] for p in provisions.EXPECTED]
    by_group: dict[int | None, GroupTotals] = {}
    totals = GroupTotals(group=None, missing={r.provision.value: 0 for r in expected})
    rows = []
    for state in states:
        statuses = provisions.statuses(filed[state.pk])
        missing = provisions.missing(filed[state.pk])
        key = state.regional_group_id
        totals_of_group = by_group.setdefault(
            key, GroupTotals(group=state.regional_group, missing={r.provision.value: 0 for r in expected})
        )
        for bucket in (totals_of_group, totals):
            bucket.parties += 1
            bucket.complete += not missing
            for item in missing:
                bucket.missing[item] += 1
        if provision and provision not in missing:
            continue
        if only_missing and not missing:
            continue
        rows.append(ReportRow(state=state, statuses=statuses, missing=missing))
    groups = sorted(by_group.values(), key=lambda g: (g.group is None, g.group.code if g.group else ""))
    return NotNotifiedReport(rows=rows, groups=groups, totals=totals, provisions=expected)


# --- A State's page --------------------------------------------------------------------------------


def notifications_of(state: State) -> dict[str, list[Notification]]:
    """provision → the State's notifications of it, latest first (earlier ones are earlier versions)."""
    grouped: dict[str, list[Notification]] = defaultdict(list)
    for notification in state.notifications.prefetch_related("files").order_by(
        "provision", "-notified_on", "-pk"
    ):
        grouped[notification.provision].append(notification)
    return grouped


def pending_proposals(state: State | None = None) -> QuerySet[Proposal]:
    proposals = Proposal.objects.filter(status=ProposalStatus.PENDING).select_related(
        "state", "authority", "proposed_by"
    )
    return proposals.filter(state=state) if state is not None else proposals.order_by("proposed_at", "pk")


@dataclass(frozen=True)
class HistoryEntry:
    when: object
    what: str
    change: str  # "+", "~", "-"
    fields: list[str]
    who: str


def _base_field(name: str, labels: dict) -> str:
    """The model field a history column belongs to (name_zh_hans → name)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in labels:
            return name[: -len(suffix)]
    return name


def history_of(
    state: State, *, with_contacts: bool, with_people: bool, limit: int = 100
) -> list[HistoryEntry]:
    """Every recorded change of the State's authorities and notifications, latest first. Without
    `with_contacts`, contact fields are named only as "contact details"; without `with_people`, who made
    the change is left out."""
    entries: list[HistoryEntry] = []
    contact_label = str(_("contact details"))
    for model in (Authority, Notification):
        labels = {f.name: str(f.verbose_name) for f in model._meta.fields}
        records = list(
            model.history.filter(state=state)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        previous: dict[int, object] = {}
        for record in records:
            fields: list[str] = []
            before = previous.get(record.id)
            if before is not None:
                for change in record.diff_against(before).changes:
                    base = _base_field(change.field, labels)
                    if base in CONTACT_FIELDS and not with_contacts:
                        label = contact_label
                    else:
                        label = labels.get(base, base)
                    if label not in fields and base not in ("updated_at",):
                        fields.append(label)
            previous[record.id] = record
            what = (
                record.name
                if model is Authority
                else str(provisions.requirement(record.provision).provision.label)
            )
            change = record.history_type
            if model is Authority and record.removed_on and before is not None and not before.removed_on:
                change = "-"
            user = record.history_user
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    what=what,
                    change=change,
                    fields=fields,
                    who=(user.display_name if user else "") if with_people else "",
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
