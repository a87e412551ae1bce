"""The timeline of one country review (RULES.md 4.6 and rule list item 8): steps, owners, indicative
durations as settings, due dates from the previous step's completion, overdue flagged but never
blocking, the optional direct dialogue, and whom to notify.

Property tests run 60 examples each; set REVIEWS_MAX_EXAMPLES to run more."""

import datetime as dt
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cosp.reviews.timeline import (
    DEFAULT_SETTINGS,
    DEFINITIONS,
    OPTIONAL_STEPS,
    STEPS,
    DirectDialogue,
    DirectDialogueKind,
    Duration,
    Owner,
    Recipient,
    Status,
    Step,
    TimelineInputError,
    TimelineSettings,
    current_step,
    is_complete,
    newly_open,
    open_steps,
    overdue,
    owner,
    planned_end,
    recipients,
    schedule,
    with_settings,
)

pytestmark = [pytest.mark.unit]

# 60 examples keep the file fast; REVIEWS_MAX_EXAMPLES=5000 runs many more on demand.
PROPERTY = settings(max_examples=int(os.environ.get("REVIEWS_MAX_EXAMPLES", "60")), deadline=None)

START = dt.date(2024, 1, 15)  # the day the review starts (the notification is due the same day)


def by_step(states):
    return {state.step: state for state in states}


def all_done(until: Step, day: dt.date = START) -> dict[Step, dt.date]:
    """Every step up to and including `until` done on `day` (the direct dialogue left aside)."""
    steps = [definition.step for definition in STEPS if definition.step is not Step.DIRECT_DIALOGUE]
    return dict.fromkeys(steps[: steps.index(until) + 1], day)


# --- The steps, their owners and their order (RULES.md 4.6) -------------------------------------------


def test_the_steps_run_in_the_order_of_the_model_schedule():
    assert [definition.step for definition in STEPS] == [
        Step.NOTIFICATION,
        Step.FOCAL_POINT_NOMINATION,
        Step.KICK_OFF_CALL,
        Step.SELF_ASSESSMENT,
        Step.CIRCULATION,
        Step.DESK_REVIEW,
        Step.DESK_REVIEW_CALL,
        Step.DIALOGUE,
        Step.DIRECT_DIALOGUE,
        Step.DRAFT_REPORT,
        Step.DRAFT_COMMENTS,
        Step.AGREEMENT,
        Step.EXECUTIVE_SUMMARY,
        Step.TRANSLATION,
        Step.PUBLICATION,
    ]


@pytest.mark.parametrize(
    ("step", "expected_owner"),
    [
        (Step.NOTIFICATION, Owner.SECRETARIAT),  # 4.6 step 0
        (Step.FOCAL_POINT_NOMINATION, Owner.STATE_UNDER_REVIEW),  # step 1
        (Step.KICK_OFF_CALL, Owner.SECRETARIAT),  # step 2
        (Step.SELF_ASSESSMENT, Owner.STATE_UNDER_REVIEW),  # step 3
        (Step.CIRCULATION, Owner.SECRETARIAT),  # step 4
        (Step.DESK_REVIEW, Owner.REVIEWING_EXPERTS),  # step 5
        (Step.DESK_REVIEW_CALL, Owner.SECRETARIAT),  # step 6
        (Step.DIALOGUE, Owner.ALL),  # step 7
        (Step.DIRECT_DIALOGUE, Owner.ALL),  # step 7, optional
        (Step.DRAFT_REPORT, Owner.REVIEWING_EXPERTS),  # step 8
        (Step.DRAFT_COMMENTS, Owner.REVIEWING_EXPERTS),  # step 8
        (Step.AGREEMENT, Owner.STATE_UNDER_REVIEW),  # steps 9-10
        (Step.EXECUTIVE_SUMMARY, Owner.SECRETARIAT),  # step 11
        (Step.TRANSLATION, Owner.SECRETARIAT),  # step 11
        (Step.PUBLICATION, Owner.SECRETARIAT),  # step 11
    ],
)
def test_each_step_has_the_owner_of_the_model_schedule(step, expected_owner):
    assert owner(step) is expected_owner
    assert by_step(schedule(START))[step].owner is expected_owner


def test_only_the_direct_dialogue_is_optional():
    assert {Step.DIRECT_DIALOGUE} == OPTIONAL_STEPS


