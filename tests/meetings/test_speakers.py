"""The general-discussion speakers' list engine: one example test per rule (RULES.md 5.4c, with the
COSP8 dates), input checks, and properties of the order and the timetable over random events."""

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cosp.meetings.enums import MINISTERIAL_LEVELS, Level
from cosp.meetings.speakers import (
    ConfirmCabinet,
    ListSettings,
    Meeting,
    Replace,
    Request,
    SpeakersInputError,
    Swap,
    Withdraw,
    estimate_timetable,
    event_as_json,
    event_from_json,
    replay,
)

pytestmark = [pytest.mark.unit]

ABU_DHABI = timezone(timedelta(hours=4), "GST")


def gst(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2019, month, day, hour, minute, tzinfo=ABU_DHABI)


# COSP8: the list opened on 15 November 2019 and closed at noon on 16 December, the opening day; the
# general discussion ended in the evening of 17 December.
COSP8 = ListSettings(
    opens_at=gst(11, 15),
    closes_at=gst(12, 16, 12),
    meetings=(
        Meeting(gst(12, 16, 15), gst(12, 16, 18)),
        Meeting(gst(12, 17, 10), gst(12, 17, 13)),
        Meeting(gst(12, 17, 15), gst(12, 17, 18)),
    ),
    ends_at=gst(12, 17, 18),
)


def order(result) -> list[str]:
    return [entry.delegation for entry in result.entries]


def only_refusal(result):
    assert len(result.refused) == 1, result.refused
    return result.refused[0]


# --- Rule 1: opening, closing, written requests --------------------------------------------------


def test_a_request_before_the_list_opens_is_refused_and_must_be_sent_again():
    early = Request(at=gst(11, 14, 23, 59), delegation="ARG", level=Level.AMBASSADOR)
    again = Request(at=gst(11, 15, 9), delegation="ARG", level=Level.AMBASSADOR)

    before = replay(COSP8, [early])
    after = replay(COSP8, [early, again])

    refusal = only_refusal(before)
    assert (refusal.event, refusal.rule, refusal.code) == (early, 1, "before_opening")
    assert "sent again" in refusal.reason
    assert order(before) == []
    assert order(after) == ["ARG"]
    assert after.entries[0].requested_at == gst(11, 15, 9)


def test_a_request_after_noon_on_the_opening_day_is_refused_and_one_at_noon_is_not():
    at_noon = Request(at=gst(12, 16, 12), delegation="AUT", level=Level.EXPERT)
    late = Request(at=gst(12, 16, 12, 1), delegation="FRA", level=Level.HEAD_OF_STATE)

    result = replay(COSP8, [at_noon, late])

    assert order(result) == ["AUT"]
    refusal = only_refusal(result)
    assert (refusal.event, refusal.rule, refusal.code) == (late, 1, "after_closing")


# --- Rule 2: first come, first served; ministerial level and above first -------------------------


def test_speakers_follow_arrival_except_that_ministerial_levels_come_first():
    events = [
        Request(at=gst(11, 15, 9), delegation="KEN", level=Level.AMBASSADOR),
        Request(at=gst(11, 16, 9), delegation="PER", level=Level.MINISTER),  # not in the cabinet
        Request(at=gst(11, 17, 9), delegation="ITA", level=Level.VICE_PRESIDENT),
        Request(at=gst(11, 18, 9), delegation="EGY", level=Level.EXPERT),
        Request(at=gst(11, 19, 9), delegation="CHL", level=Level.HEAD_OF_STATE),
    ]

    result = replay(COSP8, events)

    assert order(result) == ["ITA", "CHL", "KEN", "PER", "EGY"]
    assert [entry.priority for entry in result.entries] == [True, True, False, False, False]
    assert [entry.position for entry in result.entries] == [1, 2, 3, 4, 5]


def test_the_order_depends_on_arrival_time_not_on_the_order_events_are_recorded():
    first = Request(at=gst(11, 20, 9), delegation="POL", level=Level.AMBASSADOR)
    second = Request(at=gst(11, 21, 9), delegation="JPN", level=Level.AMBASSADOR)

    assert order(replay(COSP8, [second, first])) == ["POL", "JPN"]


