"""The notification rules of RULES.md section 2: what each provision asks, and when a State has notified."""

import pytest

from cosp.authorities import provisions
from cosp.authorities.enums import AuthorityKind, Provision, Reservation, Status, Timing
from cosp.authorities.provisions import Extradition, Filed

pytestmark = pytest.mark.unit


def test_every_provision_of_section_2_is_listed_once_with_its_timing():
    timing = {r.provision: r.timing for r in provisions.REQUIREMENTS}
    assert set(timing) == set(Provision)
    # 44(6)(a), 46(13) and 46(14) are due at the deposit of the instrument; laws and 6(3) have no deadline.
    assert timing[Provision.EXTRADITION_BASIS] == Timing.AT_DEPOSIT
    assert timing[Provision.CENTRAL_AUTHORITY] == Timing.AT_DEPOSIT
    assert timing[Provision.MLA_LANGUAGES] == Timing.AT_DEPOSIT
    assert timing[Provision.PREVENTION] == Timing.NO_DEADLINE
    assert timing[Provision.MONEY_LAUNDERING_LAWS] == Timing.NO_DEADLINE
    assert timing[Provision.CONFISCATION_LAWS] == Timing.NO_DEADLINE


def test_authorities_notify_three_provisions_and_records_the_others():
    kinds = {r.provision: r.authority_kind for r in provisions.REQUIREMENTS if r.authority_kind}
    assert kinds == {
        Provision.PREVENTION: AuthorityKind.PREVENTION,
        Provision.CENTRAL_AUTHORITY: AuthorityKind.CENTRAL_AUTHORITY,
        Provision.ASSET_RECOVERY: AuthorityKind.ASSET_RECOVERY,
    }
    assert set(provisions.NOTIFIED_BY_RECORD) == {
        Provision.MONEY_LAUNDERING_LAWS,
        Provision.EXTRADITION_BASIS,
        Provision.MLA_LANGUAGES,
        Provision.CONFISCATION_LAWS,
        Provision.RESERVATION,
    }


def test_a_state_with_nothing_on_record_misses_every_expected_provision_but_not_the_reservation():
    nothing = Filed()
    assert provisions.missing(nothing) == [p.value for p in provisions.EXPECTED]
    assert Provision.RESERVATION not in provisions.EXPECTED
    assert provisions.status(Provision.RESERVATION, nothing) is Status.NONE_MADE


def test_authority_provisions_count_only_kinds_of_the_main_system():
    filed = Filed(authority_kinds=frozenset({AuthorityKind.CENTRAL_AUTHORITY}))
    assert provisions.status(Provision.CENTRAL_AUTHORITY, filed) is Status.NOTIFIED
    assert provisions.status(Provision.PREVENTION, filed) is Status.MISSING
    assert provisions.status(Provision.ASSET_RECOVERY, filed) is Status.MISSING


def test_extradition_basis_applies_only_to_states_requiring_a_treaty():
    assert provisions.status(Provision.EXTRADITION_BASIS, Filed()) is Status.MISSING
    no_treaty = Filed(extradition=Extradition(treaty_required=False, convention_as_basis=None))
    assert provisions.status(Provision.EXTRADITION_BASIS, no_treaty) is Status.NOT_APPLICABLE
    assert Provision.EXTRADITION_BASIS.value not in provisions.missing(no_treaty)
    for choice in (True, False):  # "no" is a notification too (art. 44(6)(b) then applies)
        chose = Filed(extradition=Extradition(treaty_required=True, convention_as_basis=choice))
        assert provisions.status(Provision.EXTRADITION_BASIS, chose) is Status.NOTIFIED


def test_languages_laws_and_reservations():
    filed = Filed(
        languages=("en", "de"),
        records=frozenset({Provision.MONEY_LAUNDERING_LAWS.value}),
        reservation=Reservation.WITHDRAWN,
    )
    assert provisions.status(Provision.MLA_LANGUAGES, filed) is Status.NOTIFIED
    assert provisions.status(Provision.MONEY_LAUNDERING_LAWS, filed) is Status.NOTIFIED
    assert provisions.status(Provision.CONFISCATION_LAWS, filed) is Status.MISSING
    assert provisions.status(Provision.RESERVATION, filed) is Status.NOTIFIED


def test_an_unknown_provision_is_refused_by_name():
    with pytest.raises(ValueError, match="'99-1'"):
        provisions.requirement("99-1")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("German", "de"),
        ("de", "de"),
        ("zh-Hans", "zh"),
        ("ENGLISH", "en"),
        (" Arabic ", "ar"),
        ("Klingonese", None),
    ],
)
def test_languages_are_read_as_iso_codes(value, code):
    assert provisions.clean_language_code(value) == code


def test_language_lists_keep_order_drop_repeats_and_name_unknown_values():
    assert provisions.clean_languages(["English", "en", "German", "Elvish", ""]) == (["en", "de"], ["Elvish"])
    assert provisions.language_name("de") == "German"
    assert provisions.language_name("de", "zh-hans") == "德语"


@pytest.mark.parametrize(
    ("provision", "values", "field"),
    [
        (Provision.MLA_LANGUAGES, {}, "languages"),
        (Provision.EXTRADITION_BASIS, {}, "treaty_required"),
        (Provision.EXTRADITION_BASIS, {"treaty_required": True}, "convention_as_basis"),
        (
            Provision.EXTRADITION_BASIS,
            {"treaty_required": False, "convention_as_basis": True},
            "convention_as_basis",
        ),
        (Provision.RESERVATION, {"reservation": "maybe"}, "reservation"),
        (Provision.RESERVATION, {"reservation": "withdrawn"}, "reservation"),
        (
            Provision.RESERVATION,
            {"reservation": "withdrawn", "reservation_on_record": "withdrawn"},
            "reservation",
        ),
        (Provision.MONEY_LAUNDERING_LAWS, {"description": "  "}, "description"),
        (Provision.CENTRAL_AUTHORITY, {}, "provision"),
    ],
)
def test_value_problems_name_the_field_at_fault(provision, values, field):
    problems = provisions.value_problems(provision, **values)
    assert [name for name, _message in problems] == [field]


@pytest.mark.parametrize(
    ("provision", "values"),
    [
        (Provision.MLA_LANGUAGES, {"languages": ["en"]}),
        (Provision.EXTRADITION_BASIS, {"treaty_required": False}),
        (Provision.EXTRADITION_BASIS, {"treaty_required": True, "convention_as_basis": False}),
        (Provision.RESERVATION, {"reservation": "made"}),
        (Provision.RESERVATION, {"reservation": "withdrawn", "reservation_on_record": "made"}),
        (Provision.CONFISCATION_LAWS, {"has_files": True}),
        (Provision.CONFISCATION_LAWS, {"description": "Code of Criminal Procedure, part 4."}),
    ],
)
def test_good_values_have_no_problem(provision, values):
    assert provisions.value_problems(provision, **values) == []
