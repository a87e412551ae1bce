"""The services of the country review report and the executive summary (RULES 4.6 steps 8-11, 4.8, 4.9):
sections from the blueprint, versions that never overwrite each other silently, comments, and the
report's course from sending to publication. Every refusal leaves the database as it was."""

import datetime as dt
import io

import pytest
from docx import Document as DocxDocument
from pypdf import PdfReader

from cosp.reviews.enums import ReportStatus, Step
from cosp.reviews.exports.reports import document_blocks, headings, report_docx, report_pdf, text_blocks
from cosp.reviews.models import (
    CountryReview,
    Finding,
    ReportSection,
    SectionComment,
    SectionVersion,
    StepRecord,
)
from cosp.reviews.services import ReviewRuleError
from cosp.reviews.services import reports as services
from cosp.states.models import Article

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = dt.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def world(review_world):
    return review_world


@pytest.fixture
def people(world):
    return world.people


@pytest.fixture
def review(world) -> CountryReview:
    return world.review


def reload(review: CountryReview) -> CountryReview:
    return CountryReview.objects.get(pk=review.pk)


def finding(review, kind: str, article: int, text: str, **fields) -> Finding:
    return Finding.objects.create(
        review=review, kind=kind, article=Article.objects.get(number=article), text_en=text, **fields
    )


def written(review, kind="report", language="en", *, actor=None, texts: dict[str, str] | None = None):
    """The document's sections, with `texts` saved in them by the secretariat."""
    sections = services.ensure_sections(review, kind, language, actor=actor)
    by_key = {section.key: section for section in sections}
    for key, text in (texts or {}).items():
        section = by_key[key]
        services.save_section(section, text, base_version=section.version, actor=actor)
    return by_key


@pytest.fixture
def drafted(review, people):
    """A review whose report and summary have some text in English, the review's language."""
    secretariat = people["secretariat"]
    written(review, "report", actor=secretariat, texts={"introduction": "The review of Austria."})
    written(review, "summary", actor=secretariat, texts={"introduction": "A federal State."})
    return review


@pytest.fixture
def sent(drafted, people):
    return services.send_to_state(drafted, actor=people["secretariat"])


@pytest.fixture
def agreed(sent, people):
    services.agree(sent, actor=people["sur_focal_point"], on=TODAY)
    return sent


def snapshot(review) -> tuple:
    review = reload(review)
    return (
        review.report_status,
        review.agreed_on,
        review.report_publication_agreed_on,
        review.report_published_on,
        review.summary_issued_on,
        review.summary_symbol,
        ReportSection.objects.count(),
        SectionVersion.objects.count(),
        SectionComment.objects.count(),
        StepRecord.objects.count(),
    )


# --- Sections from the blueprint ---------------------------------------------------------------------


def test_ensure_sections_creates_the_written_entries_of_the_blueprint(review, people):
    sections = services.ensure_sections(review, "report", "en", actor=people["secretariat"])

    keys = [section.key for section in sections]
    assert keys[:4] == ["introduction", "process", "process-direct-dialogue", "implementation"]
    # Chapters II (5-14) and V (51-59): five parts for each of the 19 articles.
    assert len(keys) == 4 + 19 * 5
    assert "article-9-observations" in keys
    assert "article-9" not in keys
    assert [s.position for s in sections] == list(range(len(sections)))
    article_part = next(s for s in sections if s.key == "article-52-assistance")
    assert article_part.article.number == 52
    assert article_part.heading == "(e) Technical assistance needs"
    assert {s.language for s in sections} == {"en"}


def test_ensure_sections_twice_creates_nothing_more_and_keeps_the_text(review, people):
    first = written(review, actor=people["secretariat"], texts={"process": "By e-mail."})

    again = services.ensure_sections(review, "report", "en", actor=people["secretariat"])

    assert len(again) == len(first)
    assert ReportSection.objects.filter(review=review, kind="report").count() == len(first)
    assert next(s for s in again if s.key == "process").text == "By e-mail."


