"""Demo data of the directory: authorities and notifications for about forty real States parties, so
that the report of what is not yet notified shows both complete and missing entries, and one proposal
by Austria's focal point (demo account `focalpoint`) waiting for the secretariat.

The names, addresses and contacts are invented for the demo (plausible, not the UN register's); the
e-mail addresses use the reserved `.example` domain.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from cosp.core.models import User
from cosp.states.models import State

from .enums import AuthorityKind, ProposalAction, ProposalStatus, Provision, Reservation
from .models import Authority, Notification, Proposal

# ISO3 → languages accepted for requests (ISO 639-1), in the order a State would list them.
LANGUAGES = {
    "AUT": ["de", "en"], "CHN": ["zh", "en"], "KEN": ["en", "sw"], "BRA": ["pt", "en", "es"],
    "DEU": ["de"], "FRA": ["fr"], "GBR": ["en"], "USA": ["en"], "ITA": ["it", "en", "fr"],
    "ESP": ["es"], "NLD": ["nl", "en", "de", "fr"], "CHE": ["de", "fr", "it"], "SWE": ["sv", "en"],
    "NOR": ["no", "en"], "POL": ["pl"], "CZE": ["cs", "en"], "HUN": ["hu", "en"], "ROU": ["ro", "en"],
    "RUS": ["ru"], "UKR": ["uk", "ru", "en"], "TUR": ["tr"], "IND": ["en", "hi"], "IDN": ["id", "en"],
    "JPN": ["ja"], "KOR": ["ko", "en"], "AUS": ["en"], "MEX": ["es"], "ARG": ["es"], "COL": ["es"],
    "PER": ["es"], "CHL": ["es"], "ZAF": ["en"], "NGA": ["en"], "EGY": ["ar", "en"], "MAR": ["ar", "fr"],
    "SAU": ["ar"], "ARE": ["ar", "en"], "PAK": ["en"], "VNM": ["vi", "en"], "THA": ["th", "en"],
}  # fmt: skip

# States that make extradition conditional on a treaty, and whether they take the Convention as basis.
TREATY_REQUIRED = {"GBR": True, "USA": False, "AUS": True, "ZAF": True, "NGA": True, "IND": True, "ITA": True}
# States with a reservation on art. 66(2) in the demo; one of them withdrew it later.
RESERVATIONS = {"CHN", "EGY", "IDN", "PAK", "SAU", "VNM", "THA", "ARE"}
WITHDRAWN = "THA"

# Names written for the demo: (central authority, prevention authority, asset-recovery focal point).
NAMES = {
    "AUT": (
        "Federal Ministry of Justice, Directorate for International Criminal Law Cooperation",
        "Federal Bureau of Anti-Corruption",
        "Criminal Intelligence Service, Asset Recovery Office",
    ),
    "USA": (
        "Department of Justice, Office of International Affairs",
        "Office of Government Ethics",
        "Department of Justice, Money Laundering and Asset Recovery Section",
    ),
    "GBR": (
        "Home Office, UK Central Authority",
        "Cabinet Office, Anti-Corruption Unit",
        "National Crime Agency, International Corruption Unit",
    ),
    "KEN": (
        "Office of the Attorney General, International Cooperation Division",
        "Ethics and Anti-Corruption Commission",
        "Assets Recovery Agency",
    ),
    "BRA": (
        "Ministry of Justice, Department of Asset Recovery and International Legal Cooperation",
        "Office of the Comptroller General",
        "Ministry of Justice, Department of Asset Recovery and International Legal Cooperation",
    ),
    "FRA": (
        "Ministry of Justice, Office of Mutual Legal Assistance in Criminal Matters",
        "French Anti-Corruption Agency",
        "Agency for the Management and Recovery of Seized and Confiscated Assets",
    ),
}
# China's, in English and in Chinese.
CHINA = (
    ("Ministry of Justice, Department of International Cooperation", "司法部国际合作局"),
    ("National Commission of Supervision", "国家监察委员会"),
    ("Supreme People's Procuratorate, Department of International Cooperation", "最高人民检察院国际合作局"),
)
ROLES = {
    AuthorityKind.CENTRAL_AUTHORITY: (
        "Receives requests for mutual legal assistance and executes or transmits them to the competent "
        "authorities."
    ),
    AuthorityKind.PREVENTION: (
        "Helps other States parties develop and implement measures to prevent corruption."
    ),
    AuthorityKind.ASSET_RECOVERY: "Contact point for tracing, freezing and returning proceeds of corruption.",
}
LAUNDERING_LAWS = (
    "Criminal Code of {state}: the offence of laundering proceeds of crime, with the anti-money-laundering "
    "act and its amendments."
)
CONFISCATION_LAWS = "Code of Criminal Procedure, chapter on international cooperation in confiscation."
DEMO_PROPOSAL = (
    "Federal Ministry of Justice, Directorate IV for International Cooperation in Criminal Matters"
)


def _names(iso3: str, state: State) -> tuple[str, str, str]:
    if iso3 in NAMES:
        return NAMES[iso3]
    return (
        "Ministry of Justice, International Cooperation Department",
        f"National Anti-Corruption Authority of {state.short_name_en}",
        "Office of the Prosecutor-General, Asset Recovery Unit",
    )


def _authority(state: State, kind: str, name: str, *, name_zh: str = "", day: dt.date, index: int) -> None:
    domain = f"{state.iso3.lower()}.example"
    Authority.objects.get_or_create(
        state=state,
        kind=kind,
        name_en=name,
        territory="",
        defaults={
            "name_zh_hans": name_zh,
            "role_en": ROLES[kind],
            "designated_on": day,
            "contact_person": f"Head of unit {index}",
            "email": f"{kind.replace('_', '-')}@{domain}",
            "phone": f"+00 {100 + index} 555 01{index % 10}",
            "address": f"{index} Government Street, capital of {state.short_name_en}",
        },
    )


def _notification(state: State, provision: str, day: dt.date, **values) -> None:
    Notification.objects.get_or_create(state=state, provision=provision, notified_on=day, defaults=values)


@transaction.atomic
def load_authorities_demo() -> list[str]:
    """Authorities and notifications of the demo States parties; safe to run again."""
    states = {s.iso3: s for s in State.objects.parties().filter(iso3__in=LANGUAGES)}
    for index, iso3 in enumerate(LANGUAGES, start=1):
        state = states.get(iso3)
        if state is None:
            continue
        day = state.instrument_deposited_on or dt.date(2005, 12, 14)
        if iso3 == "CHN":
            for kind, (english, chinese) in zip(
                (AuthorityKind.CENTRAL_AUTHORITY, AuthorityKind.PREVENTION, AuthorityKind.ASSET_RECOVERY),
                CHINA,
                strict=True,
            ):
                _authority(state, kind, english, name_zh=chinese, day=day, index=index)
        else:
            central, prevention, recovery = _names(iso3, state)
            _authority(state, AuthorityKind.CENTRAL_AUTHORITY, central, day=day, index=index)
            # Gaps on purpose, so that the report has something to show as missing.
            if index % 3:
                _authority(state, AuthorityKind.PREVENTION, prevention, day=day, index=index)
            if index % 4:
                _authority(state, AuthorityKind.ASSET_RECOVERY, recovery, day=day, index=index)
        _notification(state, Provision.MLA_LANGUAGES, day, languages=LANGUAGES[iso3])
        if index % 5:
            _notification(
                state,
                Provision.MONEY_LAUNDERING_LAWS,
                day,
                description=LAUNDERING_LAWS.format(state=state.short_name_en),
            )
        if index % 2:
            _notification(
                state,
                Provision.CONFISCATION_LAWS,
                day,
                description=CONFISCATION_LAWS,
            )
        if iso3 in TREATY_REQUIRED:
            _notification(
                state,
                Provision.EXTRADITION_BASIS,
                day,
                treaty_required=True,
                convention_as_basis=TREATY_REQUIRED[iso3],
            )
        elif index % 6:
            _notification(state, Provision.EXTRADITION_BASIS, day, treaty_required=False)
        if iso3 in RESERVATIONS:
            _notification(state, Provision.RESERVATION, day, reservation=Reservation.MADE)
            if iso3 == WITHDRAWN:
                _notification(
                    state,
                    Provision.RESERVATION,
                    dt.date(2021, 6, 2),
                    reservation=Reservation.WITHDRAWN,
                    notes="Withdrawal notified to the Secretary-General.",
                )
    lines = _pending_proposal(states.get("AUT"))
    authorities = Authority.objects.current().filter(state__in=states.values())
    notifications = Notification.objects.filter(state__in=states.values())
    return [
        f"Competent authorities: {authorities.count()} for {len(states)} States parties "
        f"({notifications.count()} notifications, "
        f"{notifications.filter(provision=Provision.RESERVATION).count()} on reservations)",
        *lines,
    ]


def _pending_proposal(austria: State | None) -> list[str]:
    focal_point = User.objects.filter(username="focalpoint").first()
    if austria is None or focal_point is None:
        return []
    central = Authority.objects.current().filter(state=austria, kind=AuthorityKind.CENTRAL_AUTHORITY).first()
    Proposal.objects.get_or_create(
        state=austria,
        action=ProposalAction.CHANGE,
        authority=central,
        proposed_by=focal_point,
        status=ProposalStatus.PENDING,
        defaults={
            "data": {
                "kind": AuthorityKind.CENTRAL_AUTHORITY,
                "name_en": DEMO_PROPOSAL,
                "role_en": central.role_en,
                "designated_on": central.designated_on.isoformat(),
                "contact_person": central.contact_person,
                "email": "directorate-iv@aut.example",
                "phone": central.phone,
                "address": central.address,
            }
        },
    )
    return ["Pending: a change of Austria's central authority proposed by focalpoint, for the secretariat"]
