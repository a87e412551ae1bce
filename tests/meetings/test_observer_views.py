"""The observers' pages: the list as each role may see it, applications, the secretariat's steps, State
parties' objections and the circulated list of other NGOs."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cosp.core.enums import ObserverCategory
from cosp.core.models import Membership, Organisation
from cosp.meetings.enums import AdmissionRoute, AdmissionStatus, AttendanceGroup, Office
from cosp.meetings.models import Delegation, Objection, Officer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = timezone.localdate()


def observer(session, organisation, status, **fields) -> Delegation:
    """An observer delegation at a given step, written directly (the services are tested on their own)."""
    category = ObserverCategory(organisation.observer_category)
    route = {
        ObserverCategory.NGO_OTHER: AdmissionRoute.NGO_LIST,
        ObserverCategory.NGO_ECOSOC: AdmissionRoute.BUREAU,
        ObserverCategory.UN_BODY: AdmissionRoute.NOTICE,
    }[category]
    group = {
        ObserverCategory.NGO_OTHER: AttendanceGroup.NGO_OTHER,
        ObserverCategory.NGO_ECOSOC: AttendanceGroup.NGO_ECOSOC,
        ObserverCategory.UN_BODY: AttendanceGroup.UN_ENTITY,
    }[category]
    return Delegation.objects.create(
        session=session,
        organisation=organisation,
        group=group,
        admission_route=route,
        admission_status=status,
        applied_on=fields.pop("applied_on", TODAY - timedelta(days=120)),
        **fields,
    )


@pytest.fixture
def objected(make_session, make_observer_org, make_party):
    """A session in ten days: one admitted UN body, one NGO awaiting the bureau, one listed NGO that a
    State party objected to."""
    session = make_session(10)
    admitted = observer(
        session, make_observer_org("Development Programme", ObserverCategory.UN_BODY), "admitted"
    )
    pending = observer(session, make_observer_org("Consultative NGO", ObserverCategory.NGO_ECOSOC), "applied")
    contested = observer(
        session,
        make_observer_org("Contested Watch", ObserverCategory.NGO_OTHER),
        AdmissionStatus.OBJECTED,
        listed_on=TODAY - timedelta(days=30),
    )
    Objection.objects.create(
        delegation=contested,
        subject=Objection.Subject.ADMISSION,
        by_state=make_party("OBJ", name="Objectorland"),
        raised_on=TODAY - timedelta(days=3),
    )
    return {"session": session, "admitted": admitted, "pending": pending, "contested": contested}


def page(client, session, suffix="") -> str:
    response = client.get(f"/meetings/{session.slug}/observers/{suffix}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_public_sees_admitted_observers_and_the_deadlines(client, objected):
    session = objected["session"]

    text = page(client, session)

    assert "Development Programme" in text
    assert "Consultative NGO" not in text
    assert "Contested Watch" not in text
    assert "Objectorland" not in text
    deadline = session.start - timedelta(days=30)
    assert f"{deadline:%-d %B %Y}" in text  # the list's circulation date


@pytest.mark.parametrize("role", ["anonymous", "observer", "delegate", "focal_point"])
def test_who_objected_is_hidden_from_everyone_but_the_secretariat_and_the_bureau(client_as, objected, role):
    text = page(client_as(role), objected["session"])

    assert "Objectorland" not in text


def test_the_secretariat_sees_every_application_who_objected_and_the_actions(client_as, objected):
    session, contested = objected["session"], objected["contested"]

    text = page(client_as("secretariat"), session)

    assert "Consultative NGO" in text
    assert "Contested Watch" in text
    assert "Objectorland" in text
    assert f"/meetings/{session.slug}/observers/{contested.pk}/refer/" in text
    assert f"/meetings/{session.slug}/observers/{objected['pending'].pk}/grant/" in text
    assert f"/meetings/{session.slug}/observers/record/" in text


def test_a_bureau_member_sees_who_objected_but_has_no_actions(client_as, objected, make_party):
    session = objected["session"]
    client = client_as("delegate")  # a delegate of AUT
    Officer.objects.create(session=session, office=Office.PRESIDENT, state=make_party("AUT"))

    text = page(client, session)

    assert "Objectorland" in text
    assert "Consultative NGO" in text
    assert "/refer/" not in text


def test_an_observer_sees_its_own_application(client_as, objected):
    client = client_as("observer")  # represents "An NGO", in consultative status
    membership = Membership.objects.get(user__username="observer")
    observer(objected["session"], membership.organisation, AdmissionStatus.APPLIED)

    text = page(client, objected["session"])

    assert "An NGO" in text
    assert "Applied or notified" in text
    assert "Consultative NGO" not in text


def test_an_observer_applies_for_its_organisation_in_time(client_as, make_session):
    session = make_session(28)  # applications to the bureau close 17 days before
    client = client_as("observer")

    response = client.post(f"/meetings/{session.slug}/observers/apply/")

    assert response.status_code == 302
    delegation = Delegation.objects.get(session=session)
    assert (delegation.organisation.name, delegation.admission_status, delegation.applied_on) == (
        "An NGO",
        AdmissionStatus.APPLIED,
        TODAY,
    )


def test_an_ngo_applying_too_late_is_told_why_and_nothing_is_saved(client_as, make_session):
    session = make_session(28)  # other NGOs had to apply 115 days before
    client = client_as("observer")
    Organisation.objects.filter(name_en="An NGO").update(observer_category=ObserverCategory.NGO_OTHER)

    response = client.post(f"/meetings/{session.slug}/observers/apply/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "rule 17(2)" in text
    assert f"{session.start - timedelta(days=115):%-d %B %Y}" in text
    assert not Delegation.objects.exists()


def test_the_secretariat_records_a_signatory_notice_received_by_post(client_as, make_session, make_non_party):
    session = make_session(5)
    signatory = make_non_party("SGN")

    response = client_as("secretariat").post(
        f"/meetings/{session.slug}/observers/record/",
        {"state": signatory.pk, "received_on": TODAY.isoformat()},
    )

    assert response.status_code == 302
    delegation = Delegation.objects.get(session=session)
    assert (delegation.organisation.state, delegation.admission_status) == (
        signatory,
        AdmissionStatus.ADMITTED,
    )


def test_recording_an_application_needs_exactly_one_applicant(
    client_as, make_session, make_non_party, make_observer_org
):
    session = make_session(5)

    response = client_as("secretariat").post(
        f"/meetings/{session.slug}/observers/record/",
        {
            "state": make_non_party("SGN").pk,
            "organisation": make_observer_org().pk,
            "received_on": TODAY.isoformat(),
        },
    )

    assert response.status_code == 200
    assert "Choose either the organization or the State" in response.content.decode()
    assert not Delegation.objects.exists()


def test_a_date_in_the_future_is_refused_at_the_form(client_as, make_session, make_observer_org):
    session = make_session(200)

    response = client_as("secretariat").post(
        f"/meetings/{session.slug}/observers/record/",
        {"organisation": make_observer_org().pk, "received_on": (TODAY + timedelta(days=1)).isoformat()},
    )

    assert "This date is in the future" in response.content.decode()
    assert not Delegation.objects.exists()


def test_the_secretariat_circulates_the_list_in_time(client_as, make_session, make_observer_org):
    session = make_session(60)
    ngo = observer(session, make_observer_org(), AdmissionStatus.APPLIED)

    response = client_as("secretariat").post(
        f"/meetings/{session.slug}/observers/circulate/", {"on": TODAY.isoformat()}
    )

    assert response.status_code == 302
    ngo.refresh_from_db()
    assert (ngo.admission_status, ngo.listed_on) == (AdmissionStatus.LISTED, TODAY)


def test_circulating_the_list_too_late_is_refused_with_the_reason(client_as, make_session, make_observer_org):
    session = make_session(28)
    ngo = observer(session, make_observer_org(), AdmissionStatus.APPLIED)

    response = client_as("secretariat").post(
        f"/meetings/{session.slug}/observers/circulate/", {"on": TODAY.isoformat()}
    )

    assert response.status_code == 200
    assert "at least 30 days before the session" in response.content.decode()
    ngo.refresh_from_db()
    assert (ngo.admission_status, ngo.listed_on) == (AdmissionStatus.APPLIED, None)


def test_closing_the_no_objection_period_early_is_refused(client_as, make_session, make_observer_org):
    session = make_session(10)
    ngo = observer(session, make_observer_org(), AdmissionStatus.LISTED, listed_on=TODAY - timedelta(days=25))

    response = client_as("secretariat").post(
        f"/meetings/{session.slug}/observers/close/", {"on": TODAY.isoformat()}
    )

    assert "status can be granted only after it has passed" in response.content.decode()
    ngo.refresh_from_db()
    assert ngo.admission_status == AdmissionStatus.LISTED


def test_closing_the_no_objection_period_after_it_ended_admits_the_ngo(
    client_as, make_session, make_observer_org
):
    session = make_session(0)  # opens today: the period ended yesterday
    ngo = observer(session, make_observer_org(), AdmissionStatus.LISTED, listed_on=TODAY - timedelta(days=35))

    response = client_as("secretariat").post(
        f"/meetings/{session.slug}/observers/close/", {"on": TODAY.isoformat()}
    )

    assert response.status_code == 302
    ngo.refresh_from_db()
    assert ngo.admission_status == AdmissionStatus.ADMITTED


def test_a_focal_point_objects_for_its_own_state_during_the_period(
    client_as, make_session, make_observer_org
):
    session = make_session(10)
    ngo = observer(session, make_observer_org(), AdmissionStatus.LISTED, listed_on=TODAY - timedelta(days=25))
    client = client_as("focal_point")  # of AUT, a State party

    form = client.get(f"/meetings/{session.slug}/observers/{ngo.pk}/object/").content.decode()
    response = client.post(
        f"/meetings/{session.slug}/observers/{ngo.pk}/object/", {"raised_on": TODAY.isoformat()}
    )

    assert 'name="by_state"' not in form
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert (objection.by_state.iso3, objection.delegation, objection.raised_on) == ("AUT", ngo, TODAY)
    ngo.refresh_from_db()
    assert ngo.admission_status == AdmissionStatus.OBJECTED


def test_the_focal_point_sees_the_listed_ngos_it_may_object_to(client_as, make_session, make_observer_org):
    session = make_session(10)
    ngo = observer(session, make_observer_org("Listed Watch"), AdmissionStatus.LISTED, listed_on=TODAY)

    text = page(client_as("focal_point"), session)

    assert "Listed Watch" in text
    assert f"/observers/{ngo.pk}/object/" in text


def test_the_listed_ngos_are_not_offered_for_objection_once_the_period_is_over(
    client_as, make_session, make_observer_org
):
    session = make_session(0)  # the period ended yesterday
    observer(
        session,
        make_observer_org("Listed Watch"),
        AdmissionStatus.LISTED,
        listed_on=TODAY - timedelta(days=40),
    )

    text = page(client_as("focal_point"), session)

    assert "Listed Watch" not in text


def test_an_ngo_not_yet_on_the_list_is_not_open_to_objection(client_as, make_session, make_observer_org):
    session = make_session(10)
    ngo = observer(session, make_observer_org(), AdmissionStatus.APPLIED)

    response = client_as("focal_point").get(f"/meetings/{session.slug}/observers/{ngo.pk}/object/")

    assert response.status_code == 404


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("observer", 403), ("delegate", 403)])
def test_only_focal_points_and_the_secretariat_may_object(
    client_as, make_session, make_observer_org, role, status
):
    session = make_session(10)
    ngo = observer(session, make_observer_org(), AdmissionStatus.LISTED, listed_on=TODAY)

    response = client_as(role).post(
        f"/meetings/{session.slug}/observers/{ngo.pk}/object/", {"raised_on": TODAY}
    )

    assert response.status_code == status
    assert not Objection.objects.exists()


@pytest.mark.parametrize("role", ["observer", "delegate", "focal_point"])
@pytest.mark.parametrize("step", ["refer", "grant", "decide", "withdraw"])
def test_the_steps_are_the_secretariats_alone(client_as, objected, role, step):
    session, pending = objected["session"], objected["pending"]

    response = client_as(role).post(f"/meetings/{session.slug}/observers/{pending.pk}/{step}/", {"on": TODAY})

    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.admission_status == AdmissionStatus.APPLIED


def test_the_secretariat_refers_an_objected_ngo_and_records_the_conference_decision(
    client_as, make_session, make_observer_org
):
    session = make_session(0)
    ngo = observer(
        session, make_observer_org(), AdmissionStatus.OBJECTED, listed_on=TODAY - timedelta(days=40)
    )
    client = client_as("secretariat")

    referred = client.post(f"/meetings/{session.slug}/observers/{ngo.pk}/refer/", {"on": TODAY.isoformat()})
    decided = client.post(
        f"/meetings/{session.slug}/observers/{ngo.pk}/decide/",
        {"admit": "yes", "on": TODAY.isoformat(), "decision": "Admitted at the 2nd meeting."},
    )

    assert (referred.status_code, decided.status_code) == (302, 302)
    ngo.refresh_from_db()
    assert (ngo.admission_status, ngo.decision, ngo.decided_on) == (
        AdmissionStatus.ADMITTED,
        "Admitted at the 2nd meeting.",
        TODAY,
    )


def test_a_step_the_workflow_does_not_allow_is_refused_on_the_form(client_as, objected):
    session, admitted = objected["session"], objected["admitted"]

    response = client_as("secretariat").post(
        f"/meetings/{session.slug}/observers/{admitted.pk}/grant/", {"on": TODAY.isoformat()}
    )

    assert response.status_code == 200
    assert "is not open from there" in response.content.decode()


def test_an_unknown_step_is_not_found(client_as, objected):
    session, pending = objected["session"], objected["pending"]

    response = client_as("secretariat").get(f"/meetings/{session.slug}/observers/{pending.pk}/promote/")

    assert response.status_code == 404


def test_the_circulated_list_shows_english_and_chinese_names_in_english_order(
    client, make_session, make_observer_org
):
    session = make_session(60)
    for name, name_zh in [
        ("Zenith Integrity", "天顶廉正"),
        ("Ética Pública", "公共伦理"),
        ("Accountability Lab", "问责实验室"),
    ]:
        observer(session, make_observer_org(name, name_zh=name_zh), AdmissionStatus.LISTED, listed_on=TODAY)
    observer(session, make_observer_org("Not Yet Listed"), AdmissionStatus.APPLIED)

    text = page(client, session, "ngo-list/")

    positions = [text.index(name) for name in ("Accountability Lab", "Ética Pública", "Zenith Integrity")]
    assert positions == sorted(positions)
    assert "问责实验室" in text
    assert "Not Yet Listed" not in text


def test_the_observers_page_takes_as_many_queries_for_three_observers_as_for_one(
    client_as, make_session, make_observer_org
):
    session = make_session(10)
    client = client_as("secretariat")
    observer(session, make_observer_org("NGO 1"), AdmissionStatus.LISTED, listed_on=TODAY)
    one = queries_for(client, f"/meetings/{session.slug}/observers/")
    for name in ("NGO 2", "NGO 3"):
        observer(session, make_observer_org(name), AdmissionStatus.OBJECTED, listed_on=TODAY)

    assert queries_for(client, f"/meetings/{session.slug}/observers/") == one


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)
