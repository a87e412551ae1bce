"""Writes to the outcomes app: storing what extraction found in an ingested report, and the
secretariat's confirmation and follow-up of mandates. Each function is one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from cosp.documents.models import Document
from cosp.meetings.models import Body
from cosp.states.models import Article, State

from .enums import Addressee, MandateStatus
from .extraction.classify import propose_mandates
from .extraction.outcomes import ExtractedOutcome
from .models import DeclarationParagraph, DeclarationSection, Mandate, Outcome, Paragraph, Sponsor


def _session_of(body: Body, number: str):
    """The session a numbered outcome belongs to: 7/1 was adopted at the body's seventh session."""
    session_number = number.split("/")[0]
    if not session_number.isdigit():
        return None
    return body.sessions.filter(number=int(session_number)).order_by("start").first()


@transaction.atomic
def store_outcomes(
    document: Document, language: str, extracted: Iterable[ExtractedOutcome], *, text_field_suffix: str
) -> list[Outcome]:
    """Store (or update in place) the resolutions and decisions a report contains, in `language`.

    Numbers, kinds, verbs and sponsors are the same in every language version; the texts go to the
    language's column, so ingesting the Chinese and the English report fills one outcome. Mandates are
    proposed once, from the first version read, and never overwrite the secretariat's confirmed ones."""
    stored = []
    for found in extracted:
        body = Body.objects.get(code=found.body)
        outcome, _ = Outcome.objects.update_or_create(
            body=body,
            kind=found.kind,
            number=found.number,
            defaults={
                f"title_{text_field_suffix}": found.title,
                "session": _session_of(body, found.number),
                "draft_symbols": found.draft_symbols or [],
                "document": document,
            },
        )
        _store_sponsors(outcome, found.sponsors)
        for position, extracted_paragraph in enumerate(found.paragraphs):
            paragraph, created = Paragraph.objects.update_or_create(
                outcome=outcome,
                position=position,
                defaults={
                    "number": extracted_paragraph.number or "",
                    "kind": extracted_paragraph.kind,
                    "verb": extracted_paragraph.verb or "",
                    "addressees": list(extracted_paragraph.addressees),
                    "operational": bool(getattr(extracted_paragraph, "operational", False)),
                    f"text_{text_field_suffix}": extracted_paragraph.text,
                },
            )
            if created or not paragraph.mandates.exists():
                _propose_mandates(paragraph, extracted_paragraph.text, language)
            _link_articles(paragraph, extracted_paragraph)
        stored.append(outcome)
    return stored


def _store_sponsors(outcome: Outcome, sponsors: list[str]) -> None:
    if not sponsors or outcome.sponsors.exists():
        return  # sponsors come from one report; a second language version adds nothing
    states = {state.iso3: state for state in State.objects.filter(iso3__in=sponsors)}
    Sponsor.objects.bulk_create(
        Sponsor(outcome=outcome, state=states.get(name), name="" if name in states else name)
        for name in sponsors
    )


def _propose_mandates(paragraph: Paragraph, text: str, language: str) -> None:
    if paragraph.kind != "operative" or not paragraph.operational:
        return
    for proposed in propose_mandates(text, language):
        addressee = proposed.addressee if proposed.addressee in Addressee.values else Addressee.OTHER
        report_to = proposed.report_to if proposed.report_to in Addressee.values else ""
        Mandate.objects.create(
            paragraph=paragraph,
            addressee=addressee,
            action=proposed.action,
            report_to=report_to,
            due_session=_due_session(paragraph.outcome, proposed.due),
        )


def _due_session(outcome: Outcome, due: str | None):
    """`due` as the classifier normalises it ("COSP 8"): that body's session with that number."""
    code, _, number = (due or "").rpartition(" ")
    if not number.isdigit():
        return None
    body = Body.objects.filter(code=code).first() or outcome.body
    return body.sessions.filter(number=int(number)).order_by("start").first()


def _link_articles(paragraph: Paragraph, extracted_paragraph) -> None:
    numbers = getattr(extracted_paragraph, "articles", None)
    if numbers:
        paragraph.articles.set(Article.objects.filter(number__in=numbers))


@transaction.atomic
def update_mandate(mandate: Mandate, *, actor, **changes) -> Mandate:
    """The secretariat confirms or corrects a proposed mandate, or records its follow-up."""
    reports = changes.pop("reports", None)
    for field, value in changes.items():
        setattr(mandate, field, value)
    mandate.confirmed = True
    mandate.updated_by = actor
    mandate._history_user = actor
    mandate.save()
    if reports is not None:
        mandate.reports.set(reports)
        if reports and mandate.status == MandateStatus.OPEN:
            mandate.status = MandateStatus.REPORTED
            mandate.save(update_fields=["status"])
    return mandate


@transaction.atomic
def store_declaration(sections, *, text_field_suffix: str) -> int:
    """Store the political declaration's sections and paragraphs (in place: one declaration)."""
    count = 0
    for position, found in enumerate(sections):
        section, _ = DeclarationSection.objects.update_or_create(
            key=found.key, defaults={"position": position, f"title_{text_field_suffix}": found.title}
        )
        for found_paragraph in found.paragraphs:
            if found_paragraph.number is None:
                continue  # the opening's unnumbered lines are the declaration's title, not paragraphs
            paragraph, _ = DeclarationParagraph.objects.update_or_create(
                number=found_paragraph.number,
                defaults={
                    "section": section,
                    f"text_{text_field_suffix}": found_paragraph.text,
                    "themes": list(found_paragraph.themes),
                },
            )
            paragraph.articles.set(Article.objects.filter(number__in=found_paragraph.articles))
            count += 1
    return count
