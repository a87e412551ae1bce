"""Asset-recovery statistics: yearly exchange rates, one row per amount recovered between two States,
and the files imported.

No personal data: a record names States, never a person or a case (there is no field for them, and
free text that looks like an e-mail address or a telephone number is refused, see values.py).

US-dollar amounts are stored, not computed in every query: the aggregates are then a plain SUM over one
table (fast on both SQLite and PostgreSQL, and the same figure everywhere), and a rate changes rarely and
touches one currency in one year, whose records `services.set_rate` converts again in the same
transaction. A record cannot exist without the rate of its currency and year (the services refuse it).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cosp.states.models import State

from .enums import ImportStatus, Measure, Offence

# Offence codes are kept on the record as "|15|23|": one column that the history sees, filtered and
# counted by offence with a LIKE on "|15|" on any database.
OFFENCE_SEPARATOR = "|"


def encode_offences(codes) -> str:
    ordered = sorted(set(codes), key=lambda code: (not code.isdigit(), code.zfill(3)))
    return f"{OFFENCE_SEPARATOR}{OFFENCE_SEPARATOR.join(ordered)}{OFFENCE_SEPARATOR}" if ordered else ""


class ExchangeRate(models.Model):
    """How many units of a currency one US dollar bought in a year (a yearly average, as the
    statistics are yearly). The US dollar itself is always 1 and never stored."""

    currency = models.CharField(_("currency (ISO 4217 code)"), max_length=3)
    year = models.PositiveSmallIntegerField(_("year"))
    units_per_usd = models.DecimalField(
        _("units of the currency per US dollar"),
        max_digits=20,
        decimal_places=6,
        help_text=_("For example 0.9 for the euro: one US dollar bought 0.9 euro that year."),
    )
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where the rate comes from (publication, date).")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "year"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "year"], name="recovery_one_rate_per_currency_year"),
            models.CheckConstraint(condition=models.Q(units_per_usd__gt=0), name="recovery_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.year}: {self.units_per_usd} per USD"


class ImportBatch(models.Model):
    """An uploaded CSV or XLSX file between its preview and its import (or discarding). The file is
    kept only until then, so the preview and the import read the same rows."""

    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=4)  # csv or xlsx
    content = models.BinaryField(_("content"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    rows_refused = models.PositiveIntegerField(_("rows left out"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import of recovery records")
        verbose_name_plural = _("imports of recovery records")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.file_name


class RecoveryRecord(models.Model):
    """Amounts one State recovered on another's request in a year, for one measure, in one currency."""

    year = models.PositiveSmallIntegerField(_("year"))
    requesting_state = models.ForeignKey(
        State, verbose_name=_("requesting State"), on_delete=models.PROTECT, related_name="+"
    )
    requested_state = models.ForeignKey(
        State, verbose_name=_("requested State"), on_delete=models.PROTECT, related_name="+"
    )
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=2)
    currency = models.CharField(_("currency (ISO 4217 code)"), max_length=3)
    amount_usd = models.DecimalField(
        _("amount in US dollars"),
        max_digits=20,
        decimal_places=2,
        help_text=_(
            "At the stored rate of the currency for the year; converted again when the rate changes."
        ),
    )
    cases = models.PositiveIntegerField(_("number of cases"))
    offence_codes = models.CharField(_("offences"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("imported from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="records",
    )
    history = HistoricalRecords(excluded_fields=["batch"])

    class Meta:
        verbose_name = _("asset-recovery record")
        verbose_name_plural = _("asset-recovery records")
        ordering = ["-year", "pk"]
        indexes = [
            models.Index(fields=["year", "measure"], name="recovery_year_measure"),
            models.Index(fields=["currency", "year"], name="recovery_currency_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requesting_state=models.F("requested_state")),
                name="recovery_two_different_states",
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="recovery_amount_not_negative"),
            models.CheckConstraint(condition=models.Q(cases__gte=1), name="recovery_at_least_one_case"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.year} {self.requesting_state_id}→{self.requested_state_id} "
            f"{self.measure} {self.amount} {self.currency}"
        )

    @property
    def offences(self) -> list[str]:
        return [code for code in self.offence_codes.split(OFFENCE_SEPARATOR) if code]

    def offence_labels(self) -> list[str]:
        return [str(Offence(code).label) for code in self.offences if code in Offence.values]
