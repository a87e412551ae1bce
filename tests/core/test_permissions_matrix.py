"""Every URL the project defines × every role → the expected status.

A new URL without a row here fails `test_every_url_has_a_permission_decision`: a view cannot land
without someone deciding who may see it.
"""

from datetime import UTC, date, datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from cosp.core.enums import ObserverCategory, OrganisationKind, Role
from cosp.core.models import Organisation, organisation_for_state
from cosp.documents.models import Block, Document, DocumentVersion, Ingestion
from cosp.meetings.enums import AdmissionRoute, AdmissionStatus, AttendanceGroup, Office
from cosp.meetings.models import Body, Delegation, Officer, Session, SpeakersList
from cosp.outcomes.models import DeclarationParagraph, DeclarationSection, Mandate, Outcome, Paragraph
from cosp.reviews.models import (
    CountryReview,
    Draw,
    Finding,
    FollowUp,
    GovernmentalExpert,
    ReportSection,
    ReviewingState,
)
from cosp.states.models import Article, Chapter, State
from tests.assistance import matrix as assistance_matrix
from tests.authorities import matrix as authorities_matrix
from tests.cooperation import matrix as cooperation_matrix
from tests.helpers import ROLES
from tests.knowledge import matrix as knowledge_matrix
from tests.recovery import matrix as recovery_matrix
from tests.reviews.matrix import ROWS as REVIEW_ROWS

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"
EVERYONE = dict.fromkeys(ROLES, 200)
SIGNED_IN = {A: 302, OBS: 200, D: 200, F: 200, S: 200}
SECRETARIAT_ONLY = {A: 302, OBS: 403, D: 403, F: 403, S: 200}
ADMIN = {A: 302, OBS: 302, D: 302, F: 302, S: 200}
ANONYMOUS_ONLY = {A: 200, OBS: 302, D: 302, F: 302, S: 302}

