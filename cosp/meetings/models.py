"""The Conference and its subsidiary bodies, their sessions, and what happens at a session: the agenda,
the organisation of work, who takes part (delegations, delegates, observers), credentials, the bureau
and the general-discussion speakers' list.

The rules live in plain modules (observers.py, credentials.py, bureau.py, speakers.py, schedule.py);
these models only hold what was decided and when, and services.py applies the rules to them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import (
    AdmissionRoute,
    AdmissionStatus,
    AttendanceGroup,
    CredentialsStatus,
    Level,
    Office,
    RegistrationStatus,
    SessionFormat,
    SessionKind,
    Slot,
)


def session_slug(
    body_code: str, kind: str, number: int | None, start, resumes_slug: str = "", resumption=None
) -> str:
    """The session's short name in addresses: cosp-7, cosp-special-2021, irg-14-resumed-2."""
    if kind == SessionKind.RESUMED and resumes_slug:
        return f"{resumes_slug}-resumed" + (f"-{resumption}" if resumption and resumption > 1 else "")
    if kind == SessionKind.SPECIAL or number is None:
        return f"{body_code.lower()}-{kind}-{start:%Y}"
    return f"{body_code.lower()}-{number}"


class Body(models.Model):
    """The Conference, the Implementation Review Group, a working group or an expert meeting."""

    code = models.CharField(_("code"), max_length=20, unique=True)  # COSP, IRG, WG-PREV ...
    name = models.CharField(_("name"), max_length=300)  # translated
    abbreviation = models.CharField(_("abbreviation"), max_length=60, blank=True)  # translated
    symbol_prefix = models.CharField(_("document symbol prefix"), max_length=40, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.abbreviation or self.name


class Session(models.Model):
    """One session of a body; a joint meeting names the other bodies; a resumed session points to the
    session it resumes."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="sessions")
    other_bodies = models.ManyToManyField(
        Body, blank=True, related_name="joint_sessions", verbose_name=_("meeting jointly with")
    )
    slug = models.SlugField(_("short name in addresses"), max_length=40, unique=True, blank=True)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)  # none for special ones
    kind = models.CharField(
        _("kind"), max_length=10, choices=SessionKind.choices, default=SessionKind.REGULAR
    )
    resumes = models.ForeignKey(
        "self",
        verbose_name=_("resumes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resumptions",
    )
    resumption = models.PositiveSmallIntegerField(_("resumption (1 = first resumed)"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)  # translated
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    format = models.CharField(
        _("format"), max_length=10, choices=SessionFormat.choices, default=SessionFormat.IN_PERSON
    )
    timezone = models.CharField(_("time zone"), max_length=60, default="Europe/Vienna")
    interpretation_meetings = models.PositiveSmallIntegerField(
        _("meetings with interpretation"), null=True, blank=True
    )
    agenda_adopted_on = models.DateField(_("agenda adopted on"), null=True, blank=True)
    # Until the Conference adopts the bureau's report on credentials, delegations sit provisionally (rule 20).
    credentials_report_adopted_on = models.DateField(
        _("bureau's report on credentials adopted on"), null=True, blank=True
    )
    # The reports list UN-system entities grouped by kind in some years (2017) and in one alphabetical
    # list in others (2021).
    entities_by_kind = models.BooleanField(_("list UN-system entities by kind"), default=False)
    # ... and the entities with a permanent observer office before the UN system in some (2021).
    permanent_observers_first = models.BooleanField(
        _("list entities with a permanent observer office before the UN system"), default=False
    )
    is_demo = models.BooleanField(_("demonstration data"), default=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["body", "start"]
        constraints = [
            models.UniqueConstraint(fields=["body", "start"], name="one_session_per_body_and_start"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        if self.kind == SessionKind.RESUMED and self.resumes_id:
            return _("%(session)s, resumed") % {"session": self.resumes}
        if self.kind == SessionKind.SPECIAL or self.number is None:
            return _("%(body)s, special session of %(year)d") % {"body": self.body, "year": self.start.year}
        return _("%(body)s, session %(number)d (%(year)d)") % {
            "body": self.body,
            "number": self.number,
            "year": self.start.year,
        }

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            resumes_slug = self.resumes.slug if self.resumes_id else ""
            self.slug = session_slug(
                self.body.code, self.kind, self.number, self.start, resumes_slug, self.resumption
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("meetings:session", args=[self.slug])


class AgendaItem(models.Model):
    """An item (`2`) or sub-item (`1(a)`) of a session's agenda, with its annotation."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(_("number"), max_length=12)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=500)  # translated
    annotation = models.TextField(_("annotation"), blank=True)  # translated, Markdown

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="one_agenda_item_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class WorkCell(models.Model):
    """One meeting of the organisation of work: a day, a slot and a track (the plenary or a parallel
    meeting), holding agenda items or a parallel meeting's title."""

    PLENARY = "plenary"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="work_cells")
    day = models.DateField(_("day"))
    slot = models.CharField(_("slot"), max_length=10, choices=Slot.choices)
    track = models.CharField(_("track"), max_length=120, default=PLENARY)
    items = models.ManyToManyField(AgendaItem, blank=True, related_name="work_cells", verbose_name=_("items"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    interpretation = models.BooleanField(_("with interpretation"), default=True)

    class Meta:
        verbose_name = _("meeting of the organization of work")
        verbose_name_plural = _("organization of work")
        ordering = ["session", "day", "slot", "track"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "day", "slot", "track"], name="one_cell_per_track_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.get_slot_display()} {self.track}"


class Delegation(models.Model):
    """A State's or organisation's participation in one session: its place in the attendance lists,
    its admission as an observer (rules 14-17) and its credentials (rules 18-20)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="delegations")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="delegations"
    )
    # Fixed when the delegation registers: a signatory in 2017 may be a party by the next session.
    group = models.CharField(_("attendance group"), max_length=20, choices=AttendanceGroup.choices)
    admission_route = models.CharField(
        _("admission"), max_length=10, choices=AdmissionRoute.choices, blank=True
    )
    admission_status = models.CharField(
        _("admission status"),
        max_length=10,
        choices=AdmissionStatus.choices,
        default=AdmissionStatus.ADMITTED,
    )
    applied_on = models.DateField(_("applied or notified on"), null=True, blank=True)
    listed_on = models.DateField(_("circulated on the list on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.TextField(_("decision"), blank=True)
    credentials = models.CharField(
        _("credentials"), max_length=10, choices=CredentialsStatus.choices, default=CredentialsStatus.NONE
    )
    copy_received_on = models.DateField(_("copy received on"), null=True, blank=True)
    original_received_on = models.DateField(_("original received on"), null=True, blank=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["session", "group", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "organisation"], name="one_delegation_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.session}"


class Objection(models.Model):
    """A State party's objection to an NGO's admission (rule 17(2)) or to a delegation's credentials
    (rule 20). Who objected is seen by the secretariat and the bureau only."""

    class Subject(models.TextChoices):
        ADMISSION = "admission", _("Admission as observer")
        CREDENTIALS = "credentials", _("Credentials")

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="objections")
    subject = models.CharField(_("subject"), max_length=12, choices=Subject.choices)
    by_state = models.ForeignKey("states.State", on_delete=models.PROTECT, verbose_name=_("objecting State"))
    raised_on = models.DateField(_("raised on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["raised_on", "pk"]

    def __str__(self) -> str:
        return f"{self.by_state} → {self.delegation}"


class Delegate(models.Model):
    """A person on a delegation, registered by the focal point and approved by the secretariat."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="delegates")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or function"), max_length=300, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.EXPERT)
    is_head = models.BooleanField(_("head of delegation"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["delegation", "-is_head", "name"]

    def __str__(self) -> str:
        return self.name


class Officer(models.Model):
    """An officer of a session's bureau (rule 22); a replacement (rule 31) points to whom it replaces."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="officers")
    office = models.CharField(_("office"), max_length=15, choices=Office.choices)
    state = models.ForeignKey("states.State", on_delete=models.PROTECT, verbose_name=_("State"))
    person = models.CharField(_("person"), max_length=200, blank=True)
    elected_on = models.DateField(_("elected on"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        ordering = ["session", "pk"]

    def __str__(self) -> str:
        return f"{self.get_office_display()}: {self.state}"


class SpeakersList(models.Model):
    """The general-discussion speakers' list of a session (RULES.md 5.4c). The list itself is never
    stored: it is what speakers.replay makes of the recorded events."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="speakers_list")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("agenda item")
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    ends_at = models.DateTimeField(_("the general discussion ends"), null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes per speaker"), default=4)
    group_minutes = models.PositiveSmallIntegerField(_("minutes for a regional group's chair"), default=7)

    class Meta:
        verbose_name = _("speakers' list")
        verbose_name_plural = _("speakers' lists")

    def __str__(self) -> str:
        return f"{self.session}"


class SpeakerEvent(models.Model):
    """One written communication about the speakers' list, as the secretariat received it."""

    speakers_list = models.ForeignKey(SpeakersList, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20)  # speakers.py's event kinds
    received_at = models.DateTimeField(_("received"))
    delegation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("delegation")
    )
    other_delegation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    on_behalf_of_group = models.CharField(_("on behalf of the regional group"), max_length=10, blank=True)
    both_agreed = models.BooleanField(_("both delegations agreed in writing"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("speakers' list event")
        verbose_name_plural = _("speakers' list events")
        ordering = ["received_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.delegation} {self.received_at:%Y-%m-%d %H:%M}"
