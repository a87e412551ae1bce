"""Demo accounts: one per role, so a newcomer can see the platform as each kind of user sees it."""

from dataclasses import dataclass

from django.db import transaction

from cosp.states.models import State

from .enums import ObserverCategory, OrganisationKind, Role
from .models import Membership, Organisation, User, organisation_for_state

DEMO_PASSWORD = "cosp-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    organisation: str  # ISO3 of a State, "secretariat", or an observer's abbreviation


DEMO_ACCOUNTS = [
    DemoAccount("secretariat", "Secretariat Officer", Role.SECRETARIAT_OFFICER, "secretariat"),
    DemoAccount("focalpoint", "Focal Point (Austria)", Role.FOCAL_POINT, "AUT"),
    DemoAccount("delegate", "Delegate (China)", Role.DELEGATE, "CHN"),
    DemoAccount("expert", "Governmental Expert (Brazil)", Role.GOVERNMENTAL_EXPERT, "BRA"),
    DemoAccount("centralauthority", "Central Authority (Kenya)", Role.CENTRAL_AUTHORITY, "KEN"),
    DemoAccount("observer", "Observer (Transparency International)", Role.OBSERVER_REPRESENTATIVE, "TI"),
]


def secretariat() -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        kind=OrganisationKind.SECRETARIAT,
        defaults={
            "name_en": "Secretariat of the Conference (UNODC)",
            "name_zh_hans": "缔约国会议秘书处（毒品和犯罪问题办公室）",
            "abbreviation": "UNODC",
        },
    )
    return organisation


def _organisation(key: str) -> Organisation:
    if key == "secretariat":
        return secretariat()
    if key == "TI":
        organisation, _ = Organisation.objects.get_or_create(
            code="ti",  # the reference data's Transparency International, when loaded
            defaults={
                "kind": OrganisationKind.OBSERVER,
                "abbreviation": "TI",
                "name_en": "Transparency International",
                "name_zh_hans": "透明国际",
                "observer_category": ObserverCategory.NGO_ECOSOC,
            },
        )
        return organisation
    return organisation_for_state(State.objects.get(iso3=key))


@transaction.atomic
def create_demo_accounts() -> list[DemoAccount]:
    """Create (or reset) the demo accounts; safe to run again."""
    for account in DEMO_ACCOUNTS:
        first, _, last = account.full_name.partition(" ")
        user, _ = User.objects.get_or_create(username=account.username)
        user.first_name, user.last_name = first, last
        user.email = f"{account.username}@example.org"
        user.set_password(DEMO_PASSWORD)
        user.save()
        Membership.objects.get_or_create(
            user=user, organisation=_organisation(account.organisation), role=account.role
        )
    return DEMO_ACCOUNTS
