"""The public progress pages: the figures and charts, the board, the CSV; public facts only; a fixed
number of queries however many reviews there are."""

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cosp.reviews.charts import SVG_NS
from cosp.reviews.models import (
    Checklist,
    ChecklistAnswer,
    CountryReview,
    Finding,
    ReportSection,
    ReviewingState,
    StepRecord,
)
from cosp.reviews.timeline import Step
from cosp.states.models import Article, RegionalGroup, State

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = dt.date(2026, 3, 1)
EVERY_STEP = [step for step in Step if step is not Step.DIRECT_DIALOGUE]


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC), tick=False)


def done(review: CountryReview, *steps: Step, on: dt.date | None = None) -> None:
    for step in steps:
        StepRecord.objects.create(review=review, step=step, completed_on=on or review.started_on)


@pytest.fixture
def cycle_two(convention, make_review):
    """Four cycle-2 reviews: late, on time, completed with its summary issued, not started; and one
    review of cycle 1."""
    late = make_review("AUT", ("DEU", "FRA"), year=1)  # started 5 January: nomination due 26 January
    done(late, Step.NOTIFICATION)
    on_time = make_review("BRA", ("ARG", "ESP"), year=1, started_on=dt.date(2026, 2, 20))
    on_time.state.regional_group = RegionalGroup.objects.create(
        code="GRULAC", name_en="Latin American and Caribbean States", abbreviation_en="GRULAC"
    )
    on_time.state.save()
    done(on_time, Step.NOTIFICATION)
    ended = make_review(
        "CAN",
        ("ITA", "BEL"),
        year=2,
        started_on=dt.date(2024, 1, 8),
        summary_issued_on=dt.date(2025, 5, 2),
        summary_symbol="CAC/COSP/IRG/II/1/1/Add.99",
    )
    done(ended, *EVERY_STEP, on=dt.date(2025, 5, 2))
    StepRecord.objects.create(
        review=ended, step=Step.DIRECT_DIALOGUE, completed_on=dt.date(2025, 5, 2), skipped=True
    )
    not_started = make_review("DNK", ("NOR", "SWE"), year=2, started_on=None)
    old = make_review("POL", ("FIN", "LVA"), cycle=1, year=3, started_on=None)
    return {"late": late, "on_time": on_time, "ended": ended, "not_started": not_started, "old": old}


