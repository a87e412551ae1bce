"""Technical assistance: needs, offers and the providers' work on needs.

A Need comes from a country review (a finding of type technical-assistance need, or a checklist
answer naming assistance needed: mirrored by services.sync_*, so their status is stored with its
history) or is a State's own entry. An Offer is what a provider (a State's delegation, an
intergovernmental or UN organisation, or the secretariat for UNODC) can give. An Engagement records
that a provider works on a need with one of its offers. Rules live in services.py, queries.py and
matching.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cosp.core.enums import Language
from cosp.reviews.enums import AssistanceType, Priority

from .enums import NeedSource, NeedStatus


class Need(models.Model):
    source = models.CharField(_("source"), max_length=20, choices=NeedSource.choices)
    state = models.ForeignKey(
        "states.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="assistance_needs"
    )
    article = models.ForeignKey("states.Article", verbose_name=_("article"), on_delete=models.PROTECT)
    assistance_type = models.CharField(
        _("type of assistance"), max_length=30, choices=AssistanceType.choices, blank=True
    )
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, blank=True)
    # A State's own entry: its text and the language it is written in (a UN code, as in every content
    # model). A need from a review reads its text from the finding or the answer instead (one source
    # of truth).
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices, default=Language.EN)
    published = models.BooleanField(_("published"), default=False)  # own entries only
    review = models.ForeignKey(
        "reviews.CountryReview",
        verbose_name=_("country review"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assistance_needs",
    )
    finding = models.OneToOneField(
        "reviews.Finding",
        verbose_name=_("finding"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assistance_need",
    )
    checklist_answer = models.OneToOneField(
        "reviews.ChecklistAnswer",
        verbose_name=_("checklist answer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assistance_need",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.UNMET
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("technical-assistance need")
        verbose_name_plural = _("technical-assistance needs")
        ordering = ["state__iso3", "article__number", "pk"]
        indexes = [models.Index(fields=["status", "assistance_type"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(source=NeedSource.FINDING, finding__isnull=False, review__isnull=False)
                    | models.Q(
                        source=NeedSource.CHECKLIST, checklist_answer__isnull=False, review__isnull=False
                    )
                    | models.Q(
                        source=NeedSource.STATE,
                        finding__isnull=True,
                        checklist_answer__isnull=True,
                        review__isnull=True,
                    )
                ),
                name="assistance_need_source_matches_link",
            )
        ]

    def __str__(self) -> str:
        return _("%(state)s, article %(article)s") % {"state": self.state, "article": self.article.number}


class Offer(models.Model):
    provider = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="assistance_offers",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices, default=Language.EN)
    articles = models.ManyToManyField(
        "states.Article", verbose_name=_("articles"), blank=True, related_name="assistance_offers"
    )
    # AssistanceType values; none means every type.
    assistance_types = models.JSONField(_("types of assistance"), default=list, blank=True)
    regional_groups = models.ManyToManyField(
        "states.RegionalGroup", verbose_name=_("regional groups served"), blank=True, related_name="+"
    )
    states = models.ManyToManyField(
        "states.State", verbose_name=_("States served"), blank=True, related_name="+"
    )
    starts_on = models.DateField(_("available from"), null=True, blank=True)
    ends_on = models.DateField(_("available until"), null=True, blank=True)
    # Contact: shown to signed-in officials of States and to the secretariat only.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=60, blank=True)
    active = models.BooleanField(_("open"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("technical-assistance offer")
        verbose_name_plural = _("technical-assistance offers")
        ordering = ["provider__name", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class Engagement(models.Model):
    """A provider works on a need through one of its offers (the Conference asks providers to
    coordinate: others see who is already on it)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="engagements")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="engagements")
    note = models.TextField(_("note"), blank=True)
    started_on = models.DateField(_("started on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work on a need")
        verbose_name_plural = _("work on needs")
        ordering = ["need", "started_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["need", "offer"], name="one_engagement_per_offer")]

    def __str__(self) -> str:
        return f"{self.offer} — {self.need}"
