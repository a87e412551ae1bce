"""The article page gathers what the Conference has said about the article: the paragraphs of
resolutions and decisions that cite it, the paragraphs of the political declaration that cite it, and
the documents that cite it."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cosp.documents.models import Document, DocumentVersion, Reference
from cosp.meetings.models import Body, Session
from cosp.outcomes.models import DeclarationParagraph, DeclarationSection, Outcome, Paragraph
from cosp.states.models import Article, Chapter

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def articles(db):
    chapter = Chapter.objects.create(number=2, roman="II", title_en="Preventive measures")
    return {
        number: Article.objects.create(number=number, chapter=chapter, title_en=title)
        for number, title in [(9, "Public procurement"), (10, "Public reporting"), (12, "Private sector")]
    }


@pytest.fixture
def conference(db):
    body = Body.objects.create(
        code="COSP", name_en="Conference", abbreviation_en="COSP", symbol_prefix="CAC/COSP"
    )
    session = Session.objects.create(body=body, number=7, start=date(2017, 11, 6), end=date(2017, 11, 10))
    return body, session


def resolution(conference, number: str, *paragraphs: tuple[str, str, list[Article]]) -> Outcome:
    body, session = conference
    outcome = Outcome.objects.create(
        body=body, session=session, kind="resolution", number=number, title_en=f"Resolution {number}"
    )
    for position, (paragraph_number, text, cited) in enumerate(paragraphs):
        paragraph = Paragraph.objects.create(
            outcome=outcome,
            position=position,
            number=paragraph_number,
            kind="operative" if paragraph_number else "preambular",
            text_en=text,
        )
        paragraph.articles.set(cited)
    return outcome


def declaration(*paragraphs: tuple[int, str, list[Article]]) -> None:
    section = DeclarationSection.objects.create(key="prevention", position=1, title_en="Prevention measures")
    for number, text, cited in paragraphs:
        paragraph = DeclarationParagraph.objects.create(number=number, section=section, text_en=text)
        paragraph.articles.set(cited)


def test_the_article_page_lists_the_resolution_and_declaration_paragraphs_citing_it(
    client, articles, conference
):
    procurement, reporting = articles[9], articles[10]
    resolution(
        conference,
        "7/5",
        ("", "Recalling article 9 on public procurement,", [procurement]),
        ("3", "Urges States parties to open their procurement to scrutiny;", [procurement, reporting]),
        ("4", "Invites States parties to report to the public;", [reporting]),
    )
    declaration(
        (10, "We will make public procurement open and fair.", [procurement]),
        (11, "We will inform the public.", [reporting]),
    )

    page = client.get("/states/articles/9/").content.decode()

    assert 'href="/outcomes/COSP/resolution/7/5/#para-1"' in page
    assert "Recalling article 9 on public procurement," in page
    assert 'href="/outcomes/COSP/resolution/7/5/#para-2"' in page
    assert "Urges States parties to open their procurement to scrutiny;" in page
    assert "Invites States parties to report to the public;" not in page  # cites article 10 only
    assert 'href="/outcomes/declaration/#para-10"' in page
    assert "We will make public procurement open and fair." in page
    assert "We will inform the public." not in page


def test_the_article_page_names_the_resolution_its_session_and_the_paragraph(client, articles, conference):
    resolution(conference, "7/5", ("3", "Urges States parties to open their procurement;", [articles[9]]))

    page = client.get("/states/articles/9/").content.decode()

    assert "Resolution 7/5 (" in page
    assert "paragraph 3</a>" in page


def test_an_article_nothing_cites_says_so_for_each_kind(client, articles, conference):
    resolution(conference, "7/5", ("3", "Urges States parties to open their procurement;", [articles[9]]))

    page = client.get("/states/articles/12/").content.decode()

    assert page.count("None yet.") == 3  # resolutions, declaration, documents
    assert "Urges States parties" not in page


def test_the_article_page_still_lists_the_documents_citing_it(client, articles):
    document = Document.objects.create(symbol="CAC/COSP/2017/14", base_symbol="CAC/COSP/2017/14")
    version = DocumentVersion.objects.create(document=document, language="en", title="Report")
    Reference.objects.create(version=version, kind="article", article=9, text="article 9")

    page = client.get("/states/articles/9/").content.decode()

    assert 'href="/documents/CAC/COSP/2017/14/"' in page


@pytest.mark.parametrize("cited", [1, 3])
def test_the_article_page_reads_the_same_number_of_queries_whatever_cites_it(
    client, articles, conference, cited
):
    procurement = articles[9]
    for index in range(cited):
        resolution(
            conference, f"7/{index + 1}", ("1", f"Paragraph of resolution 7/{index + 1};", [procurement])
        )
    declaration(
        *[(number, f"Declaration paragraph {number}.", [procurement]) for number in range(1, cited + 1)]
    )

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/states/articles/9/").content.decode()

    assert page.count("Paragraph of resolution 7/") == cited
    assert page.count("Declaration paragraph ") == cited
    assert len(queries) == 7
