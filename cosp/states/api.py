from datetime import date

from django.db.models import Count, Q
from ninja import Query, Router, Schema

from cosp.core.api import check_perm
from cosp.core.languages import translations

from .models import Article, RegionalGroup
from .queries import filter_states

router = Router(tags=["reference data"])


class RegionalGroupOut(Schema):
    code: str
    names: dict[str, str]
    common_names: dict[str, str]
    parties: int


class ArticleOut(Schema):
    number: int
    chapter: str
    chapter_titles: dict[str, str]
    titles: dict[str, str]


class StateOut(Schema):
    iso2: str
    iso3: str
    m49: str
    kind: str
    un_status: str
    regional_group: str | None
    status: str
    short_names: dict[str, str]
    formal_names: dict[str, str]
    signed_on: date | None
    instrument: str
    instrument_deposited_on: date | None


class RegionalGroupFilter(Schema):
    code: str | None = None  # AFR, APG, EEG, GRULAC, WEOG


class ArticleFilter(Schema):
    chapter: str | None = None  # roman numeral, e.g. "IV"


class StateFilter(Schema):
    group: str | None = None
    status: str | None = None
    q: str | None = None


@router.get("/regional-groups", response=list[RegionalGroupOut])
def list_regional_groups(request, filters: Query[RegionalGroupFilter]):
    check_perm(request, "states.view_reference_data")
    groups = RegionalGroup.objects.annotate(party_count=Count("states", filter=~Q(states__instrument="")))
    if filters.code:
        groups = groups.filter(code__iexact=filters.code)
    return [
        RegionalGroupOut(
            code=g.code,
            names=translations(g, "name"),
            common_names=translations(g, "abbreviation"),
            parties=g.party_count,
        )
        for g in groups
    ]


@router.get("/articles", response=list[ArticleOut])
def list_articles(request, filters: Query[ArticleFilter]):
    check_perm(request, "states.view_reference_data")
    articles = Article.objects.select_related("chapter")
    if filters.chapter:
        articles = articles.filter(chapter__roman=filters.chapter.upper())
    return [
        ArticleOut(
            number=a.number,
            chapter=a.chapter.roman,
            chapter_titles=translations(a.chapter, "title"),
            titles=translations(a, "title"),
        )
        for a in articles
    ]


@router.get("/states", response=list[StateOut])
def list_states(request, filters: Query[StateFilter]):
    check_perm(request, "states.view_reference_data")
    return [
        StateOut(
            iso2=s.iso2,
            iso3=s.iso3,
            m49=s.m49,
            kind=s.kind,
            un_status=s.un_status,
            regional_group=s.regional_group.code if s.regional_group else None,
            status=s.convention_status.value,
            short_names=translations(s, "short_name"),
            formal_names=translations(s, "formal_name"),
            signed_on=s.signed_on,
            instrument=s.instrument,
            instrument_deposited_on=s.instrument_deposited_on,
        )
        for s in filter_states(group=filters.group, status=filters.status, q=filters.q)
    ]
