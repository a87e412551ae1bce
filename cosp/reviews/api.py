"""The Implementation Review Mechanism in the API: draws, country pairings and each review's steps
(public), and a review's material under the same rules as the pages (RULES 4.9, access.py): the
checklist, the full report and the executive summary once public or to the review's circle; drafts,
versions, comments and notices never leave the circle."""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from cosp.core.api import check_perm
from cosp.core.languages import translations

from . import access, progress
from .models import Checklist, CountryReview, Draw, GovernmentalExpert
from .services import ReviewRuleError, reports, workflow
from .visibility import Item

router = Router(tags=["reviews"])


class ReviewerOut(Schema):
    state: str
    group: str | None
    same_group: bool


class StepOut(Schema):
    step: str
    owner: str
    status: str
    due: dt.date
    completed: dt.date | None
    days_late: int


class ReviewOut(Schema):
    cycle: int
    year: int
    state: str
    group: str | None
    reviewers: list[ReviewerOut]
    redraws: int
    started_on: dt.date | None
    stage: str
    days_late: int
    summary_issued_on: dt.date | None
    summary_symbol: str


class AnswerOut(Schema):
    article: int
    paragraph: str
    implementation: str
    measures: str
    citations: str
    examples: str
    statistics: str
    challenges: str
    assistance_needed: str
    assistance_type: str
    assistance_priority: str
    assistance_received: str


class ChecklistOut(Schema):
    status: str
    published: bool
    answers: list[AnswerOut]


class SectionOut(Schema):
    key: str
    heading: str
    article: int | None
    text: str


class DocumentOut(Schema):
    kind: str
    language: str
    status: str
    sections: list[SectionOut]


class FindingOut(Schema):
    id: int
    kind: str
    article: int
    paragraph: str
    texts: dict[str, str]
    theme: str
    sdg_targets: list[str]
    implementation_status: str | None


class ReviewDetailOut(ReviewOut):
    steps: list[StepOut]
    # What the caller may see of the review's material (RULES 4.9).
    may_see: dict[str, bool]


class DrawOut(Schema):
    id: int
    cycle: int
    action: str
    seed: int
    engine_version: int
    inputs_digest: str
    at: dt.datetime
    author: str
    session: str | None
    state: str | None
    exceptional: bool
    reason: str


class DrawDetailOut(DrawOut):
    inputs: dict
    result: dict


class ExpertOut(Schema):
    name: str
    position: str
    expertise: str
    languages: str


class ReviewFilter(Schema):
    cycle: int | None = None
    year: int | None = None
    group: str | None = None  # regional group code, e.g. WEOG
    state: str | None = None  # ISO3


def _group(state) -> str | None:
    return state.regional_group.code if state.regional_group else None


def _review(review: CountryReview, steps, today: dt.date) -> dict:
    return {
        "cycle": review.cycle,
        "year": review.year,
        "state": review.state.iso3,
        "group": _group(review.state),
        "reviewers": [
            {
                "state": reviewer.state.iso3,
                "group": _group(reviewer.state),
                "same_group": reviewer.same_group,
            }
            for reviewer in review.reviewers.all()
        ],
        "redraws": review.redraws,
        "started_on": review.started_on,
        # "not_started", a step, or "completed"; lateness counts open steps only, as on the board.
        "stage": progress.stage(steps),
        "days_late": progress.days_late(steps, today),
        "summary_issued_on": review.summary_issued_on,
        "summary_symbol": review.summary_symbol,
    }


def _get_review(cycle: int, iso3: str) -> CountryReview:
    return get_object_or_404(
        CountryReview.objects.with_parties().prefetch_related("reviewers__state__regional_group"),
        cycle=cycle,
        state__iso3=iso3.upper(),
    )


def _require(request, review: CountryReview, item: Item) -> None:
    """401 for an anonymous caller and 403 for a signed-in one who may not see `item`."""
    perm = {
        Item.SELF_ASSESSMENT: "reviews.view_checklist",
        Item.FULL_REPORT: "reviews.view_report",
        Item.EXECUTIVE_SUMMARY: "reviews.view_summary",
    }[item]
    check_perm(request, perm, review)


@router.get("/reviews", response=list[ReviewOut])
def list_reviews(request, filters: Query[ReviewFilter]):
    """Every country review with its reviewers and where it stands: public, as the pairings and each
    review's step are."""
    check_perm(request, "reviews.view_public")
    reviews = CountryReview.objects.with_parties().prefetch_related("reviewers__state__regional_group")
    if filters.cycle:
        reviews = reviews.filter(cycle=filters.cycle)
    if filters.year:
        reviews = reviews.filter(year=filters.year)
    if filters.group:
        reviews = reviews.filter(state__regional_group__code=filters.group.upper())
    if filters.state:
        reviews = reviews.filter(state__iso3=filters.state.upper())
    reviews = list(reviews)
    plans = workflow.plans(reviews)
    today = timezone.localdate()
    return [_review(review, plans[review.pk], today) for review in reviews]


