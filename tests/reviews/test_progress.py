"""The progress counts and the public board, on plans built by hand with timeline.schedule."""

import datetime as dt

import pytest

from cosp.reviews import progress, timeline
from cosp.reviews.progress import COMPLETED, NOT_STARTED, STAGES, PublicReview
from cosp.reviews.timeline import Step

pytestmark = [pytest.mark.unit]

START = dt.date(2026, 1, 5)
TODAY = dt.date(2026, 3, 1)
ALL_STEPS = [definition.step for definition in timeline.STEPS]


def plan(*done: Step, start: dt.date = START, skipped: tuple[Step, ...] = ()) -> list[timeline.StepState]:
    """A plan in which the `done` steps were each completed on the day they fell due (never late)."""
    completions: dict[Step, dt.date] = {}
    for step in done:
        steps = timeline.schedule(start, completions, skipped=skipped)
        completions[step] = next(state.due for state in steps if state.step is step)
    return timeline.schedule(start, completions, skipped=skipped)


def finished_plan() -> list[timeline.StepState]:
    every = [step for step in ALL_STEPS if step is not Step.DIRECT_DIALOGUE]
    return plan(*every, start=dt.date(2024, 1, 8), skipped=(Step.DIRECT_DIALOGUE,))


def review(
    state: str, year: int = 1, group: str = "WEOG", steps=(), *, cycle: int = 2, **fields
) -> PublicReview:
    return PublicReview(
        cycle=cycle, year=year, group=group, steps=steps, state=state, iso3=state[:3], **fields
    )


# --- One review ------------------------------------------------------------------------------------


def test_stage_of_a_review_not_started_is_not_started():
    assert progress.stage([]) == NOT_STARTED


def test_stage_of_a_started_review_is_its_first_open_step():
    assert progress.stage(plan(Step.NOTIFICATION, Step.FOCAL_POINT_NOMINATION)) == Step.KICK_OFF_CALL


def test_stage_of_a_review_with_every_step_done_or_skipped_is_completed():
    assert progress.stage(finished_plan()) == COMPLETED


def test_a_review_is_late_when_an_open_step_is_past_its_due_date():
    # Started on 5 January, notification done that day: the nomination (3 weeks) fell due on 26 January.
    steps = plan(Step.NOTIFICATION)
    assert progress.is_late(steps, TODAY)
    assert progress.days_late(steps, TODAY) == (TODAY - dt.date(2026, 1, 26)).days


def test_a_review_on_time_is_not_late():
    steps = plan(Step.NOTIFICATION)
    assert not progress.is_late(steps, dt.date(2026, 1, 26))
    assert progress.days_late(steps, dt.date(2026, 1, 26)) == 0


def test_a_step_completed_late_no_longer_counts_as_late():
    steps = timeline.schedule(
        START, {Step.NOTIFICATION: START, Step.FOCAL_POINT_NOMINATION: dt.date(2026, 2, 20)}
    )
    # The kick-off call runs a month from 20 February: not yet due on 1 March.
    assert not progress.is_late(steps, TODAY)


def test_neither_a_review_not_started_nor_a_completed_one_is_late():
    assert not progress.is_late([], TODAY)
    assert not progress.is_late(finished_plan(), dt.date(2030, 1, 1))


def test_a_summary_counts_as_issued_from_its_issue_date_on():
    issued = review("AUT", summary_issued_on=dt.date(2026, 2, 1))
    coming = review("BEL", summary_issued_on=dt.date(2026, 4, 1))
    assert progress.summary_issued(issued, TODAY)
    assert not progress.summary_issued(coming, TODAY)
    assert not progress.summary_issued(review("CHE"), TODAY)


# --- Counting a cycle ------------------------------------------------------------------------------


