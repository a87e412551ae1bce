"""Pages of technical assistance: needs (list with counts and charts, exports, a need's page, the
State's form, status and a provider's work), offers (list, page, form) and the matching of the two.
Thin: each loads, checks a permission (rules.py), asks queries.py or calls one service."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.downloads import table_response
from cosp.core.languages import language_label
from cosp.core.service_views import ServiceFormView
from cosp.reviews.charts import Series, stacked_bars
from cosp.reviews.enums import AssistanceType
from cosp.states.models import RegionalGroup

from . import matching, queries, services
from .enums import NeedStatus
from .forms import EngageForm, MatchingFilterForm, NeedFilterForm, NeedForm, OfferForm, StatusForm
from .models import Need, Offer

# --- Needs ----------------------------------------------------------------------------------------------


def _type_label(value: str) -> str:
    return str(AssistanceType(value).label) if value else gettext("Type not stated")


def _svg(svg: str) -> SafeString:
    # charts.py escapes every label it is given, so its output is safe to put in the page as it is.
    return mark_safe(svg)


def _charts(counts: queries.NeedCounts) -> list[SafeString]:
    """Needs by type and by regional group, each bar split by status."""
    if not counts.total:
        return []
    statuses = NeedStatus.choices
    types = sorted(counts.by_type, key=lambda value: (value == "", value))
    names = {group.code: group.abbreviation or group.name for group in RegionalGroup.objects.all()}
    regions = sorted(counts.by_region, key=lambda code: (code == "", code))
    return [
        _svg(
            stacked_bars(
                [_type_label(value) for value in types],
                [
                    Series(str(label), [counts.by_type_and_status[value, status] for value in types])
                    for status, label in statuses
                ],
                title=gettext("Needs by type of assistance"),
                description=gettext(
                    "Technical-assistance needs shown here, by type of assistance and status."
                ),
                chart_id="chart-types",
                rtl=get_language_bidi(),
            )
        ),
        _svg(
            stacked_bars(
                [names.get(code, code) if code else gettext("No regional group") for code in regions],
                [
                    Series(str(label), [counts.by_region_and_status[code, status] for code in regions])
                    for status, label in statuses
                ],
                title=gettext("Needs by regional group"),
                description=gettext(
                    "Technical-assistance needs shown here, by the regional group of the State and status."
                ),
                chart_id="chart-regions",
                rtl=get_language_bidi(),
            )
        ),
    ]


class NeedRow:
    """A need as the lists show it, with its text in the reader's language when it has one."""

    def __init__(self, need: Need) -> None:
        self.need = need
        self.language, self.text = queries.need_text(need)
        self.language_name = language_label(self.language)


class NeedListView(PermissionRequiredMixin, TemplateView):
    """The needs the reader may see, filtered, with counts by status, type and region."""

    permission_required = "assistance.view_public"
    template_name = "assistance/need_list.html"
    per_page = 50

    def get_context_data(self, **kwargs):
        form = NeedFilterForm(self.request.GET or None)
        needs = queries.needs_for(self.request.user, form.filters())
        counts = queries.need_counts(needs)
        page = Paginator(needs, self.per_page).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            form=form,
            page=page,
            rows=[NeedRow(need) for need in page],
            counts=counts,
            status_counts=[(label, counts.by_status[value]) for value, label in NeedStatus.choices],
            charts=_charts(counts),
            query=self.request.GET.urlencode(),
            may_add=self.request.user.has_perm("assistance.add_need"),
            title=_("Technical-assistance needs"),
            **kwargs,
        )


EXPORT_COLUMNS = [
    _("State"),
    _("Regional group"),
    _("Article"),
    _("Type of assistance"),
    _("Priority"),
    _("Status"),
    _("Source"),
    _("Review"),
    _("Language"),
    _("Description"),
    _("Providers working on it"),
    _("Status changed on"),
]