def test_ensure_sections_stores_chinese_under_the_interface_code(review, people):
    sections = services.ensure_sections(review, "summary", "zh", actor=people["secretariat"])

    assert {section.language for section in sections} == {"zh-hans"}
    assert services.languages_written(review, "summary") == ["zh"]


def test_new_sections_are_prefilled_from_the_findings_of_their_type(review, people):
    finding(review, "observation", 9, "Procurement is open to all bidders.")
    finding(review, "recommendation", 9, "Publish the award decisions.", paragraph="1")
    finding(review, "challenge", 9, "Few audits of contracts.")
    finding(review, "good_practice", 52, "A register of beneficial owners.")
    secretariat = people["secretariat"]

    report = {s.key: s for s in services.ensure_sections(review, "report", "en", actor=secretariat)}
    summary = {s.key: s for s in services.ensure_sections(review, "summary", "en", actor=secretariat)}

    assert report["article-9-observations"].text == "- Procurement is open to all bidders."
    assert report["article-9-challenges"].text == (
        "- Few audits of contracts.\n- Recommendation: (Paragraph 1) Publish the award decisions."
    )
    assert report["article-9-observations"].version == 1
    version = report["article-9-observations"].versions.get()
    assert (version.number, version.author, version.comment) == (
        1,
        secretariat,
        "Prefilled from the review's records",
    )
    assert report["article-9-summary"].text == ""
    assert report["article-9-summary"].version == 0
    assert summary["chapter-V-good-practices"].text == "- A register of beneficial owners."
    assert summary["chapter-II-good-practices"].text == ""


def test_the_visit_paragraph_is_prefilled_from_the_dates_of_the_visit(review, people):
    review.direct_dialogue_kind = "joint_meeting_vienna"
    review.direct_dialogue_starts, review.direct_dialogue_ends = dt.date(2026, 5, 4), dt.date(2026, 5, 6)
    review.save()

    sections = {
        s.key: s for s in services.ensure_sections(review, "report", "en", actor=people["secretariat"])
    }

    assert sections["process-direct-dialogue"].text == (
        "At the request of AUT, a joint meeting of the reviewing experts and the State under review was "
        "held in Vienna from 4 May 2026 to 6 May 2026."
    )


@pytest.mark.parametrize("position", ["sur_focal_point", "sur_expert", "unassigned_expert", "observer"])
def test_only_the_writers_of_the_report_prepare_its_sections(review, people, position):
    before = snapshot(review)

    with pytest.raises(ReviewRuleError, match="Only the reviewing experts"):
        services.ensure_sections(review, "report", "en", actor=people[position])

    assert snapshot(review) == before


def test_an_assigned_reviewing_expert_prepares_sections(review, people):
    assert services.ensure_sections(review, "summary", "fr", actor=people["reviewing_expert"])


def test_an_unknown_language_or_document_is_refused(review, people):
    with pytest.raises(ReviewRuleError, match="not one of the six"):
        services.ensure_sections(review, "report", "de", actor=people["secretariat"])
    with pytest.raises(ReviewRuleError, match="not a document"):
        services.ensure_sections(review, "minutes", "en", actor=people["secretariat"])
    assert not ReportSection.objects.exists()


# --- Versions ----------------------------------------------------------------------------------------


def test_every_save_is_a_new_version_and_the_old_ones_are_kept(review, people):
    section = written(review, actor=people["secretariat"])["introduction"]
    expert = people["reviewing_expert"]

    services.save_section(section, "First text.", base_version=0, actor=expert, comment="first draft")
    services.save_section(section, "Second text.\r\n", base_version=1, actor=people["secretariat"])

    section.refresh_from_db()
    assert (section.text, section.version) == ("Second text.", 2)
    assert [(v.number, v.text, v.author, v.comment) for v in section.versions.order_by("number")] == [
        (1, "First text.", expert, "first draft"),
        (2, "Second text.", people["secretariat"], ""),
    ]


