"""The attendance lists: the UN's order, per-language ordering, grouping, and the paragraphs' text."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cosp.core.models import Organisation
from cosp.meetings.attendance import (
    SORT_LANGUAGE,
    UN_SYSTEM_KIND_ORDER,
    Attendee,
    attendance_lists,
    group_order,
    join_names,
    ordered_attendees,
    sort_key,
)
from cosp.meetings.enums import AttendanceGroup

pytestmark = [pytest.mark.unit]

G = AttendanceGroup


def party(en: str, zh: str = "") -> Attendee:
    return Attendee(group=G.STATE_PARTY, names={"en": en, "zh": zh} if zh else {"en": en})


def un_entity(en: str, kind: str = "") -> Attendee:
    return Attendee(group=G.UN_ENTITY, names={"en": en}, un_system_kind=kind)


def english_order(names: list[str]) -> list[str]:
    shuffled = random.Random(1).sample(names, k=len(names))
    [(_group, attendees)] = ordered_attendees([party(name) for name in shuffled], "en")
    return [attendee.name("en") for attendee in attendees]


@pytest.mark.parametrize(
    "names",
    [
        ["Bhutan", "Bolivia (Plurinational State of)", "Bosnia and Herzegovina"],
        ["Costa Rica", "Côte d'Ivoire", "Croatia"],
        ["Czechia", "Democratic Republic of the Congo", "Denmark"],
        ["Iran (Islamic Republic of)", "Iraq", "Ireland"],
        ["Qatar", "Republic of Korea", "Republic of Moldova", "Romania"],
        ["Sri Lanka", "State of Palestine", "Sudan"],
        ["Tunisia", "Türkiye", "Tuvalu"],
        ["Guinea", "Guinea-Bissau", "Guyana"],
        ["Lao People's Democratic Republic", "Latvia"],
        ["Organisation for Economic Co-operation and Development", "Organization of Islamic Cooperation"],
        ["U4 Anti-Corruption Resource Centre", "UNCAC Civil Society Coalition"],
        [
            "Center for International Human Rights",
            "Centre for the Observation and Promotion of the Rule of Law",
        ],
    ],
)
def test_english_order_compares_names_as_written_without_case_accents_or_punctuation(names):
    assert english_order(names) == names


def test_sort_key_folds_case_accents_and_punctuation_and_joins_apostrophes():
    assert sort_key("Côte d'Ivoire") == "cote divoire"
    assert sort_key("TÜRKIYE") == sort_key("Türkiye") == "turkiye"
    assert sort_key("Bolivia (Plurinational State of)") == "bolivia plurinational state of"
    assert sort_key("Article 19: International Centre") == "article 19 international centre"


def test_chinese_lists_follow_the_english_names_not_a_chinese_collation():
    attendees = [
        party("China", "中国"),
        party("Chile", "智利"),
        party("Qatar", "卡塔尔"),
        party("Republic of Korea", "大韩民国"),
    ]

    [chinese] = attendance_lists(attendees, "zh")

    assert chinese.names == ("智利", "中国", "卡塔尔", "大韩民国")


def test_each_language_has_its_sorting_language_and_chinese_alone_borrows_english():
    assert SORT_LANGUAGE == {"en": "en", "zh": "en", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar"}


def test_a_french_list_sorts_on_the_french_names_ignoring_accents():
    attendees = [
        Attendee(G.STATE_PARTY, {"en": "Spain", "fr": "Espagne"}),
        Attendee(G.STATE_PARTY, {"en": "Eritrea", "fr": "Érythrée"}),
        Attendee(G.STATE_PARTY, {"en": "Ecuador", "fr": "Équateur"}),
    ]

    [(_group, ordered)] = ordered_attendees(attendees, "fr")

    assert [attendee.name("fr") for attendee in ordered] == ["Équateur", "Érythrée", "Espagne"]


def test_a_name_missing_in_the_list_language_falls_back_to_english_for_display_and_order():
    attendees = [party("Zambia", "赞比亚"), party("Albania")]

    [chinese] = attendance_lists(attendees, "zh")

    assert chinese.names == ("Albania", "赞比亚")


def test_an_attendee_without_an_english_name_is_refused():
    with pytest.raises(ValueError, match="English name"):
        Attendee(G.IGO, {"zh": "世界海关组织"})


def test_a_language_without_paragraph_wording_is_refused_but_can_still_be_ordered():
    attendees = [party("Chile")]

    with pytest.raises(ValueError, match="'fr'"):
        attendance_lists(attendees, "fr")
    with pytest.raises(ValueError, match="'de'"):
        ordered_attendees(attendees, "de")
    assert ordered_attendees(attendees, "ru")[0][0] == G.STATE_PARTY


def test_groups_come_in_the_reports_order_and_empty_groups_are_left_out():
    attendees = [
        Attendee(G.NGO_OTHER, {"en": "Sajha Foundation"}),
        Attendee(G.IGO, {"en": "World Customs Organization"}),
        Attendee(G.PERMANENT_OBSERVER, {"en": "Sovereign Order of Malta"}),
        un_entity("United Nations Development Programme"),
        party("Chile"),
    ]

    groups = [item.group for item in attendance_lists(attendees, "en")]
    special_session = [
        item.group for item in attendance_lists(attendees, "en", permanent_observers_first=True)
    ]

    assert groups == [G.STATE_PARTY, G.UN_ENTITY, G.PERMANENT_OBSERVER, G.IGO, G.NGO_OTHER]
    assert special_session == [G.STATE_PARTY, G.PERMANENT_OBSERVER, G.UN_ENTITY, G.IGO, G.NGO_OTHER]


def test_group_order_is_the_enums_order_unless_permanent_observers_come_first():
    assert group_order() == tuple(AttendanceGroup)
    moved = group_order(permanent_observers_first=True)
    assert moved.index(G.PERMANENT_OBSERVER) == moved.index(G.UN_ENTITY) - 1
    assert set(moved) == set(AttendanceGroup)


def test_the_united_nations_system_by_kind_then_alphabetically_or_in_one_alphabetical_order():
    attendees = [
        un_entity("World Bank", "specialized_agency"),
        un_entity("Basel Institute on Governance", "institute"),
        un_entity("United Nations Development Programme", "programme"),
        un_entity("Department of Political Affairs of the Secretariat", "secretariat"),
        un_entity("International Monetary Fund", "specialized_agency"),
        un_entity("An entity of no known kind"),
        un_entity("Secretariat of the Convention on International Trade in Endangered Species", "convention"),
    ]

    [by_kind] = attendance_lists(attendees, "en", entities_by_kind=True)
    [alphabetical] = attendance_lists(attendees, "en")

    assert by_kind.names == (
        "Department of Political Affairs of the Secretariat",
        "United Nations Development Programme",
        "Secretariat of the Convention on International Trade in Endangered Species",
        "Basel Institute on Governance",
        "International Monetary Fund",
        "World Bank",
        "An entity of no known kind",
    )
    assert alphabetical.names == tuple(sorted(alphabetical.names, key=sort_key))


def test_the_kind_order_covers_exactly_the_kinds_an_organisation_can_have():
    assert set(UN_SYSTEM_KIND_ORDER) == set(Organisation.UNSystemKind.values)


def test_by_kind_affects_only_the_united_nations_system():
    attendees = [party("Zambia"), party("Albania")]

    [states] = attendance_lists(attendees, "en", entities_by_kind=True)

    assert states.names == ("Albania", "Zambia")


@pytest.mark.parametrize(
    ("names", "language", "joined"),
    [
        (["Chile"], "en", "Chile"),
        (["Andorra", "San Marino"], "en", "Andorra and San Marino"),
        (["Chile", "China", "Colombia"], "en", "Chile, China and Colombia"),
        (["智利"], "zh", "智利"),
        (["安道尔", "圣马力诺"], "zh", "安道尔和圣马力诺"),
        (["智利", "中国", "哥伦比亚"], "zh", "智利、中国、哥伦比亚"),
    ],
)
def test_names_run_together_as_the_reports_write_them(names, language, joined):
    assert join_names(names, language) == joined


def test_english_paragraphs_are_worded_for_one_name_or_several():
    [one] = attendance_lists([Attendee(G.SIGNATORY, {"en": "Syrian Arab Republic"})], "en")
    [several] = attendance_lists([party("Chile"), party("Albania")], "en")

    assert (
        one.text
        == "The following signatory to the Convention was represented by an observer: Syrian Arab Republic."
    )
    assert several.text == (
        "The following States parties to the Convention were represented at the session: Albania and Chile."
    )


def test_chinese_paragraphs_list_the_names_with_enumeration_commas_and_end_with_a_full_stop():
    attendees = [party("China", "中国"), party("Chile", "智利"), party("Colombia", "哥伦比亚")]

    [chinese] = attendance_lists(attendees, "zh")

    assert chinese.text.endswith("：智利、中国、哥伦比亚。")
    assert "缔约国" in chinese.text


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_group_has_a_paragraph_in_each_paragraph_language(language):
    attendees = [Attendee(group, {"en": f"Name {group.value}", "zh": "名称"}) for group in AttendanceGroup]

    lists = attendance_lists(attendees, language)

    assert [item.group for item in lists] == list(AttendanceGroup)
    assert all(item.text.count("{") == 0 and item.names[0] in item.text for item in lists)


_names = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs", "P"]), min_size=1, max_size=12
)
_attendees = st.lists(
    st.builds(
        Attendee,
        group=st.sampled_from(list(AttendanceGroup)),
        names=st.fixed_dictionaries({"en": _names.filter(str.strip)}, optional={"zh": _names}),
        un_system_kind=st.sampled_from(["", *UN_SYSTEM_KIND_ORDER]),
    ),
    max_size=20,
)


@settings(max_examples=150, deadline=None)
@given(
    attendees=_attendees, seed=st.integers(), language=st.sampled_from(["en", "zh"]), by_kind=st.booleans()
)
def test_the_lists_hold_every_attendee_once_in_its_group_whatever_the_input_order(
    attendees, seed, language, by_kind
):
    shuffled = random.Random(seed).sample(attendees, k=len(attendees))

    lists = attendance_lists(attendees, language, entities_by_kind=by_kind)
    again = attendance_lists(shuffled, language, entities_by_kind=by_kind)

    assert lists == again
    assert sorted((item.group, name) for item in lists for name in item.names) == sorted(
        (attendee.group, attendee.name(language)) for attendee in attendees
    )


@settings(max_examples=150, deadline=None)
@given(attendees=_attendees)
def test_outside_the_united_nations_system_a_chinese_list_is_in_the_order_of_the_english_keys(attendees):
    for group, ordered in ordered_attendees(attendees, "zh", entities_by_kind=True):
        if group != G.UN_ENTITY:
            keys = [sort_key(attendee.name("en")) for attendee in ordered]
            assert keys == sorted(keys)
