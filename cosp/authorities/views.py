"""Pages of the directory of competent authorities: the public directory and a State's page, the
"my State" page of its officials, proposals and the secretariat's decisions, the report of what each
State party has not yet notified, and the exports."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.downloads import DOCX, PDF, file_response, table_response
from cosp.core.languages import interface_language
from cosp.core.service_views import ServiceFormView
from cosp.core.uploads import stored_file_response
from cosp.states.models import RegionalGroup, State
from cosp.states.views import StateMixin

from . import exports, provisions, queries, services
from .enums import AuthorityKind, ProposalStatus, Provision, Status
from .forms import AuthorityForm, DecisionForm, NotificationForm, RemovalForm
from .models import CONTACT_FIELDS, Authority, LawFile, Proposal


def _language_choices(codes) -> list[tuple[str, str]]:
    locale = interface_language()
    return [(code, provisions.language_name(code, locale)) for code in codes]


class DirectoryView(PermissionRequiredMixin, TemplateView):
    """Every current authority, searched and filtered; as CSV or XLSX with ?format=."""

    permission_required = "authorities.view_directory"
    template_name = "authorities/directory.html"

    def filters(self) -> dict:
        params = self.request.GET
        return {name: params.get(name, "") for name in ("q", "kind", "group", "state", "language")}

    def get(self, request, *args, **kwargs):
        export = request.GET.get("format")
        if export in ("csv", "xlsx"):
            header, rows = exports.directory_table(
                queries.directory(**self.filters()), with_contacts=queries.may_see_contacts(request.user)
            )
            return table_response(export, header, rows, name="competent-authorities", sheet="Authorities")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        filters = self.filters()
        authorities = list(queries.directory(**filters))
        return super().get_context_data(
            authorities=authorities,
            filters=filters,
            kinds=AuthorityKind.choices,
            groups=RegionalGroup.objects.all(),
            states=State.objects.filter(authorities__removed_on__isnull=True).distinct(),
            languages=_language_choices(queries.accepted_languages()),
            with_contacts=queries.may_see_contacts(self.request.user),
            query=self.request.GET.urlencode(),
            **kwargs,
        )


def state_page_context(state: State, user) -> dict:
    """What a State's page shows this user: contacts, pending proposals and history details only to
    whom the rules allow."""
    with_contacts = queries.may_see_contacts(user)
    filed = queries.filed_for([state])[state.pk]
    notifications = queries.notifications_of(state)
    locale = interface_language()
    sections = []
    for rule in provisions.REQUIREMENTS:
        status = provisions.status(rule.provision, filed)
        sections.append(
            {
                "rule": rule,
                "status": status,
                "missing": status is Status.MISSING,
                "authorities": list(
                    state.authorities.current()
                    .filter(kind=rule.authority_kind)
                    .order_by("territory", "name_en")
                )
                if rule.authority_kind
                else [],
                "notifications": [
                    (n, [provisions.language_name(code, locale) for code in n.languages])
                    for n in notifications.get(rule.provision.value, [])
                ],
            }
        )
    can_see_pending = user.has_perm("authorities.view_pending", state)
    return {
        "sections": sections,
        "others": list(state.authorities.current().filter(kind=AuthorityKind.OTHER)),
        "with_contacts": with_contacts,
        "can_propose": user.has_perm("authorities.propose_authority", state),
        "can_notify": user.has_perm("authorities.propose_notification", state),
        "pending": [(p, services.describe(p)) for p in queries.pending_proposals(state)]
        if can_see_pending
        else [],
        "can_see_pending": can_see_pending,
        "history": queries.history_of(
            state, with_contacts=with_contacts, with_people=user.has_perm("authorities.decide")
        ),
        "is_party": bool(state.instrument),
    }


class StateView(StateMixin, TemplateView):
    permission_required = "authorities.view_directory"
    template_name = "authorities/state.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**state_page_context(self.state, self.request.user), **kwargs)


class MineView(PermissionRequiredMixin, TemplateView):
    """The page an official of a State keeps its entries current from: what is missing, what waits
    for the secretariat, what it decided lately."""

    permission_required = "authorities.view_own_state"
    template_name = "authorities/mine.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        states = State.objects.filter(delegation__memberships__user=user).distinct()
        pages = []
        for state in states:
            context = state_page_context(state, user)
            context["state"] = state
            context["decided"] = list(
                Proposal.objects.filter(state=state)
                .exclude(status=ProposalStatus.PENDING)
                .select_related("proposed_by", "authority")[:10]
            )
            pages.append(context)
        return super().get_context_data(pages=pages, **kwargs)


class AuthorityFormView(StateMixin, ServiceFormView):
    """A new authority (no `pk`) or a change: the secretariat's entry applies at once, an official's
    becomes a proposal."""

    permission_required = "authorities.propose_authority"
    template_name = "authorities/form.html"
    form_class = AuthorityForm
    refusal = services.AuthorityRuleError

    @cached_property
    def authority(self) -> Authority | None:
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(Authority.objects.current(), pk=self.kwargs["pk"], state=self.state)

    @property
    def title(self) -> str:
        return _("Change an authority") if self.authority else _("Add an authority")

    def get_initial(self):
        if self.authority:
            return AuthorityForm.initial_for(self.authority)
        kind = self.request.GET.get("kind")
        return {"kind": kind} if kind in AuthorityKind.values else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            authority=self.authority, direct=self.request.user.has_perm("authorities.decide"), **kwargs
        )

    def perform(self, data: dict) -> str:
        result = services.propose_authority(
            self.state, data=data, actor=self.request.user, authority=self.authority
        )
        if isinstance(result, Proposal):
            return _("Your proposal is sent to the secretariat; the directory changes once it is approved.")
        return _("%(name)s is saved in the directory.") % {"name": result.name}

    def done(self):
        return redirect("authorities:state", iso3=self.state.iso3)


class RemoveView(AuthorityFormView):
    template_name = "authorities/remove.html"
    form_class = RemovalForm

    @property
    def title(self) -> str:
        return _("Remove an authority")

    def get_initial(self):
        return {}

    def perform(self, data: dict) -> str:
        result = services.propose_removal(self.authority, actor=self.request.user, reason=data["note"])
        if isinstance(result, Proposal):
            return _("Your proposal is sent to the secretariat; the directory changes once it is approved.")
        return _("%(name)s is removed from the directory.") % {"name": result.name}


class NotifyView(StateMixin, ServiceFormView):
    permission_required = "authorities.propose_notification"
    template_name = "authorities/notify.html"
    form_class = NotificationForm
    refusal = services.AuthorityRuleError

    @property
    def title(self) -> str:
        return _("Record a notification")

    def get_initial(self):
        provision = self.request.GET.get("provision")
        return {"provision": provision} if provision in Provision.values else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            requirements=[r for r in provisions.REQUIREMENTS if r.authority_kind is None],
            direct=self.request.user.has_perm("authorities.decide"),
            **kwargs,
        )

    def form_valid(self, form):
        self._form = form
        return super().form_valid(form)

    def perform(self, data: dict) -> str:
        values, files = self._form.service_data()
        result = services.propose_notification(self.state, data=values, files=files, actor=self.request.user)
        if isinstance(result, Proposal):
            return _("Your proposal is sent to the secretariat; the directory changes once it is approved.")
        return _("The notification is recorded.")

    def done(self):
        return redirect("authorities:state", iso3=self.state.iso3)


class ProposalsView(PermissionRequiredMixin, TemplateView):
    """The secretariat's queue of proposals waiting for a decision."""

    permission_required = "authorities.decide"
    template_name = "authorities/proposals.html"

    def get_context_data(self, **kwargs):
        pending = [(p, services.describe(p)) for p in queries.pending_proposals()]
        return super().get_context_data(pending=pending, **kwargs)