def table(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- Who may see them ------------------------------------------------------------------------------


@pytest.mark.parametrize("position", ["anonymous", "observer", "sur_delegate", "secretariat"])
@pytest.mark.parametrize("url", ["/reviews/", "/reviews/board/", "/reviews/progress.csv"])
def test_progress_pages_are_public_to_everyone(url, position, as_person):
    assert as_person(position).get(url).status_code == 200


# --- The progress page -----------------------------------------------------------------------------


def test_progress_page_counts_the_cycle(client, cycle_two):
    response = client.get("/reviews/")

    counts = response.context["counts"]
    assert response.context["cycle"] == 2
    assert counts.total.reviews == 4
    assert counts.total.late == 1
    assert counts.total.completed == 1
    assert counts.total.not_started == 1
    assert counts.total.summaries_issued == 1
    assert counts.cells[1, "WEOG"].at_stage[Step.FOCAL_POINT_NOMINATION] == 1
    assert counts.cells[1, "GRULAC"].at_stage[Step.FOCAL_POINT_NOMINATION] == 1
    assert counts.cells[2, "WEOG"].completed == 1


def test_progress_page_draws_both_charts_as_svg(client, cycle_two):
    content = client.get("/reviews/").content.decode()

    charts = [ET.fromstring(svg) for svg in re.findall(r"<svg.*?</svg>", content, re.DOTALL)]
    assert [chart.find(f"{{{SVG_NS}}}title").text for chart in charts] == [
        "Reviews at each step, by year of the cycle",
        "Reviews by regional group",
    ]
    step_desc = charts[0].find(f"{{{SVG_NS}}}desc").text
    assert "Nomination of the focal point: 2 (Year 1: 2)." in step_desc
    assert "Not started: 1 (Year 2: 1)." in step_desc
    group_desc = charts[1].find(f"{{{SVG_NS}}}desc").text
    assert "WEOG: 3 (Not started: 1, Under way, late: 1, Completed: 1)." in group_desc
    assert "GRULAC: 1 (Under way, on time: 1)." in group_desc


def test_progress_page_shows_the_table_with_totals(client, cycle_two):
    response = client.get("/reviews/")

    labels = [(row["year_label"], row["group_label"]) for row in response.context["rows"]]
    assert ("Year 1", "WEOG") in labels
    assert ("Year 1", "All groups") in labels
    assert labels[-1] == ("All years", "All groups")
    assert "Summaries issued" in response.content.decode()


def test_progress_page_of_cycle_one_counts_only_cycle_one(client, cycle_two):
    response = client.get("/reviews/?cycle=1")

    assert response.context["cycle"] == 1
    assert response.context["counts"].total.reviews == 1
    assert response.context["counts"].by_year[3].not_started == 1


@pytest.mark.parametrize("cycle", ["7", "x", ""])
def test_progress_page_of_an_unknown_cycle_shows_the_current_one(client, cycle_two, cycle):
    response = client.get(f"/reviews/?cycle={cycle}")

    assert response.status_code == 200
    assert response.context["cycle"] == 2


def test_progress_chart_runs_right_to_left_in_arabic(client, cycle_two):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"

    content = client.get("/reviews/").content.decode()

    assert 'direction="rtl"' in content


def test_progress_pages_show_nothing_confidential(client, cycle_two):
    """A late, unpublished review with a checklist, a draft section and findings: none of their text
    reaches the public pages, and a summary not yet issued is not announced."""
    review = cycle_two["late"]
    review.summary_symbol = "CAC/COSP/IRG/II/9/9/Add.1"
    review.summary_issued_on = dt.date(2026, 6, 1)  # planned, not yet out
    review.save()
    checklist = Checklist.objects.create(review=review)
    ChecklistAnswer.objects.create(
        checklist=checklist, article=Article.objects.get(number=9), measures="SECRET-CHECKLIST-ANSWER"
    )
    ReportSection.objects.create(
        review=review, kind="report", key="introduction", heading="Intro", position=0, text="SECRET-DRAFT"
    )
    Finding.objects.create(
        review=review, kind="challenge", article=Article.objects.get(number=9), text_en="SECRET-FINDING"
    )

    pages = [
        client.get(url).content.decode() for url in ("/reviews/", "/reviews/board/", "/reviews/progress.csv")
    ]

    for content in pages:
        for secret in ("SECRET-CHECKLIST-ANSWER", "SECRET-DRAFT", "SECRET-FINDING", "II/9/9"):
            assert secret not in content
    assert client.get("/reviews/").context["counts"].total.summaries_issued == 1  # only the issued one


# --- The board -------------------------------------------------------------------------------------


def test_board_lists_each_review_with_its_step_due_date_and_delay(client, cycle_two):
    response = client.get("/reviews/board/")

    rows = {item["row"].review.iso3: item for item in response.context["rows"]}
    assert set(rows) == {"AUT", "BRA", "CAN", "DNK"}
    late = rows["AUT"]["row"]
    assert rows["AUT"]["stage"] == "Nomination of the focal point"
    assert late.due == dt.date(2026, 1, 26)
    assert late.days_late == 34
    assert late.review.reviewers == ("DEU", "FRA")
    assert not rows["BRA"]["row"].late
    assert rows["CAN"]["stage"] == "Completed"
    assert rows["CAN"]["row"].summary_symbol == "CAC/COSP/IRG/II/1/1/Add.99"
    assert rows["DNK"]["stage"] == "Not started"
    content = response.content.decode()
    assert "CAC/COSP/IRG/II/1/1/Add.99" in content
    assert "26 January 2026" in content
    assert 'href="/reviews/2-AUT/"' in content  # each State links to its review's page


def test_board_is_ordered_by_year_then_state_never_by_delay(client, cycle_two):
    response = client.get("/reviews/board/")

    assert [item["row"].review.iso3 for item in response.context["rows"]] == ["AUT", "BRA", "CAN", "DNK"]


def test_board_filters_by_year_and_group(client, cycle_two):
    year_two = client.get("/reviews/board/?cycle=2&year=2")
    grulac = client.get("/reviews/board/?group=GRULAC")

    assert [item["row"].review.iso3 for item in year_two.context["rows"]] == ["CAN", "DNK"]
    assert [item["row"].review.iso3 for item in grulac.context["rows"]] == ["BRA"]


def test_board_ignores_a_year_or_group_it_does_not_know(client, cycle_two):
    response = client.get("/reviews/board/?year=9&group=NOPE")

    assert response.context["year"] is None
    assert response.context["group"] is None
    assert len(response.context["rows"]) == 4


def test_board_of_cycle_one(client, cycle_two):
    response = client.get("/reviews/board/?cycle=1")

    assert [item["row"].review.iso3 for item in response.context["rows"]] == ["POL"]


def test_board_with_no_review_says_so(client, db):
    response = client.get("/reviews/board/")

    assert "No review matches." in response.content.decode()


# --- The CSV ---------------------------------------------------------------------------------------


def test_progress_csv_is_the_table(client, cycle_two):
    response = client.get("/reviews/progress.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="review-progress-cycle-2.csv"' in response["Content-Disposition"]
    header, *rows = table(response)
    assert header[:3] == ["Year", "Regional group", "Not started"]
    assert header[-4:] == ["Completed", "Late", "Summaries issued", "Reviews"]
    by_key = {(row[0], row[1]): dict(zip(header, row, strict=True)) for row in rows}
    assert by_key["Year 1", "WEOG"]["Nomination of the focal point"] == "1"
    assert by_key["Year 1", "WEOG"]["Late"] == "1"
    assert by_key["Year 2", "WEOG"]["Completed"] == "1"
    assert by_key["Year 2", "WEOG"]["Summaries issued"] == "1"
    assert by_key["All years", "All groups"]["Reviews"] == "4"


def test_progress_csv_of_cycle_one(client, cycle_two):
    response = client.get("/reviews/progress.csv?cycle=1")

    *_, total = table(response)
    assert total[0:2] == ["All years", "All groups"]
    assert total[-1] == "1"


# --- Queries -----------------------------------------------------------------------------------------


def letters(index: int) -> str:
    return f"{chr(65 + index // 26)}{chr(65 + index % 26)}"


def make_many_reviews(count: int) -> None:
    """`count` cycle-2 reviews in five groups, each with two reviewers and a few steps done."""
    groups = [
        RegionalGroup.objects.get_or_create(code=code, defaults={"name_en": code, "abbreviation_en": code})[0]
        for code in ("AFR", "APG", "EEG", "GRULAC", "WEOG")
    ]
    states = State.objects.bulk_create(
        State(
            iso3=f"X{letters(index)}",
            iso2=letters(index),
            short_name_en=f"State {index:03d}",
            un_status="member",
            instrument="ratification",
            regional_group=groups[index % 5],
        )
        for index in range(count + 2)
    )
    reviews = CountryReview.objects.bulk_create(
        CountryReview(
            cycle=2,
            year=index % 5 + 1,
            state=states[index],
            started_on=dt.date(2025, 1, 6) if index % 3 else None,
        )
        for index in range(count)
    )
    ReviewingState.objects.bulk_create(
        ReviewingState(review=review, state=states[(index + offset) % (count + 2)], position=offset - 1)
        for index, review in enumerate(reviews)
        for offset in (1, 2)
    )
    StepRecord.objects.bulk_create(
        StepRecord(review=review, step=step, completed_on=dt.date(2025, 1, 6))
        for index, review in enumerate(reviews)
        if index % 3
        for step in EVERY_STEP[: index % 7]
    )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/reviews/", "/reviews/board/", "/reviews/progress.csv"])
def test_pages_use_a_fixed_number_of_queries_however_many_reviews(
    client, db, url, django_assert_max_num_queries
):
    make_many_reviews(3)
    few = count_queries(client, url)
    CountryReview.objects.all().delete()
    State.objects.all().delete()
    make_many_reviews(380)

    # Five today: the groups, the reviews with their States, the reviewing States, their States, the steps.
    with django_assert_max_num_queries(6):
        response = client.get(url)

    assert response.status_code == 200
    assert count_queries(client, url) == few
