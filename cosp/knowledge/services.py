"""Every change to the repository: one function each, one transaction, keyword-only `actor`.

What the rules refuse raises `KnowledgeRuleError` with a message naming what is wrong, and nothing is
saved. Notifications (core.notifications.notify) go out only once the change is committed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cosp.core.enums import Language, OrganisationKind, Role
from cosp.core.models import Organisation, User
from cosp.core.notifications import notify
from cosp.core.rules import is_secretariat
from cosp.core.uploads import problem_with
from cosp.documents.search.text import index_text
from cosp.outcomes.models import DeclarationParagraph
from cosp.reviews.findings import THEMES
from cosp.states.models import Article

from . import access
from .enums import EDITABLE, ContributionStatus, ModerationAction
from .models import Contribution, ContributionFile, Moderation

THEME_KEYS = frozenset(theme.key for theme in THEMES)
FIRST_YEAR = 2003  # the Convention was adopted in 2003


class KnowledgeRuleError(ValidationError):
    """A change the repository's rules refuse; the message says what and where."""


def _refuse(message: str, *, code: str, field: str | None = None) -> KnowledgeRuleError:
    error = KnowledgeRuleError(message, code=code)
    return KnowledgeRuleError({field: error}) if field else error


def _record(instance, *, actor, reason: str) -> None:
    """Save with the actor and the reason in the history row (the audit trail)."""
    instance._history_user = actor
    instance._change_reason = reason
    instance.save()


def _locked(contribution: Contribution) -> Contribution:
    return (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=contribution.pk)
    )


# --- Content ---------------------------------------------------------------------------------------


def _clean_content(title: str, text: str, language: str, year: int | None) -> tuple[str, str, str, int]:
    title, text = (title or "").strip(), (text or "").strip()
    if not title:
        raise _refuse(_("Give the contribution a title."), code="no_title", field="title")
    if len(title) > 300:
        raise _refuse(_("The title may be at most 300 characters."), code="title_too_long", field="title")
    if not text:
        raise _refuse(_("The contribution has no text."), code="no_text", field="text")
    if language not in Language.values:
        raise _refuse(
            _("%(language)s is not one of the six UN languages.") % {"language": language},
            code="language",
            field="language",
        )
    this_year = timezone.localdate().year
    if year is None or not FIRST_YEAR <= int(year) <= this_year:
        raise _refuse(
            _("The year must be between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": this_year},
            code="year",
            field="year",
        )
    return title, text, language, int(year)


def _clean_tags(
    articles: Iterable[int], paragraphs: Iterable[int], themes: Iterable[str]
) -> tuple[list[Article], list[DeclarationParagraph], list[str]]:
    numbers = sorted({int(n) for n in articles})
    found_articles = list(Article.objects.filter(number__in=numbers))
    missing = set(numbers) - {article.number for article in found_articles}
    if missing:
        raise _refuse(
            _("The Convention has no article %(numbers)s.")
            % {"numbers": ", ".join(map(str, sorted(missing)))},
            code="unknown_article",
            field="articles",
        )
    numbers = sorted({int(n) for n in paragraphs})
    found_paragraphs = list(DeclarationParagraph.objects.filter(number__in=numbers))
    missing = set(numbers) - {paragraph.number for paragraph in found_paragraphs}
    if missing:
        raise _refuse(
            _("The political declaration has no paragraph %(numbers)s.")
            % {"numbers": ", ".join(map(str, sorted(missing)))},
            code="unknown_paragraph",
            field="paragraphs",
        )
    keys = list(dict.fromkeys(themes))
    unknown = [key for key in keys if key not in THEME_KEYS]
    if unknown:
        raise _refuse(
            _("Unknown theme: %(keys)s.") % {"keys": ", ".join(unknown)}, code="unknown_theme", field="themes"
        )
    return found_articles, found_paragraphs, keys


def _check_file(upload: UploadedFile) -> None:
    problem = problem_with(upload)
    if problem is not None:
        raise _refuse(problem, code="file_refused", field="file")


