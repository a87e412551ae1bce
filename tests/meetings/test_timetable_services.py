"""The secretariat's edits to the organisation of work: what is saved, what is refused, and that a
refusal leaves the database as it was."""

import contextlib
from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cosp.core.enums import Role
from cosp.meetings.enums import Slot
from cosp.meetings.models import AgendaItem, Body, Session, WorkCell
from cosp.meetings.schedule import PLENARY, Severity
from cosp.meetings.services import MeetingRuleError, add_meeting, remove_meeting
from cosp.meetings.timetable_data import grid_problems

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FIRST_DAY = date(2019, 12, 16)
IRG = "Implementation Review Group, resumed session"
AGENDA = ["1", "1(a)", "1(b)", "2", "3"]


@pytest.fixture
def session(db) -> Session:
    """A three-day session with a small agenda and resources for four meetings with interpretation."""
    body = Body.objects.create(code="COSP", name_en="Conference", symbol_prefix="CAC/COSP")
    session = Session.objects.create(
        body=body,
        number=8,
        start=FIRST_DAY,
        end=FIRST_DAY + timedelta(days=2),
        timezone="Asia/Dubai",
        interpretation_meetings=4,
    )
    parents: dict[str, AgendaItem] = {}
    for position, number in enumerate(AGENDA):
        parents[number] = AgendaItem.objects.create(
            session=session,
            number=number,
            position=position,
            parent=parents.get(number.split("(")[0]) if "(" in number else None,
            title_en=f"Item {number}",
        )
    return session


@pytest.fixture
def officer(make_user):
    return make_user(Role.SECRETARIAT_OFFICER, username="planner")


def snapshot(session: Session) -> list[tuple]:
    """Everything the grid holds, to compare before and after a refusal."""
    return [
        (
            cell.day,
            cell.slot,
            cell.track,
            cell.title_en,
            cell.interpretation,
            tuple(cell.items.values_list("number")),
        )
        for cell in WorkCell.objects.filter(session=session).order_by("pk")
    ] + [("history", WorkCell.history.count())]


def refusal_codes(error: MeetingRuleError) -> list[str]:
    return [item.code for item in error.error_list]


def test_add_meeting_saves_the_meeting_its_items_in_agenda_order_and_its_titles(session, officer):
    cell = add_meeting(
        session,
        day=FIRST_DAY,
        slot=Slot.MORNING,
        items=["1(b)", " 1 (a) "],
        titles={"en": "Opening", "zh": "开幕"},
        actor=officer,
    )

    cell.refresh_from_db()
    assert (cell.day, cell.slot, cell.track, cell.interpretation) == (FIRST_DAY, Slot.MORNING, PLENARY, True)
    assert list(cell.items.order_by("position").values_list("number", flat=True)) == ["1(a)", "1(b)"]
    assert (cell.title_en, cell.title_zh_hans) == ("Opening", "开幕")


def test_add_meeting_records_who_added_it_in_the_history(session, officer):
    cell = add_meeting(session, day=FIRST_DAY, slot=Slot.MORNING, items=["2"], actor=officer)

    record = cell.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        officer,
        "meetings.work_cell.added",
    )


def test_a_parallel_track_beside_the_plenary_is_not_a_double_booking(session, officer):
    add_meeting(session, day=FIRST_DAY, slot=Slot.MORNING, items=["1(a)"], actor=officer)
    add_meeting(session, day=FIRST_DAY, slot=Slot.MORNING, track=IRG, titles={"en": "IRG"}, actor=officer)

    assert WorkCell.objects.filter(session=session, day=FIRST_DAY, slot=Slot.MORNING).count() == 2


def test_a_second_meeting_in_the_same_track_and_slot_is_refused_as_a_double_booking(session, officer):
    add_meeting(session, day=FIRST_DAY, slot=Slot.MORNING, items=["1(a)"], actor=officer)
    before = snapshot(session)

    with pytest.raises(MeetingRuleError) as refused:
        add_meeting(session, day=FIRST_DAY, slot=Slot.MORNING, items=["2"], actor=officer)

    assert refusal_codes(refused.value) == ["double_booked"]
    assert "2 meetings clash in this slot" in refused.value.messages[0]
    assert snapshot(session) == before


def test_a_meeting_outside_the_session_days_is_refused(session, officer):
    before = snapshot(session)

    with pytest.raises(MeetingRuleError) as refused:
        add_meeting(session, day=FIRST_DAY - timedelta(days=1), slot=Slot.MORNING, items=["2"], actor=officer)

    assert refusal_codes(refused.value) == ["outside_session"]
    assert "the session meets from 2019-12-16 to 2019-12-18 only" in refused.value.messages[0]
    assert snapshot(session) == before


def test_a_slot_that_does_not_exist_is_refused(session, officer):
    with pytest.raises(MeetingRuleError) as refused:
        add_meeting(session, day=FIRST_DAY, slot="evening", items=["2"], actor=officer)

    assert refusal_codes(refused.value) == ["unknown_slot"]
    assert not WorkCell.objects.exists()