class ProposalMixin(PermissionRequiredMixin):
    @cached_property
    def proposal(self) -> Proposal:
        return get_object_or_404(
            Proposal.objects.select_related("state", "authority", "proposed_by", "decided_by"),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self):
        return self.proposal


class ProposalView(ProposalMixin, TemplateView):
    """One proposal beside the entry it changes; the secretariat decides here."""

    permission_required = "authorities.view_proposal"
    template_name = "authorities/proposal.html"

    def get_context_data(self, **kwargs):
        proposal = self.proposal
        labels = {
            name: field.label
            for form in (AuthorityForm, NotificationForm, RemovalForm)
            for name, field in form.base_fields.items()
        }
        # An official of a State that is not a party may see its own proposals, not contact details.
        hidden = () if queries.may_see_contacts(self.request.user) else CONTACT_FIELDS
        current = proposal.authority
        rows = []
        for name, value in proposal.data.items():
            if name in hidden:
                continue
            before = (
                getattr(current, name, "")
                if current is not None and name in AuthorityForm.base_fields
                else ""
            )
            if name == "languages":
                value = ", ".join(provisions.language_name(c, interface_language()) for c in value)
            elif name == "provision":
                value = provisions.requirement(value).provision.label
            elif name == "kind":
                value = AuthorityKind(value).label
                before = AuthorityKind(before).label if before else ""
            rows.append((labels.get(name, name), before or "", "" if value is None else value))
        kwargs.setdefault("form", DecisionForm())
        return super().get_context_data(
            proposal=proposal,
            what=services.describe(proposal),
            rows=rows,
            files=list(proposal.files.all()),
            can_decide=self.request.user.has_perm("authorities.decide")
            and proposal.status == ProposalStatus.PENDING,
            **kwargs,
        )