def test_requests_received_at_the_same_instant_keep_the_order_they_were_given():
    same_time = gst(11, 20, 9)
    events = [
        Request(at=same_time, delegation="POL", level=Level.AMBASSADOR),
        Request(at=same_time, delegation="JPN", level=Level.AMBASSADOR),
    ]

    assert order(replay(COSP8, events)) == ["POL", "JPN"]
    assert order(replay(COSP8, events[::-1])) == ["JPN", "POL"]


# --- Rule 3: cabinet membership confirmed ---------------------------------------------------------


def test_a_cabinet_minister_waits_without_priority_until_membership_is_confirmed():
    events = [
        Request(at=gst(11, 15, 9), delegation="AUT", level=Level.CABINET_MINISTER),
        Request(at=gst(11, 16, 9), delegation="NGA", level=Level.HEAD_OF_STATE),
        Request(at=gst(11, 17, 9), delegation="BGD", level=Level.AMBASSADOR),
    ]
    confirmation = ConfirmCabinet(at=gst(11, 25, 9), delegation="AUT")

    before = replay(COSP8, events)
    after = replay(COSP8, [*events, confirmation])

    assert order(before) == ["NGA", "AUT", "BGD"]
    assert before.entry("AUT").awaiting_confirmation
    assert not before.entry("AUT").priority
    # Confirmed, it takes the priority place its request earned, ahead of the later head of State.
    assert order(after) == ["AUT", "NGA", "BGD"]
    assert after.entry("AUT").priority
    assert not after.entry("AUT").awaiting_confirmation
    assert after.entry("AUT").ordering_time == gst(11, 15, 9)
    assert after.changes[-1].event == confirmation


def test_confirming_a_speaker_who_is_no_cabinet_minister_or_is_confirmed_already_is_refused():
    events = [
        Request(at=gst(11, 15, 9), delegation="AUT", level=Level.CABINET_MINISTER),
        Request(at=gst(11, 15, 10), delegation="PER", level=Level.MINISTER),
        ConfirmCabinet(at=gst(11, 16, 9), delegation="AUT"),
        ConfirmCabinet(at=gst(11, 16, 10), delegation="AUT"),
        ConfirmCabinet(at=gst(11, 16, 11), delegation="PER"),
        ConfirmCabinet(at=gst(11, 16, 12), delegation="CAN"),
    ]

    result = replay(COSP8, events)

    assert [(refusal.rule, refusal.code) for refusal in result.refused] == [
        (3, "already_confirmed"),
        (3, "not_cabinet_minister"),
        (3, "not_on_list"),
    ]
    assert not result.entry("PER").priority


# --- Rule 4: replacement of a speaker -------------------------------------------------------------


def test_a_cabinet_minister_replaced_by_a_non_cabinet_speaker_moves_to_the_notice_time():
    events = [
        Request(at=gst(11, 15, 9), delegation="ESP", level=Level.CABINET_MINISTER),
        ConfirmCabinet(at=gst(11, 15, 10), delegation="ESP"),
        Request(at=gst(11, 16, 9), delegation="KEN", level=Level.AMBASSADOR),
        Request(at=gst(11, 20, 9), delegation="PER", level=Level.AMBASSADOR),
        Replace(at=gst(11, 18, 9), delegation="ESP", level=Level.AMBASSADOR, speaker="Ambassador"),
    ]

    result = replay(COSP8, events)

    assert order(result) == ["KEN", "ESP", "PER"]
    spain = result.entry("ESP")
    assert (spain.priority, spain.ordering_time, spain.requested_at) == (
        False,
        gst(11, 18, 9),
        gst(11, 15, 9),
    )
    assert (spain.level, spain.speaker) == (Level.AMBASSADOR, "Ambassador")


def test_a_replacement_at_the_same_tier_keeps_the_place():
    events = [
        Request(at=gst(11, 15, 9), delegation="KEN", level=Level.SENIOR_OFFICIAL),
        Request(at=gst(11, 16, 9), delegation="PER", level=Level.AMBASSADOR),
        Request(at=gst(11, 17, 9), delegation="ITA", level=Level.HEAD_OF_STATE),
        Request(at=gst(11, 18, 9), delegation="CHL", level=Level.VICE_PRESIDENT),
        Replace(at=gst(12, 1, 9), delegation="KEN", level=Level.EXPERT),
        Replace(at=gst(12, 1, 10), delegation="ITA", level=Level.VICE_PRESIDENT),
    ]

    result = replay(COSP8, events)

    assert order(result) == ["ITA", "CHL", "KEN", "PER"]
    assert result.entry("KEN").ordering_time == gst(11, 15, 9)


