"""The bureau (rules 22 and 31): composition, rotation of the President and Rapporteur, replacement."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cosp.meetings.bureau import (
    BureauSettings,
    HeldOffice,
    Officer,
    RotationRow,
    Severity,
    check_replacement,
    errors,
    rotation_table,
    rotation_warnings,
    validate_bureau,
)
from cosp.meetings.enums import Office

pytestmark = [pytest.mark.unit]

P, VP, R = Office.PRESIDENT, Office.VICE_PRESIDENT, Office.RAPPORTEUR

# COSP7 (Vienna, 2017), elected by acclamation.
COSP7_BUREAU = [
    Officer(P, "GTM"),
    Officer(VP, "NGA"),
    Officer(VP, "ESP"),
    Officer(VP, "BGD"),
    Officer(R, "BGR"),
]
GROUPS = {
    "GTM": "GRULAC",
    "NGA": "AFR",
    "ESP": "WEOG",
    "BGD": "APG",
    "BGR": "EEG",
    "FRA": "WEOG",
    "ROU": "EEG",
    "KEN": "AFR",
}
PRESENT = set(GROUPS)


def codes(problems):
    return {(problem.code, problem.severity) for problem in problems}


def with_officer(index, officer):
    bureau = list(COSP7_BUREAU)
    bureau[index] = officer
    return bureau


def test_the_cosp7_bureau_is_valid():
    assert validate_bureau(COSP7_BUREAU, PRESENT, GROUPS) == []


def test_a_missing_rapporteur_is_an_error_once_the_election_is_over():
    problems = validate_bureau(COSP7_BUREAU[:4], PRESENT, GROUPS)

    assert codes(problems) == {("office_vacant", Severity.ERROR), ("group_unrepresented", Severity.ERROR)}
    assert {str(problem) for problem in problems} == {
        "Rapporteur: 0 of 1 elected.",
        "The regional group EEG has no officer yet.",
    }


def test_a_bureau_being_elected_reports_its_empty_posts_as_pending():
    problems = validate_bureau([Officer(P, "GTM")], PRESENT, GROUPS, complete=False)

    assert codes(problems) == {("office_vacant", Severity.PENDING), ("group_unrepresented", Severity.PENDING)}
    assert {problem.office for problem in problems if problem.code == "office_vacant"} == {VP, R}
    assert {problem.group for problem in problems if problem.code == "group_unrepresented"} == {
        "AFR",
        "WEOG",
        "APG",
        "EEG",
    }
    assert errors(problems) == []


def test_two_officers_from_one_group_and_a_group_left_out():
    problems = validate_bureau(with_officer(4, Officer(R, "FRA")), PRESENT, GROUPS)

    assert codes(problems) == {
        ("group_overrepresented", Severity.ERROR),
        ("group_unrepresented", Severity.ERROR),
    }
    overrepresented = next(p for p in problems if p.code == "group_overrepresented")
    assert overrepresented.group == "WEOG"
    assert overrepresented.message == "The regional group WEOG has 2 officers (ESP, FRA); it may have 1."


def test_a_fourth_vice_president_is_one_too_many():
    problems = validate_bureau([*COSP7_BUREAU, Officer(VP, "ROU")], PRESENT, GROUPS)

    assert ("office_overfilled", Severity.ERROR) in codes(problems)
    assert "4 officers hold the office of Vice-President; there are 3 seats." in {str(p) for p in problems}


def test_an_officer_from_a_state_not_present_is_an_error():
    problems = validate_bureau(COSP7_BUREAU, PRESENT - {"BGR"}, GROUPS)

    assert codes(problems) == {("state_not_present", Severity.ERROR)}
    assert problems[0].state == "BGR"


def test_one_state_cannot_hold_two_offices():
    problems = validate_bureau(with_officer(4, Officer(R, "GTM")), PRESENT, GROUPS)

    assert codes(problems) == {
        ("state_holds_two_offices", Severity.ERROR),
        ("group_unrepresented", Severity.ERROR),
    }
    assert "GTM holds more than one office: President, Rapporteur." in {str(p) for p in problems}


def test_an_officer_without_a_regional_group_cannot_be_checked():
    problems = validate_bureau(with_officer(4, Officer(R, "KIR")), PRESENT | {"KIR"}, GROUPS)

    assert codes(problems) == {("no_regional_group", Severity.ERROR), ("group_unrepresented", Severity.ERROR)}


def test_the_number_of_vice_presidents_is_a_setting():
    two = BureauSettings(vice_presidents=2, every_group_represented=False)

    assert validate_bureau(COSP7_BUREAU, PRESENT, GROUPS, settings=two) != []
    assert validate_bureau(with_officer(3, Officer(R, "BGR"))[:4], PRESENT, GROUPS, settings=two) == []


def test_settings_that_cannot_fit_one_officer_per_group_are_rejected():
    with pytest.raises(ValueError, match="more officers"):
        BureauSettings(vice_presidents=8)

    assert BureauSettings(vice_presidents=8, max_officers_per_group=2).seats[VP] == 8


@given(
    officers=st.lists(
        st.builds(Officer, st.sampled_from(list(Office)), st.sampled_from(sorted(GROUPS))), max_size=8
    ),
    complete=st.booleans(),
)
@settings(max_examples=200, deadline=None)
def test_only_a_bureau_of_five_from_five_groups_passes(officers, complete):
    problems = validate_bureau(officers, PRESENT, GROUPS, complete=complete)

    offices = sorted(officer.office for officer in officers)
    groups = {GROUPS[officer.state] for officer in officers}
    valid = offices == sorted([P, VP, VP, VP, R]) and len(groups) == 5
    assert (problems == []) == valid
    if not complete:
        # While the election runs, only real breaches are errors.
        assert all(p.code not in {"office_vacant", "group_unrepresented"} for p in errors(problems))


# --- Rotation -------------------------------------------------------------------------------------

# A made-up history (not the Conference's record), oldest first.
HISTORY = [
    HeldOffice("S1", P, "EEG"),
    HeldOffice("S1", R, "AFR"),
    ("S2", "president", "GRULAC"),
    ("S2", "rapporteur", "EEG"),
    HeldOffice("S3", P, "APG"),
    HeldOffice("S3", R, "WEOG"),
    HeldOffice("S4", P, "AFR"),
    HeldOffice("S4", R, "GRULAC"),
    HeldOffice("S5", P, "WEOG"),
    HeldOffice("S5", R, "APG"),
    HeldOffice("S6", P, "EEG"),
    HeldOffice("S6", VP, "AFR"),
]


def test_the_rotation_table_shows_the_last_five_sessions():
    assert rotation_table(HISTORY) == [
        RotationRow("S2", "GRULAC", "EEG"),
        RotationRow("S3", "APG", "WEOG"),
        RotationRow("S4", "AFR", "GRULAC"),
        RotationRow("S5", "WEOG", "APG"),
        RotationRow("S6", "EEG", None),
    ]


def test_the_rotation_table_can_show_fewer_sessions():
    assert rotation_table(HISTORY, last=2) == [
        RotationRow("S5", "WEOG", "APG"),
        RotationRow("S6", "EEG", None),
    ]
    assert rotation_table(HISTORY, last=0) == []
    assert rotation_table([]) == []


def test_a_president_from_the_group_that_just_held_the_office_is_warned_about():
    warnings = rotation_warnings(HISTORY, {P: "EEG", R: "AFR"})

    assert codes(warnings) == {("rotation_repeat", Severity.WARNING)}
    assert warnings[0].office == P
    assert warnings[0].message == (
        "The regional group EEG also held the office of President at the previous session (S6); the "
        "offices of President and Rapporteur normally rotate among the regional groups."
    )


def test_a_rapporteur_from_the_same_group_as_last_time_is_warned_about():
    warnings = rotation_warnings(HISTORY[:10], {"president": "GRULAC", "rapporteur": "APG"})

    assert [(w.office, w.group) for w in warnings] == [(R, "APG")]


def test_a_group_that_held_the_office_earlier_but_not_last_time_is_fine():
    assert rotation_warnings(HISTORY, {P: "GRULAC", R: "EEG", VP: "EEG"}) == []


def test_no_history_no_warning():
    assert rotation_warnings([], {P: "EEG"}) == []


# --- Replacement (rule 31) ------------------------------------------------------------------------


def test_a_vice_president_replaced_by_the_same_state_is_in_order():
    assert check_replacement("ESP", "ESP", VP) == []


def test_a_replacement_from_another_state_is_refused():
    problems = check_replacement("BGR", "ROU", R)

    assert codes(problems) == {("replacement_other_state", Severity.ERROR)}
    assert problems[0].rule == "31"
    assert problems[0].message == (
        "An officer who cannot continue is replaced by a representative of the same State party (BGR), "
        "not of ROU."
    )


def test_replacing_the_president_is_a_warning_not_a_block():
    problems = check_replacement("GTM", "GTM", "president")

    assert codes(problems) == {("president_replaced", Severity.WARNING)}
    assert errors(problems) == []
    assert "Vice-President to act as President" in problems[0].message


def test_replacing_the_president_by_another_state_is_both_refused_and_warned_about():
    problems = check_replacement("GTM", "MEX", P)

    assert codes(problems) == {
        ("replacement_other_state", Severity.ERROR),
        ("president_replaced", Severity.WARNING),
    }
