"""Fixtures for the meetings tests: the real bodies and sessions, and a small upcoming session."""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.utils import timezone, translation

from cosp.core.enums import ObserverCategory, OrganisationKind, Role
from cosp.core.models import Organisation, organisation_for_state
from cosp.meetings.enums import AttendanceGroup
from cosp.meetings.models import Body, Delegation, Objection, Officer, Session
from cosp.meetings.reference import load_meetings_reference
from cosp.meetings.services import MeetingRuleError
from cosp.states.models import RegionalGroup, State


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English unless a test chooses another language."""
    with translation.override("en"):
        yield


@pytest.fixture
def secretariat(make_user):
    return make_user(Role.SECRETARIAT_OFFICER, username="secretariat")


@pytest.fixture
def refused(snapshot):
    """Run a service that must refuse; return its error after checking that nothing was written."""

    def run(call, **kwargs) -> MeetingRuleError:
        before = snapshot()
        with pytest.raises(MeetingRuleError) as caught:
            call(**kwargs)
        assert snapshot() == before
        return caught.value

    return run


@pytest.fixture(scope="module")
def meetings_reference(reference_db, django_db_blocker):
    """The meetings' reference data (observer organisations, bodies, sessions with their agendas,
    bureaus and attendance), loaded once per module like `reference_db` and removed afterwards."""
    with django_db_blocker.unblock():
        load_meetings_reference()
    yield
    with django_db_blocker.unblock():
        # Sessions take their agendas, grids, delegations, bureaus and speakers' lists with them.
        Session.objects.all().delete()
        Body.objects.filter(parent__isnull=False).delete()  # a body protects its subsidiary bodies
        for model in (Body, Organisation):
            model.objects.all().delete()
        for model in apps.get_app_config("meetings").get_models():
            if model.__name__.startswith("Historical"):
                model.objects.all().delete()
        Organisation.history.all().delete()


@pytest.fixture
def sessions(meetings_reference, db):
    """The real States, bodies and Conference sessions with COSP7's and COSP8's agendas and bureaus."""
    return {s.slug: s for s in Session.objects.all()}


@pytest.fixture
def upcoming(db):
    """A Conference session four weeks from now, without reference data."""
    body, _ = Body.objects.get_or_create(
        code="COSP", defaults={"name_en": "Conference", "symbol_prefix": "CAC/COSP"}
    )
    start = date.today() + timedelta(days=28)
    return Session.objects.create(body=body, number=99, start=start, end=start + timedelta(days=4))


# --- Observers, credentials and the bureau (services and pages) -------------------------------------


@pytest.fixture
def make_session(db):
    """A Conference session opening `days` from today (negative: already open or over)."""
    body, _ = Body.objects.get_or_create(
        code="COSP", defaults={"name_en": "Conference", "symbol_prefix": "CAC/COSP"}
    )

    def make(days: int, number: int = 98) -> Session:
        start = timezone.localdate() + timedelta(days=days)
        return Session.objects.create(body=body, number=number, start=start, end=start + timedelta(days=4))

    return make


@pytest.fixture
def regional_groups(db):
    names = {"AFR": "African States", "APG": "Asia-Pacific States", "EEG": "Eastern European States"}
    names |= {"GRULAC": "Latin American and Caribbean States", "WEOG": "Western European and other States"}
    return {
        code: RegionalGroup.objects.get_or_create(code=code, defaults={"name": name, "abbreviation": code})[0]
        for code, name in names.items()
    }


def free_iso2(iso3: str) -> str:
    """A two-letter code for a test State that no other test State uses (BGD and BGR both start BG)."""
    taken = set(State.objects.values_list("iso2", flat=True))
    candidates = [iso3[:2], iso3[0] + iso3[2], iso3[1:]]
    candidates += [iso3[0] + letter for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    return next(code for code in candidates if code not in taken)


@pytest.fixture
def make_party(make_state, regional_groups):
    """A State party in a regional group, with English and Chinese names."""

    def make(iso3: str, group: str = "WEOG", name: str = "", name_zh: str = "", iso2: str = ""):
        return make_state(
            iso3,
            iso2=iso2 or free_iso2(iso3),
            short_name_en=name or iso3,
            short_name_zh_hans=name_zh,
            regional_group=regional_groups[group],
        )

    return make


@pytest.fixture
def make_non_party(make_state):
    """A State not party: a signatory with `signed`, otherwise a non-signatory."""

    def make(iso3: str, *, signed: bool = True):
        return make_state(
            iso3, iso2=free_iso2(iso3), instrument="", signed_on=date(2004, 1, 1) if signed else None
        )

    return make


@pytest.fixture
def make_observer_org(db):
    def make(name: str = "Integrity Watch", category=ObserverCategory.NGO_OTHER, name_zh: str = ""):
        return Organisation.objects.create(
            kind=OrganisationKind.OBSERVER,
            name_en=name,
            name_zh_hans=name_zh,
            observer_category=category,
        )

    return make


@pytest.fixture
def present(db):
    """Record a State party's delegation at a session (present, credentials not yet received)."""

    def make(session: Session, state) -> Delegation:
        return Delegation.objects.create(
            session=session, organisation=organisation_for_state(state), group=AttendanceGroup.STATE_PARTY
        )

    return make


@pytest.fixture
def snapshot(db):
    """Every row the observers, credentials and bureau services write, to show a refusal changed nothing."""

    def take() -> dict:
        return {
            model.__name__: sorted(model.objects.values_list(), key=str)
            for model in (Delegation, Objection, Officer, Organisation)
        } | {f"{model.__name__} history": model.history.count() for model in (Delegation, Objection, Officer)}

    return take