def test_raising_the_level_joins_the_priority_speakers_at_the_notice_time():
    events = [
        Request(at=gst(11, 15, 9), delegation="KEN", level=Level.AMBASSADOR),
        Request(at=gst(11, 16, 9), delegation="ITA", level=Level.HEAD_OF_STATE),
        Request(at=gst(11, 25, 9), delegation="CHL", level=Level.HEAD_OF_STATE),
        Replace(at=gst(11, 20, 9), delegation="KEN", level=Level.VICE_PRESIDENT),
    ]

    result = replay(COSP8, events)

    # Kenya does not jump ahead of Italy, whose request came before the notice.
    assert order(result) == ["ITA", "KEN", "CHL"]
    assert result.entry("KEN").ordering_time == gst(11, 20, 9)


def test_a_new_cabinet_minister_needs_a_confirmation_of_its_own():
    events = [
        Request(at=gst(11, 15, 9), delegation="AUT", level=Level.CABINET_MINISTER),
        ConfirmCabinet(at=gst(11, 15, 10), delegation="AUT"),
        Replace(
            at=gst(11, 20, 9), delegation="AUT", level=Level.CABINET_MINISTER, speaker="Another minister"
        ),
    ]

    result = replay(COSP8, events)

    austria = result.entry("AUT")
    assert austria.awaiting_confirmation
    assert austria.ordering_time == gst(11, 15, 9)
    confirmed = replay(COSP8, [*events, ConfirmCabinet(at=gst(11, 21, 9), delegation="AUT")])
    assert confirmed.entry("AUT").priority


def test_replacing_the_speaker_of_a_delegation_not_on_the_list_is_refused_under_rule_4():
    refusal = only_refusal(replay(COSP8, [Replace(at=gst(11, 20), delegation="FRA", level=Level.EXPERT)]))

    assert (refusal.rule, refusal.code) == (4, "not_on_list")
    assert "FRA" in refusal.reason


# --- Rule 5: swaps ----------------------------------------------------------------------------------


def ambassadors_and_an_expert():
    return [
        Request(at=gst(11, 15, 9), delegation="ARG", level=Level.AMBASSADOR),
        Request(at=gst(11, 16, 9), delegation="BGD", level=Level.EXPERT),
        Request(at=gst(11, 17, 9), delegation="BGR", level=Level.AMBASSADOR),
    ]


def test_two_delegations_at_the_same_level_swap_places_and_the_swap_is_recorded():
    swap = Swap(
        at=gst(12, 1), delegation_a="ARG", delegation_b="BGR", agreed_by_both=True, recorded_by="secretariat"
    )

    result = replay(COSP8, [*ambassadors_and_an_expert(), swap])

    assert order(result) == ["BGR", "BGD", "ARG"]
    assert result.entry("BGR").ordering_time == gst(11, 15, 9)
    assert result.entry("BGR").requested_at == gst(11, 17, 9)
    assert result.changes[-1].event == swap
    assert result.changes[-1].event.recorded_by == "secretariat"
    assert "swapped" in result.changes[-1].description


@pytest.mark.parametrize(
    ("swap", "code"),
    [
        (
            Swap(at=gst(12, 1), delegation_a="ARG", delegation_b="BGD", agreed_by_both=True),
            "swap_levels_differ",
        ),
        (
            Swap(at=gst(12, 1), delegation_a="ARG", delegation_b="BGR", agreed_by_both=False),
            "swap_not_agreed",
        ),
        (Swap(at=gst(12, 1), delegation_a="ARG", delegation_b="CAN", agreed_by_both=True), "not_on_list"),
        (Swap(at=gst(12, 1), delegation_a="CAN", delegation_b="ARG", agreed_by_both=True), "not_on_list"),
        (
            Swap(at=gst(12, 1), delegation_a="ARG", delegation_b="ARG", agreed_by_both=True),
            "swap_same_delegation",
        ),
    ],
)
def test_a_swap_between_different_levels_without_both_agreements_or_off_the_list_is_refused(swap, code):
    result = replay(COSP8, [*ambassadors_and_an_expert(), swap])

    refusal = only_refusal(result)
    assert (refusal.event, refusal.rule, refusal.code) == (swap, 5, code)
    assert order(result) == ["ARG", "BGD", "BGR"]