# url name → (path to request, expected status per role)
MATRIX = {
    "home": ("/", EVERYONE),
    "states:list": ("/states/", EVERYONE),
    "states:detail": ("/states/AUT/", EVERYONE),
    "states:articles": ("/states/articles/", EVERYONE),
    "states:article": ("/states/articles/46/", EVERYONE),
    "documents:list": ("/documents/", EVERYONE),
    "documents:search": ("/documents/search/?q=corruption", EVERYONE),
    "documents:detail": ("/documents/CAC/COSP/2017/14/", EVERYONE),
    "documents:upload": ("/documents/upload/", SECRETARIAT_ONLY),
    "documents:ingestion": ("/documents/ingestions/{ingestion}/", SECRETARIAT_ONLY),
    "meetings:sessions": ("/meetings/", EVERYONE),
    "meetings:session": ("/meetings/cosp-7/", EVERYONE),
    "meetings:participants": ("/meetings/cosp-7/participants/", EVERYONE),
    "meetings:attendance": ("/meetings/cosp-7/attendance/", EVERYONE),
    # A State's focal point or an observer's representative registers their own people.
    "meetings:register": ("/meetings/cosp-7/register/", {A: 302, OBS: 200, D: 403, F: 200, S: 403}),
    "meetings:registrations": ("/meetings/cosp-7/registrations/", SECRETARIAT_ONLY),
    "meetings:observers": ("/meetings/cosp-7/observers/", EVERYONE),
    "meetings:ngo_list": ("/meetings/cosp-7/observers/ngo-list/", EVERYONE),
    # An observer organisation's representative applies for it.
    "meetings:observer_apply": (
        "/meetings/cosp-7/observers/apply/",
        {A: 302, OBS: 200, D: 403, F: 403, S: 403},
    ),
    "meetings:observer_record": ("/meetings/cosp-7/observers/record/", SECRETARIAT_ONLY),
    "meetings:observer_circulate": ("/meetings/cosp-7/observers/circulate/", SECRETARIAT_ONLY),
    "meetings:observer_close": ("/meetings/cosp-7/observers/close/", SECRETARIAT_ONLY),
    # A State party objects through its focal point (rule 17(2)), or the secretariat records it.
    "meetings:observer_object": (
        "/meetings/cosp-7/observers/{listed_ngo}/object/",
        {A: 302, OBS: 403, D: 403, F: 200, S: 200},
    ),
    "meetings:observer_step": ("/meetings/cosp-7/observers/{listed_ngo}/refer/", SECRETARIAT_ONLY),
    # The secretariat and the session's bureau (the world's officer is not from the users' State).
    "meetings:credentials": ("/meetings/cosp-7/credentials/", SECRETARIAT_ONLY),
    "meetings:credentials_receipt": ("/meetings/cosp-7/credentials/{state_party}/receipt/", SECRETARIAT_ONLY),
    "meetings:credentials_objection": (
        "/meetings/cosp-7/credentials/{state_party}/object/",
        SECRETARIAT_ONLY,
    ),
    "meetings:bureau": ("/meetings/cosp-7/bureau/", EVERYONE),
    "meetings:bureau_elect": ("/meetings/cosp-7/bureau/elect/", SECRETARIAT_ONLY),
    "meetings:bureau_replace": ("/meetings/cosp-7/bureau/{officer}/replace/", SECRETARIAT_ONLY),
    "meetings:credentials_adopted": ("/meetings/cosp-7/credentials/adopted/", SECRETARIAT_ONLY),
    "meetings:speakers": ("/meetings/cosp-7/speakers/", EVERYONE),
    # Delegations of States inscribe their own speakers; observers never speak in the general discussion.
    "meetings:speakers_inscribe": (
        "/meetings/cosp-7/speakers/inscribe/",
        {A: 302, OBS: 403, D: 200, F: 200, S: 200},
    ),
    "meetings:timetable": ("/meetings/cosp-7/timetable/", EVERYONE),
    "meetings:timetable_docx": ("/meetings/cosp-7/timetable.docx", EVERYONE),
    "meetings:timetable_pdf": ("/meetings/cosp-7/timetable.pdf", EVERYONE),
    "meetings:timetable_ics": ("/meetings/cosp-7/timetable.ics", EVERYONE),
    "meetings:organise": ("/meetings/cosp-7/organise/", SECRETARIAT_ONLY),
    "meetings:report_skeleton": ("/meetings/cosp-7/report.docx", SECRETARIAT_ONLY),
    "outcomes:list": ("/outcomes/", EVERYONE),
    "outcomes:detail": ("/outcomes/COSP/resolution/7/1/", EVERYONE),
    "outcomes:mandates": ("/outcomes/mandates/", EVERYONE),
    "outcomes:mandate_edit": ("/outcomes/mandates/{mandate}/", SECRETARIAT_ONLY),
    "outcomes:declaration": ("/outcomes/declaration/", EVERYONE),
    "outcomes:work_plan": ("/outcomes/work-plan/", EVERYONE),
    "outcomes:work_plan_import": ("/outcomes/work-plan/import/", SECRETARIAT_ONLY),
    "outcomes:declaration_paragraph": ("/outcomes/declaration/1/", EVERYONE),
    "audit-trail": ("/audit/", SECRETARIAT_ONLY),
    "login": ("/accounts/login/", ANONYMOUS_ONLY),
    "logout": ("/accounts/logout/", dict.fromkeys(ROLES, 405)),  # POST only
    "password_change": ("/accounts/password/change/", SIGNED_IN),
    "password_change_done": ("/accounts/password/change/done/", SIGNED_IN),
    "password_reset": ("/accounts/password/reset/", EVERYONE),
    "password_reset_done": ("/accounts/password/reset/done/", EVERYONE),
    "password_reset_confirm": ("/accounts/password/reset/MQ/bad-token/", EVERYONE),
    "password_reset_complete": ("/accounts/password/reset/complete/", EVERYONE),
    "set_language": ("/i18n/setlang/", dict.fromkeys(ROLES, 302)),  # GET redirects back
    "api:list_regional_groups": ("/api/regional-groups", EVERYONE),
    "api:list_articles": ("/api/articles", EVERYONE),
    "api:list_states": ("/api/states", EVERYONE),
    "api:list_documents": ("/api/documents", EVERYONE),
    "api:get_document": ("/api/documents/CAC/COSP/2017/14", EVERYONE),
    "api:search": ("/api/search?q=corruption", EVERYONE),
    "api:list_sessions": ("/api/sessions", EVERYONE),
    "api:get_session": ("/api/sessions/cosp-7", EVERYONE),
    "api:get_speakers_list": ("/api/sessions/cosp-7/speakers", EVERYONE),
    "api:list_outcomes": ("/api/outcomes", EVERYONE),
    "api:get_outcome": ("/api/outcomes/COSP/resolution/7/1", EVERYONE),
    "api:list_mandates": ("/api/mandates", EVERYONE),
    "api:openapi-json": ("/api/openapi.json", EVERYONE),
    "api:openapi-view": ("/api/docs", EVERYONE),
    "api:api-root": ("/api/", dict.fromkeys(ROLES, 404)),  # no root resource; the docs are at /api/docs
    "admin:index": ("/admin/", ADMIN),
}
MATRIX.update(REVIEW_ROWS)
# Each later app keeps its rows, and the objects they name, in tests/<app>/matrix.py.
APP_MATRICES = (knowledge_matrix, assistance_matrix, authorities_matrix, cooperation_matrix, recovery_matrix)
for app_matrix in APP_MATRICES:
    MATRIX.update(app_matrix.ROWS)


def project_url_names() -> set[str]:
    """Every named URL of the project, admin pages folded into `admin:index`."""
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    names.add("admin:index")
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_has_a_permission_decision():
    assert project_url_names() == set(MATRIX)


