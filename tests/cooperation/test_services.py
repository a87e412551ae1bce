"""The services: who may act, the moves, refusals that save nothing, attachments, notifications."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cosp.cooperation import services
from cosp.cooperation.models import Attachment, Consultation, ReasonGiven, Request, StatusChange
from cosp.cooperation.services import CooperationError
from cosp.states.models import Article
from tests.cooperation.conftest import REFERENCE, SUBJECT, new_request

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Send queued e-mail at once, so the tests read mail.outbox."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def codes(error: CooperationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {item.code for items in error.error_dict.values() for item in items}
    return {item.code for item in error.error_list}


def counts() -> tuple[int, ...]:
    return (
        Request.objects.count(),
        StatusChange.objects.count(),
        Consultation.objects.count(),
        ReasonGiven.objects.count(),
        Attachment.objects.count(),
    )


@pytest.fixture
def draft(convention, states, people):
    return new_request(people, states)


def test_a_new_request_is_a_draft_of_the_requesting_authority(draft, people):
    assert (draft.status, draft.subject, draft.requesting_reference) == ("draft", SUBJECT, REFERENCE)
    assert sorted(draft.offences.values_list("number", flat=True)) == [15, 23]
    assert draft.changes.get().actor == people["ken_authority"]


@pytest.mark.parametrize(
    ("who", "fields", "code"),
    [
        ("gbr_authority", {}, "not_your_authority"),
        ("ken_focal_point", {}, "not_your_authority"),
        ("secretariat", {}, "not_your_authority"),
        ("ken_authority", {"requested_state": "KEN"}, "same_state"),
        ("ken_authority", {"legal_basis": "treaty"}, "treaty_missing"),
        ("ken_authority", {"subject": "  "}, "subject_missing"),
        ("ken_authority", {"offences": [46]}, "not_an_offence"),
    ],
)
def test_create_refuses_and_saves_nothing(convention, states, people, who, fields, code):
    if "requested_state" in fields:
        fields["requested_state"] = states[fields["requested_state"]]
    if "offences" in fields:
        fields["offences"] = Article.objects.filter(number__in=fields["offences"])
    values = {
        "requesting_state": states["KEN"],
        "requested_state": states["GBR"],
        "kind": "mla",
        "legal_basis": "convention",
        "subject": SUBJECT,
        **fields,
    }
    with pytest.raises(CooperationError) as caught:
        services.create_request(actor=people[who], **values)
    assert code in codes(caught.value)
    assert counts() == (0, 0, 0, 0, 0)


def test_a_reference_is_unique_per_requesting_state(draft, states, people):
    with pytest.raises(CooperationError, match=REFERENCE):
        new_request(people, states)


def test_the_life_cycle_sets_status_and_dates_from_the_log(draft, people):
    today = timezone.localdate()
    services.move(draft, actor=people["ken_authority"], to="sent", on=today - dt.timedelta(days=5))
    services.move(draft, actor=people["gbr_authority"], to="acknowledged", reference="GB-1")
    services.move(draft, actor=people["gbr_authority"], to="in_execution")
    services.move(draft, actor=people["gbr_authority"], to="executed", note="Records sent by courier")
    draft.refresh_from_db()
    assert draft.status == "executed"
    assert (draft.sent_on, draft.received_on, draft.acknowledged_on, draft.executed_on) == (
        today - dt.timedelta(days=5),
        today,
        today,
        today,
    )
    assert draft.requested_reference == "GB-1"
    assert list(draft.changes.values_list("status", flat=True)) == [
        "draft",
        "sent",
        "acknowledged",
        "in_execution",
        "executed",
    ]


@pytest.mark.parametrize(
    "who", ["gbr_authority", "fra_authority", "ken_focal_point", "secretariat", "superuser"]
)
def test_only_the_requesting_authority_sends_a_draft(draft, people, who):
    before = counts()
    with pytest.raises(CooperationError):
        services.move(draft, actor=people[who], to="sent")
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert counts() == before


def test_a_third_state_is_told_the_same_as_for_a_missing_request(world, people):
    with pytest.raises(CooperationError, match="no such request") as caught:
        services.post_message(world.request, actor=people["fra_authority"], text="hello")
    assert codes(caught.value) == {"not_allowed"}


def test_refusal_requires_a_consultation_then_records_the_reasons(convention, states, people):
    request = new_request(people, states)
    services.move(request, actor=people["ken_authority"], to="sent")
    services.move(request, actor=people["gbr_authority"], to="acknowledged")
    before = counts()
    with pytest.raises(CooperationError, match=r"46\(26\)"):
        services.move(request, actor=people["gbr_authority"], to="refused", reasons=["dual_criminality"])
    assert counts() == before
    services.consult(request, actor=people["gbr_authority"], held_on=timezone.localdate(), note="Call")
    with pytest.raises(CooperationError, match="at least one reason"):
        services.move(request, actor=people["gbr_authority"], to="refused")
    services.move(
        request,
        actor=people["gbr_authority"],
        to="refused",
        reasons=["dual_criminality", "bank_secrecy"],
        note="No",
    )
    request.refresh_from_db()
    assert request.status == "refused"
    assert request.refused_on == timezone.localdate()
    assert sorted(request.reasons.values_list("reason", "purpose")) == [
        ("bank_secrecy", "refusal"),
        ("dual_criminality", "refusal"),
    ]
    assert request.reasons.get(reason="bank_secrecy").not_a_ground == "46(8)"


def test_the_requesting_side_cannot_acknowledge_or_refuse(world, people):
    with pytest.raises(CooperationError, match="requested State"):
        services.move(world.request, actor=people["ken_authority"], to="executed")


def test_dates_cannot_be_in_the_future_or_before_the_last_change(world, people):
    with pytest.raises(CooperationError, match="future"):
        services.move(world.request, actor=people["gbr_authority"], to="in_execution", on=dt.date(2999, 1, 1))
    with pytest.raises(CooperationError, match="before"):
        services.move(world.request, actor=people["gbr_authority"], to="in_execution", on=dt.date(2000, 1, 1))


def test_delays_are_explained_by_the_requested_side_only(world, people):
    services.record_delay(world.request, actor=people["gbr_authority"], reasons=["insufficient_information"])
    with pytest.raises(CooperationError, match="requested State"):
        services.record_delay(world.request, actor=people["ken_authority"], reasons=["other"])
    with pytest.raises(CooperationError, match="at least one reason"):
        services.record_delay(world.request, actor=people["gbr_authority"], reasons=[])
    assert list(world.request.reasons.values_list("purpose", "reason")) == [
        ("delay", "insufficient_information")
    ]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("run.exe", b"MZ", "cannot be attached"),
        ("empty.txt", b"", "empty"),
        ("fake.pdf", b"hello", "not one"),
        ("latin.txt", "café au lait".encode("latin-1"), "UTF-8"),
    ],
)
def test_bad_attachments_are_refused_and_nothing_is_stored(world, people, name, content, problem, tmp_path):
    before = counts()
    with pytest.raises(CooperationError, match=problem):
        services.attach(
            world.request, actor=people["gbr_authority"], upload=SimpleUploadedFile(name, content)
        )
    assert counts() == before
    assert sorted(p.name for p in (tmp_path / "media" / "cooperation").iterdir()) == [
        world.request.attachments.get().file.name.rsplit("/", 1)[1]
    ]


def test_stored_file_names_say_nothing_of_the_request(world):
    name = world.request.attachments.get().file.name
    assert name.startswith("cooperation/")
    assert "facts" not in name
    assert REFERENCE not in name


def test_the_other_side_is_told_of_a_move_without_the_contents(
    world, people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move(world.request, actor=people["gbr_authority"], to="in_execution")
    [message] = mail.outbox
    assert message.to == ["ken_authority@example.org"]
    assert REFERENCE in message.subject
    assert SUBJECT not in message.body
    assert "Tsavo" not in message.body


def test_drafts_send_no_mail(convention, states, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        new_request(people, states)
    assert mail.outbox == []