def test_two_cabinet_ministers_cannot_swap_while_only_one_is_confirmed():
    events = [
        Request(at=gst(11, 15, 9), delegation="AUT", level=Level.CABINET_MINISTER),
        Request(at=gst(11, 16, 9), delegation="ESP", level=Level.CABINET_MINISTER),
        ConfirmCabinet(at=gst(11, 17, 9), delegation="ESP"),
        Swap(at=gst(11, 18, 9), delegation_a="AUT", delegation_b="ESP", agreed_by_both=True),
    ]

    result = replay(COSP8, events)

    assert (only_refusal(result).rule, only_refusal(result).code) == (5, "swap_awaiting_confirmation")
    assert order(result) == ["ESP", "AUT"]


# --- Rule 6: time limits, one national and one group statement ------------------------------------


def test_every_speaker_has_four_minutes_and_a_group_chair_speaking_for_the_group_seven():
    events = [
        Request(at=gst(11, 15, 9), delegation="ITA", level=Level.HEAD_OF_STATE),
        Request(at=gst(11, 15, 10), delegation="GTM", level=Level.MINISTER, on_behalf_of_group="GRULAC"),
        Request(at=gst(11, 15, 11), delegation="GTM", level=Level.AMBASSADOR),
    ]

    result = replay(COSP8, events)

    assert [(entry.delegation, entry.on_behalf_of_group, entry.minutes) for entry in result.entries] == [
        ("ITA", None, 4),
        ("GTM", "GRULAC", 7),
        ("GTM", None, 4),
    ]
    assert result.entry("GTM", "GRULAC").minutes == 7


def test_the_time_limits_come_from_the_settings():
    session = ListSettings(opens_at=COSP8.opens_at, closes_at=COSP8.closes_at, minutes=5, group_minutes=10)
    events = [
        Request(at=gst(11, 15, 9), delegation="ITA", level=Level.EXPERT),
        Request(at=gst(11, 15, 10), delegation="KEN", level=Level.EXPERT, on_behalf_of_group="AFR"),
    ]

    assert [entry.minutes for entry in replay(session, events).entries] == [5, 10]


def test_a_second_national_statement_a_second_statement_for_a_group_or_a_second_group_are_refused():
    events = [
        Request(at=gst(11, 15, 9), delegation="GTM", level=Level.MINISTER, on_behalf_of_group="GRULAC"),
        Request(at=gst(11, 15, 10), delegation="GTM", level=Level.AMBASSADOR),
        Request(at=gst(11, 16, 9), delegation="GTM", level=Level.EXPERT),
        Request(at=gst(11, 16, 10), delegation="MEX", level=Level.AMBASSADOR, on_behalf_of_group="GRULAC"),
        Request(at=gst(11, 16, 11), delegation="GTM", level=Level.MINISTER, on_behalf_of_group="AFR"),
    ]

    result = replay(COSP8, events)

    assert len(result.entries) == 2
    assert [(refusal.event, refusal.rule, refusal.code) for refusal in result.refused] == [
        (events[2], 6, "duplicate_national_statement"),
        (events[3], 6, "group_already_inscribed"),
        (events[4], 6, "second_group_statement"),
    ]


# --- Withdrawal -------------------------------------------------------------------------------------


def test_a_withdrawal_removes_the_entry_and_a_new_request_starts_from_its_own_time():
    events = [
        Request(at=gst(11, 15, 9), delegation="KEN", level=Level.AMBASSADOR),
        Request(at=gst(11, 16, 9), delegation="PER", level=Level.AMBASSADOR),
        Withdraw(at=gst(11, 17, 9), delegation="KEN"),
        Request(at=gst(11, 18, 9), delegation="KEN", level=Level.AMBASSADOR),
    ]

    assert order(replay(COSP8, events[:3])) == ["PER"]
    assert order(replay(COSP8, events)) == ["PER", "KEN"]


