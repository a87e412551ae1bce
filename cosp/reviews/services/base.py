"""What the services share: the refusal, and saving with who did it and why (the audit trail)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ReviewRuleError(ValidationError):
    """A request the rules refuse; the message says which rule and why (a field name when one is at
    fault, so a form can show it there)."""


def refuse(message: str, *, code: str, field: str | None = None, **params) -> ReviewRuleError:
    """A refusal; with `field`, bound to the form field of that name (the view shows it there)."""
    error = ReviewRuleError(message, code=code, params=params or None)
    return ReviewRuleError({field: error}) if field else error


def record(instance, *, actor, reason: str, update_fields: list[str] | None = None) -> None:
    """Save with the actor and the reason in the history row (the audit trail)."""
    instance._history_user = actor
    instance._change_reason = reason
    instance.save(update_fields=update_fields)
