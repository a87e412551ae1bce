from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.languages import labelled_values

from .enums import ConventionStatus
from .models import Article, Chapter, RegionalGroup, State
from .queries import filter_states


class StateMixin(PermissionRequiredMixin):
    """Loads `self.state` from `iso3`; permissions are checked on the State."""

    @cached_property
    def state(self) -> State:
        return get_object_or_404(State, iso3=self.kwargs["iso3"].upper())

    def get_permission_object(self):
        return self.state

    def get_context_data(self, **kwargs):
        return super().get_context_data(state=self.state, **kwargs)


class StateListView(PermissionRequiredMixin, ListView):
    permission_required = "states.view_reference_data"
    template_name = "states/state_list.html"
    context_object_name = "states"

    def get_queryset(self):
        params = self.request.GET
        return filter_states(group=params.get("group"), status=params.get("status"), q=params.get("q"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            groups=RegionalGroup.objects.all(),
            statuses=ConventionStatus.choices,
            filters=self.request.GET,
            **kwargs,
        )


class StateDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "states.view_reference_data"
    template_name = "states/state_detail.html"
    context_object_name = "state"

    def get_object(self, queryset=None):
        return get_object_or_404(
            State.objects.select_related("regional_group"), iso3=self.kwargs["iso3"].upper()
        )

    def get_context_data(self, **kwargs):
        names = labelled_values(self.object, "short_name", "formal_name")
        return super().get_context_data(names=names, **kwargs)


class ArticleListView(PermissionRequiredMixin, ListView):
    permission_required = "states.view_reference_data"
    template_name = "states/article_list.html"
    context_object_name = "chapters"
    queryset = Chapter.objects.prefetch_related("articles")


class ArticleDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "states.view_reference_data"
    template_name = "states/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        return get_object_or_404(Article.objects.select_related("chapter"), number=self.kwargs["number"])

    def get_context_data(self, **kwargs):
        # Other parts add what they hold about an article; documents first.
        from cosp.documents.queries import documents_citing_article

        article = self.object
        titles = labelled_values(article, "title")
        return super().get_context_data(
            titles=titles,
            citing=documents_citing_article(self.request.user, article.number)[:100],
            outcome_paragraphs=self.outcome_paragraphs(article),
            declaration_paragraphs=self.declaration_paragraphs(article),
            previous=Article.objects.filter(number=article.number - 1).first(),
            next=Article.objects.filter(number=article.number + 1).first(),
            **kwargs,
        )

    # What the Conference has said about the article is read through the reverse relations the outcomes
    # app adds to Article, so that states never imports outcomes; without that app there is nothing.

    @staticmethod
    def outcome_paragraphs(article: Article):
        """Paragraphs of resolutions and decisions that cite the article, the latest session first."""
        related = getattr(article, "outcome_paragraphs", None)
        if related is None:
            return []
        # The session's name reads its body (and, for a resumed session, the session it resumes).
        sessions = ("outcome__session__body", "outcome__session__resumes__body")
        return related.select_related("outcome__body", *sessions).order_by(
            F("outcome__session__start").desc(nulls_last=True),
            "outcome__body",
            "outcome__kind",
            "outcome__number",
            "position",
        )

    @staticmethod
    def declaration_paragraphs(article: Article):
        """Paragraphs of the political declaration that cite the article, in their order."""
        related = getattr(article, "declaration_paragraphs", None)
        if related is None:
            return []
        return related.select_related("section").order_by("number")
