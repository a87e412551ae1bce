"""Demo of request tracking: Kenya's central authority (demo account `centralauthority`) with requests
to and from the United Kingdom and Switzerland at every status, and older requests between other
States, none of them with a demo user, so the secretariat's anonymous statistics have figures.

Two central-authority accounts of its own (password core.demo.DEMO_PASSWORD): `centralauthority.gbr`
(United Kingdom) and `centralauthority.che` (Switzerland). Dates count back from the day it runs, so
one request is always overdue. Requests are found again by their reference: running it again changes
nothing and says the same.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from cosp.core.demo import DEMO_PASSWORD, create_demo_accounts
from cosp.core.enums import Role
from cosp.core.models import Membership, User, organisation_for_state
from cosp.states.models import Article, State

from . import services
from .enums import LegalBasis, ReasonPurpose, RequestKind, Status
from .models import Consultation, ReasonGiven, Request, StatusChange

ACCOUNTS = {"GBR": "centralauthority.gbr", "CHE": "centralauthority.che"}
NAMES = {"GBR": "Central Authority (United Kingdom)", "CHE": "Central Authority (Switzerland)"}

# (reference, requesting, requested, kind, legal basis, urgent, subject, [(status, days ago)], offences)
STORIES = [
    (
        "KEN-DEMO-01",
        "KEN",
        "GBR",
        "mla",
        "convention",
        False,
        "Draft: records of a property purchase in London by a former county official.",
        [],
        [15, 23],
    ),
    (
        "KEN-DEMO-02",
        "KEN",
        "CHE",
        "asset_recovery",
        "convention",
        False,
        "Tracing of accounts opened in Geneva in the name of two shell companies.",
        [("sent", 4)],
        [23],
    ),
    (
        "GBR-DEMO-03",
        "GBR",
        "KEN",
        "mla",
        "reciprocity",
        False,
        "Witness statements from employees of a Nairobi contractor in a bribery case.",
        [("sent", 6), ("received", 3)],
        [16],
    ),
    (
        "KEN-DEMO-04",
        "KEN",
        "GBR",
        "mla",
        "treaty",
        False,
        "Bank records of a procurement officer's family trust.",
        [("sent", 40), ("acknowledged", 33)],
        [17, 23],
    ),
    (
        "KEN-DEMO-05",
        "KEN",
        "CHE",
        "asset_recovery",
        "convention",
        True,
        "Freezing of the proceeds of a road-construction kickback scheme.",
        [("sent", 30), ("acknowledged", 25), ("in_execution", 20)],
        [23],
    ),
    (
        "KEN-DEMO-06",
        "KEN",
        "GBR",
        "extradition",
        "treaty",
        False,
        "Surrender of a businessman charged with embezzlement of public funds.",
        [("sent", 300), ("received", 295), ("acknowledged", 290), ("in_execution", 250), ("executed", 60)],
        [17],
    ),
    (
        "CHE-DEMO-07",
        "CHE",
        "KEN",
        "mla",
        "convention",
        False,
        "Company registry extracts and tax filings of an import firm.",
        [("sent", 200), ("acknowledged", 190), ("in_execution", 150), ("partially_executed", 90)],
        [15],
    ),
    (
        "KEN-DEMO-08",
        "KEN",
        "CHE",
        "mla",
        "convention",
        False,
        "Account-opening documents for a numbered account linked to a ministry tender.",
        [("sent", 150), ("acknowledged", 140), ("consulted", 100), ("refused", 80)],
        [15, 23],
    ),
    (
        "KEN-DEMO-09",
        "KEN",
        "GBR",
        "mla",
        "reciprocity",
        False,
        "Interview of a consultant, no longer needed after a guilty plea.",
        [("sent", 100), ("received", 95), ("withdrawn", 70)],
        [21],
    ),
    # Sent long ago and never acknowledged: overdue.
    (
        "KEN-DEMO-10",
        "KEN",
        "GBR",
        "asset_recovery",
        "convention",
        True,
        "Seizure of a London flat bought with diverted health-sector funds.",
        [("sent", 25)],
        [17, 23],
    ),
]
TREATY = "Treaty on mutual legal assistance in criminal matters (demo)"
REFUSAL = (
    "The transaction is not an offence under the requested State's law at the material time; "
    "the bank would also not release the documents."
)

STATISTICS_STATES = ["FRA", "DEU", "BRA", "NGA", "IND", "MEX", "ZAF", "IDN", "ITA", "ESP", "ARG", "EGY"]
STATISTICS_YEARS = range(2021, 2026)
STATISTICS_PER_YEAR = 14


def _official(iso3: str) -> User:
    user, _ = User.objects.get_or_create(username=ACCOUNTS[iso3])
    first, _, last = NAMES[iso3].partition(" ")
    user.first_name, user.last_name, user.email = first, last, f"{ACCOUNTS[iso3]}@example.org"
    user.set_password(DEMO_PASSWORD)
    user.save()
    organisation = organisation_for_state(State.objects.get(iso3=iso3))
    Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.CENTRAL_AUTHORITY)
    return user


def _kenya() -> User:
    user = User.objects.filter(username="centralauthority").first()
    if user is None:
        create_demo_accounts()
        user = User.objects.get(username="centralauthority")
    return user


def _story(story, officials: dict[str, User], today: dt.date) -> None:
    reference, requesting, requested, kind, basis, urgent, subject, steps, offences = story
    request = services.create_request(
        actor=officials[requesting],
        requesting_state=State.objects.get(iso3=requesting),
        requested_state=State.objects.get(iso3=requested),
        kind=kind,
        asset_recovery_step="freezing" if kind == "asset_recovery" else "",
        legal_basis=basis,
        treaty=TREATY if basis == "treaty" else "",
        urgency="urgent" if urgent else "normal",
        requesting_reference=reference,
        subject=subject,
        offences=Article.objects.filter(number__in=offences),
    )
    for step, days_ago in steps:
        on = today - dt.timedelta(days=days_ago)
        if step == "consulted":
            services.consult(
                request,
                actor=officials[requested],
                held_on=on,
                note="Video call on whether dual criminality could be met and what the bank could release.",
            )
            continue
        side = requesting if step in ("sent", "withdrawn") else requested
        services.move(
            request,
            actor=officials[side],
            to=step,
            on=on,
            reference=f"{requested}-{reference[-2:]}" if step == "acknowledged" else "",
            reasons=["dual_criminality", "bank_secrecy"] if step == "refused" else (),
            note=REFUSAL if step == "refused" else "",
        )


def _statistics_requests(today: dt.date) -> int:
    """Older requests between States with no demo user, recorded straight into the log: only their
    type, basis, dates and outcome matter (the statistics never read more)."""
    lot = random.Random(46)
    states = {s.iso3: s for s in State.objects.filter(iso3__in=STATISTICS_STATES)}
    codes = sorted(states)
    if len(codes) < 2 or Request.objects.filter(requesting_reference__startswith="STAT-").exists():
        return 0
    offences = list(Article.objects.filter(number__in=[15, 16, 17, 23]))
    made = 0
    for year in STATISTICS_YEARS:
        for number in range(1, STATISTICS_PER_YEAR + 1):
            requesting, requested = lot.sample(codes, 2)
            kind = lot.choices(RequestKind.values, weights=[6, 2, 3])[0]
            basis = lot.choices(LegalBasis.values, weights=[5, 3, 2, 1])[0]
            sent = dt.date(year, 1, 1) + dt.timedelta(days=lot.randrange(0, 330))
            acknowledged = sent + dt.timedelta(days=lot.randrange(3, 40))
            outcome = lot.choices(
                ["executed", "partially_executed", "refused", "withdrawn", "in_execution"],
                weights=[6, 2, 2, 1, 1],
            )[0]
            closed = acknowledged + dt.timedelta(days=lot.randrange(20, 400))
            if closed > today:
                outcome, closed = "in_execution", None
            reference = f"STAT-{year}-{number:02d}"
            if Request.objects.filter(
                requesting_state=states[requesting], requesting_reference=reference
            ).exists():
                continue
            request = Request.objects.create(
                requesting_state=states[requesting],
                requested_state=states[requested],
                kind=kind,
                legal_basis=basis,
                treaty="Bilateral treaty (demo)" if basis == "treaty" else "",
                requesting_reference=reference,
                subject="Demonstration request for the statistics.",
            )
            request.offences.set(lot.sample(offences, min(len(offences), 1)))
            log = [(Status.DRAFT, sent), (Status.SENT, sent), (Status.ACKNOWLEDGED, acknowledged)]
            log.append((Status.IN_EXECUTION, acknowledged + dt.timedelta(days=5)))
            if outcome != "in_execution":
                log.append((Status(outcome), closed))
            for status, on in log:
                StatusChange.objects.create(request=request, status=status, on=on)
                request.status = status
                if status in services.DATE_FIELDS:
                    setattr(request, services.DATE_FIELDS[status], on)
            request.received_on = request.sent_on
            request.save()
            if outcome == "refused":
                Consultation.objects.create(
                    request=request, held_on=acknowledged, note="Consultation (demo)."
                )
                for reason in lot.sample(
                    [
                        "dual_criminality",
                        "insufficient_information",
                        "bank_secrecy",
                        "statute_of_limitations",
                        "political_offence",
                        "ne_bis_in_idem",
                    ],
                    2,
                ):
                    ReasonGiven.objects.create(request=request, purpose=ReasonPurpose.REFUSAL, reason=reason)
            made += 1
    return made


@transaction.atomic
def load_cooperation_demo() -> list[str]:
    """The demo's requests and accounts; the lines say what is there (the same on every run)."""
    if State.objects.filter(iso3__in=["KEN", *ACCOUNTS]).count() < 1 + len(ACCOUNTS):
        return ["Cooperation: the reference data is not loaded (run cosp load_reference_data); nothing made."]
    today = timezone.localdate()
    officials = {"KEN": _kenya(), **{iso3: _official(iso3) for iso3 in ACCOUNTS}}
    for story in STORIES:
        exists = Request.objects.filter(
            requesting_state__iso3=story[1], requesting_reference=story[0]
        ).exists()
        if not exists:
            _story(story, officials, today)
    _statistics_requests(today)
    kenya = State.objects.get(iso3="KEN")
    own = Request.objects.filter(requesting_reference__in=[story[0] for story in STORIES])
    older = Request.objects.filter(requesting_reference__startswith="STAT-")
    return [
        "Cooperation: central-authority accounts "
        + ", ".join(f"{username} ({iso3})" for iso3, username in ACCOUNTS.items())
        + f", password {DEMO_PASSWORD}; Kenya's is centralauthority.",
        f"Cooperation: {own.count()} requests of {kenya.short_name_en}'s central authority with the "
        "United Kingdom and Switzerland, one at each status, a refusal after consultation and one overdue.",
        f"Cooperation: {older.count()} older requests between other States for the anonymous statistics.",
    ]
