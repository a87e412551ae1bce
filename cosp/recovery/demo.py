"""Demo data for the asset-recovery statistics: yearly exchange rates for a handful of currencies and a
few hundred records between real States parties, made up but plausible, and one demo account of a
central authority of Switzerland. Idempotent: a second run finds everything in place and changes nothing.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from cosp.core.demo import DEMO_PASSWORD
from cosp.core.enums import Role
from cosp.core.models import Membership, User, organisation_for_state
from cosp.states.models import State

from .enums import Measure, Offence
from .models import ExchangeRate, RecoveryRecord, encode_offences
from .values import USD, to_usd

DEMO_SOURCE = "Demo data (invented figures)"
YEARS = range(2015, 2026)
# Units per US dollar, 2015 to 2025. Invented for the demo: near the real yearly averages in shape, but
# not taken from any publication, so never use them for real figures.
RATES = {
    "EUR": ("0.90", "0.90", "0.89", "0.85", "0.89", "0.88", "0.85", "0.95", "0.92", "0.92", "0.90"),
    "GBP": ("0.65", "0.74", "0.78", "0.75", "0.78", "0.78", "0.73", "0.81", "0.80", "0.78", "0.76"),
    "CHF": ("0.96", "0.99", "0.98", "0.98", "0.99", "0.94", "0.91", "0.95", "0.90", "0.88", "0.85"),
    "CNY": ("6.23", "6.64", "6.76", "6.62", "6.91", "6.90", "6.45", "6.73", "7.08", "7.19", "7.20"),
    "NGN": ("193", "253", "305", "306", "307", "358", "401", "425", "645", "1480", "1530"),
}
# States that often ask for assets back, and the places the assets were found, with the currency the
# requested State reports in.
REQUESTING = (
    "NGA",
    "KEN",
    "MYS",
    "UKR",
    "BRA",
    "PER",
    "TUN",
    "EGY",
    "IDN",
    "PHL",
    "MEX",
    "CHN",
    "GNQ",
    "UZB",
)
REQUESTED = {
    "CHE": "CHF",
    "GBR": "GBP",
    "USA": USD,
    "FRA": "EUR",
    "LUX": "EUR",
    "AUT": "EUR",
    "DEU": "EUR",
    "NLD": "EUR",
    "SGP": USD,
    "LIE": "CHF",
    "CHN": "CNY",
    "NGA": "NGN",
}
RECORDS = 300
DEMO_USER = "recovery.che"


def _rates(actor) -> int:
    created = 0
    for currency, values in RATES.items():
        for year, value in zip(YEARS, values, strict=True):
            _rate, made = ExchangeRate.objects.get_or_create(
                currency=currency,
                year=year,
                defaults={"units_per_usd": Decimal(value), "source": DEMO_SOURCE, "updated_by": actor},
            )
            created += made
    return created


def _records(actor) -> list[RecoveryRecord]:
    """The same records every run (a fixed seed), skipping States the reference data lacks."""
    states = {
        state.iso3: state for state in State.objects.parties().filter(iso3__in=[*REQUESTING, *REQUESTED])
    }
    rates = {(rate.currency, rate.year): rate.units_per_usd for rate in ExchangeRate.objects.all()}
    requesting = [code for code in REQUESTING if code in states]
    requested = [code for code in REQUESTED if code in states]
    if not requesting or not requested:
        return []
    rng = random.Random(2026)
    seen, records = set(), []
    measures = [Measure.FROZEN] * 4 + [Measure.SEIZED] * 3 + [Measure.CONFISCATED] * 2 + [Measure.RETURNED]
    for _attempt in range(RECORDS * 3):
        if len(records) == RECORDS:
            break
        source, target = rng.choice(requesting), rng.choice(requested)
        year, measure = rng.choice(YEARS), rng.choice(measures)
        if source == target or (source, target, year, measure) in seen:
            continue
        seen.add((source, target, year, measure))
        currency = REQUESTED[target]
        rate = Decimal(1) if currency == USD else rates.get((currency, year))
        if rate is None:
            continue
        usd = Decimal(round(10 ** rng.uniform(4.5, 8.2), -3))  # from about 30,000 to 160 million dollars
        amount = (usd * rate).quantize(Decimal("1"))
        offences = rng.sample([o.value for o in Offence if o != Offence.OTHER], k=rng.choice((0, 1, 1, 2, 3)))
        records.append(
            RecoveryRecord(
                year=year,
                requesting_state=states[source],
                requested_state=states[target],
                measure=measure,
                amount=amount,
                currency=currency,
                amount_usd=to_usd(amount, rate),
                cases=rng.choice((1, 1, 1, 2, 2, 3, 5)),
                offence_codes=encode_offences(offences),
                source=DEMO_SOURCE,
                entered_by=actor,
            )
        )
    return records


def _demo_user() -> User | None:
    switzerland = State.objects.filter(iso3="CHE").first()
    if switzerland is None:
        return None
    user = User.objects.filter(username=DEMO_USER).first()
    if user is None:
        user = User.objects.create_user(
            username=DEMO_USER,
            password=DEMO_PASSWORD,
            first_name="Central Authority",
            last_name="(Switzerland)",
            email=f"{DEMO_USER}@example.org",
        )
    Membership.objects.get_or_create(
        user=user, organisation=organisation_for_state(switzerland), role=Role.CENTRAL_AUTHORITY
    )
    return user


@transaction.atomic
def load_recovery_demo() -> list[str]:
    """Rates, records and the demo account; the lines say what is there (the same on every run)."""
    actor = User.objects.filter(username="secretariat").first()
    user = _demo_user()
    _rates(actor)
    if not RecoveryRecord.objects.filter(source=DEMO_SOURCE).exists():
        bulk_create_with_history(
            _records(actor), RecoveryRecord, default_user=actor, default_change_reason="demo"
        )
    lines = [
        f"Asset recovery: {ExchangeRate.objects.filter(source=DEMO_SOURCE).count()} exchange rates "
        f"({', '.join(RATES)}; {YEARS[0]}-{YEARS[-1]}, invented values), "
        f"{RecoveryRecord.objects.filter(source=DEMO_SOURCE).count()} records between States parties."
    ]
    if user is not None:
        lines.append(
            f"Asset recovery: account {DEMO_USER} (password {DEMO_PASSWORD}), central authority of "
            "Switzerland: enters and imports its State's records."
        )
    return lines
