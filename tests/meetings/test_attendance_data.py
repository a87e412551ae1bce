"""The attendance of COSP7 and of the 2021 special session as reference data (data/attendance.csv),
the lists built from a session's delegations, and the attendance page.

The loader's counts are checked against the counts read by hand from the two reports
(test_attendance_samples.SAMPLES); the Chinese lists built from the loaded delegations are checked
name for name against the reports' paragraphs.
"""

from collections import Counter

import pytest
from django.urls import reverse
from django.utils.html import escape

from cosp.core.enums import ObserverCategory, OrganisationKind
from cosp.core.models import Organisation, organisation_for_state
from cosp.meetings.attendance_data import (
    attendance_for,
    attendance_in_languages,
    attendance_paragraphs,
    attendees_for,
    load_attendance,
)
from cosp.meetings.enums import AdmissionStatus, AttendanceGroup, CredentialsStatus
from cosp.meetings.models import Delegation, Session
from cosp.meetings.organisations import names_in_year
from cosp.states.models import State
from cosp.states.reference import ReferenceDataError
from tests.helpers import ROLES
from tests.meetings.test_attendance_samples import (
    SAMPLES,
    STATE_NAME_DIFFERENCES,
    UNPLACED,
    entity_of,
    read_names,
    read_paragraphs,
)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
]

G = AttendanceGroup
SLUGS = {"cosp7-2017": "cosp-7", "special-session-2021": "cosp-special-2021"}
HEADER = "session,group,state,organisation,credentials\n"


@pytest.fixture(scope="module")
def attended(meetings_reference, django_db_blocker):
    """The real sessions with the attendance of COSP7 and of the 2021 special session, loaded once for
    the module (each test's changes are rolled back; meetings_reference removes it all afterwards).
    Loading again is harmless once load_meetings_reference loads the attendance itself."""
    with django_db_blocker.unblock():
        load_attendance()
        return {session.slug: session for session in Session.objects.all()}


@pytest.fixture(scope="module")
def report_names(attended, django_db_blocker):
    """Each sample's paragraphs as (group, [(name as printed, ("state"|"organisation", code))])."""
    with django_db_blocker.unblock():
        return {
            key: [
                (sample.paragraphs[number], [(text, entity_of(e)) for text, e in read_names(paragraph)])
                for number, paragraph in read_paragraphs(sample).items()
            ]
            for key, sample in SAMPLES.items()
        }


def loaded_counts(slug: str) -> dict[str, int]:
    groups = Delegation.objects.filter(session__slug=slug).values_list("group", flat=True)
    return dict(Counter(groups))


def report_counts(key: str) -> dict[str, int]:
    sample = SAMPLES[key]
    return {sample.paragraphs[number].value: count for number, count in sample.counts.items()}


# --- The loader ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", SAMPLES)
def test_the_loaded_attendance_has_as_many_participants_per_group_as_the_report(attended, key):
    assert loaded_counts(SLUGS[key]) == report_counts(key)


def test_cosp7_records_the_two_states_parties_whose_credentials_did_not_comply(attended):
    parties = Delegation.objects.filter(session__slug="cosp-7", group=G.STATE_PARTY)
    statuses = dict(parties.values_list("organisation__state__iso3", "credentials"))

    assert {iso3 for iso3, status in statuses.items() if status != CredentialsStatus.ORIGINAL} == {
        "COL",
        "MRT",
    }
    assert Counter(statuses.values()) == {CredentialsStatus.ORIGINAL: 153, CredentialsStatus.NONE: 2}


def test_every_loaded_participant_is_admitted_and_a_state_takes_part_through_its_organisation(attended):
    delegations = Delegation.objects.filter(session__slug__in=SLUGS.values())

    assert set(delegations.values_list("admission_status", flat=True)) == {AdmissionStatus.ADMITTED}
    syria = delegations.get(session__slug="cosp-7", group=G.SIGNATORY).organisation
    assert (syria.kind, syria.state.iso3) == (OrganisationKind.STATE, "SYR")
    assert syria == organisation_for_state(State.objects.get(iso3="SYR"))


def test_loading_the_attendance_twice_changes_nothing(attended):
    before = list(Delegation.objects.order_by("pk").values())
    history = Delegation.history.count()

    count = load_attendance()

    assert count == len(before) == 424
    assert list(Delegation.objects.order_by("pk").values()) == before
    assert Delegation.history.count() == history