def test_withdrawing_a_delegation_not_on_the_list_is_refused_with_a_reason():
    refusal = only_refusal(replay(COSP8, [Withdraw(at=gst(11, 17, 9), delegation="KEN")]))

    assert (refusal.rule, refusal.code) == (1, "not_on_list")
    assert refusal.reason == "KEN is not on the list."


def test_a_group_statement_is_addressed_by_its_group():
    events = [
        Request(at=gst(11, 15, 9), delegation="KEN", level=Level.AMBASSADOR),
        Request(at=gst(11, 15, 10), delegation="KEN", level=Level.AMBASSADOR, on_behalf_of_group="AFR"),
        Withdraw(at=gst(11, 16, 9), delegation="KEN", on_behalf_of_group="AFR"),
    ]

    result = replay(COSP8, events)

    assert [(entry.delegation, entry.on_behalf_of_group) for entry in result.entries] == [("KEN", None)]


# --- Rule 9: estimated timetable and the end of the general discussion ----------------------------


def test_speakers_fill_the_cosp8_meetings_and_a_statement_that_would_overrun_starts_at_the_next():
    # 44 four-minute statements fill the first three-hour meeting up to 17:56; the group statement
    # (7 minutes) would overrun 18:00, so it opens the next meeting.
    events = [
        Request(at=gst(11, 15, 9, minute), delegation=f"D{minute:02d}", level=Level.AMBASSADOR)
        for minute in range(45)
    ]
    events.insert(
        44, Request(at=gst(11, 15, 9, 44), delegation="KEN", level=Level.EXPERT, on_behalf_of_group="AFR")
    )

    result = replay(COSP8, events)

    assert result.entries[0].estimated_start == gst(12, 16, 15)
    assert result.entries[43].estimated_end == gst(12, 16, 17, 56)
    group = result.entries[44]
    assert group.on_behalf_of_group == "AFR"
    assert (group.estimated_start, group.estimated_end) == (gst(12, 17, 10), gst(12, 17, 10, 7))
    assert result.entries[45].estimated_start == gst(12, 17, 10, 7)


def test_speakers_who_do_not_fit_before_the_end_of_the_general_discussion_go_to_other_items():
    session = ListSettings(
        opens_at=COSP8.opens_at,
        closes_at=COSP8.closes_at,
        meetings=(Meeting(gst(12, 17, 15), gst(12, 17, 18)),),
        ends_at=gst(12, 17, 15, 10),
    )
    events = [
        Request(at=gst(11, 15, 9), delegation="ITA", level=Level.AMBASSADOR),
        Request(at=gst(11, 15, 10), delegation="KEN", level=Level.AMBASSADOR, on_behalf_of_group="AFR"),
        Request(at=gst(11, 15, 11), delegation="PER", level=Level.AMBASSADOR),
    ]

    result = replay(session, events)

    assert [entry.moved_to_other_items for entry in result.entries] == [False, True, True]
    # Peru's four minutes would fit in the remaining six, but nobody overtakes the speaker before.
    assert result.entries[2].estimated_start is None


def test_without_an_end_time_the_general_discussion_ends_with_its_last_meeting():
    session = ListSettings(
        opens_at=COSP8.opens_at,
        closes_at=COSP8.closes_at,
        meetings=(Meeting(gst(12, 17, 15), gst(12, 17, 15, 8)),),
    )
    events = [
        Request(at=gst(11, 15, 9, minute), delegation=f"D{minute}", level=Level.EXPERT) for minute in range(3)
    ]

    result = replay(session, events)

    assert session.discussion_ends_at == gst(12, 17, 15, 8)
    assert [entry.moved_to_other_items for entry in result.entries] == [False, False, True]


def test_with_no_meetings_allotted_yet_there_is_no_estimate_and_nobody_is_moved():
    session = ListSettings(opens_at=COSP8.opens_at, closes_at=COSP8.closes_at)

    result = replay(session, [Request(at=gst(11, 15, 9), delegation="ITA", level=Level.EXPERT)])

    entry = result.entries[0]
    assert (entry.estimated_start, entry.estimated_end, entry.moved_to_other_items) == (None, None, False)