def test_a_save_on_top_of_an_older_version_is_refused_and_names_who_saved(review, people):
    section = written(review, actor=people["secretariat"])["introduction"]
    expert = people["reviewing_expert"]
    expert.first_name, expert.last_name = "Erika", "Muster"
    expert.save()
    # Both opened version 0; the expert saves first.
    services.save_section(section, "The expert's text.", base_version=0, actor=expert)
    before = snapshot(review)

    with pytest.raises(ReviewRuleError) as refusal:
        services.save_section(section, "The secretariat's text.", base_version=0, actor=people["secretariat"])

    assert refusal.value.code == "stale_version"
    message = " ".join(refusal.value.messages)
    assert "Erika Muster saved version 1" in message
    assert "1 September 2026" in message
    assert "after you opened version 0" in message
    assert snapshot(review) == before
    assert ReportSection.objects.get(pk=section.pk).text == "The expert's text."


def test_the_merge_saved_on_top_of_the_newer_version_goes_through(review, people):
    section = written(review, actor=people["secretariat"])["introduction"]
    services.save_section(section, "Theirs.", base_version=0, actor=people["reviewing_expert"])

    services.save_section(section, "Theirs. Mine.", base_version=1, actor=people["secretariat"])

    assert ReportSection.objects.get(pk=section.pk).version == 2


def test_saving_the_same_text_again_is_refused(review, people):
    section = written(review, actor=people["secretariat"], texts={"introduction": "Same."})["introduction"]

    with pytest.raises(ReviewRuleError, match="the same as version 1"):
        services.save_section(section, "Same.\n", base_version=1, actor=people["secretariat"])

    assert ReportSection.objects.get(pk=section.pk).version == 1
    assert section.versions.count() == 1


@pytest.mark.parametrize(
    "position", ["sur_focal_point", "sur_expert", "unassigned_expert", "other_review_expert"]
)
def test_only_the_writers_of_the_report_save_a_section(review, people, position):
    section = written(review, actor=people["secretariat"])["introduction"]
    before = snapshot(review)

    with pytest.raises(ReviewRuleError, match="Only the reviewing experts"):
        services.save_section(section, "Mine.", base_version=0, actor=people[position])

    assert snapshot(review) == before


def test_after_agreement_the_text_in_the_review_language_is_final_but_translations_go_on(agreed, people):
    secretariat = people["secretariat"]
    english = ReportSection.objects.get(review=agreed, kind="report", language="en", key="process")
    french = written(agreed, "report", "fr", actor=secretariat)["process"]

    with pytest.raises(ReviewRuleError, match="agreed the report on 1 September 2026"):
        services.save_section(english, "Changed.", base_version=english.version, actor=secretariat)
    services.save_section(french, "Le processus.", base_version=0, actor=secretariat)

    assert ReportSection.objects.get(pk=english.pk).text == ""
    assert ReportSection.objects.get(pk=french.pk).text == "Le processus."


def test_after_publication_no_language_of_the_report_changes(agreed, people):
    french = written(agreed, "report", "fr", actor=people["secretariat"])["process"]
    services.publish_report(agreed, actor=people["sur_focal_point"], on=TODAY)

    with pytest.raises(ReviewRuleError, match="published on 1 September 2026"):
        services.save_section(french, "Trop tard.", base_version=0, actor=people["secretariat"])
    with pytest.raises(ReviewRuleError, match="published"):
        services.ensure_sections(agreed, "report", "es", actor=people["secretariat"])
    # The summary is not issued yet: its translations go on.
    assert services.ensure_sections(agreed, "summary", "es", actor=people["secretariat"])