@pytest.fixture
def cycle_reviews() -> list[PublicReview]:
    return [
        review("Austria", 1, "WEOG", plan(Step.NOTIFICATION)),  # late: the nomination was due 26 Jan
        review("Belgium", 1, "WEOG", finished_plan(), summary_issued_on=dt.date(2025, 6, 1)),
        review("Chile", 1, "GRULAC", []),  # not started
        review("Denmark", 2, "WEOG", plan(Step.NOTIFICATION, start=dt.date(2026, 2, 20))),  # on time
        review("Egypt", 2, "AFR", finished_plan()),  # ended, summary not yet marked issued
        review("France", 1, "WEOG", plan(), cycle=1),  # another cycle: left out
    ]


def test_progress_counts_each_year_and_group(cycle_reviews):
    counts = progress.progress(cycle_reviews, cycle=2, today=TODAY, groups=["AFR", "GRULAC", "WEOG"])

    weog_1 = counts.cells[1, "WEOG"]
    assert weog_1.reviews == 2
    assert weog_1.at_stage[Step.FOCAL_POINT_NOMINATION] == 1
    assert weog_1.completed == 1
    assert weog_1.late == 1
    assert weog_1.summaries_issued == 1
    assert counts.cells[1, "GRULAC"].not_started == 1
    assert counts.cells[1, "GRULAC"].late == 0
    assert counts.cells[2, "WEOG"].at_stage[Step.FOCAL_POINT_NOMINATION] == 1
    assert counts.cells[2, "WEOG"].late == 0
    assert counts.cells[2, "AFR"].completed == 1
    assert counts.cells[2, "AFR"].summaries_issued == 0
    assert counts.cells[3, "AFR"].reviews == 0


def test_progress_totals_add_up_over_years_groups_and_the_cycle(cycle_reviews):
    counts = progress.progress(cycle_reviews, cycle=2, today=TODAY, groups=["AFR", "GRULAC", "WEOG"])

    assert counts.by_year[1].reviews == 3
    assert counts.by_year[2].reviews == 2
    assert counts.by_group["WEOG"].reviews == 3
    assert counts.total.reviews == 5  # the cycle-1 review is not counted
    assert counts.total.late == 1
    assert counts.total.completed == 2
    assert counts.total.not_started == 1
    assert counts.total.summaries_issued == 1
    assert sum(counts.total.stage_counts()) == counts.total.reviews
    for year in counts.years:
        assert (
            sum(counts.cells[year, group].reviews for group in counts.groups) == counts.by_year[year].reviews
        )


def test_progress_lists_every_year_of_the_cycle_and_the_groups_asked_for_even_when_empty():
    counts = progress.progress([], cycle=2, today=TODAY, groups=["AFR", "WEOG"])

    assert counts.years == (1, 2, 3, 4, 5)
    assert counts.groups == ("AFR", "WEOG")
    assert counts.total.reviews == 0
    assert len(counts.rows()) == 5 * 3 + 2 + 1  # each year: 2 groups + total; 2 group totals; cycle total


def test_progress_keeps_a_group_met_in_the_data_but_not_listed():
    counts = progress.progress([review("Chile", 1, "GRULAC")], cycle=2, today=TODAY, groups=["AFR"])

    assert counts.groups == ("AFR", "GRULAC")
    assert counts.by_group["GRULAC"].reviews == 1


def test_progress_rows_run_year_by_year_then_group_totals_then_the_cycle(cycle_reviews):
    counts = progress.progress(cycle_reviews, cycle=2, today=TODAY, groups=["AFR", "GRULAC", "WEOG"])

    keys = [(row.year, row.group) for row in counts.rows()]
    assert keys[:4] == [(1, "AFR"), (1, "GRULAC"), (1, "WEOG"), (1, None)]
    assert keys[-4:] == [(None, "AFR"), (None, "GRULAC"), (None, "WEOG"), (None, None)]
    assert [row.is_total for row in counts.rows()[:4]] == [False, False, False, True]


