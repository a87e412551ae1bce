"""Keep the needs mirrored from country reviews current: a finding or a checklist answer saved by
the reviews app updates its need in the same transaction (a deleted one takes its need with it, by
the foreign key). Data written in bulk is caught up by services.sync_review_needs."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from cosp.reviews.models import ChecklistAnswer, Finding

from . import services


@receiver(post_save, sender=Finding, dispatch_uid="assistance_sync_finding")
def finding_saved(sender, instance: Finding, raw: bool = False, **kwargs) -> None:
    if not raw:  # fixtures being loaded (a restore) bring their needs with them
        services.sync_finding(instance)


@receiver(post_save, sender=ChecklistAnswer, dispatch_uid="assistance_sync_answer")
def answer_saved(sender, instance: ChecklistAnswer, raw: bool = False, **kwargs) -> None:
    if not raw:
        services.sync_answer(instance)
