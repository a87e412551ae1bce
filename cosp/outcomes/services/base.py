"""What the outcomes services share."""

from django.db.models import Model


def save_changes(instance: Model, values: dict) -> bool:
    """Set the fields that differ and save only those: an unchanged row is not written (no history)."""
    changed = [field for field, value in values.items() if getattr(instance, field) != value]
    for field in changed:
        setattr(instance, field, values[field])
    if changed:
        instance.save(update_fields=changed)
    return bool(changed)