def test_the_direct_dialogue_starts_with_the_dialogue_and_the_draft_report_waits_for_both():
    assert DEFINITIONS[Step.DIALOGUE].waits_for == (Step.DESK_REVIEW_CALL,)
    assert DEFINITIONS[Step.DIRECT_DIALOGUE].waits_for == (Step.DESK_REVIEW_CALL,)
    assert DEFINITIONS[Step.DRAFT_REPORT].waits_for == (Step.DIALOGUE, Step.DIRECT_DIALOGUE)
    assert DEFINITIONS[Step.NOTIFICATION].waits_for == ()


# --- Durations and settings (rule list item 8) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (Step.NOTIFICATION, Duration()),
        (Step.FOCAL_POINT_NOMINATION, Duration(weeks=3)),  # [C]
        (Step.KICK_OFF_CALL, Duration(months=1)),  # [C]
        (Step.SELF_ASSESSMENT, Duration(months=2)),  # slides say 2, an NGO guide 1: [U], default 2
        (Step.DESK_REVIEW, Duration(months=1)),  # [C~]
        (Step.DIALOGUE, Duration(months=2)),  # [C~]
        (Step.DIRECT_DIALOGUE, Duration(months=2)),  # with the dialogue unless dates are agreed
        (Step.DRAFT_COMMENTS, Duration(weeks=2)),  # [C~]
        (Step.TRANSLATION, Duration(months=1)),  # translation and issue: 1-2 months [C~]
        (Step.PUBLICATION, Duration(months=1)),
    ],
)
def test_the_default_durations_are_those_of_rules_4_6(step, expected):
    assert DEFAULT_SETTINGS.duration(step) == expected


def test_every_step_has_a_setting_named_after_it():
    settings_ = TimelineSettings()
    for step in Step:
        assert isinstance(settings_.duration(step), Duration)


def test_the_self_assessment_deadline_in_dispute_is_a_setting():
    # RULES.md 4.6 step 3: 2 months (slides) against 1 month (NGO guide); a deployment may choose.
    done = all_done(Step.KICK_OFF_CALL, dt.date(2024, 3, 1))

    two_months = by_step(schedule(START, done))[Step.SELF_ASSESSMENT]
    one_month = by_step(schedule(START, done, TimelineSettings.from_mapping({"self_assessment": "1 month"})))[
        Step.SELF_ASSESSMENT
    ]

    assert two_months.due == dt.date(2024, 5, 1)
    assert one_month.due == dt.date(2024, 4, 1)


def test_settings_are_read_from_plain_values_and_refuse_unknown_steps():
    custom = TimelineSettings.from_mapping(
        {"desk_review": "6 weeks", "agreement": 45, "dialogue": "1 month 2 weeks"}
    )

    assert custom.desk_review == Duration(weeks=6)
    assert custom.agreement == Duration(days=45)
    assert custom.dialogue == Duration(months=1, weeks=2)
    assert custom.kick_off_call == Duration(months=1)  # untouched steps keep the default
    with pytest.raises(TimelineInputError, match="self_asessment"):
        TimelineSettings.from_mapping({"self_asessment": "1 month"})
    with pytest.raises(TimelineInputError, match="desk_review"):
        TimelineSettings(desk_review="soon")


def test_with_settings_changes_one_duration_and_keeps_the_others():
    changed = with_settings(DEFAULT_SETTINGS, translation="2 months")

    assert changed.translation == Duration(months=2)
    assert changed.publication == DEFAULT_SETTINGS.publication


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 months", Duration(months=2)),
        ("1 month", Duration(months=1)),
        ("3 weeks", Duration(weeks=3)),
        ("14 days", Duration(days=14)),
        ("1 month and 2 weeks", Duration(months=1, weeks=2)),
        ("2 Weeks, 3 days", Duration(weeks=2, days=3)),
        (10, Duration(days=10)),
    ],
)
def test_a_duration_is_read_from_words_or_a_number_of_days(text, expected):
    assert Duration.parse(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "2 fortnights", "2 monthsx", "months 2", "-1 days", True, 1.5])
def test_a_duration_that_cannot_be_read_is_refused(text):
    with pytest.raises(TimelineInputError):
        Duration.parse(text)


