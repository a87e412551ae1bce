"""Proposals, the secretariat's approval or rejection, direct entries; every refusal saves nothing."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cosp.authorities import services
from cosp.authorities.enums import AuthorityKind, ProposalAction, ProposalStatus, Provision, Reservation
from cosp.authorities.models import Authority, LawFile, Notification, Proposal
from cosp.authorities.services import AuthorityRuleError

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NEW_NAME = "Ministry of Justice, International Cooperation Department"


def _counts():
    return (
        Authority.objects.count(),
        Notification.objects.count(),
        Proposal.objects.count(),
        LawFile.objects.count(),
        Authority.history.count(),
    )


def _refused(call, match: str):
    before = _counts()
    with pytest.raises(AuthorityRuleError, match=match):
        call()
    assert _counts() == before


def test_a_focal_points_change_waits_for_approval_then_changes_the_directory(
    person, austria, central_authority, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    focal_point, secretariat = person("focal_point"), person("secretariat")
    focal_point.email = "focal.point@example.org"
    focal_point.save()
    data = {"kind": AuthorityKind.CENTRAL_AUTHORITY, "name_en": NEW_NAME, "email": "new@justice.example"}
    proposal = services.propose_authority(austria, data=data, actor=focal_point, authority=central_authority)
    assert isinstance(proposal, Proposal)
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.action == ProposalAction.CHANGE
    central_authority.refresh_from_db()
    assert central_authority.name_en.startswith("Federal Ministry")  # unchanged until approved

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.approve(proposal, actor=secretariat)
    central_authority.refresh_from_db()
    assert central_authority.name_en == NEW_NAME
    assert central_authority.email == "new@justice.example"
    assert central_authority.history.first().history_user == secretariat
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    assert proposal.decided_by == secretariat
    assert len(callbacks) == 1  # the proposer's e-mail, queued on commit
    [message] = mailoutbox
    assert message.to == ["focal.point@example.org"]
    assert NEW_NAME in message.subject
    # An e-mail may be forwarded or read on a shared device: it names the entry, never its contacts.
    assert "new@justice.example" not in message.subject + message.body


def test_rejection_needs_a_reason_and_leaves_the_directory_alone(person, austria, central_authority):
    proposal = services.propose_removal(central_authority, actor=person("focal_point"), reason="Merged")
    _refused(lambda: services.reject(proposal, actor=person("secretariat"), reason=" "), "Say why")
    services.reject(proposal, actor=person("secretariat"), reason="The ministry still exists.")
    central_authority.refresh_from_db()
    assert central_authority.removed_on is None
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert proposal.reason == "The ministry still exists."
    # Decided once: a second decision is refused.
    _refused(lambda: services.approve(proposal, actor=person("secretariat")), "already decided")


def test_an_approved_removal_keeps_the_entry_in_the_history(person, austria, central_authority):
    proposal = services.propose_removal(central_authority, actor=person("focal_point"))
    services.approve(proposal, actor=person("secretariat"))
    central_authority.refresh_from_db()
    assert central_authority.removed_on is not None
    assert not Authority.objects.current().exists()
    assert central_authority.history.count() == 2


def test_the_secretariat_enters_directly(person, austria):
    authority = services.propose_authority(
        austria,
        data={"kind": AuthorityKind.PREVENTION, "name_en": "Federal Bureau of Anti-Corruption"},
        actor=person("secretariat"),
    )
    assert isinstance(authority, Authority)
    assert authority.pk
    assert authority.designated_on is not None
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("name", ["delegate", "expert", "observer", "third_central_authority"])
def test_others_may_not_propose_for_austria(person, austria, name):
    data = {"kind": AuthorityKind.PREVENTION, "name_en": "An office"}
    _refused(
        lambda: services.propose_authority(austria, data=data, actor=person(name)), "Only the focal point"
    )


def test_a_central_authority_official_keeps_only_central_authorities(person, austria, central_authority):
    official = person("central_authority")
    proposal = services.propose_authority(
        austria,
        data={"kind": AuthorityKind.CENTRAL_AUTHORITY, "name_en": NEW_NAME},
        actor=official,
        authority=central_authority,
    )
    assert proposal.state == austria
    _refused(
        lambda: services.propose_authority(
            austria, data={"kind": AuthorityKind.PREVENTION, "name_en": "An office"}, actor=official
        ),
        "central authorities only",
    )
    _refused(
        lambda: services.propose_notification(
            austria,
            data={
                "provision": Provision.MLA_LANGUAGES,
                "notified_on": dt.date(2020, 1, 1),
                "languages": ["en"],
            },
            actor=official,
        ),
        "Only the focal point",
    )


def test_one_central_authority_per_state_and_per_territory(person, austria, central_authority):
    focal_point = person("focal_point")
    _refused(
        lambda: services.propose_authority(
            austria, data={"kind": AuthorityKind.CENTRAL_AUTHORITY, "name_en": "Second"}, actor=focal_point
        ),
        "already has a central authority for its main system",
    )
    # Art. 46(13), second sentence: a territory with its own system may have its own.
    proposal = services.propose_authority(
        austria,
        data={
            "kind": AuthorityKind.CENTRAL_AUTHORITY,
            "name_en": "Territory office",
            "territory": "Vorarlberg",
        },
        actor=focal_point,
    )
    assert proposal.data["territory"] == "Vorarlberg"
    _refused(
        lambda: services.propose_authority(
            austria,
            data={"kind": AuthorityKind.PREVENTION, "name_en": "X", "territory": "Tyrol"},
            actor=focal_point,
        ),
        "leave the territory empty",
    )


def test_values_are_checked_and_a_second_pending_change_refused(person, austria, central_authority):
    focal_point = person("focal_point")
    _refused(
        lambda: services.propose_authority(
            austria, data={"kind": AuthorityKind.PREVENTION}, actor=focal_point
        ),
        "name in English",
    )
    _refused(lambda: services.propose_authority(austria, data={"name_en": "X"}, actor=focal_point), "kind")
    services.propose_removal(central_authority, actor=focal_point)
    _refused(
        lambda: services.propose_authority(
            austria,
            data={"kind": AuthorityKind.CENTRAL_AUTHORITY, "name_en": "Y"},
            actor=focal_point,
            authority=central_authority,
        ),
        "already waiting",
    )


def test_an_authority_of_another_state_is_refused(person, kenya, central_authority):
    _refused(
        lambda: services.propose_authority(
            kenya,
            data={"kind": AuthorityKind.CENTRAL_AUTHORITY, "name_en": "Y"},
            actor=person("secretariat"),
            authority=central_authority,
        ),
        "not a current entry",
    )


def test_a_notification_with_a_law_copy_is_versioned_on_approval(person, austria, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    focal_point, secretariat = person("focal_point"), person("secretariat")
    law = SimpleUploadedFile("aml-act.pdf", b"%PDF-1.4 anti-money-laundering act")
    proposal = services.propose_notification(
        austria,
        data={"provision": Provision.MONEY_LAUNDERING_LAWS, "notified_on": dt.date(2019, 5, 2)},
        files=[law],
        actor=focal_point,
    )
    assert proposal.is_notification
    assert proposal.files.count() == 1
    assert not Notification.objects.exists()
    services.approve(proposal, actor=secretariat)
    notification = Notification.objects.get()
    assert notification.files.get().title == "aml-act"
    assert notification.history.first().history_user == secretariat
    # A later text is a new version beside the first.
    services.propose_notification(
        austria,
        data={
            "provision": Provision.MONEY_LAUNDERING_LAWS,
            "notified_on": dt.date(2023, 3, 1),
            "description": "Amendments of 2023 to the Banking Act.",
        },
        actor=secretariat,
    )
    assert Notification.objects.filter(provision=Provision.MONEY_LAUNDERING_LAWS).count() == 2


def test_notification_values_are_refused_with_their_reason(person, austria):
    focal_point = person("focal_point")
    today = dt.date(2024, 1, 1)
    cases = [
        (
            {"provision": Provision.MLA_LANGUAGES, "notified_on": today, "languages": ["Elvish"]},
            "Not a language",
        ),
        (
            {"provision": Provision.MLA_LANGUAGES, "notified_on": today, "languages": []},
            "at least one language",
        ),
        ({"provision": Provision.CONFISCATION_LAWS, "notified_on": today}, "describe them"),
        (
            {"provision": Provision.EXTRADITION_BASIS, "notified_on": today, "treaty_required": True},
            "legal basis",
        ),
        (
            {"provision": Provision.RESERVATION, "notified_on": dt.date(2999, 1, 1), "reservation": "made"},
            "future",
        ),
        ({"provision": "", "notified_on": today}, "Choose the provision"),
        ({"provision": Provision.PREVENTION, "notified_on": today}, "designating authorities"),
    ]
    for data, match in cases:
        _refused(
            lambda data=data: services.propose_notification(austria, data=data, actor=focal_point), match
        )
    bad_file = SimpleUploadedFile("virus.exe", b"MZ")
    _refused(
        lambda: services.propose_notification(
            austria,
            data={"provision": Provision.CONFISCATION_LAWS, "notified_on": today},
            files=[bad_file],
            actor=focal_point,
        ),
        "virus.exe cannot be attached",
    )


def test_languages_are_stored_as_codes_and_reservations_withdrawn(person, austria):
    secretariat = person("secretariat")
    services.propose_notification(
        austria,
        data={
            "provision": Provision.MLA_LANGUAGES,
            "notified_on": dt.date(2006, 1, 11),
            "languages": ["German", "English", "en"],
        },
        actor=secretariat,
    )
    assert Notification.objects.get().languages == ["de", "en"]
    _refused(
        lambda: services.propose_notification(
            austria,
            data={
                "provision": Provision.RESERVATION,
                "notified_on": dt.date(2005, 1, 1),
                "reservation": Reservation.WITHDRAWN,
            },
            actor=secretariat,
        ),
        "no reservation under art. 66",
    )
    for day, value in (
        (dt.date(2006, 1, 11), Reservation.MADE),
        (dt.date(2015, 6, 1), Reservation.WITHDRAWN),
    ):
        services.propose_notification(
            austria,
            data={"provision": Provision.RESERVATION, "notified_on": day, "reservation": value},
            actor=secretariat,
        )
    assert Notification.objects.filter(provision=Provision.RESERVATION).count() == 2


def test_only_the_secretariat_decides(person, austria, central_authority):
    proposal = services.propose_removal(central_authority, actor=person("focal_point"))
    _refused(lambda: services.approve(proposal, actor=person("focal_point")), "Only the secretariat")
    _refused(lambda: services.reject(proposal, actor=person("delegate"), reason="no"), "Only the secretariat")
