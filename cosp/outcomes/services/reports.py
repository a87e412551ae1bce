"""Storing the resolutions and decisions a report sets out: outcomes, sponsors, paragraphs, proposed
mandates, and the links to the articles and to the outcomes they recall."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Q

from cosp.core.languages import UN_LANGUAGES, field_suffix
from cosp.documents.extraction.references import find_outcomes as find_cited_outcomes
from cosp.documents.models import Document
from cosp.meetings.models import Body, Session
from cosp.states.models import Article, State

from ..enums import Addressee
from ..extraction.classify import propose_mandates
from ..extraction.declaration import cited_articles
from ..extraction.outcomes import ExtractedOutcome, ExtractedParagraph
from ..extraction.sponsors import Sponsorship
from ..models import Mandate, Outcome, Paragraph, Sponsor
from .base import save_changes

# A paragraph's text in every language: citations and articles are read from all of them.
_TEXT_COLUMNS = tuple(f"text_{field_suffix(language)}" for language in UN_LANGUAGES)


def _leads(document: Document, language: str) -> bool:
    """True when no other language version of the document has been ingested."""
    return not document.versions.exclude(language=language).exists()


def _session_of(body: Body, number: str, document: Document) -> Session | None:
    """The session a numbered outcome belongs to: 7/1 was adopted at the body's seventh session;
    otherwise (a special session's outcome) the session of the report, when it is the body's."""
    session_number = number.split("/")[0]
    if session_number.isdigit():
        found = body.sessions.filter(number=int(session_number)).order_by("start").first()
        if found:
            return found
    if document.session_id and document.session.body_id == body.pk:
        return document.session
    return None


@transaction.atomic
def store_outcomes(
    document: Document, language: str, extracted: Iterable[ExtractedOutcome], *, text_field_suffix: str
) -> list[Outcome]:
    """Store (or update in place) the resolutions and decisions a report contains, in `language`.

    Numbers, kinds, verbs and sponsors are the same in every language version; the texts go to the
    language's column, so ingesting the Chinese and the English report fills one outcome. Mandates are
    proposed once, when their paragraph is first stored, and never overwrite the secretariat's.
    Outcomes of bodies the platform does not hold (the General Assembly's) are left out."""
    leads = _leads(document, language)
    stored: list[tuple[Outcome, list[Paragraph]]] = []
    for found in extracted:
        body = Body.objects.filter(code=found.body).first()
        if body is None:
            continue
        outcome = _store_outcome(document, body, found, text_field_suffix)
        _store_sponsors(outcome, found, leads=leads)
        paragraphs = _store_paragraphs(outcome, found.paragraphs, language, text_field_suffix, leads=leads)
        stored.append((outcome, paragraphs))
    # Citations once the whole report is stored: a resolution may recall another of the same session.
    for outcome, paragraphs in stored:
        for paragraph in paragraphs:
            _link_cited(paragraph)
        link_citing_paragraphs(outcome)
    return [outcome for outcome, _paragraphs in stored]


def _store_outcome(document: Document, body: Body, found: ExtractedOutcome, suffix: str) -> Outcome:
    values: dict = {f"title_{suffix}": found.title, "document": document}
    # What a version does not say (an English report without its action-taken chapter) is kept.
    if session := _session_of(body, found.number, document):
        values["session"] = session
    if found.draft_symbols:
        values["draft_symbols"] = list(found.draft_symbols)
    if found.adopted_on:
        values["adopted_on"] = date.fromisoformat(found.adopted_on)
    if found.adopted_meeting:
        values["adopted_at_meeting"] = found.adopted_meeting
    outcome, created = Outcome.objects.get_or_create(
        body=body, kind=found.kind, number=found.number, defaults=values
    )
    if not created:
        save_changes(outcome, values)
    return outcome


def _sponsor_key(state: State | None, name: str) -> tuple[int | None, str]:
    return (state.pk if state else None, "" if state else name)


def _store_sponsors(outcome: Outcome, found: ExtractedOutcome, *, leads: bool) -> None:
    """The leading version's sponsors, kept in step in place; another language adds nothing once
    there are sponsors (its groups' names would only replace the same groups in another language)."""
    sponsorships = found.sponsorships or [Sponsorship(name=value, code=value) for value in found.sponsors]
    if not sponsorships:
        return  # a version that names no sponsor (no action-taken chapter) keeps those stored
    existing = {_sponsor_key(s.state, s.name): s for s in outcome.sponsors.select_related("state")}
    if existing and not leads:
        return
    states = State.objects.in_bulk({s.code for s in sponsorships if s.code}, field_name="iso3")
    kept: set[int] = set()
    for sponsorship in sponsorships:
        state = states.get(sponsorship.code or "")
        name = "" if state else sponsorship.value
        values = {"on_behalf_of": sponsorship.on_behalf_of or "", "joined_later": sponsorship.joined_later}
        row = existing.get(_sponsor_key(state, name))
        if row is None:
            row = Sponsor.objects.create(outcome=outcome, state=state, name=name, **values)
        else:
            save_changes(row, values)
        kept.add(row.pk)
    outcome.sponsors.exclude(pk__in=kept).delete()


def paragraph_text(found: ExtractedParagraph) -> str:
    """A paragraph's stored text: its own words, then one line per lettered sub-paragraph."""
    lines = [found.text, *(f"({label}) {text}" for label, text in found.sub_paragraphs)]
    return "\n".join(line for line in lines if line)


def _store_paragraphs(
    outcome: Outcome,
    found_paragraphs: list[ExtractedParagraph],
    language: str,
    suffix: str,
    *,
    leads: bool,
) -> list[Paragraph]:
    existing = {paragraph.position: paragraph for paragraph in outcome.paragraphs.all()}
    paragraphs = []
    for position, found in enumerate(found_paragraphs):
        text = paragraph_text(found)
        structure = {
            "number": found.number or "",
            "kind": found.kind,
            "verb": found.verb or "",
            "addressees": list(found.addressees),
            "operational": bool(found.operational),
        }
        paragraph = existing.get(position)
        if paragraph is None:
            paragraph = Paragraph.objects.create(
                outcome=outcome, position=position, **structure, **{f"text_{suffix}": text}
            )
            _propose_mandates(paragraph, text, language)
        else:
            save_changes(paragraph, {**(structure if leads else {}), f"text_{suffix}": text})
        _link_articles(paragraph)
        paragraphs.append(paragraph)
    if leads:
        # Paragraphs the report no longer has, unless the secretariat has confirmed a mandate there.
        outcome.paragraphs.filter(position__gte=len(found_paragraphs)).exclude(
            mandates__confirmed=True
        ).delete()
    return paragraphs


def _propose_mandates(paragraph: Paragraph, text: str, language: str) -> None:
    if paragraph.kind != "operative" or not paragraph.operational:
        return
    for proposed in propose_mandates(text, language, numbered=True):
        addressee = proposed.addressee if proposed.addressee in Addressee.values else Addressee.OTHER
        report_to = proposed.report_to if proposed.report_to in Addressee.values else ""
        Mandate.objects.create(
            paragraph=paragraph,
            addressee=addressee,
            action=proposed.action,
            report_to=report_to,
            due_session=_due_session(paragraph.outcome, proposed.due),
        )


def _due_session(outcome: Outcome, due: str | None) -> Session | None:
    """`due` as the classifier normalises it ("COSP 8", "IRG next"): that body's session with that
    number, or the body's first session after the outcome's ("next")."""
    code, _, number = (due or "").rpartition(" ")
    body = Body.objects.filter(code=code).first() or outcome.body
    sessions = body.sessions.order_by("start")
    if number.isdigit():
        return sessions.filter(number=int(number)).first()
    if number == "next":
        adopted = outcome.session.start if outcome.session else outcome.adopted_on
        return sessions.filter(start__gt=adopted).first() if adopted else None
    return None


def _texts(paragraph: Paragraph) -> list[str]:
    return [text for column in _TEXT_COLUMNS if (text := getattr(paragraph, column, None))]


def _link_articles(paragraph: Paragraph) -> None:
    numbers = {number for text in _texts(paragraph) for number in cited_articles(text)}
    paragraph.articles.set(Article.objects.filter(number__in=numbers))


def _cited_keys(paragraph: Paragraph) -> set[tuple[str, str, str]]:
    """(body code, kind, number) of every outcome the paragraph cites, in any of its languages."""
    own_body = paragraph.outcome.body.code
    return {
        (ref.body, ref.kind, ref.number)
        for text in _texts(paragraph)
        for ref in find_cited_outcomes(text, own_body=own_body)
    }


def _link_cited(paragraph: Paragraph) -> None:
    """Link the paragraph to the outcomes it recalls that are stored; the others are linked when
    they arrive (`link_citing_paragraphs`)."""
    keys = _cited_keys(paragraph)
    if not keys and not paragraph.cites.exists():
        return
    wanted = Q(pk__in=[])
    for body, kind, number in keys:
        wanted |= Q(body__code=body, kind=kind, number=number)
    paragraph.cites.set(Outcome.objects.filter(wanted).exclude(pk=paragraph.outcome_id))


def link_citing_paragraphs(outcome: Outcome) -> int:
    """Link `outcome` to the paragraphs stored before it that recall it (resolution 7/1 recalls 6/1,
    and the sixth session's report is ingested after the seventh's). The texts are searched for the
    number, then read as citations to tell "7/1" from "7/10" and a resolution from a decision.
    Returns the number of paragraphs linked."""
    mentions = Q()
    for column in _TEXT_COLUMNS:
        mentions |= Q(**{f"{column}__contains": outcome.number})
    candidates = (
        Paragraph.objects.filter(mentions)
        .exclude(outcome=outcome)
        .exclude(cites=outcome)
        .select_related("outcome__body")
    )
    key = (outcome.body.code, outcome.kind, outcome.number)
    linked = 0
    for paragraph in candidates:
        if key in _cited_keys(paragraph):
            paragraph.cites.add(outcome)
            linked += 1
    return linked