def export_rows(needs) -> list[list[str]]:
    needs = needs.prefetch_related("engagements__offer__provider")
    rows = []
    for need in needs:
        language, text = queries.need_text(need)
        group = need.state.regional_group
        rows.append(
            [
                str(need.state),
                group.abbreviation if group else "",
                str(need.article.number),
                need.get_assistance_type_display(),
                need.get_priority_display(),
                need.get_status_display(),
                need.get_source_display(),
                str(need.review) if need.review else "",
                language,
                text,
                "; ".join(sorted({str(e.offer.provider) for e in need.engagements.all()})),
                need.status_changed_at.date().isoformat() if need.status_changed_at else "",
            ]
        )
    return rows


class NeedExportView(PermissionRequiredMixin, View):
    """The list of needs as filtered, as CSV or XLSX: only what the reader may see."""

    permission_required = "assistance.view_public"

    def get(self, request, fmt: str):
        form = NeedFilterForm(request.GET or None)
        header = [str(label) for label in EXPORT_COLUMNS]
        rows = export_rows(queries.needs_for(request.user, form.filters()))
        return table_response(fmt, header, rows, name="assistance-needs", sheet="Needs")


class NeedMixin(PermissionRequiredMixin):
    """The need named in the address; permissions are checked on it."""

    @cached_property
    def need(self) -> Need:
        need = get_object_or_404(
            Need.objects.select_related(
                "state__regional_group", "article", "review__state", "finding", "checklist_answer"
            ),
            pk=self.kwargs["pk"],
        )
        # A need someone signed in may not see answers as a missing one does (as the API does): its
        # existence says something about a confidential review. The anonymous are asked to sign in.
        if self.request.user.is_authenticated and not queries.can_see_need(self.request.user, need):
            raise Http404(gettext("No such need."))
        return need

    def get_permission_object(self):
        return self.need

    def get_context_data(self, **kwargs):
        return super().get_context_data(need=self.need, **kwargs)


def status_history(need: Need) -> list[dict]:
    """Each change of the need's status: when, by whom, from what to what, and the note."""
    changes, previous = [], None
    for record in need.history.order_by("history_date", "history_id").select_related("history_user"):
        if record.status != previous:
            changes.append(
                {
                    "at": record.history_date,
                    "by": record.history_user.display_name if record.history_user else "",
                    "status": NeedStatus(record.status).label,
                    "note": record.history_change_reason or "",
                    "first": previous is None,
                }
            )
            previous = record.status
    return changes


class NeedDetailView(NeedMixin, TemplateView):
    permission_required = "assistance.view_need"
    template_name = "assistance/need_detail.html"

    def get_context_data(self, **kwargs):
        user, need = self.request.user, self.need
        texts = queries.need_texts(need)
        candidates = []
        if need.status != NeedStatus.MET:
            candidates = queries.matches_for([need], day=timezone.localdate(), minimum=2)[0].candidates
        return super().get_context_data(
            texts=[(language_label(code), code, text) for code, text in texts.items()],
            engagements=need.engagements.select_related("offer__provider", "created_by"),
            history=status_history(need),
            candidates=[_CandidateRow(candidate) for candidate in candidates],
            can_edit=user.has_perm("assistance.edit_need", need),
            can_change_status=user.has_perm("assistance.change_need_status", need),
            can_engage=user.has_perm("assistance.engage_need", need),
            title=str(need),
            **kwargs,
        )


class NeedFormView(ServiceFormView):
    refusal = services.AssistanceError
    template_name = "assistance/form.html"

    def done(self):
        return redirect("assistance:need", pk=self.saved.pk)


class NeedAddView(PermissionRequiredMixin, NeedFormView):
    permission_required = "assistance.add_need"
    form_class = NeedForm
    title = _("Enter a technical-assistance need")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "states": queries.states_for_needs(self.request.user)}

    def get_initial(self):
        states = queries.states_for_needs(self.request.user)
        return {"state": states.first() if states.count() == 1 else None}

    def perform(self, data: dict) -> str:
        self.saved = services.add_need(actor=self.request.user, **data)
        return gettext("The need of %(state)s on article %(article)s is saved.") % {
            "state": self.saved.state,
            "article": self.saved.article.number,
        }


