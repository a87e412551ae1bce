"""The reads behind the timetable pages and files: session names, the order of symbols, the grid."""

from datetime import date, timedelta

import pytest

from cosp.meetings.enums import SessionKind, Slot
from cosp.meetings.models import Body, Session, WorkCell
from cosp.meetings.timetable_data import (
    body_short_name,
    day_label,
    ordinal_en,
    session_grid,
    session_name,
    session_title,
    symbol_order,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.mark.parametrize(
    ("number", "word"),
    [
        (1, "first"),
        (8, "eighth"),
        (12, "twelfth"),
        (20, "twentieth"),
        (21, "twenty-first"),
        (99, "ninety-ninth"),
    ],
)
def test_ordinal_en_writes_session_numbers_as_words(number, word):
    assert ordinal_en(number) == word


@pytest.fixture
def conference(db) -> Body:
    return Body.objects.create(
        code="COSP",
        name_en="Conference of the States Parties to the United Nations Convention against Corruption",
        name_zh_hans="联合国反腐败公约缔约国会议",
        abbreviation_en="COSP",
        abbreviation_zh_hans="缔约国会议",
        symbol_prefix="CAC/COSP",
    )


def test_a_regular_session_is_named_by_its_ordinal_in_english_and_chinese(conference):
    session = Session(body=conference, number=10, start=date(2023, 12, 11), end=date(2023, 12, 15))

    assert (session_name(session, "en"), session_name(session, "zh")) == ("tenth session", "第十届会议")
    assert session_title(session, "zh") == "联合国反腐败公约缔约国会议第十届会议"
    assert session_title(session, "en").endswith("against Corruption, tenth session")


def test_special_and_resumed_sessions_are_named_as_such(conference):
    special = Session(body=conference, kind=SessionKind.SPECIAL, start=date(2021, 5, 7), end=date(2021, 5, 7))
    eighth = Session.objects.create(
        body=conference, number=8, start=date(2019, 12, 16), end=date(2019, 12, 20)
    )
    resumed = Session(
        body=conference,
        kind=SessionKind.RESUMED,
        resumes=eighth,
        start=date(2020, 9, 1),
        end=date(2020, 9, 1),
    )

    assert (session_name(special, "en"), session_name(special, "zh")) == ("special session", "特别会议")
    assert (session_name(resumed, "en"), session_name(resumed, "zh")) == (
        "resumed eighth session",
        "第八届会议续会",
    )


def test_a_language_without_its_own_session_names_gets_the_english_ones(conference):
    session = Session(body=conference, number=8, start=date(2019, 12, 16), end=date(2019, 12, 20))

    assert session_name(session, "fr") == "eighth session"


def test_a_report_names_the_conference_as_the_conference_and_not_by_its_acronym(conference):
    session = Session(body=conference, number=8, start=date(2019, 12, 16), end=date(2019, 12, 20))

    assert (body_short_name(session, "en"), body_short_name(session, "zh")) == ("Conference", "缔约国会议")


def test_symbols_sort_with_their_numbers_as_numbers():
    symbols = [
        "CAC/COSP/2019/10",
        "CAC/COSP/2019/L.1",
        "CAC/COSP/2019/2",
        "CAC/COSP/2019/1/Add.1",
        "CAC/COSP/2019/1",
    ]

    assert sorted(symbols, key=symbol_order) == [
        "CAC/COSP/2019/1",
        "CAC/COSP/2019/1/Add.1",
        "CAC/COSP/2019/2",
        "CAC/COSP/2019/10",
        "CAC/COSP/2019/L.1",
    ]


def test_days_are_written_the_un_way_in_each_language():
    assert day_label(date(2019, 12, 16), "en") == "Monday, 16 December 2019"
    assert day_label(date(2019, 12, 16), "zh") == "2019年12月16日星期一"


def test_the_grid_widens_to_show_a_meeting_recorded_outside_the_session_days(conference):
    session = Session.objects.create(
        body=conference, number=8, start=date(2019, 12, 16), end=date(2019, 12, 17), interpretation_meetings=4
    )
    early = WorkCell.objects.create(
        session=session, day=date(2019, 12, 15), slot=Slot.AFTERNOON, title_en="Briefing"
    )
    WorkCell.objects.create(session=session, day=date(2019, 12, 16), slot=Slot.MORNING, interpretation=False)

    grid = session_grid(session)

    assert [(row.day, row.slot) for row in grid.rows][:2] == [
        (date(2019, 12, 15), Slot.MORNING),
        (date(2019, 12, 15), Slot.AFTERNOON),
    ]
    assert len(grid.rows) == 3 * 2
    assert grid.rows[1].meetings == (early,)
    assert [row.first_of_day for row in grid.rows] == [True, False] * 3
    assert (grid.interpretation_needed, grid.interpretation_available) == (1, 4)
    assert session.start + timedelta(days=1) == grid.rows[-1].day
