"""What the services share: the refusal, saving with who did it and why (the audit trail), and the
checks on an objecting State."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cosp.states.enums import ConventionStatus
from cosp.states.models import State

from .. import observers
from ..models import Delegation


class MeetingRuleError(ValidationError):
    """A request the rules refuse; the message says which rule and why."""


def _refused(refusal: observers.Refusal) -> MeetingRuleError:
    return MeetingRuleError(refusal.message, code=refusal.code)


def _record(instance, *, actor, reason: str, update_fields: list[str] | None = None) -> None:
    """Save with the actor and the reason in the history row (the audit trail)."""
    instance._history_user = actor
    instance._change_reason = reason
    instance.save(update_fields=update_fields)


def _check_state_party(state: State) -> None:
    if state.convention_status != ConventionStatus.PARTY:
        raise MeetingRuleError(
            _("%(state)s is not a State party; only States parties may object."),
            code="not_a_state_party",
            params={"state": state.short_name},
        )


def _check_not_objected(delegation: Delegation, subject: str, state: State) -> None:
    already = delegation.objections.filter(subject=subject, by_state=state, withdrawn_on__isnull=True)
    if already.exists():
        raise MeetingRuleError(
            _("%(state)s has already objected; its objection is on record."),
            code="already_objected",
            params={"state": state.short_name},
        )
