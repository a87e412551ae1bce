"""The country review report and the executive summary: the documents (HTML, DOCX, PDF), a section's
editing with its versions and comments, the report's course (sent, agreed, published) and the issue of
the summary, and the public list of issued summaries (RULES 4.8, 4.9).

Who sees what: the full report `reviews.view_report` (the circle, everyone once published), the summary
`reviews.view_summary` (the circle, everyone once issued); drafts, versions and comments always
`reviews.view_confidential` (never public: the public sees the final text only). Each view checks one
permission and calls one service."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, register_converter, reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.downloads import DOCX, PDF, asked_language, file_response
from cosp.core.exports import pdf_language
from cosp.core.languages import UN_LANGUAGES, clean_language, django_language, interface_language

from .. import blueprint
from ..blueprint import Document
from ..cycles import CYCLES
from ..enums import ReportStatus
from ..exports.reports import final_items, report_docx, report_pdf
from ..forms.reports import CommentForm, DayForm, IssueSummaryForm, SectionForm
from ..models import CountryReview, ReportSection, SectionComment
from ..services import ReviewRuleError
from ..services import reports as services
from .base import ReviewMixin


class DocumentConverter:
    """The two documents of a review in addresses: /report/ and /summary/."""

    regex = "report|summary"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


register_converter(DocumentConverter, "review_document")


def default_language(review: CountryReview, kind: str) -> str:
    """The interface language when the document is written in it, else the review's language, else
    the first language it is written in."""
    written = services.languages_written(review, kind)
    for code in (interface_language(), services.working_language(review)):
        if code in written:
            return code
    return written[0] if written else services.working_language(review)


def language_choices(review: CountryReview, kind: str) -> list[tuple[str, str, bool]]:
    labels = settings.LANGUAGE_LABELS
    written = set(services.languages_written(review, kind))
    return [(code, str(labels[django_language(code)]), code in written) for code in UN_LANGUAGES]


def document_url(review: CountryReview, kind: str, language: str, anchor: str = "") -> str:
    name = "reviews:report" if kind == Document.REPORT else "reviews:summary"
    url = reverse(name, args=[review.cycle, review.state.iso3]) + f"?language={language}"
    return url + (f"#{kind}-{anchor}" if anchor else "")


# --- The documents ----------------------------------------------------------------------------------


class DocumentView(ReviewMixin, TemplateView):
    """A document of the review in one language. The circle sees the draft with its status, comments
    and the actions it may take; everyone else (once the document is public) only its final text.
    POST `prepare` creates the document's sections in the language (for those who write it)."""

    kind = Document.REPORT

    @cached_property
    def language(self) -> str:
        return asked_language(self.request, "language") or default_language(self.review, self.kind)

    def post(self, request, *args, **kwargs):
        if "prepare" not in request.POST:
            raise Http404("Nothing to do.")
        if not request.user.has_perm("reviews.edit_report", self.review):
            raise PermissionDenied
        language = clean_language(request.POST.get("language")) or self.language
        try:
            sections = services.ensure_sections(self.review, self.kind, language, actor=request.user)
        except ReviewRuleError as refusal:
            for message in refusal.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("The document has %(count)s sections to write.") % {"count": len(sections)}
            )
        return HttpResponseRedirect(document_url(self.review, self.kind, language))

    def get_context_data(self, **kwargs):
        user, review = self.request.user, self.review
        confidential = user.has_perm("reviews.view_confidential", review)
        items = services.document_items(review, self.kind, self.language, public=not confidential)
        lock = services.lock_reason(review, self.kind, self.language)
        return super().get_context_data(
            kind=self.kind,
            language=self.language,
            languages=language_choices(review, self.kind),
            items=items if confidential else final_items(items),
            prepared=any(item.section is not None for item in items if item.document == self.kind),
            public=services.is_public(review, self.kind),
            confidential=confidential,
            can_edit=confidential and lock is None and user.has_perm("reviews.edit_report", review),
            lock_reason=lock if confidential else None,
            can_comment=confidential and lock is None,
            **self.actions(),
            **kwargs,
        )

    def actions(self) -> dict:
        return {}