# --- Comments ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("position", ["sur_focal_point", "sur_expert", "reviewing_expert", "secretariat"])
def test_the_circle_comments_on_the_version_it_read(review, people, position):
    section = written(review, actor=people["secretariat"], texts={"introduction": "Text."})["introduction"]

    note = services.comment(section, " Please add the dates. ", actor=people[position])

    assert (note.version, note.author, note.text, note.resolved) == (
        1,
        people[position],
        "Please add the dates.",
        False,
    )


@pytest.mark.parametrize(
    "position", ["sur_delegate", "unassigned_expert", "reviewing_focal_point", "observer"]
)
def test_outside_the_circle_no_one_comments(review, people, position):
    section = written(review, actor=people["secretariat"])["introduction"]

    with pytest.raises(ReviewRuleError, match="Only the State under review"):
        services.comment(section, "Let me in.", actor=people[position])

    assert not SectionComment.objects.exists()


def test_an_empty_comment_is_refused(review, people):
    section = written(review, actor=people["secretariat"])["introduction"]

    with pytest.raises(ReviewRuleError, match="Write the comment first"):
        services.comment(section, "   ", actor=people["sur_focal_point"])

    assert not SectionComment.objects.exists()


def test_a_comment_is_resolved_by_its_author_or_a_writer_and_only_once(review, people):
    section = written(review, actor=people["secretariat"])["introduction"]
    first = services.comment(section, "One.", actor=people["sur_focal_point"])
    second = services.comment(section, "Two.", actor=people["sur_focal_point"])

    with pytest.raises(ReviewRuleError, match="resolved by its author"):
        services.resolve_comment(first, actor=people["sur_expert"])
    services.resolve_comment(first, actor=people["sur_focal_point"])
    services.resolve_comment(second, actor=people["reviewing_expert"])
    with pytest.raises(ReviewRuleError, match="already resolved"):
        services.resolve_comment(second, actor=people["secretariat"])

    assert set(SectionComment.objects.values_list("resolved", flat=True)) == {True}


# --- The report's course -------------------------------------------------------------------------------


def test_the_secretariat_sends_the_report_and_summary_to_the_state(drafted, people):
    services.send_to_state(drafted, actor=people["secretariat"])

    assert drafted.report_status == ReportStatus.WITH_STATE
    assert reload(drafted).report_status == ReportStatus.WITH_STATE
    with pytest.raises(ReviewRuleError, match="already with AUT"):
        services.send_to_state(drafted, actor=people["secretariat"])


def test_sending_is_the_secretariats(drafted, people):
    with pytest.raises(ReviewRuleError, match="The secretariat sends"):
        services.send_to_state(drafted, actor=people["reviewing_expert"])
    assert reload(drafted).report_status == ReportStatus.DRAFTING


def test_an_empty_report_or_summary_is_not_sent(review, people):
    written(review, "report", actor=people["secretariat"], texts={"introduction": "Text."})

    with pytest.raises(ReviewRuleError, match="Nothing is written yet in Executive summary"):
        services.send_to_state(review, actor=people["secretariat"])
    assert reload(review).report_status == ReportStatus.DRAFTING


def test_the_focal_point_agrees_and_the_step_stays_open_while_earlier_steps_are(sent, people):
    agreement = services.agree(sent, actor=people["sur_focal_point"], on=TODAY)

    review = reload(sent)
    assert (review.report_status, review.agreed_on) == (ReportStatus.AGREED, TODAY)
    assert not agreement.step_completed
    assert "stays open" in agreement.note
    assert "Comments on the draft" in agreement.note
    assert not StepRecord.objects.filter(review=sent, step=Step.AGREEMENT).exists()


def test_the_agreement_completes_the_workflow_step_when_it_is_due(sent, people):
    StepRecord.objects.create(review=sent, step=Step.DRAFT_COMMENTS, completed_on=dt.date(2026, 8, 1))

    agreement = services.agree(sent, actor=people["sur_focal_point"], on=TODAY)

    assert agreement.step_completed
    assert agreement.note == ""
    assert StepRecord.objects.get(review=sent, step=Step.AGREEMENT).completed_on == TODAY


