"""The pages of a review's self-assessment checklist (RULES 4.7, 4.9): the answers by chapter and
article with their attachments, the form for one answer, the steps of its life (submit, lock, send
back to draft, publish, withdraw), the DOCX and the attached files.

Everything here is confidential to the review's circle until the State under review publishes its
checklist (`reviews.view_checklist`); attached files are served only through these pages, never from
a public media address.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cosp.core.downloads import file_response, requested_language
from cosp.core.uploads import stored_file_response

from ..enums import ChecklistStatus
from ..exports.checklist import checklist_docx, field_label, status_line
from ..forms.checklist import ChecklistAnswerForm
from ..models import Checklist, ChecklistAnswer, ChecklistAttachment
from ..services import ReviewRuleError
from ..services import checklist as service
from .base import ReviewFormView, ReviewMixin

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def field_labels() -> dict[str, str]:
    """The answer's fields by name, labelled as the model names them."""
    return {name: field_label(name) for name in service.ANSWER_FIELDS}


class ChecklistView(ReviewMixin, TemplateView):
    """The checklist as it stands, with the actions this user may take on it."""

    permission_required = "reviews.view_checklist"
    template_name = "reviews/checklist.html"

    def get_context_data(self, **kwargs):
        review, user = self.review, self.request.user
        checklist = service.find_checklist(review)
        status = checklist.status if checklist else ChecklistStatus.DRAFT
        published = checklist is not None and checklist.published_at is not None
        chapters = service.answers_by_chapter(review, checklist)
        may_manage = user.has_perm("reviews.manage_review", review)
        may_publish = user.has_perm("reviews.publish_checklist", review)
        return super().get_context_data(
            checklist=checklist,
            status=ChecklistStatus(status),
            status_line=status_line(checklist),
            published=published,
            chapters=chapters,
            progress=service.progress_of(chapters),
            labels=field_labels(),
            can_edit=status == ChecklistStatus.DRAFT and user.has_perm("reviews.edit_checklist", review),
            can_submit=status == ChecklistStatus.DRAFT and user.has_perm("reviews.submit_checklist", review),
            can_lock=status == ChecklistStatus.SUBMITTED and may_manage,
            can_reopen=status == ChecklistStatus.SUBMITTED and not published and may_manage,
            can_publish=status != ChecklistStatus.DRAFT and not published and may_publish,
            can_unpublish=published and may_publish,
            **kwargs,
        )


class ChecklistAnswerView(ReviewFormView):
    """The answer for one article under review, or for one of its paragraphs (`?paragraph=2(a)`)."""

    permission_required = "reviews.edit_checklist"
    template_name = "reviews/checklist_answer.html"
    form_class = ChecklistAnswerForm
    done_url = "reviews:checklist"

    @cached_property
    def article(self):
        try:
            return service.article_under_review(self.review, self.kwargs["article"])
        except ReviewRuleError:
            raise Http404(_("This article is not under review in this cycle.")) from None

    @cached_property
    def paragraph(self) -> str:
        paragraph = service.clean_paragraph(self.request.GET.get("paragraph"))
        if paragraph is None:
            raise Http404(_("A paragraph is written as 1, or 2 (a)."))
        return paragraph

    @cached_property
    def checklist(self) -> Checklist | None:
        return service.find_checklist(self.review)

    @property
    def editable(self) -> bool:
        return self.checklist is None or self.checklist.status == ChecklistStatus.DRAFT

    def get_form_kwargs(self):
        answer = None
        if self.checklist is not None:
            answer = self.checklist.answers.filter(article=self.article, paragraph=self.paragraph).first()
        if answer is None:
            answer = ChecklistAnswer(article=self.article, paragraph=self.paragraph)
        return {**super().get_form_kwargs(), "instance": answer, "editable": self.editable}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            article=self.article,
            paragraph=self.paragraph,
            checklist=self.checklist,
            editable=self.editable,
            status_line=status_line(self.checklist),
            **kwargs,
        )

    def perform(self, data: dict) -> str:
        actor, review = self.request.user, self.review
        # The answer, its new attachment and its removals stand or fall together.
        with transaction.atomic():
            answer_data = {name: data.get(name) or "" for name in service.ANSWER_FIELDS}
            answer = service.save_answer(review, self.article, self.paragraph, answer_data, actor=actor)
            if data.get("remove"):
                service.remove_attachments(review, data["remove"], actor=actor)
            if data.get("attachment"):
                service.attach(
                    review, answer, data["attachment"], title=data["attachment_title"], actor=actor
                )
        if self.paragraph:
            return _("The answer for article %(article)s, paragraph %(paragraph)s, is saved.") % {
                "article": self.article.number,
                "paragraph": self.paragraph,
            }
        return _("The answer for article %(article)s is saved.") % {"article": self.article.number}

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code == 302:
            response["Location"] += f"#article-{self.article.number}"
        return response


