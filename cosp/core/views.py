from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.states.queries import reference_counts

from . import audit


class HomeView(PermissionRequiredMixin, TemplateView):
    permission_required = "core.view_public"
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(counts=reference_counts(), **kwargs)


class AuditTrailView(PermissionRequiredMixin, TemplateView):
    permission_required = "core.view_audit_trail"
    template_name = "core/audit_trail.html"

    def get_context_data(self, **kwargs):
        model = self.request.GET.get("model") or None
        return super().get_context_data(
            entries=audit.recent_changes(model=model, limit=200),
            models=audit.audited_models(),
            selected_model=model,
            title=_("Audit trail"),
            **kwargs,
        )