@pytest.mark.parametrize(
    "position", ["secretariat", "sur_expert", "sur_delegate", "reviewing_expert", "reviewing_focal_point"]
)
def test_agreement_by_anyone_but_the_focal_point_is_refused_and_nothing_saved(sent, people, position):
    before = snapshot(sent)

    with pytest.raises(ReviewRuleError, match="Only the focal point of AUT agrees"):
        services.agree(sent, actor=people[position], on=TODAY)

    assert snapshot(sent) == before
    assert reload(sent).report_status == ReportStatus.WITH_STATE


def test_a_report_not_sent_or_already_agreed_cannot_be_agreed(drafted, people):
    with pytest.raises(ReviewRuleError, match="has not been sent to AUT"):
        services.agree(drafted, actor=people["sur_focal_point"], on=TODAY)
    services.send_to_state(drafted, actor=people["secretariat"])
    services.agree(drafted, actor=people["sur_focal_point"], on=TODAY)
    with pytest.raises(ReviewRuleError, match="already agreed on 1 September 2026"):
        services.agree(drafted, actor=people["sur_focal_point"], on=TODAY)


def test_an_agreement_in_the_future_is_refused(sent, people):
    before = snapshot(sent)

    with pytest.raises(ReviewRuleError) as refusal:
        services.agree(sent, actor=people["sur_focal_point"], on=TODAY + dt.timedelta(days=1))

    assert "in the future" in " ".join(refusal.value.messages)
    assert snapshot(sent) == before


def test_the_secretariat_publishes_only_once_the_state_agreed_to_publish(agreed, people):
    with pytest.raises(ReviewRuleError, match="only once the State under review has agreed"):
        services.publish_report(agreed, actor=people["secretariat"], on=TODAY)
    assert reload(agreed).report_published_on is None

    services.agree_to_publish_report(agreed, actor=people["sur_focal_point"], on=TODAY)
    services.publish_report(agreed, actor=people["secretariat"], on=TODAY)

    review = reload(agreed)
    assert (review.report_publication_agreed_on, review.report_published_on) == (TODAY, TODAY)


def test_the_focal_point_publishing_is_its_agreement(agreed, people):
    services.publish_report(agreed, actor=people["sur_focal_point"], on=TODAY)

    review = reload(agreed)
    assert (review.report_publication_agreed_on, review.report_published_on) == (TODAY, TODAY)
    with pytest.raises(ReviewRuleError, match="already published"):
        services.publish_report(agreed, actor=people["sur_focal_point"], on=TODAY)


@pytest.mark.parametrize("position", ["reviewing_expert", "sur_expert", "sur_delegate"])
def test_no_one_else_publishes_the_report(agreed, people, position):
    services.agree_to_publish_report(agreed, actor=people["sur_focal_point"], on=TODAY)
    before = snapshot(agreed)

    with pytest.raises(ReviewRuleError, match="Only the State under review may publish"):
        services.publish_report(agreed, actor=people[position], on=TODAY)

    assert snapshot(agreed) == before


def test_publication_needs_an_agreed_report(sent, people):
    with pytest.raises(ReviewRuleError, match="must be agreed"):
        services.agree_to_publish_report(sent, actor=people["sur_focal_point"], on=TODAY)
    with pytest.raises(ReviewRuleError, match="Only an agreed report"):
        services.publish_report(sent, actor=people["sur_focal_point"], on=TODAY)


def test_agreeing_to_publish_is_the_focal_points_and_once(agreed, people):
    with pytest.raises(ReviewRuleError, match="Only the focal point of AUT agrees to the publication"):
        services.agree_to_publish_report(agreed, actor=people["secretariat"], on=TODAY)
    services.agree_to_publish_report(agreed, actor=people["sur_focal_point"], on=TODAY)
    with pytest.raises(ReviewRuleError, match="already agreed to publish"):
        services.agree_to_publish_report(agreed, actor=people["sur_focal_point"], on=TODAY)


