"""Demo of technical assistance, on top of the reviews demo (`cosp demo` loads it first): the needs
of the demo reviews mirrored from their findings and checklist answers, a few States' own entries
(one in Chinese), offers from two States and from UNODC, one need being worked on and one met.

Every demo text says it is demonstration text. Running it again changes nothing: entries are found
by their text or title before anything is made, and the lines are read back from the database."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from cosp.core.demo import create_demo_accounts, secretariat
from cosp.core.models import User, organisation_for_state
from cosp.reviews.enums import AssistanceType, Priority
from cosp.states.models import Article, RegionalGroup, State

from . import queries, services
from .enums import NeedSource, NeedStatus
from .models import Engagement, Need, Offer

MARKER = "Demonstration entry. "
MARKER_ZH = "演示条目。"


# (State, article, type, priority, language, text): the States' own entries.
OWN_NEEDS = (
    (
        "KEN",
        9,
        AssistanceType.CAPACITY_BUILDING,
        Priority.HIGH,
        "en",
        MARKER + "Training for procurement officers on e-procurement and on spotting bid rigging.",
    ),
    (
        "CHN",
        52,
        AssistanceType.DATA,
        Priority.MEDIUM,
        "zh",
        MARKER_ZH + "希望获得关于金融机构加强客户尽职调查及受益所有权信息统计的技术援助。",
    ),
    (
        "PER",
        36,
        AssistanceType.INSTITUTION_BUILDING,
        Priority.HIGH,
        "es",
        MARKER + "Apoyo para reforzar la unidad especializada contra la corrupción de la fiscalía.",
    ),
)

# (provider ISO3 or "UNODC", title, articles, types, regional groups, States, text, contact name)
OFFERS = (
    (
        "AUT",
        "Procurement integrity training (demonstration)",
        (9, 10),
        (AssistanceType.CAPACITY_BUILDING, AssistanceType.GOOD_PRACTICES),
        ("AFR", "EEG"),
        (),
        MARKER + "Courses for public procurement bodies, given by national practitioners.",
        "Procurement training desk",
    ),
    (
        "FRA",
        "Support to anti-corruption prosecutors (demonstration)",
        (36, 46),
        (AssistanceType.INSTITUTION_BUILDING, AssistanceType.LEGAL_ADVICE),
        ("GRULAC", "AFR"),
        (),
        MARKER + "Peer exchanges between specialised prosecution offices.",
        "Cooperation office",
    ),
    (
        "UNODC",
        "Global programme support (demonstration)",
        (),
        (AssistanceType.LEGAL_ADVICE, AssistanceType.DATA, AssistanceType.CAPACITY_BUILDING),
        (),
        (),
        MARKER + "Legislative advice, data collection and training for any State party on request.",
        "Programme team",
    ),
)


def load_assistance_demo(today: dt.date | None = None) -> list[str]:
    """Mirror the reviews' needs and add the demo's own entries; returns what the demo holds."""
    today = today or timezone.localdate()
    if not State.objects.parties().exists():
        return ["No States parties in the database: load the reference data first."]
    with transaction.atomic():
        services.sync_review_needs()
        actor = _secretariat_user()
        needs = _own_needs(actor)
        offers = _offers(actor)
        _work(actor, needs, offers, today)
    return _summary()


def _secretariat_user() -> User:
    user = User.objects.filter(username="secretariat").first()
    if user is None:
        create_demo_accounts()
        user = User.objects.get(username="secretariat")
    return user


def _own_needs(actor: User) -> dict[str, Need]:
    made = {}
    for iso3, article, kind, priority, language, text in OWN_NEEDS:
        state = State.objects.filter(iso3=iso3).first()
        if state is None or not Article.objects.filter(number=article).exists():
            continue
        need = Need.objects.filter(source=NeedSource.STATE, state=state, description=text).first()
        if need is None:
            need = services.add_need(
                actor=actor,
                state=state,
                article=article,
                assistance_type=kind,
                priority=priority,
                description=text,
                language=language,
                published=True,
            )
        made[iso3] = need
    return made


def _offers(actor: User) -> dict[str, Offer]:
    made = {}
    for key, title, articles, kinds, groups, states, text, contact in OFFERS:
        offer = Offer.objects.filter(title=title).first()
        if offer is None:
            if key == "UNODC":
                provider = secretariat()
            else:
                state = State.objects.filter(iso3=key).first()
                if state is None:
                    continue
                provider = organisation_for_state(state)
            offer = services.add_offer(
                actor=actor,
                data=services.OfferData(
                    provider=provider,
                    title=title,
                    description=text,
                    articles=Article.objects.filter(number__in=articles),
                    assistance_types=kinds,
                    regional_groups=RegionalGroup.objects.filter(code__in=groups),
                    states=State.objects.filter(iso3__in=states),
                    contact_name=contact,
                    contact_email=f"assistance-{key.lower()}@example.org",
                    contact_phone="+43 1 26060 0000" if key == "UNODC" else "",
                ),
            )
        made[key] = offer
    return made


def _work(actor: User, needs: dict[str, Need], offers: dict[str, Offer], today: dt.date) -> None:
    """Austria works on Kenya's procurement need (in progress); UNODC met the first public need from a
    review it can serve (met)."""
    if "KEN" in needs and "AUT" in offers and not Engagement.objects.filter(offer=offers["AUT"]).exists():
        services.engage(
            needs["KEN"],
            actor=actor,
            offer=offers["AUT"],
            note=MARKER + "A first course is planned.",
            started_on=today,
        )
    unodc = offers.get("UNODC")
    if unodc is None or Engagement.objects.filter(offer=unodc).exists():
        return
    public = queries.visible_needs(AnonymousUser(), Need.objects.filter(source=NeedSource.FINDING))
    served = public.filter(assistance_type__in=unodc.assistance_types).order_by("state__iso3", "pk").first()
    if served is not None:
        services.engage(served, actor=actor, offer=unodc, note=MARKER + "Advice given.", started_on=today)
        services.set_status(served, actor=actor, status=NeedStatus.MET, note="Demonstration: met")


def _summary() -> list[str]:
    mirrored = Need.objects.exclude(source=NeedSource.STATE)
    public = queries.visible_needs(AnonymousUser(), mirrored).count()
    findings = mirrored.filter(source=NeedSource.FINDING).count()
    by_status = {label: Need.objects.filter(status=value).count() for value, label in NeedStatus.choices}
    return [
        f"Technical assistance: {findings} needs from review findings "
        f"and {mirrored.filter(source=NeedSource.CHECKLIST).count()} from checklist answers "
        f"({public} public), {Need.objects.filter(source=NeedSource.STATE).count()} States' own entries",
        f"{Offer.objects.count()} offers ("
        + ", ".join(str(offer.provider) for offer in Offer.objects.select_related("provider").order_by("pk"))
        + ")",
        "Needs by status: " + ", ".join(f"{label} {count}" for label, count in by_status.items()),
    ]