class NeedEditView(NeedMixin, NeedFormView):
    permission_required = "assistance.edit_need"
    form_class = NeedForm
    title = _("Edit a technical-assistance need")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "with_state": False}

    def get_initial(self):
        need = self.need
        return {
            "article": need.article.number,
            "assistance_type": need.assistance_type,
            "priority": need.priority,
            "language": need.language,
            "description": need.description,
            "published": need.published,
        }

    def perform(self, data: dict) -> str:
        self.saved = services.update_need(self.need, actor=self.request.user, **data)
        return gettext("The need is saved.")


class NeedStatusView(NeedMixin, NeedFormView):
    permission_required = "assistance.change_need_status"
    form_class = StatusForm
    title = _("Status of a need")

    def get_initial(self):
        return {"status": self.need.status}

    def perform(self, data: dict) -> str:
        self.saved = services.set_status(self.need, actor=self.request.user, **data)
        return gettext("The need is now “%(status)s”.") % {"status": self.saved.get_status_display()}


class NeedEngageView(NeedMixin, NeedFormView):
    """A provider says it works on the need through one of its open offers."""

    permission_required = "assistance.engage_need"
    form_class = EngageForm
    title = _("Work on a need")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "offers": queries.offers_managed_by(self.request.user)}

    def perform(self, data: dict) -> str:
        engagement = services.engage(self.need, actor=self.request.user, **data)
        self.saved = self.need
        return gettext("%(provider)s works on this need.") % {"provider": engagement.offer.provider}


# --- Offers ---------------------------------------------------------------------------------------------


class OfferListView(PermissionRequiredMixin, TemplateView):
    permission_required = "assistance.view_public"
    template_name = "assistance/offer_list.html"

    def get_context_data(self, **kwargs):
        closed = self.request.GET.get("closed") == "1"
        return super().get_context_data(
            offers=queries.offers(include_closed=closed).order_by("provider__name", "title"),
            closed=closed,
            may_add=self.request.user.has_perm("assistance.add_offer"),
            title=_("Technical-assistance offers"),
            **kwargs,
        )


class OfferMixin(PermissionRequiredMixin):
    @cached_property
    def offer(self) -> Offer:
        return get_object_or_404(queries.offers(), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.offer

    def get_context_data(self, **kwargs):
        return super().get_context_data(offer=self.offer, **kwargs)


class OfferDetailView(OfferMixin, TemplateView):
    permission_required = "assistance.view_public"
    template_name = "assistance/offer_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        engaged = queries.visible_needs(user).filter(engagements__offer=self.offer).distinct()
        return super().get_context_data(
            types=[AssistanceType(value).label for value in self.offer.assistance_types],
            needs=[NeedRow(need) for need in engaged],
            show_contact=user.has_perm("assistance.view_contact"),
            can_edit=user.has_perm("assistance.edit_offer", self.offer),
            title=str(self.offer),
            **kwargs,
        )


class OfferFormView(ServiceFormView):
    refusal = services.AssistanceError
    template_name = "assistance/form.html"
    form_class = OfferForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "providers": queries.providers_for(self.request.user)}

    def done(self):
        return redirect("assistance:offer", pk=self.saved.pk)


class OfferAddView(PermissionRequiredMixin, OfferFormView):
    permission_required = "assistance.add_offer"
    title = _("Offer technical assistance")

    def get_initial(self):
        providers = queries.providers_for(self.request.user)
        return {"provider": providers[0] if len(providers) == 1 else None, "active": True}

    def perform(self, data: dict) -> str:
        self.saved = services.add_offer(actor=self.request.user, data=services.OfferData(**data))
        return gettext("The offer “%(offer)s” is saved.") % {"offer": self.saved}