def test_the_secretariat_issues_the_agreed_summary_under_its_symbol(agreed, people):
    services.issue_summary(
        agreed, symbol=" cac/cosp/irg/ii/1/1/add.5 ", on=TODAY, actor=people["secretariat"]
    )

    review = reload(agreed)
    assert (review.summary_issued_on, review.summary_symbol) == (TODAY, "CAC/COSP/IRG/II/1/1/Add.5")
    with pytest.raises(ReviewRuleError, match="already issued on 1 September 2026"):
        services.issue_summary(
            agreed, symbol="CAC/COSP/IRG/II/1/1/Add.6", on=TODAY, actor=people["secretariat"]
        )


def test_a_summary_not_agreed_is_not_issued(sent, people):
    before = snapshot(sent)

    with pytest.raises(ReviewRuleError, match="must agree the report"):
        services.issue_summary(
            sent, symbol="CAC/COSP/IRG/II/1/1/Add.5", on=TODAY, actor=people["secretariat"]
        )

    assert snapshot(sent) == before


@pytest.mark.parametrize("position", ["sur_focal_point", "reviewing_expert"])
def test_only_the_secretariat_issues_the_summary(agreed, people, position):
    with pytest.raises(ReviewRuleError, match="The secretariat issues"):
        services.issue_summary(agreed, symbol="CAC/COSP/IRG/II/1/1/Add.5", on=TODAY, actor=people[position])
    assert reload(agreed).summary_issued_on is None


@pytest.mark.parametrize("symbol", ["", "Add.5", "A/RES/58/4", "CAC/COSP/2017/14"])
def test_a_symbol_outside_the_groups_series_is_refused(agreed, people, symbol):
    with pytest.raises(
        ReviewRuleError, match="not the symbol of a document of the Implementation Review Group"
    ):
        services.issue_summary(agreed, symbol=symbol, on=TODAY, actor=people["secretariat"])
    assert reload(agreed).summary_symbol == ""


def test_another_reviews_symbol_is_refused(agreed, people, world):
    world.other_review.summary_symbol = "CAC/COSP/IRG/II/1/1/Add.5"
    world.other_review.save()

    with pytest.raises(ReviewRuleError, match="already the executive summary of"):
        services.issue_summary(
            agreed, symbol="CAC/COSP/IRG/II/1/1/Add.5", on=TODAY, actor=people["secretariat"]
        )

    assert (reload(agreed).summary_issued_on, reload(agreed).summary_symbol) == (None, "")


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("CAC/COSP/IRG/II/1/1/Add.5", "CAC/COSP/IRG/II/1/1/Add.5"),
        ("CAC/COSP/IRG/I/3/1/Add. 19", "CAC/COSP/IRG/I/3/1/Add.19"),
        ("CAC/COSP/IRG/2019/9", "CAC/COSP/IRG/2019/9"),
        ("CAC/COSP/2017/14", None),
        ("not a symbol", None),
    ],
)
def test_summary_symbols_are_read_loosely(symbol, expected):
    assert services.clean_summary_symbol(symbol) == expected


# --- Reading the document ------------------------------------------------------------------------------


def test_the_report_reproduces_the_summary_one_level_down(drafted):
    items = services.document_items(drafted, "report", "en")

    keys = [(item.document, item.key, item.level) for item in items]
    chapter = keys.index(("report", "executive-summary", "chapter"))
    assert keys[chapter + 1] == ("summary", "introduction", "section")
    assert keys[chapter + 2] == ("summary", "chapter-II", "section")
    assert keys[chapter + 3] == ("summary", "chapter-II-observations", "subheading")
    summary_intro = items[chapter + 1]
    assert summary_intro.text == "A federal State."
    assert next(item for item in items if item.key == "article-9").section is None