class ReportView(DocumentView):
    permission_required = "reviews.view_report"
    template_name = "reviews/report.html"
    kind = Document.REPORT

    def actions(self) -> dict:
        user, review = self.request.user, self.review
        status = review.report_status
        published = review.report_published_on is not None
        return {
            "can_send": status == ReportStatus.DRAFTING and user.has_perm("reviews.manage_review", review),
            "can_agree": status == ReportStatus.WITH_STATE and user.has_perm("reviews.agree_report", review),
            "can_agree_publication": status == ReportStatus.AGREED
            and review.report_publication_agreed_on is None
            and not published
            and user.has_perm("reviews.agree_report", review),
            "can_publish": status == ReportStatus.AGREED
            and not published
            and user.has_perm("reviews.publish_report", review)
            and (
                review.report_publication_agreed_on is not None
                or user.has_perm("reviews.agree_report", review)
            ),
        }


class SummaryView(DocumentView):
    permission_required = "reviews.view_summary"
    template_name = "reviews/summary.html"
    kind = Document.SUMMARY

    def actions(self) -> dict:
        review = self.review
        return {
            "can_issue": review.report_status == ReportStatus.AGREED
            and review.summary_issued_on is None
            and self.request.user.has_perm("reviews.manage_review", review),
        }


class DocumentFileView(ReviewMixin, View):
    """A document as DOCX or PDF in `?language=` (by default as on the page). An Arabic PDF is written
    in English (cosp.core.exports.pdf_language) and says so in its Content-Language."""

    kind = Document.REPORT
    file_format = "docx"

    def get(self, request, *args, **kwargs):
        language = asked_language(request, "language") or default_language(self.review, self.kind)
        if self.file_format == "pdf":
            language = pdf_language(language)
            content, content_type = report_pdf(self.content(language), language), PDF
        else:
            content, content_type = report_docx(self.content(language), language), DOCX
        filename = f"{self.review.slug}-{self.kind}-{language}.{self.file_format}"
        return file_response(content, filename=filename, content_type=content_type, language=language)

    def content(self, language: str):
        return services.document_file(self.review, self.kind, language)


# --- Sections -------------------------------------------------------------------------------------------


class SectionMixin(ReviewMixin):
    """Loads `self.section` from kind, language and key in the address (404 when the document has no
    such section in that language)."""

    @cached_property
    def language(self) -> str:
        code = clean_language(self.kwargs["language"])
        if code is None:
            raise Http404("Reports are written in the six UN languages.")
        return code

    @cached_property
    def section(self) -> ReportSection:
        return get_object_or_404(
            ReportSection.objects.select_related("article"),
            review=self.review,
            kind=self.kwargs["kind"],
            language=django_language(self.language),
            key=self.kwargs["key"],
        )

    @cached_property
    def entry(self) -> blueprint.Entry | None:
        entries = services.outline_for(self.review, self.section.kind, self.language)
        return blueprint.entry_by_key(entries, self.section.key)

    def get_context_data(self, **kwargs):
        for name in ("kind", "language", "key"):  # the address's values; the cleaned ones follow
            kwargs.pop(name, None)
        return super().get_context_data(
            section=self.section,
            kind=self.section.kind,
            language=self.language,
            entry=self.entry,
            document_url=document_url(self.review, self.section.kind, self.language, self.section.key),
            **kwargs,
        )

    def section_url(self, name: str) -> str:
        section = self.section
        return reverse(
            name, args=[self.review.cycle, self.review.state.iso3, section.kind, self.language, section.key]
        )


class SectionEditView(SectionMixin, FormView):
    """An editor writes a section. The form carries the version it was opened at; if someone saved
    meanwhile the service refuses, and the page shows their text next to the editor's with the
    difference, the editor's text still in the box, ready to merge and save over the newer version."""

    permission_required = "reviews.edit_report"
    template_name = "reviews/report_section_edit.html"
    form_class = SectionForm

    def get_initial(self):
        return {"text": self.section.text, "base_version": self.section.version}

    def get_context_data(self, **kwargs):
        section = self.section
        suggestion = ""
        if self.entry is not None:
            suggestion = services.suggested_text(self.review, self.entry, self.language)
        return super().get_context_data(
            lock_reason=services.lock_reason(self.review, section.kind, self.language),
            suggestion=suggestion if suggestion and suggestion != section.text else "",
            comments=section.comments.filter(resolved=False).select_related("author"),
            history_url=self.section_url("reviews:section_history"),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.save_section(
                self.section,
                data["text"],
                base_version=data["base_version"],
                actor=self.request.user,
                comment=data["comment"],
            )
        except ReviewRuleError as refusal:
            if getattr(refusal, "code", None) == "stale_version":
                return self.conflict(form, refusal)
            form.add_error(None, refusal)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Saved version %(version)s of “%(heading)s”.")
            % {"version": self.section.version, "heading": self.section.heading},
        )
        return HttpResponseRedirect(
            document_url(self.review, self.section.kind, self.language, self.section.key)
        )

    def conflict(self, form, refusal: ReviewRuleError):
        """Both texts on one page: theirs (saved meanwhile) and the editor's, still in the box, now on
        top of the newer version so saving the merge is a deliberate step."""
        theirs = ReportSection.objects.get(pk=self.section.pk)
        data = form.data.copy()
        data["base_version"] = str(theirs.version)
        merged = self.form_class(data)
        merged.is_valid()
        merged.add_error(None, refusal)
        self.section.text, self.section.version = theirs.text, theirs.version
        return self.render_to_response(
            self.get_context_data(
                form=merged,
                conflict={
                    "theirs": theirs.text,
                    "version": theirs.version,
                    "diff": services.diff_texts(theirs.text, form.cleaned_data["text"]),
                },
            )
        )