@pytest.fixture
def world(make_state, make_user):
    """One of everything a URL can point at."""
    austria = make_state("AUT")
    chapter = Chapter.objects.create(number=4, roman="IV", title_en="International cooperation")
    Article.objects.create(number=46, chapter=chapter, title_en="Mutual legal assistance")
    document = Document.objects.create(symbol="CAC/COSP/2017/14", base_symbol="CAC/COSP/2017/14")
    version = DocumentVersion.objects.create(document=document, language="en", title="Report")
    Block.objects.create(
        version=version, position=0, kind="paragraph", number="1", text="Against corruption."
    )
    uploader = make_user(Role.SECRETARIAT_OFFICER, username="uploader")
    ingestion = Ingestion.objects.create(
        uploaded_file="uploads/x.txt", original_name="x.txt", created_by=uploader
    )
    body = Body.objects.create(code="COSP", name_en="Conference", symbol_prefix="CAC/COSP")
    session = Session.objects.create(body=body, number=7, start=date(2017, 11, 6), end=date(2017, 11, 10))
    ngo = Organisation.objects.create(
        kind=OrganisationKind.OBSERVER, name="Listed NGO", observer_category=ObserverCategory.NGO_OTHER
    )
    listed_ngo = Delegation.objects.create(
        session=session,
        organisation=ngo,
        group=AttendanceGroup.NGO_OTHER,
        admission_route=AdmissionRoute.NGO_LIST,
        admission_status=AdmissionStatus.LISTED,
        listed_on=date(2017, 10, 1),
    )
    state_party = Delegation.objects.create(
        session=session, organisation=organisation_for_state(austria), group=AttendanceGroup.STATE_PARTY
    )
    officer = Officer.objects.create(session=session, office=Office.PRESIDENT, state=make_state("GTM"))
    SpeakersList.objects.create(
        session=session,
        opens_at=datetime(2017, 10, 16, 7, tzinfo=UTC),
        closes_at=datetime(2017, 11, 6, 11, tzinfo=UTC),
    )
    outcome = Outcome.objects.create(body=body, kind="resolution", number="7/1", title_en="Asset recovery")
    paragraph = Paragraph.objects.create(
        outcome=outcome, position=0, number="1", kind="operative", text_en="Requests"
    )
    mandate = Mandate.objects.create(paragraph=paragraph, addressee="secretariat", action="to report")
    section = DeclarationSection.objects.create(key="prevention", position=1, title_en="Prevention")
    DeclarationParagraph.objects.create(number=1, section=section, text_en="We commit.")
    review = _review_world(austria)
    apps = {}
    for app_matrix in APP_MATRICES:
        apps.update(app_matrix.world(austria))
    return {
        **review,
        **apps,
        "mandate": mandate.pk,
        "ingestion": ingestion.pk,
        "listed_ngo": listed_ngo.pk,
        "state_party": state_party.pk,
        "officer": officer.pk,
    }


@pytest.mark.parametrize("url_name", list(MATRIX))
def test_url_answers_each_role_as_decided(url_name, client, make_user, world):
    # One world per URL, every role in turn: building the world is most of each test's time.
    path, expected = MATRIX[url_name]
    answers = {}
    for role_name, role in ROLES.items():
        client.logout()
        if role is not None:
            client.force_login(make_user(role, username=role_name))
        answers[role_name] = client.get(path.format(**world)).status_code
    assert answers == expected, url_name


def _review_world(austria) -> dict:
    """A cycle-2 review of AUT (the users' State) by DEU and FRA, with one of each record."""
    prevention = Chapter.objects.create(number=2, roman="II", title_en="Preventive measures")
    article = Article.objects.create(number=9, chapter=prevention, title_en="Public procurement")
    draw = Draw.objects.create(
        cycle=2,
        action="draw",
        seed=7,
        engine_version=1,
        inputs={},
        inputs_digest="0" * 64,
        result={"reviews": [], "unmet": []},
        at=datetime(2016, 6, 20, 9, tzinfo=UTC),
        author_name="Secretariat",
    )
    review = CountryReview.objects.create(
        cycle=2, year=1, state=austria, draw=draw, started_on=date(2026, 1, 5)
    )
    for position, iso3 in enumerate(["DEU", "FRA"]):
        state = State.objects.create(
            iso3=iso3, iso2=iso3[:2], short_name_en=iso3, un_status="member", instrument="ratification"
        )
        ReviewingState.objects.create(review=review, state=state, position=position, same_group=position == 0)
    finding = Finding.objects.create(
        review=review, kind="recommendation", article=article, text_en="Adopt a law."
    )
    follow_up = FollowUp.objects.create(
        finding=finding, on=date(2026, 9, 1), source="review", status="partly_implemented"
    )
    expert = GovernmentalExpert.objects.create(state=austria, name="An expert")
    section = ReportSection.objects.create(
        review=review, kind="report", key="introduction", heading="Introduction", position=0
    )
    return {
        "review": review.slug,
        "draw": draw.pk,
        "finding": finding.pk,
        "follow_up": follow_up.pk,
        "expert": expert.pk,
        "section": section.key,
        "article": article.number,
    }