def test_document_items_count_unresolved_comments(drafted, people):
    section = ReportSection.objects.get(review=drafted, kind="report", key="introduction")
    services.comment(section, "One.", actor=people["sur_focal_point"])
    resolved = services.comment(section, "Two.", actor=people["sur_focal_point"])
    services.resolve_comment(resolved, actor=people["secretariat"])

    items = {(i.document, i.key): i for i in services.document_items(drafted, "report", "en")}

    assert items[("report", "introduction")].unresolved_comments == 1
    assert items[("report", "process")].unresolved_comments == 0


def test_the_difference_between_two_texts_is_word_by_word():
    pieces = services.diff_texts("The law was adopted in 2020.", "The law was amended in 2020.")

    assert [(p.change, p.text) for p in pieces] == [
        ("same", "The law was "),
        ("removed", "adopted"),
        ("added", "amended"),
        ("same", " in 2020."),
    ]
    assert services.diff_texts("", "New.") == [services.DiffPiece("added", "New.")]


# --- Files -------------------------------------------------------------------------------------------


def test_markdown_becomes_numbered_paragraphs_and_bullets():
    blocks = text_blocks("First **point**,\ncontinued.\n\n- one\n- two\n\nLast.")

    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "First point, continued."),
        ("bullet", "one"),
        ("bullet", "two"),
        ("paragraph", "Last."),
    ]


def test_a_draft_file_is_restricted_and_shows_every_part(drafted):
    content = services.document_file(drafted, "report", "en")

    assert content.masthead.distribution == "Distr.: Restricted"
    assert content.masthead.symbol == ""
    assert content.masthead.date == "1 September 2026"
    assert content.masthead.body == "Implementation Review Group"
    assert content.masthead.original == "Original: English"
    blocks = document_blocks(content)
    assert blocks[0].text == "Country review report of AUT"
    assert "Article 9. Article 9" in headings(blocks)  # the test catalogue's titles are placeholders
    assert "[Not written yet]" in [b.text for b in blocks]


def test_an_issued_summary_file_is_general_under_its_symbol_and_leaves_out_empty_parts(agreed, people):
    services.issue_summary(agreed, symbol="CAC/COSP/IRG/II/1/1/Add.5", on=TODAY, actor=people["secretariat"])

    content = services.document_file(reload(agreed), "summary", "en")

    assert (content.masthead.symbol, content.masthead.distribution) == (
        "CAC/COSP/IRG/II/1/1/Add.5",
        "Distr.: General",
    )
    blocks = document_blocks(content)
    assert headings(blocks) == ["Introduction: overview of the legal and institutional framework"]
    assert "[Not written yet]" not in [b.text for b in blocks]


def test_docx_and_pdf_carry_the_masthead_and_the_text(drafted):
    content = services.document_file(drafted, "summary", "en")

    docx = DocxDocument(io.BytesIO(report_docx(content, "en")))
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(content, "en"))).pages)

    paragraphs = [p.text for p in docx.paragraphs]
    assert "Distr.: Restricted" in paragraphs
    assert "Executive summary: AUT" in paragraphs
    assert "1. A federal State." in paragraphs
    assert "Distr.: Restricted" in pdf
    assert "A federal State." in pdf


def test_a_published_report_reproduces_the_summary_only_once_issued(agreed, people):
    services.publish_report(agreed, actor=people["sur_focal_point"], on=TODAY)

    before = [b.text for b in document_blocks(services.document_file(reload(agreed), "report", "en"))]
    services.issue_summary(agreed, symbol="CAC/COSP/IRG/II/1/1/Add.5", on=TODAY, actor=people["secretariat"])
    after = [b.text for b in document_blocks(services.document_file(reload(agreed), "report", "en"))]

    assert "A federal State." not in before
    assert "Executive summary" not in before
    assert "A federal State." in after
    assert before[:3] == ["Country review report of AUT", before[1], "Introduction"]