@pytest.mark.parametrize(
    ("day", "duration", "expected"),
    [
        (dt.date(2024, 1, 31), Duration(months=1), dt.date(2024, 2, 29)),  # clamped to the month's end
        (dt.date(2023, 1, 31), Duration(months=1), dt.date(2023, 2, 28)),
        (dt.date(2024, 11, 15), Duration(months=2), dt.date(2025, 1, 15)),  # across the year
        (dt.date(2024, 1, 15), Duration(weeks=3), dt.date(2024, 2, 5)),
        (dt.date(2024, 1, 15), Duration(months=1, weeks=1, days=1), dt.date(2024, 2, 23)),
        (dt.date(2024, 1, 15), Duration(), dt.date(2024, 1, 15)),
    ],
)
def test_a_duration_counts_calendar_months_then_weeks_and_days(day, duration, expected):
    assert duration.after(day) == expected


def test_a_duration_reads_as_words():
    assert str(Duration(months=1, weeks=2)) == "1 month 2 weeks"
    assert str(Duration()) == "0 days"


# --- Due dates from the previous step's completion (RULES.md 4.6, last paragraph) -----------------------


def test_a_new_review_is_planned_step_after_step_from_its_start():
    plan = by_step(schedule(START))

    assert plan[Step.NOTIFICATION].due == START
    assert plan[Step.FOCAL_POINT_NOMINATION].due == dt.date(2024, 2, 5)  # 3 weeks
    assert plan[Step.KICK_OFF_CALL].due == dt.date(2024, 3, 5)  # then 1 month
    assert plan[Step.SELF_ASSESSMENT].due == dt.date(2024, 5, 5)  # then 2 months
    assert plan[Step.NOTIFICATION].status is Status.IN_PROGRESS
    assert plan[Step.FOCAL_POINT_NOMINATION].status is Status.NOT_STARTED
    assert not plan[Step.NOTIFICATION].estimated  # counts from the actual start
    assert plan[Step.FOCAL_POINT_NOMINATION].estimated  # rests on the notification's planned date


def test_a_late_step_pushes_the_due_dates_after_it():
    on_time = by_step(
        schedule(START, {Step.NOTIFICATION: START, Step.FOCAL_POINT_NOMINATION: dt.date(2024, 2, 5)})
    )
    late = by_step(
        schedule(START, {Step.NOTIFICATION: START, Step.FOCAL_POINT_NOMINATION: dt.date(2024, 3, 11)})
    )

    assert on_time[Step.KICK_OFF_CALL].due == dt.date(2024, 3, 5)
    assert late[Step.KICK_OFF_CALL].starts == dt.date(2024, 3, 11)
    assert late[Step.KICK_OFF_CALL].due == dt.date(2024, 4, 11)  # 1 month from the actual nomination
    assert not late[Step.KICK_OFF_CALL].estimated
    assert late[Step.SELF_ASSESSMENT].due == dt.date(2024, 6, 11)  # from the kick-off's planned date
    assert late[Step.SELF_ASSESSMENT].estimated


def test_an_early_step_brings_the_due_dates_after_it_forward():
    early = by_step(
        schedule(START, {Step.NOTIFICATION: START, Step.FOCAL_POINT_NOMINATION: dt.date(2024, 1, 20)})
    )

    assert early[Step.KICK_OFF_CALL].due == dt.date(2024, 2, 20)


def test_a_late_step_is_flagged_overdue_and_can_still_be_completed():
    today = dt.date(2024, 3, 1)
    before = schedule(START, {Step.NOTIFICATION: START})

    flagged = overdue(before, today)
    assert [state.step for state in flagged] == [Step.FOCAL_POINT_NOMINATION]
    assert flagged[0].days_late(today) == 25  # due 5 February

    after = by_step(schedule(START, {Step.NOTIFICATION: START, Step.FOCAL_POINT_NOMINATION: today}))
    nomination = after[Step.FOCAL_POINT_NOMINATION]
    assert nomination.status is Status.DONE
    assert nomination.completed_late
    assert nomination.days_late(dt.date(2030, 1, 1)) == 25  # fixed at completion
    assert not nomination.is_overdue(dt.date(2030, 1, 1))
    assert overdue(after.values(), today) == []