def _save(contribution: Contribution, articles, paragraphs, *, actor, reason: str) -> None:
    contribution.search_tokens = f" {index_text(contribution.title + ' ' + contribution.text)} "
    _record(contribution, actor=actor, reason=reason)
    contribution.articles.set(articles)
    contribution.declaration_paragraphs.set(paragraphs)


@transaction.atomic
def create_contribution(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    text: str,
    language: str,
    year: int | None,
    articles: Iterable[int] = (),
    paragraphs: Iterable[int] = (),
    themes: Iterable[str] = (),
    files: Iterable[UploadedFile] = (),
) -> Contribution:
    """A new draft in the organisation's name, with its confirmed tags and files."""
    if not access.may_submit_for(actor, organisation):
        if organisation.kind == OrganisationKind.OBSERVER:
            message = _("Only a representative of %(organisation)s may submit in its name.")
        else:
            message = _("Only the focal point of %(organisation)s or the secretariat may submit in its name.")
        raise _refuse(message % {"organisation": organisation}, code="not_submitter", field="organisation")
    title, text, language, year = _clean_content(title, text, language, year)
    found_articles, found_paragraphs, keys = _clean_tags(articles, paragraphs, themes)
    files = list(files)
    for upload in files:
        _check_file(upload)
    contribution = Contribution(
        organisation=organisation,
        title=title,
        text=text,
        language=language,
        year=year,
        themes=keys,
        created_by=actor,
    )
    _save(contribution, found_articles, found_paragraphs, actor=actor, reason="knowledge.created")
    for upload in files:
        _add_file(contribution, upload)
    return contribution


def _check_editable(contribution: Contribution) -> None:
    if contribution.status not in EDITABLE:
        raise _refuse(
            _("The contribution is %(status)s: it can be changed only as a draft or once returned.")
            % {"status": contribution.get_status_display().lower()},
            code="not_editable",
        )


def _check_manager(actor: User, contribution: Contribution) -> None:
    if not access.may_manage(actor, contribution):
        raise _refuse(
            _("Only those who submit for %(organisation)s or the secretariat may change this contribution.")
            % {"organisation": contribution.organisation},
            code="not_submitter",
        )


@transaction.atomic
def update_contribution(
    contribution: Contribution,
    *,
    actor: User,
    title: str,
    text: str,
    language: str,
    year: int | None,
    articles: Iterable[int] = (),
    paragraphs: Iterable[int] = (),
    themes: Iterable[str] = (),
    files: Iterable[UploadedFile] = (),
    remove_files: Iterable[int] = (),
) -> Contribution:
    """Change a draft or a returned contribution: its content, tags and files."""
    contribution = _locked(contribution)
    _check_manager(actor, contribution)
    _check_editable(contribution)
    title, text, language, year = _clean_content(title, text, language, year)
    found_articles, found_paragraphs, keys = _clean_tags(articles, paragraphs, themes)
    files = list(files)
    for upload in files:
        _check_file(upload)
    contribution.title, contribution.text, contribution.language, contribution.year = (
        title,
        text,
        language,
        year,
    )
    contribution.themes = keys
    _save(contribution, found_articles, found_paragraphs, actor=actor, reason="knowledge.updated")
    for stored in contribution.files.filter(pk__in=list(remove_files)):
        name, storage = stored.file.name, stored.file.storage
        stored.delete()
        transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    for upload in files:
        _add_file(contribution, upload)
    return contribution


def _add_file(contribution: Contribution, upload: UploadedFile) -> ContributionFile:
    title = PurePath(upload.name or "").stem[:300] or "file"
    stored = ContributionFile(contribution=contribution, file=upload, title=title, size=upload.size or 0)
    # Every check ran before the first file is written, so a refusal never leaves a stray file.
    stored.save()
    return stored


def _submitters(contribution: Contribution) -> list[User]:
    """Who hears of the secretariat's decision: the organisation's submitters and whoever entered it."""
    role = access.SUBMITTING_ROLE.get(contribution.organisation.kind)
    users = list(
        User.objects.filter(memberships__organisation=contribution.organisation, memberships__role=role)
    )
    if contribution.created_by and contribution.created_by not in users:
        users.append(contribution.created_by)
    return users