class SectionHistoryView(SectionMixin, TemplateView):
    """Every version of a section, who saved it and when, its comments, and the difference between
    two versions (`?from=&to=`, by default the last change). Confidential always (RULES 4.9)."""

    permission_required = "reviews.view_confidential"
    template_name = "reviews/report_section_history.html"

    def version_number(self, name: str, default: int) -> int:
        value = self.request.GET.get(name)
        if value is None or value == "":
            return default
        if not value.isdigit() or int(value) > self.section.version:
            raise Http404("No such version.")
        return int(value)

    def get_context_data(self, **kwargs):
        section = self.section
        versions = list(section.versions.select_related("author").order_by("-number"))
        texts = {0: "", **{version.number: version.text for version in versions}}
        newer = self.version_number("to", section.version)
        older = self.version_number("from", max(newer - 1, 0))
        return super().get_context_data(
            versions=versions,
            comments=section.comments.select_related("author"),
            older=older,
            newer=newer,
            numbers=sorted(texts),
            diff=services.diff_texts(texts.get(older, ""), texts.get(newer, "")),
            comment_form=CommentForm()
            if services.lock_reason(self.review, section.kind, self.language) is None
            else None,
            can_resolve=self.request.user.has_perm("reviews.edit_report", self.review),
            next_url=self.request.get_full_path(),
            **kwargs,
        )


class SectionCommentView(SectionMixin, View):
    """POST: a comment on the section by someone of the circle, or (`resolve`) a comment resolved.
    Returns to `next` (a page of this site) or to the section's history."""

    permission_required = "reviews.view_confidential"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            if "resolve" in request.POST:
                pk = request.POST["resolve"]
                if not pk.isdigit():
                    raise Http404("No such comment.")
                target = get_object_or_404(SectionComment, pk=pk, section=self.section)
                services.resolve_comment(target, actor=request.user)
                messages.success(request, _("The comment is resolved."))
            else:
                form = CommentForm(request.POST)
                if not form.is_valid():
                    raise ReviewRuleError(_("Write the comment first."), code="empty")
                services.comment(self.section, form.cleaned_data["text"], actor=request.user)
                messages.success(request, _("Your comment is recorded."))
        except ReviewRuleError as refusal:
            for message in refusal.messages:
                messages.error(request, message)
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = self.section_url("reviews:section_history")
        return HttpResponseRedirect(target)


# --- The report's course ------------------------------------------------------------------------------


class ActionView(ReviewMixin, View):
    """POST from a document page: one form, one service; what was done or refused is said on the page
    it returns to."""

    http_method_names = ["post"]
    form_class = DayForm
    kind = Document.REPORT

    def perform(self, data: dict) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        else:
            try:
                done = self.perform(form.cleaned_data)
            except ReviewRuleError as refusal:
                for message in refusal.messages:
                    messages.error(request, message)
            else:
                messages.success(request, done)
        language = clean_language(request.POST.get("language")) or services.working_language(self.review)
        return HttpResponseRedirect(document_url(self.review, self.kind, language))


class SendView(ActionView):
    permission_required = "reviews.manage_review"
    form_class = forms.Form  # only the button

    def perform(self, data: dict) -> str:
        services.send_to_state(self.review, actor=self.request.user)
        return _("The report and the executive summary are sent to %(state)s for its approval.") % {
            "state": self.review.state
        }


