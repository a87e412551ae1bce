"""The secretariat confirms or corrects a proposed mandate and records its follow-up."""

from __future__ import annotations

from django.db import transaction

from cosp.core.languages import UN_LANGUAGES, field_suffix

from ..enums import MandateStatus
from ..models import Mandate
from .base import save_changes

# A paragraph's text in every language: citations and articles are read from all of them.
_TEXT_COLUMNS = tuple(f"text_{field_suffix(language)}" for language in UN_LANGUAGES)


@transaction.atomic
def update_mandate(mandate: Mandate, *, actor, **changes) -> Mandate:
    """The secretariat confirms or corrects a proposed mandate, or records its follow-up."""
    reports = changes.pop("reports", None)
    # Compare with the row as stored: a ModelForm has already written its data onto the instance it had.
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    mandate._history_user = actor
    save_changes(mandate, {**changes, "confirmed": True, "updated_by": actor})
    if reports is not None:
        mandate.reports.set(reports)
        if reports and mandate.status == MandateStatus.OPEN:
            save_changes(mandate, {"status": MandateStatus.REPORTED})
    return mandate