def test_after_the_general_discussion_ends_the_list_no_longer_changes():
    events = [
        Request(at=gst(11, 15, 9), delegation="ITA", level=Level.AMBASSADOR),
        Withdraw(at=gst(12, 17, 18, 1), delegation="ITA"),
    ]

    result = replay(COSP8, events)

    assert order(result) == ["ITA"]
    assert (only_refusal(result).rule, only_refusal(result).code) == (9, "after_end")


# --- The list at any moment --------------------------------------------------------------------------


def test_the_list_as_it_stood_before_a_confirmation_arrived():
    events = [
        Request(at=gst(11, 15, 9), delegation="AUT", level=Level.CABINET_MINISTER),
        Request(at=gst(11, 16, 9), delegation="NGA", level=Level.HEAD_OF_STATE),
        ConfirmCabinet(at=gst(11, 20, 9), delegation="AUT"),
    ]

    assert order(replay(COSP8, events, as_of=gst(11, 20, 8, 59))) == ["NGA", "AUT"]
    assert order(replay(COSP8, events, as_of=gst(11, 20, 9))) == ["AUT", "NGA"]
    assert replay(COSP8, events, as_of=gst(11, 15)).entries == ()


def test_every_accepted_change_is_logged_with_its_time_and_author():
    events = [
        Request(at=gst(11, 15, 9), delegation="AUT", level=Level.CABINET_MINISTER, recorded_by="focal point"),
        ConfirmCabinet(at=gst(11, 16, 9), delegation="AUT", recorded_by="secretariat"),
    ]

    result = replay(COSP8, events)

    assert [(change.event.at, change.event.recorded_by) for change in result.changes] == [
        (gst(11, 15, 9), "focal point"),
        (gst(11, 16, 9), "secretariat"),
    ]
    assert "AUT" in result.changes[0].description
    assert "without priority" in result.changes[0].description


# --- Input checks ------------------------------------------------------------------------------------


def invalid_field(make) -> str:
    with pytest.raises(SpeakersInputError) as error:
        make()
    return error.value.field


def test_naive_datetimes_unknown_levels_and_unknown_groups_are_rejected_with_the_field_named():
    assert invalid_field(lambda: Request(at=datetime(2019, 11, 15), delegation="AUT", level="expert")) == "at"
    assert invalid_field(lambda: Request(at=gst(11, 15), delegation="AUT", level="prince")) == "level"
    assert invalid_field(lambda: Withdraw(at=gst(11, 15), delegation=" ")) == "delegation"
    assert invalid_field(lambda: Withdraw(at=gst(11, 15), delegation="AUT", on_behalf_of_group="EU")) == (
        "on_behalf_of_group"
    )
    with pytest.raises(SpeakersInputError) as error:
        Request(at=gst(11, 15), delegation="AUT", level="prince")
    assert str(error.value).startswith("level: 'prince' is not a level (head_of_state, ")


def test_settings_that_close_before_opening_or_overlap_meetings_are_rejected():
    overlapping = (Meeting(gst(12, 2, 10), gst(12, 2, 13)), Meeting(gst(12, 2, 12), gst(12, 2, 14)))

    assert invalid_field(lambda: ListSettings(opens_at=gst(12, 1), closes_at=gst(11, 1))) == "closes_at"
    assert invalid_field(lambda: ListSettings(gst(11, 1), gst(12, 1), meetings=overlapping)) == "meetings"
    assert invalid_field(lambda: ListSettings(gst(11, 1), gst(12, 1), minutes=0)) == "minutes"
    assert invalid_field(lambda: Meeting(gst(12, 2, 10), gst(12, 2, 10))) == "ends_at"


def test_a_level_given_as_a_string_becomes_the_enum_value():
    request = Request(at=gst(11, 15), delegation="AUT", level="head_of_state")

    assert request.level is Level.HEAD_OF_STATE


# --- Properties over random event sequences ---------------------------------------------------------