def test_a_blank_credentials_cell_keeps_what_the_secretariat_recorded(attended):
    special = attended["cosp-special-2021"]
    chile = Delegation.objects.get(session=special, organisation__state__iso3="CHL")
    chile.credentials = CredentialsStatus.COPY
    chile.save(update_fields=["credentials"])

    load_attendance()

    chile.refresh_from_db()
    assert chile.credentials == CredentialsStatus.COPY


def test_a_file_with_bad_lines_names_each_problem_and_writes_nothing(attended, tmp_path):
    path = tmp_path / "attendance.csv"
    path.write_text(
        HEADER + "cosp-7,state_party,AUT,,original\n"  # a good line, not saved because of the others
        "cosp-99,state_party,FRA,,\n"
        "cosp-7,state_party,XXX,,\n"
        "cosp-7,igo,,no-such-body,\n"
        "cosp-7,state_party,,gcc,\n"
        "cosp-7,igo,,interpol,original\n"
        "cosp-7,club,DEU,,maybe\n"
        "cosp-7,reio,EUE,oecd,\n"
        "cosp-7,state_party,AUT,,\n",
        encoding="utf-8",
    )

    before = list(Delegation.objects.order_by("pk").values())

    with pytest.raises(ReferenceDataError) as raised:
        load_attendance(path)

    assert raised.value.problems == [
        "attendance.csv, line 3, column session: no session 'cosp-99' (load the sessions first)",
        "attendance.csv, line 4, column state: no State 'XXX' (load the States first)",
        "attendance.csv, line 5, column organisation: no organisation 'no-such-body' in organisations.csv",
        "attendance.csv, line 6, column group: 'state_party' is a group of States, not of organisations",
        "attendance.csv, line 7, column credentials: only States parties submit credentials",
        f"attendance.csv, line 8, column group: 'club' is not one of {G.values}",
        f"attendance.csv, line 8, column credentials: 'maybe' is not one of {CredentialsStatus.values}",
        "attendance.csv, line 9, column state: give either a State or an organisation",
        "attendance.csv, line 10, column state: already listed on line 2",
    ]
    assert list(Delegation.objects.order_by("pk").values()) == before


def test_a_file_without_its_columns_is_refused(tmp_path):
    path = tmp_path / "attendance.csv"
    path.write_text("session,state\ncosp-7,AUT\n", encoding="utf-8")

    with pytest.raises(ReferenceDataError) as raised:
        load_attendance(path)

    assert raised.value.problems == ["attendance.csv: missing columns group, organisation, credentials"]


# --- The lists ----------------------------------------------------------------------------------------


def _names_as_printed(names: list[str]) -> list[str]:
    """Our Chinese names as the reports print them (the one State name we keep otherwise)."""
    printed = dict(STATE_NAME_DIFFERENCES.values())
    return ["".join(printed.get(name, name).split()) for name in names]


@pytest.mark.parametrize("key", SAMPLES)
def test_the_chinese_lists_from_the_loaded_attendance_are_the_reports_name_for_name(
    attended, report_names, key
):
    session = attended[SLUGS[key]]
    unplaced = {
        "".join(names_in_year(Organisation.objects.get(code=code), session.start.year)["zh"].split())
        for code in UNPLACED[key]
    }

    lists = attendance_for(session, "zh")

    assert [item.group for item in lists] == [group for group, _names in report_names[key]]
    for item, (group, names) in zip(lists, report_names[key], strict=True):
        ours = _names_as_printed(list(item.names))
        theirs = ["".join(text.split()) for text, _entity in names]
        assert sorted(ours) == sorted(theirs), group
        # The few organisations whose English name is only inferred may sort elsewhere than the report
        # has them (test_attendance_samples checks that they really do): all the others are in place.
        assert [n for n in ours if n not in unplaced] == [n for n in theirs if n not in unplaced], group


def test_the_attendance_paragraphs_are_the_lists_texts_and_empty_where_there_is_no_wording(attended):
    cosp7 = attended["cosp-7"]

    paragraphs = attendance_paragraphs(cosp7, "zh-hans")

    assert paragraphs == [item.text for item in attendance_for(cosp7, "zh")]
    assert paragraphs[1] == "下列《公约》签署国的观察员出席了会议：阿拉伯叙利亚共和国。"
    assert attendance_paragraphs(cosp7, "fr") == []
    with pytest.raises(ValueError, match="six UN languages"):
        attendance_paragraphs(cosp7, "de")