def test_a_step_due_today_is_not_overdue_yet():
    nomination = by_step(schedule(START, {Step.NOTIFICATION: START}))[Step.FOCAL_POINT_NOMINATION]

    assert not nomination.is_overdue(dt.date(2024, 2, 5))
    assert nomination.is_overdue(dt.date(2024, 2, 6))


def test_steps_completed_out_of_order_are_recorded_as_they_happened():
    # The desk review arrived before the circulation was recorded: not refused.
    done = {**all_done(Step.SELF_ASSESSMENT), Step.DESK_REVIEW: dt.date(2024, 2, 1)}

    plan = by_step(schedule(START, done))

    assert plan[Step.CIRCULATION].status is Status.IN_PROGRESS
    assert plan[Step.DESK_REVIEW].status is Status.DONE
    # The call waits for the desk review only, so it may go ahead; the circulation stays the current
    # step until it is recorded.
    assert plan[Step.DESK_REVIEW_CALL].status is Status.IN_PROGRESS
    assert current_step(plan.values()).step is Step.CIRCULATION
    assert plan[Step.DESK_REVIEW_CALL].starts == dt.date(2024, 2, 1)  # counts from the actual date


def test_the_review_ends_when_the_summary_is_published():
    done = {step: START for step in Step if step is not Step.DIRECT_DIALOGUE}

    plan = schedule(START, done, skipped={Step.DIRECT_DIALOGUE})

    assert is_complete(plan)
    assert current_step(plan) is None
    assert planned_end(plan) == START


def test_the_planned_end_moves_with_the_plan():
    default_end = planned_end(schedule(START))
    shorter = planned_end(schedule(START, settings=TimelineSettings(self_assessment="1 month")))

    assert shorter < default_end


# --- The optional direct dialogue (country visit or joint meeting in Vienna) ----------------------------


def test_a_direct_dialogue_is_due_on_its_last_agreed_day_and_holds_the_draft_report():
    done = all_done(Step.DIALOGUE, dt.date(2024, 6, 1))
    visit = DirectDialogue(DirectDialogueKind.COUNTRY_VISIT, dt.date(2024, 7, 8), dt.date(2024, 7, 10))

    plan = by_step(schedule(START, done, direct_dialogue=visit))

    assert plan[Step.DIRECT_DIALOGUE].due == dt.date(2024, 7, 10)
    assert plan[Step.DIRECT_DIALOGUE].direct_dialogue == visit
    assert plan[Step.DIRECT_DIALOGUE].status is Status.IN_PROGRESS
    assert plan[Step.DRAFT_REPORT].status is Status.NOT_STARTED
    assert plan[Step.DRAFT_REPORT].starts == dt.date(2024, 7, 10)  # the later of dialogue and visit


def test_a_completed_joint_meeting_lets_the_draft_report_start():
    done = {**all_done(Step.DIALOGUE, dt.date(2024, 6, 1)), Step.DIRECT_DIALOGUE: dt.date(2024, 7, 12)}
    meeting = DirectDialogue("joint_meeting_vienna", dt.date(2024, 7, 10), dt.date(2024, 7, 12))

    plan = by_step(schedule(START, done, direct_dialogue=meeting))

    assert plan[Step.DIRECT_DIALOGUE].status is Status.DONE
    assert plan[Step.DRAFT_REPORT].status is Status.IN_PROGRESS
    assert plan[Step.DRAFT_REPORT].due == dt.date(2024, 8, 12)


def test_without_a_direct_dialogue_the_step_is_skipped_and_the_report_follows_the_dialogue():
    done = all_done(Step.DIALOGUE, dt.date(2024, 6, 1))

    plan = by_step(schedule(START, done, skipped=[Step.DIRECT_DIALOGUE]))

    assert plan[Step.DIRECT_DIALOGUE].status is Status.SKIPPED
    assert not plan[Step.DIRECT_DIALOGUE].is_overdue(dt.date(2030, 1, 1))
    assert plan[Step.DIRECT_DIALOGUE].days_late(dt.date(2030, 1, 1)) == 0
    assert plan[Step.DRAFT_REPORT].status is Status.IN_PROGRESS
    assert plan[Step.DRAFT_REPORT].starts == dt.date(2024, 6, 1)