# A short session, so that some speakers do not fit: two meetings of a quarter of an hour (six
# statements), with COSP8's opening and closing times.
SHORT = ListSettings(
    opens_at=COSP8.opens_at,
    closes_at=COSP8.closes_at,
    meetings=(Meeting(gst(12, 16, 15), gst(12, 16, 15, 15)), Meeting(gst(12, 17, 10), gst(12, 17, 10, 15))),
)


def mostly(usual, unusual):
    """`usual` four times in five, else `unusual`."""
    return st.integers(min_value=0, max_value=4).flatmap(lambda n: unusual if n == 0 else usual)


def times_between(first: int, last: int):
    """Times `first` to `last` steps of twelve hours after the list opens: coarse, so that equal
    times happen."""
    step = timedelta(hours=12)
    return st.integers(min_value=first, max_value=last).map(lambda n: SHORT.opens_at + n * step)


delegations = st.sampled_from(["AUT", "BRA", "CHN", "EGY", "FRA", "IND", "JPN", "KEN"])
groups = mostly(st.none(), st.sampled_from(["AFR", "GRULAC", "WEOG"]))
# Mostly a few levels, so that swaps between equal levels happen.
levels = mostly(
    st.sampled_from([Level.HEAD_OF_STATE, Level.CABINET_MINISTER, Level.AMBASSADOR, Level.EXPERT]),
    st.sampled_from(list(Level)),
)
# The list is open for 63 steps and the general discussion ends at step 65. Requests come mostly in
# the first third of the open period, other events mostly afterwards; both sometimes come before the
# opening or after the end.
request_times = mostly(times_between(0, 20), times_between(-2, 67))
later_times = mostly(times_between(21, 63), times_between(-2, 67))


def requests(delegation=delegations):
    return st.builds(
        Request, at=request_times, delegation=delegation, level=levels, on_behalf_of_group=groups
    )


def follow_ups(statements):
    """Events about a statement drawn from `statements` ((delegation, group) pairs), now and then
    about anyone, and further requests."""
    target = mostly(statements, st.tuples(delegations, groups))

    def about(kind, **fields):
        return target.flatmap(
            lambda key: st.builds(
                kind, at=later_times, delegation=st.just(key[0]), on_behalf_of_group=st.just(key[1]), **fields
            )
        )

    swaps = st.tuples(target, target).flatmap(
        lambda pair: st.builds(
            Swap,
            at=later_times,
            delegation_a=st.just(pair[0][0]),
            delegation_b=st.just(pair[1][0]),
            agreed_by_both=mostly(st.just(True), st.just(False)),
            on_behalf_of_group_a=st.just(pair[0][1]),
            on_behalf_of_group_b=st.just(pair[1][1]),
        )
    )
    return st.one_of(about(ConfirmCabinet), about(Replace, level=levels), swaps, about(Withdraw), requests())


@st.composite
def event_lists(draw):
    """A request from each of some delegations, then events about their statements, in any order
    given. Each event gets its index as `ref`, so that equal events stay distinguishable."""
    speaking = draw(st.lists(delegations, unique=True, min_size=2, max_size=8))
    first_requests = [draw(requests(st.just(delegation))) for delegation in speaking]
    keys = [(request.delegation, request.on_behalf_of_group) for request in first_requests]
    others = draw(st.lists(follow_ups(st.sampled_from(keys)), max_size=25))
    events = draw(st.permutations(first_requests + others))
    return [dataclasses.replace(event, ref=index) for index, event in enumerate(events)]


PROPERTY = settings(max_examples=60, deadline=None)


@PROPERTY
@given(event_lists())
def test_priority_speakers_always_precede_the_others(events):
    priorities = [entry.priority for entry in replay(SHORT, events).entries]

    assert priorities == sorted(priorities, reverse=True)


@PROPERTY
@given(event_lists())
def test_within_a_tier_the_order_follows_the_ordering_time(events):
    entries = replay(SHORT, events).entries

    for earlier, later in pairwise(entries):
        if earlier.priority == later.priority:
            assert earlier.ordering_time <= later.ordering_time


