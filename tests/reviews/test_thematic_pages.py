"""The pages of thematic reports and regional addenda (cosp/reviews/views/thematic.py): the
secretariat's compilation on screen, as DOCX and PDF; everyone else refused, even a review's own
circle; parameters that name no cycle, chapter or group refused with a 400 that says why."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from pypdf import PdfReader

from cosp.reviews.enums import ReportStatus
from cosp.reviews.models import Finding
from cosp.states.models import Article
from tests.reviews.conftest import IN_CIRCLE

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DECLARE = "Adopt legislation requiring public officials to declare their assets"
DECLARE_REWORDED = (
    "The State under review should consider adopting legislation requiring public officials to declare assets"
)
KENYA_PRACTICE = "An online portal publishes every contract award within a week"
ZH_PRACTICE = "网上平台在一周内公布每项合同授予"
DRAFT_ONLY = "A finding of a report still being drafted"
WORLD = "cycle=2&chapter=II"
PAGES = ("/reviews/thematic/", "/reviews/thematic.docx", "/reviews/thematic.pdf")


@pytest.fixture
def thematic_world(review_world, make_party, make_review):
    """The world's review of AUT agreed, with two rewordings of one recommendation; an agreed review
    of KEN (AFR) with a good practice in English and Chinese; ITA's report still being drafted."""
    review_world.review.report_status = ReportStatus.AGREED
    review_world.review.save(update_fields=["report_status"])
    make_party("KEN", "AFR")
    kenya = make_review("KEN", ("NGA", "FRA"), report_status=ReportStatus.AGREED)
    article_8, article_9 = Article.objects.get(number=8), Article.objects.get(number=9)
    for text, paragraph in ((DECLARE, "5"), (DECLARE_REWORDED, "")):
        Finding.objects.create(
            review=review_world.review,
            kind="recommendation",
            article=article_8,
            paragraph=paragraph,
            text_en=text,
        )
    Finding.objects.create(
        review=kenya,
        kind="good_practice",
        article=article_9,
        text_en=KENYA_PRACTICE,
        text_zh_hans=ZH_PRACTICE,
    )
    Finding.objects.create(
        review=kenya,
        kind="technical_assistance_need",
        article=article_9,
        text_en="Training of procurement officers",
        assistance_type="capacity_building",
    )
    Finding.objects.create(
        review=review_world.other_review, kind="challenge", article=article_9, text_en=DRAFT_ONLY
    )
    return review_world


# --- Who may compile ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("position", [position for position in IN_CIRCLE if position != "secretariat"])
def test_only_the_secretariat_compiles_even_a_reviews_circle_is_refused(
    thematic_world, as_person, position, page
):
    response = as_person(position).get(f"{page}?{WORLD}")
    if position == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 403
    assert DECLARE.encode() not in response.content


def test_a_refusal_comes_before_the_parameters_are_checked(thematic_world, as_person):
    assert as_person("observer").get("/reviews/thematic.docx?cycle=9").status_code == 403
    assert as_person("anonymous").get("/reviews/thematic/?cycle=9").status_code == 302


# --- The page -----------------------------------------------------------------------------------------