def test_cosp7_lists_the_un_system_by_kind_and_the_special_session_alphabetically(attended):
    def un_system(slug: str) -> list[str]:
        lists = attendance_for(attended[slug], "en")
        return next(list(item.names) for item in lists if item.group == G.UN_ENTITY)

    assert un_system("cosp-7")[:2] == [
        "Department of Political Affairs of the Secretariat",
        "United Nations Commission on International Trade Law",
    ]
    special = un_system("cosp-special-2021")
    assert special == sorted(special, key=str.casefold)


def test_only_admitted_delegations_are_attendees(make_session, make_observer_org):
    session = make_session(-10)
    for name, status in [("Admitted", AdmissionStatus.ADMITTED), ("Refused", AdmissionStatus.REFUSED)]:
        Delegation.objects.create(
            session=session,
            organisation=make_observer_org(name, ObserverCategory.IGO),
            group=G.IGO,
            admission_status=status,
        )
    Delegation.objects.create(
        session=session,
        organisation=make_observer_org("Applied", ObserverCategory.NGO_OTHER),
        group=G.NGO_OTHER,
        admission_status=AdmissionStatus.APPLIED,
    )

    assert [attendee.name("en") for attendee in attendees_for(session)] == ["Admitted"]


def test_lists_side_by_side_hold_each_languages_list_and_paragraph(make_session, make_party):
    session = make_session(-10)
    # Made-up States: the Chinese list follows the English names, and a missing name is given in English.
    for iso3, name, name_zh in [("XCN", "China", "中国"), ("XCL", "Chile", "智利"), ("XAT", "Austria", "")]:
        Delegation.objects.create(
            session=session,
            organisation=organisation_for_state(make_party(iso3, name=name, name_zh=name_zh)),
            group=G.STATE_PARTY,
        )

    (parties,) = attendance_in_languages(session)

    assert (parties.group, parties.count) == (G.STATE_PARTY, 3)
    assert parties.rows == [("Austria", "Austria"), ("Chile", "智利"), ("China", "中国")]
    assert parties.paragraphs[1] == "下列《公约》缔约国的代表出席了本届会议：Austria、智利、中国。"


# --- The page -----------------------------------------------------------------------------------------


def url(slug: str) -> str:
    return reverse("meetings:attendance", args=[slug])


def positions(content: str, names: list[str]) -> list[int]:
    return [content.index(f">{escape(name)}<") for name in names]


def test_the_attendance_page_shows_the_english_and_chinese_lists_in_order_with_counts(attended, client):
    cosp7 = attended["cosp-7"]
    english = attendance_for(cosp7, "en")
    chinese = attendance_for(cosp7, "zh")

    response = client.get(url("cosp-7"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "256 participants" in content
    for en_list, zh_list in zip(english, chinese, strict=True):
        assert f"{en_list.group.label} ({len(en_list.names)})" in content
        for names in (en_list.names, zh_list.names):
            found = positions(content, list(names))
            assert found == sorted(found), en_list.group
    assert '<td lang="zh-hans">阿拉伯叙利亚共和国</td>' in content
    assert chinese[0].text in content  # the paragraphs for the report


def test_the_attendance_page_says_when_nothing_is_recorded(make_session, client):
    session = make_session(10)

    response = client.get(url(session.slug))

    assert response.status_code == 200
    assert "No attendance is recorded for this session." in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_see_the_attendance_page(make_session, client_as, role):
    session = make_session(-10)

    assert client_as(role).get(url(session.slug)).status_code == 200


def test_the_attendance_page_of_an_unknown_session_is_not_found(db, client):
    assert client.get(url("cosp-99")).status_code == 404


@pytest.mark.parametrize(("count", "queries"), [(1, 3), (3, 3)])
def test_the_attendance_page_takes_the_same_queries_for_one_or_many(
    make_session, make_party, client, django_assert_num_queries, count, queries
):
    session = make_session(-10)
    for iso3 in ["AAA", "BBB", "CCC"][:count]:
        Delegation.objects.create(
            session=session, organisation=organisation_for_state(make_party(iso3)), group=G.STATE_PARTY
        )

    with django_assert_num_queries(queries):
        client.get(url(session.slug))