def test_one_meeting_more_than_the_interpretation_resources_is_refused_but_one_without_is_not(
    session, officer
):
    for day in (FIRST_DAY, FIRST_DAY + timedelta(days=1)):
        for slot in (Slot.MORNING, Slot.AFTERNOON):
            add_meeting(session, day=day, slot=slot, items=["2"], actor=officer)
    before = snapshot(session)
    last_day = FIRST_DAY + timedelta(days=2)

    with pytest.raises(MeetingRuleError) as refused:
        add_meeting(session, day=last_day, slot=Slot.MORNING, items=["3"], actor=officer)
    assert refusal_codes(refused.value) == ["interpretation_exceeded"]
    assert refused.value.messages == ["5 meetings need interpretation, resources cover 4."]
    assert snapshot(session) == before

    add_meeting(session, day=last_day, slot=Slot.MORNING, items=["3"], interpretation=False, actor=officer)
    assert WorkCell.objects.filter(session=session).count() == 5


@pytest.mark.parametrize("number", ["4", "1(c)"])
def test_an_item_that_is_not_on_the_agenda_is_refused(session, officer, number):
    before = snapshot(session)

    with pytest.raises(MeetingRuleError) as refused:
        add_meeting(session, day=FIRST_DAY, slot=Slot.MORNING, items=["2", number], actor=officer)

    assert refusal_codes(refused.value) == ["item_not_on_agenda"]
    assert f"item {number} is not on the agenda" in refused.value.messages[0]
    assert snapshot(session) == before


def test_a_sub_item_of_an_item_without_sub_items_is_refused_because_the_grid_stores_agenda_items(
    session, officer
):
    # check_grid accepts "2(a)" under an item 2 that lists no sub-items; there is no such row to link.
    with pytest.raises(MeetingRuleError) as refused:
        add_meeting(session, day=FIRST_DAY, slot=Slot.MORNING, items=["2(a)"], actor=officer)

    assert refusal_codes(refused.value) == ["item_not_on_agenda"]
    assert not WorkCell.objects.exists()


def test_every_new_error_of_one_change_is_reported(session, officer):
    with pytest.raises(MeetingRuleError) as refused:
        add_meeting(session, day=FIRST_DAY - timedelta(days=1), slot=Slot.MORNING, items=["9"], actor=officer)

    assert sorted(refusal_codes(refused.value)) == ["item_not_on_agenda", "outside_session"]


def test_an_error_already_in_the_grid_does_not_block_a_change_that_does_not_worsen_it(session, officer):
    for slot in (Slot.MORNING, Slot.AFTERNOON):
        add_meeting(session, day=FIRST_DAY, slot=slot, items=["2"], actor=officer)
    Session.objects.filter(pk=session.pk).update(interpretation_meetings=1)  # the resources were cut
    session.refresh_from_db()

    add_meeting(
        session,
        day=FIRST_DAY,
        slot=Slot.MORNING,
        track=IRG,
        titles={"en": "IRG"},
        interpretation=False,
        actor=officer,
    )
    with pytest.raises(MeetingRuleError) as refused:
        add_meeting(
            session, day=FIRST_DAY, slot=Slot.AFTERNOON, track=IRG, titles={"en": "IRG"}, actor=officer
        )

    assert refusal_codes(refused.value) == ["interpretation_exceeded"]
    assert WorkCell.objects.filter(session=session).count() == 3


def test_remove_meeting_deletes_it_and_records_who_removed_it(session, officer):
    cell = add_meeting(session, day=FIRST_DAY, slot=Slot.MORNING, items=["2"], actor=officer)
    pk = cell.pk

    remove_meeting(cell, actor=officer)

    assert not WorkCell.objects.filter(pk=pk).exists()
    record = WorkCell.history.filter(id=pk).latest("history_date")
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "-",
        officer,
        "meetings.work_cell.removed",
    )


ATTEMPTS = st.lists(
    st.tuples(
        st.integers(min_value=-1, max_value=3),  # day offset: one day either side of the session
        st.sampled_from([Slot.MORNING, Slot.AFTERNOON]),
        st.sampled_from([PLENARY, IRG]),
        st.lists(st.sampled_from([*AGENDA, "4"]), max_size=2),
        st.booleans(),
    ),
    max_size=8,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(attempts=ATTEMPTS)
def test_whatever_is_attempted_the_saved_grid_never_has_an_error(session, officer, attempts):
    with transaction.atomic():
        for offset, slot, track, items, interpretation in attempts:
            with contextlib.suppress(MeetingRuleError):
                add_meeting(
                    session,
                    day=FIRST_DAY + timedelta(days=offset),
                    slot=slot,
                    track=track,
                    items=items,
                    titles={"en": "A meeting"},
                    interpretation=interpretation,
                    actor=officer,
                )
        errors = [problem for problem in grid_problems(session) if problem.severity == Severity.ERROR]
        assert errors == []
        transaction.set_rollback(True)  # each example starts from the empty grid