class DecideView(ProposalMixin, ServiceFormView):
    permission_required = "authorities.decide"
    template_name = "authorities/proposal.html"
    form_class = DecisionForm
    refusal = services.AuthorityRuleError

    def _proposal_page(self, form=None):
        view = ProposalView(request=self.request, kwargs=self.kwargs, args=())
        context = view.get_context_data(form=form) if form is not None else view.get_context_data()
        return view.render_to_response(context)

    def get(self, request, *args, **kwargs):
        return self._proposal_page()

    def form_invalid(self, form):
        return self._proposal_page(form)

    def perform(self, data: dict) -> str:
        if data["decision"] == "approve":
            services.approve(self.proposal, actor=self.request.user)
            return _("Approved: the directory now shows the change.")
        services.reject(self.proposal, actor=self.request.user, reason=data["reason"])
        return _("Rejected: the proposer is told why.")

    def done(self):
        return redirect("authorities:proposals")


class ReportView(PermissionRequiredMixin, TemplateView):
    """What each State party has not yet notified, with counts per provision and regional group; the
    conference room paper table as DOCX, or the table as CSV/XLSX (?format=)."""

    permission_required = "authorities.view_directory"
    template_name = "authorities/report.html"

    def report(self) -> queries.NotNotifiedReport:
        params = self.request.GET
        return queries.not_notified(
            group=params.get("group", ""),
            provision=params.get("provision", ""),
            only_missing=params.get("missing") == "1",
        )

    def get(self, request, *args, **kwargs):
        export = request.GET.get("format")
        if export == "docx":
            content = exports.report_docx(self.report())
            return file_response(content, filename="authorities-notifications.docx", content_type=DOCX)
        if export == "pdf":
            content = exports.report_pdf(self.report())
            return file_response(content, filename="authorities-notifications.pdf", content_type=PDF)
        if export in ("csv", "xlsx"):
            header, rows = exports.report_table(self.report())
            return table_response(export, header, rows, name="not-yet-notified", sheet="Not yet notified")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        report = self.report()
        columns = [r.provision.value for r in report.provisions]
        return super().get_context_data(
            report=report,
            rows=[(row, [row.statuses[c] for c in columns]) for row in report.rows],
            group_rows=[(g, [g.missing[c] for c in columns]) for g in [*report.groups, report.totals]],
            groups=RegionalGroup.objects.all(),
            filters=self.request.GET,
            query=self.request.GET.urlencode(),
            **kwargs,
        )


class LawFileView(PermissionRequiredMixin, TemplateView):
    """A copy of a law: public once notified; before, only to those who may see the proposal."""

    permission_required = "authorities.view_directory"

    def get(self, request, *args, **kwargs):
        law_file = get_object_or_404(LawFile.objects.select_related("proposal"), pk=kwargs["pk"])
        if law_file.notification_id is None and not (
            law_file.proposal and request.user.has_perm("authorities.view_proposal", law_file.proposal)
        ):
            raise Http404
        # A notified law is public; a proposed one is seen only by those who may see the proposal.
        return stored_file_response(law_file.file, private=law_file.notification_id is None)


urlpatterns = [
    path("", DirectoryView.as_view(), name="directory"),
    path("mine/", MineView.as_view(), name="mine"),
    path("not-notified/", ReportView.as_view(), name="report"),
    path("proposals/", ProposalsView.as_view(), name="proposals"),
    path("proposals/<int:pk>/", ProposalView.as_view(), name="proposal"),
    path("proposals/<int:pk>/decide/", DecideView.as_view(), name="decide"),
    path("laws/<int:pk>/", LawFileView.as_view(), name="law_file"),
    path("<str:iso3>/", StateView.as_view(), name="state"),
    path("<str:iso3>/add/", AuthorityFormView.as_view(), name="add"),
    path("<str:iso3>/notify/", NotifyView.as_view(), name="notify"),
    path("<str:iso3>/<int:pk>/", AuthorityFormView.as_view(), name="change"),
    path("<str:iso3>/<int:pk>/remove/", RemoveView.as_view(), name="remove"),
]
