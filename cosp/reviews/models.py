"""The Implementation Review Mechanism as recorded: draws, country reviews and their steps, governmental
experts, the self-assessment checklist, the report and executive summary (sections with versions),
findings and their follow-up.

The rules live in plain modules (cycles.py, draw.py, timeline.py, visibility.py, findings.py); these
models only hold what was decided and when. services/ applies the rules to them, access.py says who may
see what.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cycles import CYCLES
from .enums import (
    AssistanceType,
    ChecklistStatus,
    DirectDialogueKind,
    DrawAction,
    FindingType,
    FollowUpSource,
    Implementation,
    ImplementationStatus,
    Priority,
    ReportKind,
    ReportStatus,
    Step,
)

CYCLE_CHOICES = [(number, _("Cycle %(number)s") % {"number": number}) for number in CYCLES]
_YEAR = [MinValueValidator(1), MaxValueValidator(5)]


class CycleParticipation(models.Model):
    """What the draw must know about one State in one cycle beyond the reference data: it declines to
    review in the year of its own review (DL-8), or a decision lets a signatory take part (DL-14)."""

    cycle = models.PositiveSmallIntegerField(_("cycle"), choices=CYCLE_CHOICES)
    state = models.ForeignKey("states.State", verbose_name=_("State"), on_delete=models.PROTECT)
    declines_in_review_year = models.BooleanField(
        _("declines to review in its own review year"), default=False
    )
    takes_part_by_decision = models.BooleanField(_("takes part by a recorded decision"), default=False)
    decision = models.CharField(_("decision (symbol or reference)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("participation in a cycle")
        verbose_name_plural = _("participation in cycles")
        constraints = [models.UniqueConstraint(fields=["cycle", "state"], name="unique_cycle_participation")]

    def __str__(self) -> str:
        return f"{self.state} — {self.get_cycle_display()}"


class Draw(models.Model):
    """One drawing of lots as it was held: enough to run it again and get the same result (draw.verify).

    A cycle's draw fixes the years and every reviewer (DL-1, DL-3); a redraw replaces one State's
    reviewers (DL-6) and keeps the whole cycle's result as it then stood. Records are never changed."""

    cycle = models.PositiveSmallIntegerField(_("cycle"), choices=CYCLE_CHOICES)
    action = models.CharField(_("action"), max_length=10, choices=DrawAction.choices)
    seed = models.BigIntegerField(_("seed"))
    engine_version = models.PositiveSmallIntegerField(_("engine version"))
    inputs = models.JSONField(_("inputs"))  # draw.canonical_inputs(...)
    inputs_digest = models.CharField(_("SHA-256 of the inputs"), max_length=64)
    result = models.JSONField(_("result"))  # the cycle's pairings and unmet rules
    at = models.DateTimeField(_("drawn at"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drawn by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    author_name = models.CharField(_("drawn by (name)"), max_length=200)  # kept if the account goes
    session = models.ForeignKey(
        "meetings.Session",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("The session of the Implementation Review Group at which the lots were drawn (DL-7)."),
    )
    # A redraw: which State asked, and whether it is one of the exceptional ones (DL-6).
    state = models.ForeignKey(
        "states.State", verbose_name=_("State"), null=True, blank=True, on_delete=models.PROTECT
    )
    exceptional = models.BooleanField(_("exceptional circumstances"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    replaces = models.ForeignKey(
        "self", verbose_name=_("replaces"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("drawing of lots")
        verbose_name_plural = _("drawings of lots")
        ordering = ["cycle", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.get_cycle_display()} ({self.at:%Y-%m-%d})"


class CountryReviewQuerySet(models.QuerySet):
    def with_parties(self):
        return self.select_related("state__regional_group").prefetch_related("reviewers__state")


class CountryReview(models.Model):
    """The review of one State party in one cycle: its year, reviewers, steps and outputs."""

    cycle = models.PositiveSmallIntegerField(_("cycle"), choices=CYCLE_CHOICES)
    year = models.PositiveSmallIntegerField(_("year of the cycle"), validators=_YEAR)
    deferred_from_year = models.PositiveSmallIntegerField(
        _("deferred from year"), null=True, blank=True, validators=_YEAR
    )  # DL-9
    state = models.ForeignKey(
        "states.State", verbose_name=_("State under review"), on_delete=models.PROTECT, related_name="reviews"
    )
    draw = models.ForeignKey(
        Draw, verbose_name=_("drawn in"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    redraws = models.PositiveSmallIntegerField(_("redraws"), default=0)  # DL-6
    started_on = models.DateField(_("started on"), null=True, blank=True)  # the notification (step 0)
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("focal point"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(
        _("language of the review"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    direct_dialogue_kind = models.CharField(
        _("country visit or joint meeting"), max_length=30, choices=DirectDialogueKind.choices, blank=True
    )
    direct_dialogue_starts = models.DateField(_("visit starts"), null=True, blank=True)
    direct_dialogue_ends = models.DateField(_("visit ends"), null=True, blank=True)
    report_status = models.CharField(
        _("report"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFTING
    )
    agreed_on = models.DateField(_("report agreed on"), null=True, blank=True)
    # RULES 4.9: the full report is published only with the State's agreement; the summary is issued.
    report_publication_agreed_on = models.DateField(
        _("State agreed to publish the report on"), null=True, blank=True
    )
    report_published_on = models.DateField(_("report published on"), null=True, blank=True)
    summary_issued_on = models.DateField(_("executive summary issued on"), null=True, blank=True)
    summary_symbol = models.CharField(_("executive summary symbol"), max_length=60, blank=True)
    is_demo = models.BooleanField(_("demonstration data"), default=False)

    objects = CountryReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("country review")
        verbose_name_plural = _("country reviews")
        ordering = ["cycle", "year", "state__iso3"]
        constraints = [models.UniqueConstraint(fields=["cycle", "state"], name="one_review_per_cycle")]

    def __str__(self) -> str:
        return _("Review of %(state)s, cycle %(cycle)s") % {"state": self.state, "cycle": self.cycle}

    @property
    def slug(self) -> str:
        """How addresses name a review: the cycle and the State, e.g. 2-AUT."""
        return f"{self.cycle}-{self.state.iso3}"


class ReviewingState(models.Model):
    """A State drawn to review another (DL-2: two per review; DL-4: the first from the same group)."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="reviewers")
    state = models.ForeignKey("states.State", verbose_name=_("reviewing State"), on_delete=models.PROTECT)
    same_group = models.BooleanField(_("from the same regional group"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("reviewing State")
        verbose_name_plural = _("reviewing States")
        ordering = ["review", "position"]
        constraints = [models.UniqueConstraint(fields=["review", "state"], name="unique_reviewing_state")]

    def __str__(self) -> str:
        return str(self.state)


class StepRecord(models.Model):
    """A step of a review done (or, for the optional direct dialogue, skipped) on a day. The plan of
    the other steps follows from these by timeline.schedule."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="step_records")
    step = models.CharField(_("step"), max_length=30, choices=Step.choices)
    completed_on = models.DateField(_("completed on"))
    skipped = models.BooleanField(_("skipped"), default=False)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("step of a review")
        verbose_name_plural = _("steps of reviews")
        constraints = [models.UniqueConstraint(fields=["review", "step"], name="one_record_per_step")]

    def __str__(self) -> str:
        return f"{self.review} — {self.get_step_display()}"


class Notice(models.Model):
    """An e-mail sent about a review (a step opened, a report to agree...), kept so anyone in the
    circle can see who was told what and when."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="notices")
    step = models.CharField(_("step"), max_length=30, choices=Step.choices, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=300)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-sent_at", "pk"]

    def __str__(self) -> str:
        return self.subject


class GovernmentalExpert(models.Model):
    """A person on a State's list of governmental experts (RULES 4.5: up to 15; the lists are public)."""

    state = models.ForeignKey(
        "states.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="governmental_experts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_listings",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)  # contact: not public
    position = models.CharField(_("position"), max_length=300, blank=True)
    expertise = models.CharField(_("areas of expertise"), max_length=300, blank=True)
    languages = models.CharField(_("working languages"), max_length=100, blank=True)
    active = models.BooleanField(_("on the list"), default=True)
    added_on = models.DateField(_("added on"), auto_now_add=True)

    class Meta:
        verbose_name = _("governmental expert")
        verbose_name_plural = _("governmental experts")
        ordering = ["state__iso3", "name"]

    def __str__(self) -> str:
        return self.name


class ExpertAssignment(models.Model):
    """An expert of a reviewing State (or of the State under review) working on one review."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(GovernmentalExpert, on_delete=models.PROTECT, related_name="assignments")
    assigned_on = models.DateField(_("assigned on"), auto_now_add=True)

    class Meta:
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        constraints = [models.UniqueConstraint(fields=["review", "expert"], name="unique_expert_assignment")]

    def __str__(self) -> str:
        return f"{self.expert} — {self.review}"


class Checklist(models.Model):
    """The State's response to the comprehensive self-assessment checklist (RULES 4.7)."""

    review = models.OneToOneField(
        CountryReview, primary_key=True, on_delete=models.CASCADE, related_name="checklist"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ChecklistStatus.choices, default=ChecklistStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)  # the State chose to

    class Meta:
        verbose_name = _("self-assessment checklist")
        verbose_name_plural = _("self-assessment checklists")

    def __str__(self) -> str:
        return str(self.review)


class ChecklistAnswer(models.Model):
    """The answer for one article (or one paragraph of it): RULES 4.7's five questions."""

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="answers")
    article = models.ForeignKey("states.Article", verbose_name=_("article"), on_delete=models.PROTECT)
    paragraph = models.CharField(_("paragraph"), max_length=20, blank=True)
    implementation = models.CharField(
        _("status of implementation"), max_length=10, choices=Implementation.choices, blank=True
    )
    measures = models.TextField(_("measures adopted"), blank=True)
    citations = models.TextField(_("laws and policies cited"), blank=True)
    examples = models.TextField(_("examples of implementation"), blank=True)
    statistics = models.TextField(_("statistics"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    assistance_needed = models.TextField(_("technical assistance needed"), blank=True)
    assistance_type = models.CharField(
        _("type of assistance"), max_length=30, choices=AssistanceType.choices, blank=True
    )
    assistance_priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, blank=True)
    assistance_received = models.TextField(_("technical assistance received"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        ordering = ["article__number", "paragraph"]
        constraints = [
            models.UniqueConstraint(
                fields=["checklist", "article", "paragraph"], name="one_answer_per_provision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article}" + (f"({self.paragraph})" if self.paragraph else "")


class ChecklistAttachment(models.Model):
    """A law, policy or other text attached to an answer."""

    answer = models.ForeignKey(ChecklistAnswer, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="checklists/%Y/")
    title = models.CharField(_("title"), max_length=300)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class ReportSection(models.Model):
    """One section of the country review report or of the executive summary (RULES 4.8) in one
    language, as it now reads. Every saved text is also a SectionVersion; `version` is the number of
    the latest, which an editor must name when saving, so two people never overwrite each other
    silently."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("document"), max_length=10, choices=ReportKind.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    key = models.SlugField(_("key"), max_length=60)  # introduction, process, article-9 ...
    heading = models.CharField(_("heading"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"))
    article = models.ForeignKey(
        "states.Article", verbose_name=_("article"), null=True, blank=True, on_delete=models.PROTECT
    )
    text = models.TextField(_("text"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["review", "kind", "language", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "kind", "language", "key"], name="unique_report_section"
            )
        ]

    def __str__(self) -> str:
        return self.heading


class SectionVersion(models.Model):
    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("version of a section")
        verbose_name_plural = _("versions of sections")
        ordering = ["section", "number"]
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="unique_section_version")]

    def __str__(self) -> str:
        return f"{self.section} v{self.number}"


class SectionComment(models.Model):
    """A comment on a section by someone of the review's circle (the State under review comments on
    the draft before agreeing, RULES 4.6 steps 8-10), on the version they read."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="comments")
    version = models.PositiveIntegerField(_("on version"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"))
    at = models.DateTimeField(_("written at"), auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("comment on a section")
        verbose_name_plural = _("comments on sections")
        ordering = ["section", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.section} — {self.at:%Y-%m-%d}"


class Finding(models.Model):
    """A good practice, challenge, recommendation, technical-assistance need or observation of a
    review, on an article: the basis of everything analytical. Text in one or more languages
    (translation.py)."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("type"), max_length=30, choices=FindingType.choices)
    article = models.ForeignKey("states.Article", verbose_name=_("article"), on_delete=models.PROTECT)
    paragraph = models.CharField(_("paragraph"), max_length=20, blank=True)
    text = models.TextField(_("text"))  # translated
    theme = models.CharField(_("theme"), max_length=60, blank=True)  # a key of findings.THEMES
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)  # ["16.5", "16.4"]
    assistance_type = models.CharField(
        _("type of assistance"), max_length=30, choices=AssistanceType.choices, blank=True
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["review", "article__number", "position", "pk"]
        indexes = [models.Index(fields=["kind", "article"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.article}"


class FollowUp(models.Model):
    """One dated entry of a recommendation's follow-up ledger (findings.FollowUpEntry)."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="follow_ups")
    on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=20, choices=FollowUpSource.choices)
    status = models.CharField(
        _("implementation status"), max_length=30, choices=ImplementationStatus.choices, blank=True
    )
    response = models.TextField(_("response"), blank=True)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up entry")
        verbose_name_plural = _("follow-up entries")
        ordering = ["finding", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.finding} — {self.on}"
