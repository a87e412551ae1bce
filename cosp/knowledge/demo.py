"""Demo contributions (our own texts): Austria's focal point and Transparency International's
representative submit, the secretariat enters two on behalf of China and Kenya; most are published
with their tags, one awaits moderation, one was returned, one is a draft. Idempotent: a contribution
already there (same organisation and title) is left as it is."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from cosp.core.enums import OrganisationKind
from cosp.core.models import Organisation, User, organisation_for_state
from cosp.outcomes.models import DeclarationParagraph
from cosp.states.models import Article, State

from . import services
from .enums import ContributionStatus
from .models import Contribution


@dataclass(frozen=True)
class DemoContribution:
    submitter: str  # "AUT" (focal point), "TI" (observer), or another ISO3 (the secretariat on its behalf)
    title: str
    language: str
    year: int
    status: str
    articles: tuple[int, ...]
    themes: tuple[str, ...]
    section: str  # the declaration section whose first paragraph it is tagged with, "" for none
    text: str


P, S, R, D = (
    ContributionStatus.PUBLISHED,
    ContributionStatus.SUBMITTED,
    ContributionStatus.RETURNED,
    ContributionStatus.DRAFT,
)

CONTRIBUTIONS = [
    DemoContribution(
        "AUT",
        "Every public contract award now published online",
        "en",
        2023,
        P,
        (9,),
        ("public_procurement",),
        "prevention",
        "Since 2023 every contracting authority publishes its contract awards above the national "
        "threshold on one portal, with the bidders and the price, in line with article 9 of the "
        "Convention. Journalists and civil society use the data to follow public procurement.",
    ),
    DemoContribution(
        "AUT",
        "Asset declarations of senior officials",
        "en",
        2022,
        P,
        (8,),
        ("asset_declarations",),
        "prevention",
        "Members of the government and senior officials file asset declarations each year; a "
        "summary is public and conflicts of interest are checked by an independent office.",
    ),
    DemoContribution(
        "AUT",
        "奥地利建立受益所有人登记簿",
        "zh",
        2024,
        P,
        (52,),
        ("beneficial_ownership",),
        "asset_recovery",
        "奥地利设立了受益所有人登记簿，银行在客户尽职调查中查阅登记信息，以防止洗钱并便利资产追回。",
    ),
    DemoContribution(
        "AUT",
        "Training prosecutors on bribery cases",
        "en",
        2025,
        S,
        (15, 30),
        ("bribery",),
        "",
        "The prosecution service trained 120 prosecutors on investigating bribery of national public "
        "officials and on sanctions proportionate to the gravity of the offence.",
    ),
    DemoContribution(
        "AUT",
        "Protecting reporting persons: the first year of the new law",
        "en",
        2025,
        R,
        (33,),
        (),
        "",
        "The law protecting persons who report corruption entered into force; this note describes "
        "the first reports received.",
    ),
    DemoContribution(
        "AUT",
        "Cooperation with neighbouring central authorities",
        "en",
        2026,
        D,
        (46,),
        ("mutual_legal_assistance",),
        "",
        "Draft: how the central authority works with its counterparts on mutual legal assistance.",
    ),
    DemoContribution(
        "TI",
        "Civil society monitoring of public procurement",
        "en",
        2023,
        P,
        (9, 13),
        ("participation_of_society", "public_procurement"),
        "prevention",
        "Chapters of Transparency International in twelve countries monitored public tenders and "
        "reported irregularities to the authorities; the participation of society made the "
        "procurement data more complete.",
    ),
    DemoContribution(
        "TI",
        "民间社会参与反腐败教育",
        "zh",
        2024,
        P,
        (13,),
        ("participation_of_society",),
        "prevention",
        "透明国际与学校合作开展反腐败教育，鼓励民间社会和青年参与预防腐败，并在社区中宣传举报渠道。",
    ),
    DemoContribution(
        "TI",
        "Beneficial ownership registers: a survey of practice",
        "en",
        2024,
        P,
        (52,),
        ("beneficial_ownership",),
        "asset_recovery",
        "A survey of 40 beneficial ownership registers: who may consult them, how the data are "
        "verified, and how they help trace the proceeds of corruption.",
    ),
    DemoContribution(
        "TI",
        "Unexplained wealth orders in practice",
        "en",
        2025,
        P,
        (20,),
        ("illicit_enrichment",),
        "criminalization",
        "Courts in several jurisdictions have issued unexplained wealth orders; this paper compares "
        "them with the offence of illicit enrichment under article 20 of the Convention.",
    ),
    DemoContribution(
        "CHN",
        "追逃追赃工作的经验",
        "zh",
        2023,
        P,
        (51, 57),
        ("asset_recovery",),
        "asset_recovery",
        "中国通过国际合作开展追逃追赃工作，依照《联合国反腐败公约》第五十七条与有关国家合作返还资产，"
        "并通过司法协助追回被盗资产。",
    ),
    DemoContribution(
        "KEN",
        "Results of the asset recovery agency",
        "en",
        2022,
        P,
        (31, 54),
        ("confiscation", "asset_recovery"),
        "asset_recovery",
        "The asset recovery agency obtained the confiscation of property worth 2 billion shillings "
        "through non-conviction-based proceedings and returned part of it to the State.",
    ),
]

RETURN_REASON = "Please say how many reports were received and add the text of the law as a file."


def _organisation(key: str) -> Organisation:
    if key == "TI":
        # The organisation of the demo observer account (core.demo: Transparency International).
        return Organisation.objects.get(
            kind=OrganisationKind.OBSERVER, memberships__user__username="observer"
        )
    return organisation_for_state(State.objects.get(iso3=key))


def _paragraphs(section: str) -> list[int]:
    first = DeclarationParagraph.objects.filter(section__key=section).order_by("number").first()
    return [first.number] if section and first else []


@transaction.atomic
def load_knowledge_demo() -> list[str]:
    """Create the demo contributions that are not there yet; one line per submitter and a total."""
    users = {name: User.objects.get(username=name) for name in ("focalpoint", "observer", "secretariat")}
    known_articles = set(Article.objects.values_list("number", flat=True))
    for item in CONTRIBUTIONS:
        organisation = _organisation(item.submitter)
        if Contribution.objects.filter(organisation=organisation, title=item.title).exists():
            continue
        actor = {"AUT": users["focalpoint"], "TI": users["observer"]}.get(
            item.submitter, users["secretariat"]
        )
        contribution = services.create_contribution(
            actor=actor,
            organisation=organisation,
            title=item.title,
            text=item.text,
            language=item.language,
            year=item.year,
            articles=[n for n in item.articles if n in known_articles],
            paragraphs=_paragraphs(item.section),
            themes=item.themes,
        )
        if item.status == D:
            continue
        services.submit(contribution, actor=actor)
        if item.status == P:
            services.publish(contribution, actor=users["secretariat"])
        elif item.status == R:
            services.return_contribution(contribution, actor=users["secretariat"], reason=RETURN_REASON)
    lines = []
    for label, key, who in (
        ("Austria", "AUT", "focalpoint"),
        ("Transparency International", "TI", "observer"),
        ("China", "CHN", "secretariat on its behalf"),
        ("Kenya", "KEN", "secretariat on its behalf"),
    ):
        contributions = Contribution.objects.filter(organisation=_organisation(key))
        statuses = ", ".join(
            f"{count} {status}"
            for status in ContributionStatus.values
            if (count := contributions.filter(status=status).count())
        )
        lines.append(f"repository of contributions: {label} ({who}): {statuses}")
    return lines
