"""The audit trail: who changed what and when, read from django-simple-history's tables.

Every domain model declares `history = HistoricalRecords()`; the history middleware records the
signed-in user. This module merges the per-model history tables into one timeline.
"""

from dataclasses import dataclass
from datetime import datetime
from heapq import merge

from django.utils.translation import gettext_lazy as _
from simple_history.models import registered_models

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str  # translated label
    model: str  # "app_label.modelname"
    model_label: str
    object_id: str
    object_repr: str
    changed_fields: tuple[str, ...]


def _models_with_history() -> list:
    """The models whose changes are audited. simple-history also registers the through tables of
    tracked many-to-many fields; their changes are kept with their model's own history, so they are
    left out here."""
    return sorted(
        (model for model in registered_models.values() if hasattr(model, "history")),
        key=lambda model: model._meta.label_lower,
    )


def audited_models() -> dict[str, str]:
    """Label ("states.state") → verbose name, for every model with history."""
    return {model._meta.label_lower: str(model._meta.verbose_name_plural) for model in _models_with_history()}


def _previous_records(history_model, rows) -> dict[int, object]:
    """For each changed row, the record just before it, fetched in one query (not one per row)."""
    pk = history_model.instance_type._meta.pk.attname
    changed = {getattr(row, pk) for row in rows if row.history_type == "~"}
    previous: dict[int, object] = {}
    if changed:
        earlier = None
        ordered = history_model.objects.filter(**{f"{pk}__in": changed}).order_by(
            pk, "history_date", "history_id"
        )
        for record in ordered:
            if earlier is not None and getattr(earlier, pk) == getattr(record, pk):
                previous[record.history_id] = earlier
            earlier = record
    return previous


def _entries_for(model, limit: int):
    history_model = model.history.model
    newest = history_model.objects.select_related("history_user").order_by("-history_date", "-history_id")
    rows = list(newest[:limit])
    previous = _previous_records(history_model, rows)
    for row in rows:
        changed: tuple[str, ...] = ()
        if row.history_type == "~" and (before := previous.get(row.history_id)) is not None:
            changed = tuple(change.field for change in row.diff_against(before).changes)
            if not changed:
                continue  # a save that changed nothing audited, e.g. last_login on every login
        yield AuditEntry(
            at=row.history_date,
            actor=row.history_user.get_username() if row.history_user else "system",
            action=ACTIONS[row.history_type],
            model=model._meta.label_lower,
            model_label=str(model._meta.verbose_name),
            object_id=str(getattr(row, model._meta.pk.attname)),
            object_repr=str(row.instance),
            changed_fields=changed,
        )


def recent_changes(*, model: str | None = None, limit: int = 100) -> list[AuditEntry]:
    """The newest `limit` changes across all audited models (or one), newest first."""
    models = [m for m in _models_with_history() if model is None or m._meta.label_lower == model]
    streams = [_entries_for(m, limit) for m in models]
    merged = merge(*streams, key=lambda e: e.at, reverse=True)
    return [entry for _, entry in zip(range(limit), merged, strict=False)]
