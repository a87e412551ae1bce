"""Fixtures for the repository's database tests: a few articles and declaration paragraphs, Austria's
delegation and a third State's (Kenya), two observer organisations, one user in every position the
visibility rules distinguish, and `make_contribution` to put a contribution at any status."""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cosp.core.enums import ObserverCategory, OrganisationKind, Role
from cosp.core.models import Membership, Organisation, User, organisation_for_state
from cosp.knowledge import services
from cosp.knowledge.enums import ContributionStatus
from cosp.outcomes.models import DeclarationParagraph, DeclarationSection
from cosp.states.models import Article, Chapter

PASSWORD = "correct-horse-9"

ARTICLES = {
    2: ("II", "Preventive measures", {9: "Public procurement", 13: "Participation of society"}),
    3: ("III", "Criminalization and law enforcement", {15: "Bribery of national public officials"}),
    4: ("IV", "International cooperation", {46: "Mutual legal assistance"}),
    5: ("V", "Asset recovery", {31: "Freezing, seizure and confiscation", 57: "Return of assets"}),
}


@pytest.fixture
def convention(db):
    for number, (roman, title, articles) in ARTICLES.items():
        chapter = Chapter.objects.create(number=number, roman=roman, title_en=title)
        for article, article_title in articles.items():
            Article.objects.create(number=article, chapter=chapter, title_en=article_title)


@pytest.fixture
def declaration(convention):
    """Three paragraphs of our own: 12 on asset recovery (article 57), 20 on procurement (article 9),
    40 on cooperation (article 46)."""
    recovery = DeclarationSection.objects.create(key="asset_recovery", position=5, title_en="Asset recovery")
    prevention = DeclarationSection.objects.create(key="prevention", position=2, title_en="Prevention")
    cooperation = DeclarationSection.objects.create(
        key="international_cooperation", position=4, title_en="Cooperation"
    )
    for number, section, article, themes in (
        (12, recovery, 57, ["asset_recovery"]),
        (20, prevention, 9, ["public_procurement"]),
        (40, cooperation, 46, ["international_cooperation"]),
    ):
        paragraph = DeclarationParagraph.objects.create(
            number=number, section=section, text_en=f"Paragraph {number}.", themes=themes
        )
        paragraph.articles.add(Article.objects.get(number=article))


@dataclass
class People:
    austria: Organisation
    kenya: Organisation
    ti: Organisation
    other_ngo: Organisation
    secretariat_org: Organisation
    focal_point: User  # Austria's
    delegate: User  # Austria's
    expert: User  # Austria's
    central_authority: User  # Austria's
    kenya_focal_point: User
    observer: User  # TI's representative
    other_observer: User
    secretariat: User

    def by_name(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


def _user(username: str, organisation: Organisation, role: Role) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def people(declaration, make_state) -> People:
    austria = organisation_for_state(make_state("AUT", short_name_en="Austria"))
    kenya = organisation_for_state(make_state("KEN", short_name_en="Kenya"))
    ti = Organisation.objects.create(
        kind=OrganisationKind.OBSERVER,
        name="Transparency International",
        abbreviation="TI",
        observer_category=ObserverCategory.NGO_ECOSOC,
    )
    other_ngo = Organisation.objects.create(
        kind=OrganisationKind.OBSERVER, name="Another NGO", observer_category=ObserverCategory.NGO_OTHER
    )
    secretariat_org = Organisation.objects.create(kind=OrganisationKind.SECRETARIAT, name="Secretariat")
    return People(
        austria=austria,
        kenya=kenya,
        ti=ti,
        other_ngo=other_ngo,
        secretariat_org=secretariat_org,
        focal_point=_user("focal_point", austria, Role.FOCAL_POINT),
        delegate=_user("delegate", austria, Role.DELEGATE),
        expert=_user("expert", austria, Role.GOVERNMENTAL_EXPERT),
        central_authority=_user("central_authority", austria, Role.CENTRAL_AUTHORITY),
        kenya_focal_point=_user("kenya_focal_point", kenya, Role.FOCAL_POINT),
        observer=_user("observer", ti, Role.OBSERVER_REPRESENTATIVE),
        other_observer=_user("other_observer", other_ngo, Role.OBSERVER_REPRESENTATIVE),
        secretariat=_user("secretariat", secretariat_org, Role.SECRETARIAT_OFFICER),
    )


ENGLISH = (
    "Austria reformed its public procurement rules in 2022: every tender above the threshold is now "
    "published, and bidders must declare their beneficial owners. See article 9 of the Convention and "
    "paragraph 20 of the political declaration."
)
CHINESE = "我国加强了资产追回工作，依照《联合国反腐败公约》第五十七条返还被没收的资产，并落实政治宣言第12段。"


def pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% a small test file\n", content_type="application/pdf")


@pytest.fixture
def make_contribution(people):
    """A contribution of Austria (or `organisation`) brought to `status` through the services."""

    def make(
        status: str = ContributionStatus.PUBLISHED,
        *,
        organisation: Organisation | None = None,
        actor: User | None = None,
        title: str = "Procurement reform",
        text: str = ENGLISH,
        language: str = "en",
        year: int = 2023,
        articles=(9,),
        paragraphs=(20,),
        themes=("public_procurement",),
        files=(),
    ):
        organisation = organisation or people.austria
        if actor is None:
            actor = people.observer if organisation == people.ti else people.focal_point
        contribution = services.create_contribution(
            actor=actor,
            organisation=organisation,
            title=title,
            text=text,
            language=language,
            year=year,
            articles=articles,
            paragraphs=paragraphs,
            themes=themes,
            files=files,
        )
        if status == ContributionStatus.DRAFT:
            return contribution
        if status == ContributionStatus.WITHDRAWN:
            return services.withdraw(contribution, actor=actor)
        contribution = services.submit(contribution, actor=actor)
        if status == ContributionStatus.PUBLISHED:
            contribution = services.publish(contribution, actor=people.secretariat)
        elif status == ContributionStatus.RETURNED:
            contribution = services.return_contribution(
                contribution, actor=people.secretariat, reason="Please add the year of the reform."
            )
        return contribution

    return make