@router.get("/reviews/{cycle}/{iso3}", response=ReviewDetailOut)
def get_review(request, cycle: int, iso3: str):
    check_perm(request, "reviews.view_public")
    review = _get_review(cycle, iso3)
    today = timezone.localdate()
    steps = workflow.plan(review)
    return {
        **_review(review, steps, today),
        "steps": [
            {
                "step": step.step.value,
                "owner": step.owner.value,
                "status": step.status.value,
                "due": step.due,
                "completed": step.completed,
                "days_late": step.days_late(today),
            }
            for step in steps
        ],
        "may_see": {
            item.value: bool(access.can_see(request.user, review, item))
            for item in (Item.SELF_ASSESSMENT, Item.FULL_REPORT, Item.EXECUTIVE_SUMMARY, Item.DRAFT)
        },
    }


@router.get("/reviews/{cycle}/{iso3}/checklist", response=ChecklistOut)
def get_checklist(request, cycle: int, iso3: str):
    review = _get_review(cycle, iso3)
    _require(request, review, Item.SELF_ASSESSMENT)
    try:
        checklist = review.checklist
    except Checklist.DoesNotExist:
        return {"status": "draft", "published": False, "answers": []}
    answers = checklist.answers.select_related("article")
    return {
        "status": checklist.status,
        "published": checklist.published_at is not None,
        "answers": [{**_answer_fields(answer), "article": answer.article.number} for answer in answers],
    }


def _answer_fields(answer) -> dict:
    return {field: getattr(answer, field) for field in AnswerOut.model_fields if field != "article"}


def _document(request, review: CountryReview, kind: str, language: str) -> dict:
    """The document as its page shows it: outside the circle, only what was made public."""
    try:
        items = reports.document_items(
            review, kind, language, public=not access.in_circle(request.user, review)
        )
    except ReviewRuleError as error:
        raise HttpError(400, " ".join(error.messages)) from None
    return {
        "kind": kind,
        "language": reports.document_language(language),
        "status": review.report_status,
        "sections": [
            {
                "key": item.key,
                "heading": item.heading,
                "article": item.section.article.number if item.section.article else None,
                "text": item.section.text,
            }
            for item in items
            if item.section is not None
        ],
    }


@router.get("/reviews/{cycle}/{iso3}/report", response=DocumentOut)
def get_report(request, cycle: int, iso3: str, language: str = "en"):
    """The full country review report as it now reads (confidential unless the State agreed to publish)."""
    review = _get_review(cycle, iso3)
    _require(request, review, Item.FULL_REPORT)
    return _document(request, review, "report", language)


@router.get("/reviews/{cycle}/{iso3}/summary", response=DocumentOut)
def get_summary(request, cycle: int, iso3: str, language: str = "en"):
    """The executive summary (public once issued)."""
    review = _get_review(cycle, iso3)
    _require(request, review, Item.EXECUTIVE_SUMMARY)
    return _document(request, review, "summary", language)


@router.get("/reviews/{cycle}/{iso3}/findings", response=list[FindingOut])
def list_findings(request, cycle: int, iso3: str):
    """The review's findings: part of its report and summary, so public once the summary is issued."""
    review = _get_review(cycle, iso3)
    _require(request, review, Item.EXECUTIVE_SUMMARY)
    findings = review.findings.select_related("article").prefetch_related("follow_ups")
    out = []
    for finding in findings:
        statuses = [entry.status for entry in finding.follow_ups.all() if entry.status]
        out.append(
            {
                "id": finding.pk,
                "kind": finding.kind,
                "article": finding.article.number,
                "paragraph": finding.paragraph,
                "texts": translations(finding, "text"),
                "theme": finding.theme,
                "sdg_targets": finding.sdg_targets,
                "implementation_status": statuses[-1] if statuses else None,
            }
        )
    return out


def _draw(record: Draw) -> dict:
    return {
        "id": record.pk,
        "cycle": record.cycle,
        "action": record.action,
        "seed": record.seed,
        "engine_version": record.engine_version,
        "inputs_digest": record.inputs_digest,
        "at": record.at,
        "author": record.author_name,
        "session": record.session.slug if record.session else None,
        "state": record.state.iso3 if record.state else None,
        "exceptional": record.exceptional,
        "reason": record.reason,
    }


@router.get("/draws", response=list[DrawOut])
def list_draws(request, cycle: int | None = None):
    """Every drawing of lots and redraw, so anyone can verify them (DL-6, DL-7)."""
    check_perm(request, "reviews.view_public")
    draws = Draw.objects.select_related("session", "state")
    if cycle:
        draws = draws.filter(cycle=cycle)
    return [_draw(record) for record in draws]


@router.get("/draws/{draw_id}", response=DrawDetailOut)
def get_draw(request, draw_id: int):
    """One record with its inputs and result: run the same inputs and seed to check it."""
    check_perm(request, "reviews.view_public")
    record = get_object_or_404(Draw.objects.select_related("session", "state"), pk=draw_id)
    return {**_draw(record), "inputs": record.inputs, "result": record.result}


@router.get("/experts/{iso3}", response=list[ExpertOut])
def list_experts(request, iso3: str):
    """A State's list of governmental experts (public, RULES 4.5; contact details are not)."""
    check_perm(request, "reviews.view_public")
    experts = GovernmentalExpert.objects.filter(state__iso3=iso3.upper(), active=True)
    return [
        {"name": e.name, "position": e.position, "expertise": e.expertise, "languages": e.languages}
        for e in experts
    ]