@PROPERTY
@given(event_lists())
def test_an_entry_is_placed_by_its_request_or_its_replacement_notice_unless_a_recorded_swap_moved_it(events):
    result = replay(SHORT, events)

    swapped = set()
    notices: dict[tuple[str, str | None], set[datetime]] = {}
    for change in result.changes:
        event = change.event
        if isinstance(event, Swap):
            swapped |= {
                (event.delegation_a, event.on_behalf_of_group_a),
                (event.delegation_b, event.on_behalf_of_group_b),
            }
        elif isinstance(event, Replace):
            notices.setdefault((event.delegation, event.on_behalf_of_group), set()).add(event.at)
    for entry in result.entries:
        key = (entry.delegation, entry.on_behalf_of_group)
        if key not in swapped:
            assert entry.ordering_time in {entry.requested_at} | notices.get(key, set())
        # Priority is exactly: ministerial level, and confirmed if a cabinet minister.
        assert entry.priority == (entry.level in MINISTERIAL_LEVELS and not entry.awaiting_confirmation)


@PROPERTY
@given(event_lists())
def test_no_delegation_or_group_holds_two_statements_of_the_same_kind(events):
    entries = replay(SHORT, events).entries

    keys = [(entry.delegation, entry.on_behalf_of_group) for entry in entries]
    group_holders = [entry.delegation for entry in entries if entry.on_behalf_of_group]
    groups_taken = [entry.on_behalf_of_group for entry in entries if entry.on_behalf_of_group]
    assert len(keys) == len(set(keys))
    assert len(group_holders) == len(set(group_holders))
    assert len(groups_taken) == len(set(groups_taken))
    assert all(entry.minutes == (7 if entry.on_behalf_of_group else 4) for entry in entries)


@PROPERTY
@given(event_lists(), times_between(-2, 67))
def test_the_list_as_of_a_moment_is_the_replay_of_the_events_received_by_then(events, moment):
    as_of = replay(SHORT, events, as_of=moment)
    received = replay(SHORT, [event for event in events if event.at <= moment])

    assert (as_of.entries, as_of.refused, as_of.changes) == (
        received.entries,
        received.refused,
        received.changes,
    )
    assert as_of.as_of == moment


@PROPERTY
@given(event_lists())
def test_the_result_depends_on_the_events_alone(events):
    once = replay(SHORT, events)

    assert replay(SHORT, events) == once
    # Recorded in time order rather than as given: the same list (ties keep their order either way).
    assert replay(SHORT, sorted(events, key=lambda event: event.at)) == once


@PROPERTY
@given(event_lists())
def test_every_event_is_either_applied_or_refused_once(events):
    result = replay(SHORT, events)

    accounted = sorted(
        [change.event.ref for change in result.changes] + [r.event.ref for r in result.refused]
    )
    assert accounted == list(range(len(events)))
    assert {refusal.rule for refusal in result.refused} <= {1, 3, 4, 5, 6, 9}
    assert all(refusal.reason for refusal in result.refused)


@PROPERTY
@given(st.lists(st.sampled_from([4, 7]), max_size=60), st.sampled_from([None, 30, 200, 600]))
def test_estimated_slots_never_overlap_and_each_fits_inside_a_meeting(minutes, cut_off_minutes):
    session = ListSettings(
        opens_at=COSP8.opens_at,
        closes_at=COSP8.closes_at,
        meetings=COSP8.meetings,
        ends_at=None
        if cut_off_minutes is None
        else COSP8.meetings[0].starts_at + timedelta(minutes=cut_off_minutes),
    )

    slots = estimate_timetable(session, minutes)

    placed = [slot for slot in slots if slot is not None]
    assert slots[: len(placed)] == placed  # the speakers moved to other items are the last ones
    for (start, end), limit in zip(placed, minutes, strict=False):
        assert end - start == timedelta(minutes=limit)
        assert end <= session.discussion_ends_at
        assert any(m.starts_at <= start and end <= m.ends_at for m in session.meetings)
    for (_, end), (start, _) in pairwise(placed):
        assert end <= start


@PROPERTY
@given(follow_ups(st.tuples(delegations, groups)))
def test_an_event_reads_back_from_its_json_unchanged(event):
    assert event_from_json(event_as_json(event)) == event


def test_json_datetimes_without_a_zone_are_utc():
    event = event_from_json({"kind": "withdraw", "at": "2019-12-16T09:00", "delegation": "AUT"})

    assert event.at == datetime(2019, 12, 16, 9, tzinfo=UTC)
