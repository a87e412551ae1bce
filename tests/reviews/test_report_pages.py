"""The report and summary pages, their files, a section's editing, versions and comments, and the
report's course, as every position of the review world meets them (RULES 4.8, 4.9)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cosp.reviews.enums import ReportStatus
from cosp.reviews.models import CountryReview, Finding, ReportSection, SectionComment, SectionVersion
from cosp.reviews.services import reports as services
from cosp.states.models import Article
from tests.reviews.conftest import IN_CIRCLE

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = dt.date(2026, 9, 1)
REVIEW = "/reviews/2-AUT"
EDITORS = {"secretariat", "reviewing_expert"}  # reviews.edit_report: assigned experts and the secretariat


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def people(review_world):
    return review_world.people


@pytest.fixture
def drafted(review_world, people):
    """The report and summary of AUT with text, a comment and two versions of the introduction. Two
    articles under review keep the documents short: these tests are about who sees them."""
    Article.objects.exclude(number__in=[9, 52]).delete()
    review, secretariat = review_world.review, people["secretariat"]
    report = {s.key: s for s in services.ensure_sections(review, "report", "en", actor=secretariat)}
    summary = {s.key: s for s in services.ensure_sections(review, "summary", "en", actor=secretariat)}
    services.save_section(report["introduction"], "Draft introduction.", base_version=0, actor=secretariat)
    services.save_section(report["introduction"], "Final introduction.", base_version=1, actor=secretariat)
    services.save_section(summary["introduction"], "Summary introduction.", base_version=0, actor=secretariat)
    services.comment(report["introduction"], "A confidential remark.", actor=people["sur_focal_point"])
    return review


@pytest.fixture
def agreed(drafted, people):
    services.send_to_state(drafted, actor=people["secretariat"])
    services.agree(drafted, actor=people["sur_focal_point"], on=TODAY)
    return drafted


@pytest.fixture
def published(agreed, people):
    services.publish_report(agreed, actor=people["sur_focal_point"], on=TODAY)
    return agreed


@pytest.fixture
def issued(agreed, people):
    services.issue_summary(agreed, symbol="CAC/COSP/IRG/II/1/1/Add.5", on=TODAY, actor=people["secretariat"])
    return agreed


def statuses(as_person, path: str) -> dict[str, int]:
    return {position: as_person(position).get(path).status_code for position in IN_CIRCLE}


def expected(allowed) -> dict[str, int]:
    """200 for the positions `allowed` says may; the others are sent to sign in, or refused."""
    return {
        position: 200 if allowed(position) else (302 if position == "anonymous" else 403)
        for position in IN_CIRCLE
    }


def reload(review) -> CountryReview:
    return CountryReview.objects.get(pk=review.pk)


# --- Who sees the documents -------------------------------------------------------------------------


REPORT_PATHS = [f"{REVIEW}/report/", f"{REVIEW}/report.docx", f"{REVIEW}/report.pdf"]
SUMMARY_PATHS = [f"{REVIEW}/summary/", f"{REVIEW}/summary.docx", f"{REVIEW}/summary.pdf"]
HISTORY = f"{REVIEW}/report/en/introduction/history/"


@pytest.mark.parametrize("path", REPORT_PATHS + SUMMARY_PATHS)
def test_a_draft_is_the_circles_only(as_person, drafted, path):
    assert statuses(as_person, path) == expected(IN_CIRCLE.get)


@pytest.mark.parametrize("path", REPORT_PATHS)
def test_the_published_report_is_everyones(as_person, published, path):
    assert statuses(as_person, path) == expected(lambda position: True)


@pytest.mark.parametrize("path", SUMMARY_PATHS)
def test_the_summary_stays_the_circles_while_only_the_report_is_published(as_person, published, path):
    assert statuses(as_person, path) == expected(IN_CIRCLE.get)


@pytest.mark.parametrize("path", SUMMARY_PATHS)
def test_the_issued_summary_is_everyones(as_person, issued, path):
    assert statuses(as_person, path) == expected(lambda position: True)


@pytest.mark.parametrize("path", REPORT_PATHS)
def test_issuing_the_summary_does_not_publish_the_report(as_person, issued, path):
    assert statuses(as_person, path) == expected(IN_CIRCLE.get)


@pytest.mark.parametrize("stage", ["drafted", "published", "issued"])
def test_versions_and_comments_are_never_public(as_person, request, stage):
    request.getfixturevalue(stage)

    assert statuses(as_person, HISTORY) == expected(IN_CIRCLE.get)
    assert statuses(as_person, f"{REVIEW}/summary/en/introduction/history/") == expected(IN_CIRCLE.get)


def test_the_public_reads_the_final_text_only(as_person, published):
    page = as_person("anonymous").get(f"{REVIEW}/report/").content.decode()

    assert "Final introduction." in page
    assert "Draft introduction." not in page
    assert "A confidential remark." not in page
    assert "Versions and comments" not in page
    assert "Version 2" not in page
    assert "Where the report stands" not in page
    assert "Not written yet" not in page  # parts nobody wrote are left out
    assert "Distr" not in page
    # The summary is not issued: the published report does not reproduce a text that may still change.
    assert "Summary introduction." not in page
    assert "/reviews/2-AUT/summary/" not in page


def test_the_published_report_reproduces_the_summary_once_issued(as_person, published, people):
    services.issue_summary(
        published, symbol="CAC/COSP/IRG/II/1/1/Add.5", on=TODAY, actor=people["secretariat"]
    )

    page = as_person("anonymous").get(f"{REVIEW}/report/").content.decode()

    assert "Summary introduction." in page
    assert "/reviews/2-AUT/summary/" in page


def test_the_circle_reads_the_draft_with_its_versions_and_comments(as_person, drafted):
    page = as_person("sur_focal_point").get(f"{REVIEW}/report/").content.decode()

    assert "Final introduction." in page
    assert "Version 2" in page
    assert "1 open comment" in page
    assert f"{REVIEW}/report/en/introduction/history/" in page
    assert "/edit/" not in page  # the focal point comments; it does not write
    assert "Summary introduction." in page  # the report reproduces the summary


def test_writers_see_links_to_edit(as_person, drafted):
    page = as_person("reviewing_expert").get(f"{REVIEW}/report/").content.decode()

    assert f"{REVIEW}/report/en/introduction/edit/" in page
    assert f"{REVIEW}/summary/en/introduction/edit/" in page


def test_history_lists_versions_and_shows_the_difference(as_person, drafted):
    page = as_person("sur_expert").get(HISTORY).content.decode()

    assert "<del>Draft</del><ins>Final</ins> introduction." in page
    assert "A confidential remark." in page
    assert as_person("sur_expert").get(HISTORY + "?from=0&to=1").content.decode().count("<ins>") == 1
    assert as_person("sur_expert").get(HISTORY + "?from=9").status_code == 404


def test_an_unknown_language_or_section_is_not_found(as_person, drafted):
    client = as_person("secretariat")

    assert client.get(f"{REVIEW}/report/?language=de").status_code == 404
    assert client.get(f"{REVIEW}/report.pdf?language=xx").status_code == 404
    assert client.get(f"{REVIEW}/report/en/no-such-part/edit/").status_code == 404
    assert client.get(f"{REVIEW}/report/fr/introduction/edit/").status_code == 404  # not prepared in French
    assert client.get(f"{REVIEW}/minutes/en/introduction/edit/").status_code == 404


def test_files_say_their_language_and_an_arabic_pdf_is_in_english(as_person, drafted):
    client = as_person("secretariat")

    docx = client.get(f"{REVIEW}/report.docx?language=en")
    pdf = client.get(f"{REVIEW}/summary.pdf?language=ar")

    assert docx["Content-Disposition"] == 'attachment; filename="2-AUT-report-en.docx"'
    assert docx.content[:2] == b"PK"
    assert pdf["Content-Language"] == "en"
    assert pdf.content[:4] == b"%PDF"


def test_the_page_offers_the_languages_written(as_person, drafted, people):
    services.ensure_sections(drafted, "report", "fr", actor=people["secretariat"])

    page = as_person("sur_focal_point").get(f"{REVIEW}/report/?language=fr").content.decode()

    assert 'href="?language=en"' in page
    assert "Introduction" in page


# --- Preparing and editing ---------------------------------------------------------------------------


def test_only_writers_open_the_edit_page(as_person, drafted):
    assert statuses(as_person, f"{REVIEW}/report/en/introduction/edit/") == expected(lambda p: p in EDITORS)


@pytest.mark.parametrize("position", ["sur_focal_point", "sur_expert", "unassigned_expert"])
def test_others_cannot_prepare_sections(as_person, review_world, position):
    response = as_person(position).post(f"{REVIEW}/report/", {"prepare": "1", "language": "en"})

    assert response.status_code == 403
    assert not ReportSection.objects.exists()


def test_a_reviewing_expert_prepares_the_sections(as_person, review_world):
    response = as_person("reviewing_expert").post(f"{REVIEW}/summary/", {"prepare": "1", "language": "fr"})

    assert response.status_code == 302
    assert response["Location"] == f"{REVIEW}/summary/?language=fr"
    assert ReportSection.objects.filter(kind="summary", language="fr").count() == 9


def test_saving_a_section_makes_a_new_version(as_person, drafted):
    client = as_person("reviewing_expert")

    response = client.post(
        f"{REVIEW}/report/en/process/edit/",
        {"text": "By video conference.", "base_version": "0", "comment": "first"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{REVIEW}/report/?language=en#report-process"
    section = ReportSection.objects.get(kind="report", language="en", key="process")
    assert (section.text, section.version) == ("By video conference.", 1)


def test_two_editors_do_not_overwrite_each_other_silently(as_person, drafted, people):
    client = as_person("secretariat")
    opened = client.get(f"{REVIEW}/report/en/process/edit/")
    assert opened.context["form"].initial["base_version"] == 0
    # Meanwhile the expert saves the same section.
    section = ReportSection.objects.get(kind="report", language="en", key="process")
    services.save_section(section, "The expert's process.", base_version=0, actor=people["reviewing_expert"])

    refused = client.post(
        f"{REVIEW}/report/en/process/edit/", {"text": "The secretariat's process.", "base_version": "0"}
    )

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "reviewing_expert saved version 1" in page
    assert "<p>The expert's process.</p>" in page  # theirs, shown
    assert "The secretariat&#x27;s process.</textarea>" in page  # mine, still in the box
    assert "<del>expert&#x27;s</del><ins>secretariat&#x27;s</ins>" in page
    assert ReportSection.objects.get(pk=section.pk).text == "The expert's process."
    assert SectionVersion.objects.filter(section=section).count() == 1
    # The form now stands on their version: saving the merge is deliberate and goes through.
    assert refused.context["form"]["base_version"].value() == "1"
    merged = client.post(
        f"{REVIEW}/report/en/process/edit/",
        {"text": "The expert's and the secretariat's process.", "base_version": "1"},
    )
    assert merged.status_code == 302
    assert ReportSection.objects.get(pk=section.pk).version == 2


def test_the_edit_page_shows_the_findings_to_draw_on(as_person, drafted, people):
    Finding.objects.create(
        review=drafted,
        kind="good_practice",
        article=Article.objects.get(number=9),
        text_en="Open tenders online.",
    )

    page = (
        as_person("reviewing_expert")
        .get(f"{REVIEW}/report/en/article-9-good-practices/edit/")
        .content.decode()
    )

    assert "- Open tenders online." in page
    assert "Measures worth sharing" in page  # the blueprint's guidance


def test_after_agreement_the_edit_page_says_the_text_is_final(as_person, agreed):
    client = as_person("secretariat")

    page = client.get(f"{REVIEW}/report/en/process/edit/").content.decode()
    refused = client.post(f"{REVIEW}/report/en/process/edit/", {"text": "Late change.", "base_version": "0"})

    assert "agreed the report on 1 September 2026" in page
    assert refused.status_code == 200
    assert "agreed the report on" in refused.content.decode()
    assert ReportSection.objects.get(kind="report", language="en", key="process").text == ""


# --- Comments ------------------------------------------------------------------------------------------


COMMENT = f"{REVIEW}/report/en/introduction/comment/"


def test_the_focal_point_comments_and_returns_to_the_page(as_person, drafted):
    response = as_person("sur_focal_point").post(
        COMMENT, {"text": "Please name the ministry.", "next": f"{REVIEW}/report/#report-introduction"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{REVIEW}/report/#report-introduction"
    assert SectionComment.objects.filter(text="Please name the ministry.").exists()


def test_a_comment_returns_to_the_history_rather_than_another_site(as_person, drafted):
    response = as_person("sur_expert").post(COMMENT, {"text": "Fine.", "next": "https://elsewhere.example/"})

    assert response["Location"] == HISTORY


@pytest.mark.parametrize(
    "position", ["sur_delegate", "unassigned_expert", "reviewing_focal_point", "observer"]
)
def test_outsiders_cannot_comment(as_person, drafted, position):
    response = as_person(position).post(COMMENT, {"text": "Let me in."})

    assert response.status_code == 403
    assert SectionComment.objects.count() == 1


def test_comments_are_resolved_by_writers(as_person, drafted):
    remark = SectionComment.objects.get()

    refused = as_person("sur_expert").post(COMMENT, {"resolve": remark.pk})
    done = as_person("reviewing_expert").post(COMMENT, {"resolve": remark.pk})

    assert refused.status_code == done.status_code == 302
    assert SectionComment.objects.get().resolved


# --- The report's course ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "position", ["secretariat", "sur_expert", "sur_delegate", "reviewing_expert", "reviewing_focal_point"]
)
def test_agreement_by_the_wrong_person_is_refused_and_nothing_saved(as_person, drafted, people, position):
    services.send_to_state(drafted, actor=people["secretariat"])

    response = as_person(position).post(f"{REVIEW}/report/agree/", {"on": "2026-09-01"})

    assert response.status_code == 403
    review = reload(drafted)
    assert (review.report_status, review.agreed_on) == (ReportStatus.WITH_STATE, None)


def test_the_course_of_the_report_through_its_pages(as_person, drafted):
    assert as_person("reviewing_expert").post(f"{REVIEW}/report/send/").status_code == 403

    sent = as_person("secretariat").post(f"{REVIEW}/report/send/", {"language": "en"}, follow=True)
    assert "sent to AUT for its approval" in sent.content.decode()

    agreed = as_person("sur_focal_point").post(f"{REVIEW}/report/agree/", {"on": "2026-09-01"}, follow=True)
    page = agreed.content.decode()
    assert "AUT agreed the report" in page
    assert "stays open" in page  # the earlier steps of the workflow are not recorded in this world

    early = as_person("secretariat").post(f"{REVIEW}/report/publish/", {"on": "2026-09-01"}, follow=True)
    assert "only once the State under review has agreed" in early.content.decode()
    assert reload(drafted).report_published_on is None

    as_person("sur_focal_point").post(f"{REVIEW}/report/agree-publication/", {"on": "2026-09-01"})
    as_person("secretariat").post(f"{REVIEW}/report/publish/", {"on": "2026-09-01"})
    review = reload(drafted)
    assert (review.report_status, review.agreed_on) == (ReportStatus.AGREED, TODAY)
    assert (review.report_publication_agreed_on, review.report_published_on) == (TODAY, TODAY)


def test_a_bad_date_is_said_and_nothing_saved(as_person, drafted, people):
    services.send_to_state(drafted, actor=people["secretariat"])

    response = as_person("sur_focal_point").post(f"{REVIEW}/report/agree/", {"on": "2026-12-31"}, follow=True)

    assert "in the future" in response.content.decode()
    assert reload(drafted).report_status == ReportStatus.WITH_STATE


def test_the_secretariat_issues_the_summary_and_it_appears_in_the_public_list(as_person, agreed):
    assert as_person("sur_focal_point").post(f"{REVIEW}/summary/issue/", {}).status_code == 403
    bad = as_person("secretariat").post(
        f"{REVIEW}/summary/issue/", {"symbol": "A/RES/58/4", "on": "2026-09-01"}, follow=True
    )
    assert "not the symbol of a document of the Implementation Review Group" in bad.content.decode()
    assert as_person("anonymous").get("/reviews/summaries/").content.decode().count("CAC/COSP/IRG") == 0

    as_person("secretariat").post(
        f"{REVIEW}/summary/issue/", {"symbol": "CAC/COSP/IRG/II/1/1/Add.5", "on": "2026-09-01"}
    )

    listing = as_person("anonymous").get("/reviews/summaries/").content.decode()
    assert "CAC/COSP/IRG/II/1/1/Add.5" in listing
    assert f"{REVIEW}/summary/" in listing
    page = as_person("anonymous").get(f"{REVIEW}/summary/").content.decode()
    assert "Summary introduction." in page
    assert "CAC/COSP/IRG/II/1/1/Add.5" in page


def test_the_list_of_summaries_filters_by_cycle(as_person, issued):
    assert "2-AUT" in as_person("observer").get("/reviews/summaries/?cycle=2").content.decode()
    assert "2-AUT" not in as_person("observer").get("/reviews/summaries/?cycle=1").content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_of_summaries_reads_a_fixed_number_of_queries(client, make_review, count):
    for index, iso3 in enumerate(["AUT", "BEL", "CHE"][:count]):
        make_review(
            iso3,
            ("DEU", "FRA"),
            summary_issued_on=TODAY,
            summary_symbol=f"CAC/COSP/IRG/II/1/1/Add.{index + 1}",
        )

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/reviews/summaries/")

    assert response.status_code == 200
    assert response.content.decode().count("CAC/COSP/IRG/II/1/1/Add.") == count
    assert len(queries) == 1  # the summaries with their States
