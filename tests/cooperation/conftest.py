"""Fixtures of the cooperation tests: Kenya asks the United Kingdom for help; France is a third State.
`people` holds one user in every position the confidentiality rule distinguishes."""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cosp.cooperation import services
from cosp.cooperation.models import Request
from cosp.core.enums import Role
from cosp.core.models import User
from cosp.states.models import Article, Chapter

SUBJECT = "Bank records of Tsavo Holdings held at a London branch, 2019-2021"
REFERENCE = "KEN-MLA-SECRET-77"
REQUESTED_REFERENCE = "UKCA-SECRET-4411"
FILE_BYTES = b"Statement of facts: the contract for the Mombasa bypass, privately noted."
CONSULTATION = "Consulted on whether the bank-records request could be narrowed"
MESSAGE = "Please send the annex with the account numbers"


@dataclass
class World:
    request: Request
    people: dict[str, User | None]


@pytest.fixture
def convention(db):
    """Chapter III (articles 15-42) and article 46 of chapter IV."""
    chapter = Chapter.objects.create(number=3, roman="III", title_en="Criminalization and law enforcement")
    Article.objects.bulk_create(
        Article(number=number, chapter=chapter, title_en=f"Offence {number}") for number in range(15, 43)
    )
    four = Chapter.objects.create(number=4, roman="IV", title_en="International cooperation")
    Article.objects.create(number=46, chapter=four, title_en="Mutual legal assistance")


@pytest.fixture
def states(make_state):
    return {
        iso3: make_state(iso3, short_name_en=name, instrument="ratification")
        for iso3, name in (
            ("KEN", "Kenya"),
            ("GBR", "United Kingdom"),
            ("FRA", "France"),
            ("AUT", "Austria"),
        )
    }


@pytest.fixture
def people(make_user, states) -> dict[str, User | None]:
    """Everyone the permission tests walk through."""
    superuser = User.objects.create_superuser("root", "root@example.org", "correct-horse-9")
    people = {
        "anonymous": None,
        "observer": make_user(Role.OBSERVER_REPRESENTATIVE, username="observer"),
        "ken_delegate": make_user(Role.DELEGATE, username="ken_delegate", state="KEN"),
        "ken_focal_point": make_user(Role.FOCAL_POINT, username="ken_focal_point", state="KEN"),
        "ken_expert": make_user(Role.GOVERNMENTAL_EXPERT, username="ken_expert", state="KEN"),
        "gbr_focal_point": make_user(Role.FOCAL_POINT, username="gbr_focal_point", state="GBR"),
        "ken_authority": make_user(Role.CENTRAL_AUTHORITY, username="ken_authority", state="KEN"),
        "gbr_authority": make_user(Role.CENTRAL_AUTHORITY, username="gbr_authority", state="GBR"),
        "fra_authority": make_user(Role.CENTRAL_AUTHORITY, username="fra_authority", state="FRA"),
        "secretariat": make_user(Role.SECRETARIAT_OFFICER, username="secretariat"),
        "superuser": superuser,
    }
    for user in people.values():
        if user is not None:
            user.email = f"{user.username}@example.org"
            user.save(update_fields=["email"])
    return people


def new_request(people, states, **fields) -> Request:
    values = {
        "requesting_state": states["KEN"],
        "requested_state": states["GBR"],
        "kind": "mla",
        "legal_basis": "convention",
        "subject": SUBJECT,
        "requesting_reference": REFERENCE,
        "offences": Article.objects.filter(number__in=[15, 23]),
        **fields,
    }
    return services.create_request(actor=people["ken_authority"], **values)


@pytest.fixture
def world(convention, states, people, settings, tmp_path) -> World:
    """A sent, acknowledged request with a consultation, a message and a file."""
    settings.MEDIA_ROOT = tmp_path / "media"
    request = new_request(people, states)
    services.move(request, actor=people["ken_authority"], to="sent")
    services.move(request, actor=people["gbr_authority"], to="acknowledged", reference=REQUESTED_REFERENCE)
    services.consult(request, actor=people["gbr_authority"], held_on=timezone.localdate(), note=CONSULTATION)
    services.post_message(request, actor=people["gbr_authority"], text=MESSAGE)
    services.attach(
        request,
        actor=people["ken_authority"],
        upload=SimpleUploadedFile("facts.txt", FILE_BYTES),
        title="Statement of facts",
    )
    request.refresh_from_db()
    return World(request, people)