class OfferEditView(OfferMixin, OfferFormView):
    permission_required = "assistance.edit_offer"
    title = _("Edit an offer")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # Keep the offer's own provider choosable, whoever edits it.
        providers = [*kwargs["providers"], self.offer.provider]
        return {**kwargs, "providers": providers}

    def get_initial(self):
        offer = self.offer
        return {
            "provider": offer.provider,
            "title": offer.title,
            "language": offer.language,
            "description": offer.description,
            "articles": list(offer.articles.all()),
            "assistance_types": list(offer.assistance_types),
            "regional_groups": list(offer.regional_groups.all()),
            "states": list(offer.states.all()),
            "starts_on": offer.starts_on,
            "ends_on": offer.ends_on,
            "contact_name": offer.contact_name,
            "contact_email": offer.contact_email,
            "contact_phone": offer.contact_phone,
            "active": offer.active,
        }

    def perform(self, data: dict) -> str:
        self.saved = services.update_offer(
            self.offer, actor=self.request.user, data=services.OfferData(**data)
        )
        return gettext("The offer “%(offer)s” is saved.") % {"offer": self.saved}


# --- Matching -------------------------------------------------------------------------------------------

CRITERION_LABELS = {
    matching.Criterion.ARTICLE: _("article"),
    matching.Criterion.TYPE: _("type of assistance"),
    matching.Criterion.REGION: _("region"),
}
BASIS_LABELS = {
    (matching.Criterion.ARTICLE, matching.Basis.LISTED): _("offers this article"),
    (matching.Criterion.ARTICLE, matching.Basis.ANY): _("any article"),
    (matching.Criterion.TYPE, matching.Basis.LISTED): _("offers this type of assistance"),
    (matching.Criterion.TYPE, matching.Basis.ANY): _("any type of assistance"),
    (matching.Criterion.TYPE, matching.Basis.NOT_STATED): _("the need names no type"),
    (matching.Criterion.REGION, matching.Basis.STATE): _("serves this State"),
    (matching.Criterion.REGION, matching.Basis.REGIONAL_GROUP): _("serves this regional group"),
    (matching.Criterion.REGION, matching.Basis.ANY): _("serves any State"),
}


class _CandidateRow:
    """An offer matching a need, with why: each criterion met and how, and those missed."""

    def __init__(self, candidate: matching.Candidate, engaged: bool = False) -> None:
        self.offer = candidate.offer
        self.full = candidate.comparison.full
        self.engaged = engaged
        self.reasons = [
            f"{CRITERION_LABELS[met.criterion]}: {BASIS_LABELS[met.criterion, met.basis]}"
            for met in candidate.comparison.met
        ]
        self.missed = [str(CRITERION_LABELS[criterion]) for criterion in candidate.comparison.missed]


class MatchingView(PermissionRequiredMixin, TemplateView):
    """Needs still to be met against the offers available today, by article, type of assistance and
    region, with the reasons of each match and the providers already at work: for coordination among
    providers. A need the reader may not see is not here either."""

    permission_required = "assistance.view_public"
    template_name = "assistance/matching.html"
    per_page = 30

    def get_context_data(self, **kwargs):
        form = MatchingFilterForm(self.request.GET or None)
        filters = form.filters()
        partial = form.is_valid() and form.cleaned_data.get("partial")
        needs = queries.needs_for(self.request.user, filters)
        if not filters.status:
            needs = queries.open_needs(needs)
        page = Paginator(needs, self.per_page).get_page(self.request.GET.get("page"))
        found = queries.matches_for(
            list(page), day=timezone.localdate(), minimum=2 if partial else len(matching.CRITERIA)
        )
        rows = [
            {
                "need": NeedRow(match.need),
                "candidates": [
                    _CandidateRow(candidate, candidate.offer.pk in match.engaged)
                    for candidate in match.candidates
                ],
            }
            for match in found
        ]
        return super().get_context_data(
            form=form,
            page=page,
            rows=rows,
            matched=sum(1 for row in rows if row["candidates"]),
            title=_("Matching needs and offers"),
            **kwargs,
        )