def test_stages_by_year_gives_one_count_per_stage_for_each_year(cycle_reviews):
    counts = progress.progress(cycle_reviews, cycle=2, today=TODAY)

    by_year = dict(counts.stages_by_year())
    assert set(by_year) == {1, 2, 3, 4, 5}
    assert all(len(values) == len(STAGES) for values in by_year.values())
    assert by_year[1][STAGES.index(NOT_STARTED)] == 1
    assert by_year[1][STAGES.index(COMPLETED)] == 1
    assert by_year[2][STAGES.index(Step.FOCAL_POINT_NOMINATION)] == 1


def test_stages_run_from_not_started_through_every_step_to_completed():
    assert STAGES[0] == NOT_STARTED
    assert STAGES[-1] == COMPLETED
    assert STAGES[1:-1] == tuple(step.value for step in ALL_STEPS)


# --- The board -------------------------------------------------------------------------------------


def test_board_shows_each_review_step_due_date_and_delay(cycle_reviews):
    rows = {row.review.state: row for row in progress.board_rows(cycle_reviews, cycle=2, today=TODAY)}

    assert set(rows) == {"Austria", "Belgium", "Chile", "Denmark", "Egypt"}
    austria = rows["Austria"]
    assert austria.stage == Step.FOCAL_POINT_NOMINATION
    assert austria.due == dt.date(2026, 1, 26)
    assert austria.days_late == 34
    assert austria.late
    assert rows["Chile"].stage == NOT_STARTED
    assert rows["Chile"].due is None
    assert rows["Belgium"].stage == COMPLETED
    assert rows["Belgium"].due is None
    assert not rows["Denmark"].late


def test_board_shows_a_summary_symbol_only_once_issued():
    reviews = [
        review("Austria", steps=finished_plan(), summary_issued_on=dt.date(2025, 6, 1), summary_symbol="X/1"),
        review("Belgium", steps=finished_plan(), summary_issued_on=dt.date(2026, 6, 1), summary_symbol="X/2"),
    ]
    rows = progress.board_rows(reviews, cycle=2, today=TODAY)

    assert [row.summary_symbol for row in rows] == ["X/1", ""]


def test_board_is_ordered_by_year_then_name_never_by_delay():
    reviews = [
        review("Zambia", 1, steps=plan(Step.NOTIFICATION, start=dt.date(2025, 1, 6))),  # very late
        review("Côte d'Ivoire", 1, steps=[]),
        review("Austria", 2, steps=plan(Step.NOTIFICATION)),
        review("canada", 1, steps=plan(Step.NOTIFICATION)),
        review("Chile", 1, steps=finished_plan()),
    ]
    rows = progress.board_rows(reviews, cycle=2, today=TODAY)

    assert [row.review.state for row in rows] == ["canada", "Chile", "Côte d'Ivoire", "Zambia", "Austria"]


def test_board_filters_by_year_and_group(cycle_reviews):
    year_one = progress.board_rows(cycle_reviews, cycle=2, today=TODAY, year=1)
    weog = progress.board_rows(cycle_reviews, cycle=2, today=TODAY, group="WEOG")
    both = progress.board_rows(cycle_reviews, cycle=2, today=TODAY, year=2, group="WEOG")

    assert [row.review.state for row in year_one] == ["Austria", "Belgium", "Chile"]
    assert [row.review.state for row in weog] == ["Austria", "Belgium", "Denmark"]
    assert [row.review.state for row in both] == ["Denmark"]


def test_board_of_another_cycle_leaves_this_one_out(cycle_reviews):
    rows = progress.board_rows(cycle_reviews, cycle=1, today=TODAY)

    assert [row.review.state for row in rows] == ["France"]


def test_name_key_ignores_case_and_accents():
    assert progress.name_key("Côte d'Ivoire") == progress.name_key("cote d'ivoire")
    assert sorted(["Zambia", "Émirats", "Egypt"], key=progress.name_key) == ["Egypt", "Émirats", "Zambia"]