def test_an_undecided_direct_dialogue_stays_open_alongside_the_dialogue():
    done = all_done(Step.DESK_REVIEW_CALL, dt.date(2024, 5, 1))

    plan = schedule(START, done)

    assert [state.step for state in open_steps(plan)] == [Step.DIALOGUE, Step.DIRECT_DIALOGUE]
    assert by_step(plan)[Step.DIRECT_DIALOGUE].due == by_step(plan)[Step.DIALOGUE].due


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"skipped": [Step.DESK_REVIEW]}, "skipped"),  # not optional
        ({"skipped": ["visit"]}, "skipped"),  # not a step
        (
            {
                "skipped": [Step.DIRECT_DIALOGUE],
                "direct_dialogue": DirectDialogue("country_visit", dt.date(2024, 7, 1), dt.date(2024, 7, 2)),
            },
            "skipped",
        ),
        ({"skipped": [Step.DIRECT_DIALOGUE], "completions": {Step.DIRECT_DIALOGUE: START}}, "skipped"),
        ({"completions": {"kickoff": START}}, "completions"),
        ({"completions": {Step.NOTIFICATION: dt.date(2024, 1, 14)}}, "notification"),  # before the start
        ({"completions": {Step.NOTIFICATION: dt.datetime(2024, 1, 16, 9, 0)}}, "notification"),
    ],
)
def test_input_the_timeline_cannot_use_is_refused_naming_the_value(kwargs, field):
    completions = kwargs.pop("completions", {})
    with pytest.raises(TimelineInputError) as error:
        schedule(START, completions, **kwargs)
    assert error.value.field == field


def test_a_direct_dialogue_cannot_end_before_it_starts_or_be_of_another_kind():
    with pytest.raises(TimelineInputError, match="ends"):
        DirectDialogue(DirectDialogueKind.COUNTRY_VISIT, dt.date(2024, 7, 10), dt.date(2024, 7, 9))
    with pytest.raises(TimelineInputError, match="kind"):
        DirectDialogue("picnic", dt.date(2024, 7, 10), dt.date(2024, 7, 10))


# --- The current step and whom to tell -------------------------------------------------------------------


def test_the_current_step_is_the_first_not_done():
    plan = schedule(START, all_done(Step.SELF_ASSESSMENT))

    assert current_step(plan).step is Step.CIRCULATION


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (Step.NOTIFICATION, {Recipient.SECRETARIAT}),
        # No focal point yet: the State is reached through its official channel.
        (Step.FOCAL_POINT_NOMINATION, {Recipient.STATE_UNDER_REVIEW}),
        (Step.KICK_OFF_CALL, {Recipient.SECRETARIAT, Recipient.FOCAL_POINT, Recipient.REVIEWING_EXPERTS}),
        (Step.SELF_ASSESSMENT, {Recipient.FOCAL_POINT}),
        (Step.CIRCULATION, {Recipient.SECRETARIAT}),
        (Step.DESK_REVIEW, {Recipient.REVIEWING_EXPERTS}),
        (Step.DESK_REVIEW_CALL, {Recipient.SECRETARIAT, Recipient.FOCAL_POINT, Recipient.REVIEWING_EXPERTS}),
        (Step.DIALOGUE, {Recipient.SECRETARIAT, Recipient.FOCAL_POINT, Recipient.REVIEWING_EXPERTS}),
        (Step.DIRECT_DIALOGUE, {Recipient.SECRETARIAT, Recipient.FOCAL_POINT, Recipient.REVIEWING_EXPERTS}),
        (Step.DRAFT_REPORT, {Recipient.REVIEWING_EXPERTS, Recipient.SECRETARIAT}),
        (Step.DRAFT_COMMENTS, {Recipient.REVIEWING_EXPERTS}),
        (Step.AGREEMENT, {Recipient.FOCAL_POINT, Recipient.REVIEWING_EXPERTS}),
        (Step.EXECUTIVE_SUMMARY, {Recipient.SECRETARIAT}),
        (Step.TRANSLATION, {Recipient.SECRETARIAT}),
        (Step.PUBLICATION, {Recipient.SECRETARIAT, Recipient.FOCAL_POINT, Recipient.REVIEWING_EXPERTS}),
    ],
)
def test_each_step_names_the_roles_to_notify_when_it_opens(step, expected):
    assert recipients(step) == expected
    assert by_step(schedule(START))[step].notify == expected


