"""The organisation of work: the checks on a grid (rule 8) and the timetable built from it."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.utils.translation import override
from hypothesis import given, settings
from hypothesis import strategies as st

from cosp.core.i18n import compile_translations
from cosp.meetings.enums import Slot
from cosp.meetings.schedule import (
    PLENARY,
    SLOT_TIMES,
    Cell,
    Severity,
    check_grid,
    interpretation_count,
    timetable,
)

pytestmark = [pytest.mark.unit]

FIRST_DAY = date(2019, 12, 16)  # COSP8, Abu Dhabi, 16-20 December 2019
LAST_DAY = date(2019, 12, 20)
DAYS = [FIRST_DAY + timedelta(days=n) for n in range(5)]
IRG = "Implementation Review Group, resumed session"
INFORMAL = "Informal consultations"
AGENDA = [
    "1",
    "1(a)",
    "1(b)",
    "1(c)",
    "1(d)",
    "1(e)",
    "1(f)",
    *[str(number) for number in range(2, 11)],
]
PLENARY_ITEMS = [
    ("1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)"),
    ("1(f)",),
    ("1(f)", "2"),
    ("2",),
    ("3",),
    ("4",),
    ("5", "6"),
    ("7", "8"),
    ("9",),
    ("10",),
]


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """Messages are read in Chinese once; build the .mo files if they are missing or stale."""
    if compile_translations():
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None


def cosp8_grid() -> list[Cell]:
    """5 days × 2 slots of plenary (10 meetings), the IRG on the first four days (8 meetings): 18 with
    interpretation; informal consultations without interpretation on three afternoons."""
    cells = []
    for index, (day, slot) in enumerate(
        (day, slot) for day in DAYS for slot in (Slot.MORNING, Slot.AFTERNOON)
    ):
        cells.append(Cell(day, slot, PLENARY, items=PLENARY_ITEMS[index]))
        if day < LAST_DAY:
            cells.append(Cell(day, slot, IRG, title="Resumed tenth session of the Group"))
        if slot == Slot.AFTERNOON and day in DAYS[1:4]:
            cells.append(Cell(day, slot, INFORMAL, title="Draft resolutions", interpretation=False))
    return cells


def check(cells, *, interpretation_meetings=18, agenda_items=AGENDA):
    return check_grid(
        cells,
        first_day=FIRST_DAY,
        last_day=LAST_DAY,
        interpretation_meetings=interpretation_meetings,
        agenda_items=agenda_items,
    )


def codes(problems) -> list[str]:
    return [problem.code for problem in problems]


def test_the_cosp8_like_grid_has_no_problems():
    cells = cosp8_grid()

    assert interpretation_count(cells) == 18
    assert check(cells) == []


def test_a_nineteenth_meeting_with_interpretation_is_an_error_that_gives_both_numbers():
    cells = [*cosp8_grid(), Cell(LAST_DAY, Slot.MORNING, IRG, title="Closing of the resumed session")]

    problems = check(cells)

    assert codes(problems) == ["interpretation_exceeded"]
    assert problems[0].severity == Severity.ERROR
    with override("en"):
        assert problems[0].message == "19 meetings need interpretation, resources cover 18."


def test_meetings_without_interpretation_do_not_count_against_the_resources():
    cells = [*cosp8_grid(), Cell(LAST_DAY, Slot.MORNING, INFORMAL, interpretation=False)]

    assert check(cells) == []


def test_fewer_meetings_than_the_resources_allow_is_only_a_note():
    cells = [cell for cell in cosp8_grid() if not (cell.track == IRG and cell.day == DAYS[3])]

    problems = check(cells)

    assert codes(problems) == ["interpretation_unused"]
    assert problems[0].severity == Severity.NOTE
    with override("en"):
        assert problems[0].message == "16 meetings need interpretation, resources cover 18."


def test_unknown_resources_are_not_checked():
    cells = [*cosp8_grid(), Cell(LAST_DAY, Slot.MORNING, IRG)]

    assert check(cells, interpretation_meetings=None) == []


def test_a_meeting_outside_the_session_days_names_its_day_slot_and_track():
    cells = [*cosp8_grid(), Cell(date(2019, 12, 21), Slot.MORNING, INFORMAL, interpretation=False)]

    problems = check(cells)

    assert codes(problems) == ["outside_session"]
    assert (problems[0].day, problems[0].slot, problems[0].track) == (date(2019, 12, 21), "morning", INFORMAL)
    with override("en"):
        assert problems[0].message == (
            "2019-12-21, 10 a.m.-1 p.m., Informal consultations: "
            "the session meets from 2019-12-16 to 2019-12-20 only."
        )


def test_two_meetings_in_the_same_slot_of_the_same_track_are_reported_once():
    cells = cosp8_grid()
    cells.append(Cell(DAYS[2], Slot.MORNING, PLENARY, items=("3",)))

    problems = check(cells, interpretation_meetings=None)

    assert codes(problems) == ["double_booked"]
    with override("en"):
        assert problems[0].message == "2019-12-18, 10 a.m.-1 p.m., Plenary: 2 meetings clash in this slot."


def test_the_same_slot_in_two_tracks_is_not_a_clash():
    cells = [Cell(FIRST_DAY, Slot.MORNING, PLENARY), Cell(FIRST_DAY, Slot.MORNING, IRG)]

    assert check(cells, interpretation_meetings=None, agenda_items=()) == []


def test_an_unknown_slot_is_an_error():
    problems = check([Cell(FIRST_DAY, "evening", PLENARY)], interpretation_meetings=None, agenda_items=())

    assert codes(problems) == ["unknown_slot"]
    assert "evening" in problems[0].message


def test_an_agenda_item_never_scheduled_is_a_warning():
    cells = [replace(cell, items=("9",)) if cell.items == ("10",) else cell for cell in cosp8_grid()]

    problems = check(cells)

    assert codes(problems) == ["item_unscheduled"]
    assert problems[0].severity == Severity.WARNING
    assert problems[0].item == "10"
    with override("en"):
        assert problems[0].message == "Agenda item 10 is not taken up in any meeting."


def test_an_item_not_on_the_agenda_is_an_error_naming_the_meeting():
    cells = [
        replace(cell, items=(*cell.items, "11")) if cell.items == ("10",) else cell for cell in cosp8_grid()
    ]

    problems = check(cells)

    assert codes(problems) == ["item_not_on_agenda"]
    with override("en"):
        assert problems[0].message == "2019-12-20, 3-6 p.m., Plenary: item 11 is not on the agenda."


def test_a_sub_item_the_agenda_does_not_list_is_not_on_the_agenda():
    cells = [*cosp8_grid(), Cell(LAST_DAY, Slot.AFTERNOON, INFORMAL, items=("1(g)",), interpretation=False)]

    assert codes(check(cells)) == ["item_not_on_agenda"]


def test_an_item_without_sub_items_may_be_taken_up_in_parts():
    cells = [Cell(FIRST_DAY, Slot.MORNING, PLENARY, items=("2(a)", "2 (b)"))]

    assert check(cells, interpretation_meetings=None, agenda_items=["2"]) == []


def test_scheduling_a_whole_item_covers_its_sub_items():
    cells = [Cell(FIRST_DAY, Slot.MORNING, PLENARY, items=("1",))]

    assert check(cells, interpretation_meetings=None, agenda_items=["1", "1(a)", "1(b)"]) == []


def test_item_numbers_are_compared_without_spaces():
    cells = [Cell(FIRST_DAY, Slot.MORNING, PLENARY, items=("1 (a)",))]

    assert check(cells, interpretation_meetings=None, agenda_items=["1(a)"]) == []


def test_errors_come_before_warnings_and_notes():
    cells = [*cosp8_grid()[:-6], Cell(date(2019, 12, 22), Slot.MORNING, PLENARY, items=("99",))]

    severities = [problem.severity for problem in check(cells)]

    assert severities == sorted(severities, key=[Severity.ERROR, Severity.WARNING, Severity.NOTE].index)
    assert {Severity.ERROR, Severity.WARNING, Severity.NOTE} <= set(severities)


def test_a_session_that_ends_before_it_begins_is_refused():
    with pytest.raises(ValueError, match="before it begins"):
        check_grid([], first_day=LAST_DAY, last_day=FIRST_DAY, interpretation_meetings=None)


def test_messages_follow_the_active_language():
    cells = [*cosp8_grid(), Cell(LAST_DAY, Slot.MORNING, IRG)]
    (problem,) = check(cells)

    with override("zh-hans"):
        chinese = problem.message
    with override("en"):
        english = problem.message

    assert english == "19 meetings need interpretation, resources cover 18."
    assert chinese == "19场会议需要口译，资源可供18场。"


def test_the_slot_hours_are_those_of_rule_8():
    assert {slot: (start.hour, end.hour) for slot, (start, end) in SLOT_TIMES.items()} == {
        "morning": (10, 13),
        "afternoon": (15, 18),
    }


# --- the timetable -------------------------------------------------------------------------------


def test_the_timetable_has_a_row_per_day_and_slot_and_the_plenary_first():
    grid = timetable(reversed(cosp8_grid()))

    assert grid.tracks == (PLENARY, IRG, INFORMAL)
    assert [(row.day, row.slot) for row in grid.rows] == [
        (day, slot) for day in DAYS for slot in ("morning", "afternoon")
    ]
    first = grid.rows[0]
    assert first.cells[0].items == PLENARY_ITEMS[0]
    assert first.cells[1].track == IRG
    assert first.cells[2] is None  # no informal consultations on the first morning
    assert grid.rows[-1].cells[1:] == (None, None)


def test_the_timetable_shows_empty_days_of_the_session():
    grid = timetable([Cell(DAYS[1], Slot.AFTERNOON, PLENARY)], first_day=FIRST_DAY, last_day=LAST_DAY)

    assert len(grid.rows) == 10
    assert [row.cells for row in grid.rows if row.cells != (None,)] == [
        (Cell(DAYS[1], "afternoon", PLENARY),)
    ]


def test_an_empty_grid_gives_an_empty_timetable():
    assert timetable([]).rows == ()


cells_strategy = st.lists(
    st.builds(
        Cell,
        day=st.sampled_from([FIRST_DAY - timedelta(days=1), *DAYS]),
        slot=st.sampled_from(["morning", "afternoon"]),
        track=st.sampled_from([PLENARY, IRG, INFORMAL]),
        items=st.lists(st.sampled_from([*AGENDA, "11"]), max_size=3).map(tuple),
        interpretation=st.booleans(),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(cells=cells_strategy, available=st.integers(min_value=0, max_value=30))
def test_the_interpretation_check_agrees_with_the_count(cells, available):
    problems = check(cells, interpretation_meetings=available)

    needed = sum(cell.interpretation for cell in cells)
    found = {problem.code for problem in problems} & {"interpretation_exceeded", "interpretation_unused"}
    expected = {"interpretation_exceeded"} if needed > available else set()
    expected |= {"interpretation_unused"} if needed < available else set()
    assert found == expected


@settings(max_examples=60, deadline=None)
@given(cells=cells_strategy)
def test_every_distinct_meeting_is_in_the_timetable_once_and_clashes_are_reported(cells):
    grid = timetable(cells)
    problems = check(cells, interpretation_meetings=None, agenda_items=())

    shown = [(row.day, row.slot, cell.track) for row in grid.rows for cell in row.cells if cell is not None]
    places = [(cell.day, cell.slot, cell.track) for cell in cells]
    assert sorted(shown) == sorted(set(places))
    clashes = {(p.day, p.slot, p.track) for p in problems if p.code == "double_booked"}
    assert clashes == {place for place in places if places.count(place) > 1}
