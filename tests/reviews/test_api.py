"""The reviews API under the rules of the pages (RULES 4.9): what each person of a review's world may
read, before and after publication."""

import datetime as dt

import pytest

from cosp.reviews.models import Checklist, ChecklistAnswer, Draw, Finding, GovernmentalExpert, ReportSection
from cosp.states.models import Article

from .conftest import IN_CIRCLE

pytestmark = pytest.mark.django_db


def expected_denial(position: str) -> int:
    return 401 if position == "anonymous" else 403


@pytest.fixture
def material(review_world):
    """The review of AUT with an answered checklist, a report section, a summary section and a finding."""
    review = review_world.review
    checklist = Checklist.objects.create(review=review, status="submitted")
    article = Article.objects.get(number=9)
    ChecklistAnswer.objects.create(
        checklist=checklist, article=article, implementation="partly", measures="A law."
    )
    ReportSection.objects.create(
        review=review,
        kind="report",
        key="introduction",
        heading="Intro",
        position=0,
        text="Confidential report text.",
    )
    ReportSection.objects.create(
        review=review, kind="summary", key="introduction", heading="Intro", position=0, text="Summary text."
    )
    Finding.objects.create(
        review=review, kind="recommendation", article=article, text_en="Adopt rules on procurement."
    )
    return review


def get(as_person, position, path):
    return as_person(position).get(path)


@pytest.mark.parametrize("position", list(IN_CIRCLE))
def test_unpublished_material_is_for_the_circle_only(as_person, material, position):
    for path in ("checklist", "report", "summary", "findings"):
        response = get(as_person, position, f"/api/reviews/2/AUT/{path}")
        if IN_CIRCLE[position]:
            assert response.status_code == 200, (path, position)
            if path == "report":
                assert response.json()["sections"][0]["text"] == "Confidential report text.", position
        else:
            assert response.status_code == expected_denial(position), (path, position)
            assert "Confidential" not in response.content.decode()


@pytest.mark.parametrize("position", list(IN_CIRCLE))
def test_once_published_everyone_reads_what_was_published_and_nothing_else(as_person, material, position):
    material.summary_issued_on = dt.date(2026, 9, 1)
    material.summary_symbol = "CAC/COSP/IRG/II/1/1/Add.9"
    material.save()
    material.checklist.published_at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    material.checklist.save()
    summary = get(as_person, position, "/api/reviews/2/AUT/summary")
    assert summary.status_code == 200
    assert summary.json()["sections"][0]["text"] == "Summary text."
    findings = get(as_person, position, "/api/reviews/2/AUT/findings").json()
    assert findings[0]["texts"] == {"en": "Adopt rules on procurement."}
    checklist = get(as_person, position, "/api/reviews/2/AUT/checklist").json()
    assert checklist["answers"][0]["measures"] == "A law."
    # The full report stays confidential: the State has not agreed to publish it.
    report = get(as_person, position, "/api/reviews/2/AUT/report")
    assert report.status_code == (200 if IN_CIRCLE[position] else expected_denial(position))


@pytest.mark.parametrize("position", list(IN_CIRCLE))
def test_the_review_itself_is_public_and_says_what_the_caller_may_see(as_person, material, position):
    response = get(as_person, position, "/api/reviews/2/AUT")
    assert response.status_code == 200
    body = response.json()
    assert [reviewer["state"] for reviewer in body["reviewers"]] == ["DEU", "FRA"]
    assert body["group"] == "WEOG"
    assert [reviewer["group"] for reviewer in body["reviewers"]] == ["WEOG", "WEOG"]
    assert body["steps"][0]["step"] == "notification"
    assert body["may_see"]["draft"] is IN_CIRCLE[position]
    listing = get(as_person, position, "/api/reviews?cycle=2&group=WEOG").json()
    assert {row["state"] for row in listing} == {"AUT", "ITA"}


def test_draws_are_public_with_inputs_and_result(client, review_world):
    record = Draw.objects.create(
        cycle=2,
        action="draw",
        seed=11,
        engine_version=1,
        inputs={"seed": 11},
        inputs_digest="a" * 64,
        result={"reviews": [], "unmet": []},
        at=dt.datetime(2016, 6, 20, 9, tzinfo=dt.UTC),
        author_name="Secretariat",
    )
    assert client.get("/api/draws?cycle=2").json()[0]["seed"] == 11
    assert client.get(f"/api/draws/{record.pk}").json()["inputs"] == {"seed": 11}


def test_expert_lists_are_public_without_contact_details(client, review_world):
    GovernmentalExpert.objects.create(
        state=review_world.review.state, name="A. Expert", email="a@example.org"
    )
    body = client.get("/api/experts/AUT").content.decode()
    assert "A. Expert" in body
    assert "a@example.org" not in body