@transaction.atomic
def submit(contribution: Contribution, *, actor: User) -> Contribution:
    """Send a draft or a returned contribution to the secretariat for moderation."""
    contribution = _locked(contribution)
    _check_manager(actor, contribution)
    _check_editable(contribution)
    contribution.status = ContributionStatus.SUBMITTED
    contribution.submitted_at = timezone.now()
    _record(contribution, actor=actor, reason="knowledge.submitted")
    # The secretariat as core.rules.is_secretariat knows it: an officer of the secretariat itself (the
    # title of a contribution not yet published is for its circle).
    secretariat = User.objects.filter(
        memberships__organisation__kind=OrganisationKind.SECRETARIAT,
        memberships__role=Role.SECRETARIAT_OFFICER,
    ).distinct()
    notify(
        secretariat,
        subject=_("Contribution to moderate: %(title)s") % {"title": contribution.title},
        body=_("%(organisation)s submitted “%(title)s” to the repository; it awaits moderation.")
        % {"organisation": contribution.organisation, "title": contribution.title},
    )
    return contribution


def _check_moderator(actor: User, contribution: Contribution) -> None:
    if not is_secretariat(actor):
        raise _refuse(_("Only the secretariat moderates contributions."), code="not_secretariat")
    if contribution.status != ContributionStatus.SUBMITTED:
        raise _refuse(
            _("The contribution is %(status)s: only a submitted contribution is moderated.")
            % {"status": contribution.get_status_display().lower()},
            code="not_submitted",
        )


@transaction.atomic
def publish(contribution: Contribution, *, actor: User, note: str = "") -> Contribution:
    """The secretariat publishes a submitted contribution; its submitters are told."""
    contribution = _locked(contribution)
    _check_moderator(actor, contribution)
    contribution.status = ContributionStatus.PUBLISHED
    contribution.published_at = timezone.now()
    contribution.return_reason = ""
    _record(contribution, actor=actor, reason="knowledge.published")
    Moderation.objects.create(
        contribution=contribution, action=ModerationAction.PUBLISHED, by=actor, note=note.strip()
    )
    notify(
        _submitters(contribution),
        subject=_("Your contribution is published: %(title)s") % {"title": contribution.title},
        body=_("The secretariat published “%(title)s” in the repository of contributions.%(note)s")
        % {"title": contribution.title, "note": f"\n\n{note.strip()}" if note.strip() else ""},
    )
    return contribution


@transaction.atomic
def return_contribution(contribution: Contribution, *, actor: User, reason: str) -> Contribution:
    """The secretariat returns a submitted contribution with a reason; the submitter may edit it and
    submit it again."""
    contribution = _locked(contribution)
    _check_moderator(actor, contribution)
    reason = (reason or "").strip()
    if not reason:
        raise _refuse(
            _("Say why the contribution is returned: the submitter reads the reason."),
            code="no_reason",
            field="note",
        )
    contribution.status = ContributionStatus.RETURNED
    contribution.return_reason = reason
    _record(contribution, actor=actor, reason="knowledge.returned")
    Moderation.objects.create(
        contribution=contribution, action=ModerationAction.RETURNED, by=actor, note=reason
    )
    notify(
        _submitters(contribution),
        subject=_("Your contribution is returned: %(title)s") % {"title": contribution.title},
        body=_(
            "The secretariat returned “%(title)s” for this reason:\n\n%(reason)s\n\n"
            "You may edit it and submit it again."
        )
        % {"title": contribution.title, "reason": reason},
    )
    return contribution


@transaction.atomic
def withdraw(contribution: Contribution, *, actor: User) -> Contribution:
    """The submitter (or the secretariat) withdraws a contribution at any status; a published one
    leaves the repository."""
    contribution = _locked(contribution)
    _check_manager(actor, contribution)
    if contribution.status == ContributionStatus.WITHDRAWN:
        raise _refuse(_("The contribution is already withdrawn."), code="withdrawn")
    contribution.status = ContributionStatus.WITHDRAWN
    _record(contribution, actor=actor, reason="knowledge.withdrawn")
    return contribution
