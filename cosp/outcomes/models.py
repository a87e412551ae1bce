"""What the Conference and its bodies decided: resolutions and decisions with their paragraphs and
sponsors, the mandates their operative paragraphs create and the follow-up of each, the 2021 political
declaration, and the multi-year work plans that schedule its paragraphs.

Texts exist in the six languages: a paragraph is one row with one text column per language, filled by
ingesting the report in each language.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Addressee, MandateStatus, OutcomeKind, ParagraphKind


class Outcome(models.Model):
    """A resolution or a decision (`7/1`), adopted by a body at a session."""

    body = models.ForeignKey("meetings.Body", on_delete=models.PROTECT, related_name="outcomes")
    session = models.ForeignKey(
        "meetings.Session", null=True, blank=True, on_delete=models.PROTECT, related_name="outcomes"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=OutcomeKind.choices)
    number = models.CharField(_("number"), max_length=12)  # "7/1"
    title = models.CharField(_("title"), max_length=500)  # translated
    draft_symbols = models.JSONField(_("draft symbols"), default=list, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_at_meeting = models.PositiveSmallIntegerField(_("adopted at meeting"), null=True, blank=True)
    # The report it was read from; its language versions fill the translated texts.
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="outcomes"
    )

    class Meta:
        verbose_name = _("resolution or decision")
        verbose_name_plural = _("resolutions and decisions")
        ordering = ["body", "kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "kind", "number"], name="one_outcome_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("outcomes:detail", args=[self.body.code, self.kind, self.number])


class Sponsor(models.Model):
    """A State (or the EU, or an organisation) that submitted the draft or joined it later."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="sponsors")
    state = models.ForeignKey("states.State", null=True, blank=True, on_delete=models.PROTECT)
    name = models.CharField(_("name as given"), max_length=300, blank=True)  # when no State answers to it
    on_behalf_of = models.CharField(_("on behalf of"), max_length=300, blank=True)
    joined_later = models.BooleanField(_("joined as a co-sponsor later"), default=False)

    class Meta:
        verbose_name = _("sponsor")
        verbose_name_plural = _("sponsors")
        ordering = ["outcome", "joined_later", "pk"]

    def __str__(self) -> str:
        return str(self.state or self.name)


class Paragraph(models.Model):
    """A preambular or operative paragraph; lettered sub-paragraphs stay in the text of theirs."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveSmallIntegerField(_("position"))
    number = models.CharField(_("number"), max_length=8, blank=True)  # operative paragraphs only
    kind = models.CharField(_("kind"), max_length=10, choices=ParagraphKind.choices)
    verb = models.CharField(_("verb"), max_length=40, blank=True)  # canonical English: "requests"
    addressees = models.JSONField(_("addressees"), default=list, blank=True)
    operational = models.BooleanField(_("asks someone to act"), default=False)
    text = models.TextField(_("text"))  # translated
    articles = models.ManyToManyField("states.Article", blank=True, related_name="outcome_paragraphs")
    cites = models.ManyToManyField(Outcome, blank=True, related_name="cited_by", verbose_name=_("recalls"))

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["outcome", "position"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "position"], name="one_paragraph_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.outcome} ¶{self.number or self.position}"


class Mandate(models.Model):
    """What an operative paragraph asks someone to do: proposed from the paragraph's verb and
    addressee, confirmed or corrected by the secretariat, then followed up."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="mandates")
    addressee = models.CharField(_("addressee"), max_length=40, choices=Addressee.choices)
    action = models.TextField(_("what is asked"))
    due_session = models.ForeignKey(
        "meetings.Session",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mandates_due",
        verbose_name=_("due for the session"),
    )
    report_to = models.CharField(_("report to"), max_length=40, choices=Addressee.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MandateStatus.choices, default=MandateStatus.OPEN
    )
    confirmed = models.BooleanField(_("confirmed by the secretariat"), default=False)
    reports = models.ManyToManyField(
        "documents.Document", blank=True, related_name="reports_on_mandates", verbose_name=_("reported in")
    )
    superseded_by = models.ForeignKey(
        Outcome,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes_mandates",
        verbose_name=_("renewed or replaced by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["paragraph__outcome", "paragraph__position", "pk"]

    def __str__(self) -> str:
        return f"{self.paragraph}: {self.get_addressee_display()}"


class DeclarationSection(models.Model):
    """A themed section of the 2021 political declaration (prevention, asset recovery ...)."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)  # translated

    class Meta:
        verbose_name = _("section of the political declaration")
        verbose_name_plural = _("sections of the political declaration")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class DeclarationParagraph(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    section = models.ForeignKey(DeclarationSection, on_delete=models.CASCADE, related_name="paragraphs")
    text = models.TextField(_("text"))  # translated
    articles = models.ManyToManyField("states.Article", blank=True, related_name="declaration_paragraphs")
    themes = models.JSONField(_("themes"), default=list, blank=True)

    class Meta:
        verbose_name = _("paragraph of the political declaration")
        verbose_name_plural = _("paragraphs of the political declaration")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"¶{self.number}"


class WorkPlanEntry(models.Model):
    """One row of a multi-year work plan: when, which body or bodies, which declaration paragraphs."""

    year = models.PositiveSmallIntegerField(_("year"))
    meeting_date = models.DateField(_("date"), null=True, blank=True)
    bodies = models.ManyToManyField(
        "meetings.Body", related_name="work_plan_entries", verbose_name=_("bodies")
    )
    paragraphs = models.ManyToManyField(
        DeclarationParagraph, related_name="work_plan_entries", verbose_name=_("declaration paragraphs")
    )
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)  # translated

    class Meta:
        verbose_name = _("work plan entry")
        verbose_name_plural = _("work plan")
        ordering = ["year", "meeting_date", "pk"]

    def __str__(self) -> str:
        return f"{self.year}: {self.keywords}"