def test_recording_a_completion_opens_the_next_step_for_its_roles():
    before = schedule(START, all_done(Step.KICK_OFF_CALL))
    after = schedule(START, all_done(Step.SELF_ASSESSMENT))

    opened = newly_open(before, after)

    assert [state.step for state in opened] == [Step.CIRCULATION]
    assert opened[0].notify == {Recipient.SECRETARIAT}


def test_the_desk_review_call_opens_both_dialogues_at_once():
    before = schedule(START, all_done(Step.DESK_REVIEW))
    after = schedule(START, all_done(Step.DESK_REVIEW_CALL))

    assert [state.step for state in newly_open(before, after)] == [Step.DIALOGUE, Step.DIRECT_DIALOGUE]


# --- Properties over random histories ----------------------------------------------------------------------

ORDINARY_STEPS = [definition.step for definition in STEPS if definition.step is not Step.DIRECT_DIALOGUE]


@st.composite
def histories(draw):
    """A start, some completed steps (any subset, in any order of dates), and the direct dialogue
    either skipped, given dates, or undecided."""
    start = draw(st.dates(dt.date(2010, 1, 1), dt.date(2030, 12, 31)))
    chosen = draw(st.lists(st.sampled_from(ORDINARY_STEPS), unique=True))
    completions = {step: start + dt.timedelta(days=draw(st.integers(0, 2000))) for step in chosen}
    mode = draw(st.sampled_from(["skipped", "dates", "undecided", "done"]))
    kwargs = {}
    if mode == "skipped":
        kwargs["skipped"] = {Step.DIRECT_DIALOGUE}
    elif mode in ("dates", "done"):
        first = start + dt.timedelta(days=draw(st.integers(0, 1000)))
        kwargs["direct_dialogue"] = DirectDialogue(
            draw(st.sampled_from(list(DirectDialogueKind))),
            first,
            first + dt.timedelta(days=draw(st.integers(0, 10))),
        )
        if mode == "done":
            completions[Step.DIRECT_DIALOGUE] = first
    months = draw(st.integers(0, 3))
    timeline_settings = TimelineSettings(self_assessment=Duration(months=months))
    return start, completions, timeline_settings, kwargs


@PROPERTY
@given(histories(), st.dates(dt.date(2010, 1, 1), dt.date(2040, 12, 31)))
def test_every_plan_keeps_the_timeline_rules(history, today):
    start, completions, timeline_settings, kwargs = history

    plan = schedule(start, completions, timeline_settings, **kwargs)
    states = by_step(plan)

    assert [state.step for state in plan] == [definition.step for definition in STEPS]
    for state in plan:
        waits_for = [states[step] for step in DEFINITIONS[state.step].waits_for]
        # The clock starts at the end (actual, else planned) of what the step waits for.
        assert state.starts == max((other.end for other in waits_for), default=start)
        if state.step is Step.DIRECT_DIALOGUE and "direct_dialogue" in kwargs:
            assert state.due == kwargs["direct_dialogue"].ends
        elif state.status is not Status.SKIPPED:
            assert state.due == timeline_settings.duration(state.step).after(state.starts)
        # Done exactly when a completion was recorded: lateness never blocks a completion.
        assert (state.status is Status.DONE) == (state.step in completions)
        assert state.completed == completions.get(state.step)
        if state.status is Status.IN_PROGRESS:
            assert all(other.finished for other in waits_for)
        if state.status is Status.NOT_STARTED:
            assert not all(other.finished for other in waits_for)
        assert state.is_overdue(today) == (not state.finished and today > state.due)
    assert overdue(plan, today) == [state for state in plan if state.is_overdue(today)]
    first_open = next((state for state in plan if not state.finished), None)
    assert current_step(plan) == first_open


@PROPERTY
@given(histories(), st.sampled_from(ORDINARY_STEPS), st.integers(1, 400))
def test_finishing_a_step_later_never_brings_a_due_date_forward(history, step, delay):
    start, completions, timeline_settings, kwargs = history
    on_time = dict(completions)
    on_time.setdefault(step, start)
    late = {**on_time, step: on_time[step] + dt.timedelta(days=delay)}

    before = schedule(start, on_time, timeline_settings, **kwargs)
    after = schedule(start, late, timeline_settings, **kwargs)

    for earlier, later in zip(before, after, strict=True):
        assert later.due >= earlier.due
