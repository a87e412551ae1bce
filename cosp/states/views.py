from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.languages import labelled_values

from .enums import ConventionStatus
from .models import Article, Chapter, RegionalGroup, State
from .queries import filter_states


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
            previous=Article.objects.filter(number=article.number - 1).first(),
            next=Article.objects.filter(number=article.number + 1).first(),
            **kwargs,
        )