def test_the_page_shows_the_thematic_report_of_agreed_reports(thematic_world, as_person):
    response = as_person("secretariat").get(f"/reviews/thematic/?{WORLD}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h2>Thematic implementation report</h2>" in page
    assert "Findings by article" in page
    assert "Findings by theme" in page
    assert DECLARE in page  # the example wording of the two rewordings
    assert DECLARE_REWORDED not in page
    assert KENYA_PRACTICE in page
    assert DRAFT_ONLY not in page  # ITA's report is not agreed
    assert "4 findings from 2 States" in page
    compilation = response.context["compilation"]
    (group,) = compilation.articles[3].groups["recommendation"]  # article 8
    assert (group.findings, group.states) == (2, 1)
    assert 'href="/reviews/thematic.docx?cycle=2&amp;chapter=II&amp;group="' in page


def test_the_addendum_of_a_group_compiles_its_states_findings_only(thematic_world, as_person):
    response = as_person("secretariat").get(f"/reviews/thematic/?{WORLD}&group=AFR")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Regional supplementary addendum: AFR" in page
    assert KENYA_PRACTICE in page
    assert DECLARE not in page
    assert response.context["compilation"].total.states == 1


def test_without_parameters_the_page_offers_the_choice(thematic_world, as_person):
    response = as_person("secretariat").get("/reviews/thematic/")
    assert response.status_code == 200
    assert response.context.get("compilation") is None
    assert 'name="chapter"' in response.content.decode()


def test_the_page_makes_the_same_few_queries_whatever_the_number_of_findings(
    thematic_world, as_person, make_review
):
    client = as_person("secretariat")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/reviews/thematic/?{WORLD}")
            assert response.status_code == 200
        compiled.append(response.context["compilation"].total.findings)
        return len(captured)

    compiled: list[int] = []
    before = queries()
    article = Article.objects.get(number=10)
    for iso3 in ("BEL", "NLD", "LUX"):
        review = make_review(iso3, ("DEU", "ESP"), report_status=ReportStatus.AGREED)
        for number in range(5):
            Finding.objects.create(review=review, kind="challenge", article=article, text_en=f"Gap {number}")
    assert queries() == before
    assert compiled[1] == compiled[0] + 15  # the page did compile the new findings


BAD_PARAMETERS = [
    ("cycle=9&chapter=II", "There is no review cycle 9."),
    ("cycle=two&chapter=II", "There is no review cycle two."),
    ("cycle=2&chapter=IV", "Cycle 2 does not review chapter IV: it reviews chapters II, V."),
    ("cycle=2&chapter=IX", "No review cycle reviews a chapter IX."),
    ("cycle=2&chapter=II&group=XYZ", "There is no regional group XYZ."),
    ("cycle=2", "This field is required."),
]


@pytest.mark.parametrize(("query", "message"), BAD_PARAMETERS)
def test_bad_parameters_are_a_400_on_the_page_that_says_why(thematic_world, as_person, query, message):
    response = as_person("secretariat").get(f"/reviews/thematic/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "compilation" not in response.context or response.context["compilation"] is None


@pytest.mark.parametrize("page", PAGES[1:])
@pytest.mark.parametrize(("query", "message"), BAD_PARAMETERS)
def test_bad_parameters_are_a_400_for_the_files_that_says_why(
    thematic_world, as_person, page, query, message
):
    response = as_person("secretariat").get(f"{page}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert message in response.content.decode()


def test_a_file_in_no_un_language_is_a_400(thematic_world, as_person):
    response = as_person("secretariat").get(f"/reviews/thematic.docx?{WORLD}&lang=de")
    assert response.status_code == 400
    assert "six UN languages" in response.content.decode()


# --- The files ----------------------------------------------------------------------------------------


def docx_text(content: bytes) -> tuple[list[str], list[str]]:
    document = Document(io.BytesIO(content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return paragraphs, cells


def test_the_docx_has_the_reports_headings_counts_and_example_wording(thematic_world, as_person):
    response = as_person("secretariat").get(f"/reviews/thematic.docx?{WORLD}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="thematic-2-II.docx"'
    paragraphs, cells = docx_text(response.content)
    assert paragraphs[:2] == ["Distr.: Restricted", paragraphs[1]]
    for heading in (
        "Thematic implementation report",
        "I. Introduction",
        "II. Findings by article",
        "D. Article 8. Article 8",
        "III. Findings by theme",
        "IV. Technical-assistance needs by type",
        "Most common recommendations",
        "Good practices",
    ):
        assert heading in paragraphs, heading
    by_article = f"{DECLARE} (paragraph 5)"
    assert cells[cells.index(by_article) : cells.index(by_article) + 3] == [by_article, "2", "1"]
    by_theme = f"{DECLARE} (article 8 (5))"
    assert cells[cells.index(by_theme) : cells.index(by_theme) + 3] == [by_theme, "2", "1"]
    assert "Capacity-building and training" in cells
    assert DRAFT_ONLY not in cells


def test_the_docx_of_an_addendum_is_titled_with_its_group(thematic_world, as_person):
    response = as_person("secretariat").get(f"/reviews/thematic.docx?{WORLD}&group=AFR")
    assert response["Content-Disposition"] == 'attachment; filename="thematic-2-II-AFR.docx"'
    paragraphs, cells = docx_text(response.content)
    assert "Regional supplementary addendum: AFR" in paragraphs
    assert KENYA_PRACTICE in cells
    assert not [cell for cell in cells if DECLARE in cell]


def test_the_docx_in_chinese_quotes_the_chinese_wording(thematic_world, as_person):
    response = as_person("secretariat").get(f"/reviews/thematic.docx?{WORLD}&lang=zh")
    assert response["Content-Language"] == "zh"
    _paragraphs, cells = docx_text(response.content)
    assert ZH_PRACTICE in cells
    # No Chinese text for this one: the next language there is, with the paragraph in Chinese.
    assert any(cell.startswith(DECLARE) and "5" in cell for cell in cells)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pdf_has_the_reports_headings(thematic_world, as_person):
    response = as_person("secretariat").get(f"/reviews/thematic.pdf?{WORLD}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for heading in ("Thematic implementation report", "I. Introduction", "II. Findings by article", DECLARE):
        assert heading in text, heading


def test_an_arabic_pdf_is_written_in_english(thematic_world, as_person):
    response = as_person("secretariat").get(f"/reviews/thematic.pdf?{WORLD}&group=AFR&lang=ar")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert "Regional supplementary addendum: AFR" in pdf_text(response.content)