class ChecklistActionView(ReviewMixin, View):
    """One step of the checklist's life, by POST; the rules' refusal is said on the checklist page."""

    http_method_names = ["post"]

    def act(self) -> str:
        """Call the service and return what was done."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            done = self.act()
        except ReviewRuleError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return redirect("reviews:checklist", cycle=self.review.cycle, iso3=self.review.state.iso3)


class SubmitView(ChecklistActionView):
    permission_required = "reviews.submit_checklist"

    def act(self) -> str:
        service.submit(self.review, actor=self.request.user)
        return _("The checklist is submitted: the secretariat will circulate it to the reviewing experts.")


class LockView(ChecklistActionView):
    permission_required = "reviews.manage_review"

    def act(self) -> str:
        service.lock(self.review, actor=self.request.user)
        return _("The checklist is locked for circulation to the reviewing experts.")


class ReopenView(ChecklistActionView):
    permission_required = "reviews.manage_review"

    def act(self) -> str:
        service.reopen(self.review, actor=self.request.user)
        return _("The checklist is back with the State under review as a draft.")


class PublishView(ChecklistActionView):
    permission_required = "reviews.publish_checklist"

    def act(self) -> str:
        service.publish(self.review, actor=self.request.user)
        return _("The checklist is published: everyone may now read it.")


class UnpublishView(ChecklistActionView):
    permission_required = "reviews.publish_checklist"

    def act(self) -> str:
        service.unpublish(self.review, actor=self.request.user)
        return _("The publication is withdrawn: the checklist is confidential again.")


class ChecklistDocxView(ReviewMixin, View):
    """The checklist as DOCX, in the interface language or `?lang=`."""

    permission_required = "reviews.view_checklist"

    def get(self, request, *args, **kwargs):
        language = requested_language(request)
        checklist = service.find_checklist(self.review)
        chapters = service.answers_by_chapter(self.review, checklist)
        content = checklist_docx(self.review, checklist, chapters, language)
        response = file_response(
            content, filename=f"{self.review.slug}-checklist.docx", content_type=DOCX, language=language
        )
        patch_cache_control(response, private=True)
        return response


class AttachmentView(ReviewMixin, View):
    """A file attached to an answer, for those who may see the checklist."""

    permission_required = "reviews.view_checklist"

    def get(self, request, *args, **kwargs):
        attached = get_object_or_404(
            ChecklistAttachment, pk=self.kwargs["pk"], answer__checklist__review=self.review
        )
        return stored_file_response(attached.file, title=attached.title)


_REVIEW = "<int:cycle>-<str:iso3>"

urlpatterns = [
    path(f"{_REVIEW}/checklist/", ChecklistView.as_view(), name="checklist"),
    path(f"{_REVIEW}/checklist.docx", ChecklistDocxView.as_view(), name="checklist_docx"),
    path(f"{_REVIEW}/checklist/submit/", SubmitView.as_view(), name="checklist_submit"),
    path(f"{_REVIEW}/checklist/lock/", LockView.as_view(), name="checklist_lock"),
    path(f"{_REVIEW}/checklist/reopen/", ReopenView.as_view(), name="checklist_reopen"),
    path(f"{_REVIEW}/checklist/publish/", PublishView.as_view(), name="checklist_publish"),
    path(f"{_REVIEW}/checklist/unpublish/", UnpublishView.as_view(), name="checklist_unpublish"),
    path(f"{_REVIEW}/checklist/files/<int:pk>/", AttachmentView.as_view(), name="checklist_attachment"),
    path(f"{_REVIEW}/checklist/<int:article>/", ChecklistAnswerView.as_view(), name="checklist_answer"),
]