class AgreeView(ActionView):
    permission_required = "reviews.agree_report"

    def perform(self, data: dict) -> str:
        agreement = services.agree(self.review, actor=self.request.user, on=data["on"])
        if agreement.note:
            messages.warning(self.request, agreement.note)
        return _("%(state)s agreed the report and its executive summary.") % {"state": self.review.state}


class AgreePublicationView(ActionView):
    permission_required = "reviews.agree_report"

    def perform(self, data: dict) -> str:
        services.agree_to_publish_report(self.review, actor=self.request.user, on=data["on"])
        return _("%(state)s agreed to publish its full report.") % {"state": self.review.state}


class PublishView(ActionView):
    permission_required = "reviews.publish_report"

    def perform(self, data: dict) -> str:
        services.publish_report(self.review, actor=self.request.user, on=data["on"])
        return _("The full report is published: everyone can now read it.")


class IssueSummaryView(ActionView):
    permission_required = "reviews.manage_review"
    form_class = IssueSummaryForm
    kind = Document.SUMMARY

    def perform(self, data: dict) -> str:
        services.issue_summary(self.review, symbol=data["symbol"], on=data["on"], actor=self.request.user)
        return _("The executive summary is issued as %(symbol)s: everyone can now read it.") % {
            "symbol": self.review.summary_symbol
        }


# --- The public list ----------------------------------------------------------------------------------


class SummaryListView(PermissionRequiredMixin, TemplateView):
    """The executive summaries issued, by cycle and State (public, RULES 4.9). In alphabetical order of
    the States: never ranked (RULES 4.2)."""

    permission_required = "reviews.view_public"
    template_name = "reviews/summary_list.html"

    @cached_property
    def cycle(self) -> int | None:
        value = self.request.GET.get("cycle", "")
        return int(value) if value.isdigit() and int(value) in CYCLES else None

    def summaries(self) -> QuerySet[CountryReview]:
        issued = CountryReview.objects.filter(summary_issued_on__isnull=False).select_related("state")
        if self.cycle is not None:
            issued = issued.filter(cycle=self.cycle)
        return issued.order_by("cycle", "state__short_name_en")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            summaries=self.summaries(), cycles=sorted(CYCLES), chosen_cycle=self.cycle, **kwargs
        )


REVIEW = "<int:cycle>-<str:iso3>"
SECTION = f"{REVIEW}/<review_document:kind>/<str:language>/<slug:key>"

urlpatterns = [
    path("summaries/", SummaryListView.as_view(), name="summaries"),
    path(f"{REVIEW}/report/", ReportView.as_view(), name="report"),
    path(f"{REVIEW}/summary/", SummaryView.as_view(), name="summary"),
    path(f"{SECTION}/edit/", SectionEditView.as_view(), name="section_edit"),
    path(f"{SECTION}/history/", SectionHistoryView.as_view(), name="section_history"),
    path(f"{SECTION}/comment/", SectionCommentView.as_view(), name="section_comment"),
    path(f"{REVIEW}/report/send/", SendView.as_view(), name="report_send"),
    path(f"{REVIEW}/report/agree/", AgreeView.as_view(), name="report_agree"),
    path(f"{REVIEW}/report/agree-publication/", AgreePublicationView.as_view(), name="report_publish_agree"),
    path(f"{REVIEW}/report/publish/", PublishView.as_view(), name="report_publish"),
    path(f"{REVIEW}/summary/issue/", IssueSummaryView.as_view(), name="summary_issue"),
    path(
        f"{REVIEW}/report.docx",
        DocumentFileView.as_view(
            kind=Document.REPORT, file_format="docx", permission_required="reviews.view_report"
        ),
        name="report_docx",
    ),
    path(
        f"{REVIEW}/report.pdf",
        DocumentFileView.as_view(
            kind=Document.REPORT, file_format="pdf", permission_required="reviews.view_report"
        ),
        name="report_pdf",
    ),
    path(
        f"{REVIEW}/summary.docx",
        DocumentFileView.as_view(
            kind=Document.SUMMARY, file_format="docx", permission_required="reviews.view_summary"
        ),
        name="summary_docx",
    ),
    path(
        f"{REVIEW}/summary.pdf",
        DocumentFileView.as_view(
            kind=Document.SUMMARY, file_format="pdf", permission_required="reviews.view_summary"
        ),
        name="summary_pdf",
    ),
]
