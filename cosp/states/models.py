"""The Convention's reference data: regional groups, chapters and articles, States and the EU.

Names and titles are translated with django-modeltranslation (see translation.py): each gets one
column per UN language, and reading `obj.short_name` gives the current language with English fallback.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import ConventionStatus, Instrument, StateKind, UNStatus


class RegionalGroup(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)  # AFR, APG, EEG, GRULAC, WEOG
    name = models.CharField(_("name"), max_length=100)
    abbreviation = models.CharField(_("common name"), max_length=60)

    class Meta:
        verbose_name = _("regional group")
        verbose_name_plural = _("regional groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Chapter(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    roman = models.CharField(_("roman numeral"), max_length=5, unique=True)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.roman}. {self.title}"


class Article(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    chapter = models.ForeignKey(Chapter, on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class StateQuerySet(models.QuerySet):
    def parties(self) -> "StateQuerySet":
        return self.exclude(instrument="")

    def signatories(self) -> "StateQuerySet":
        """Signed but not (yet) bound: the Convention's "signatories" in COSP reports."""
        return self.filter(instrument="", signed_on__isnull=False)


class State(models.Model):
    """A State (UN member, observer State or other) or the EU, whether or not party to the Convention.

    Being a party is derived from the data (an instrument deposited), never counted by hand.
    """

    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    m49 = models.CharField(_("M49 code"), max_length=3, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=StateKind.choices, default=StateKind.STATE)
    un_status = models.CharField(_("status at the United Nations"), max_length=20, choices=UNStatus.choices)
    regional_group = models.ForeignKey(
        RegionalGroup,
        verbose_name=_("regional group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="states",
    )
    short_name = models.CharField(_("short name"), max_length=200)
    formal_name = models.CharField(_("formal name"), max_length=300, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    instrument = models.CharField(_("instrument"), max_length=20, choices=Instrument.choices, blank=True)
    instrument_deposited_on = models.DateField(_("instrument deposited on"), null=True, blank=True)

    objects = StateQuerySet.as_manager()

    class Meta:
        verbose_name = _("State")
        verbose_name_plural = _("States")
        ordering = ["short_name_en"]

    def __str__(self) -> str:
        return self.short_name

    @property
    def convention_status(self) -> ConventionStatus:
        if self.instrument:
            return ConventionStatus.PARTY
        if self.signed_on:
            return ConventionStatus.SIGNATORY
        return ConventionStatus.NON_SIGNATORY
