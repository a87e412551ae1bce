import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cosp.documents.models import Document, Ingestion
from cosp.documents.services import ingest_file
from tests.documents.conftest import DEMO

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def note(registry):
    ingest_file(DEMO / "CAC-COSP-IRG-2025-2.en.txt")
    ingest_file(DEMO / "CAC-COSP-IRG-2025-2.zh.txt")
    return Document.objects.get(symbol="CAC/COSP/IRG/2025/2")


def test_document_page_has_paragraph_anchors_and_links(client, note):
    page = client.get("/documents/CAC/COSP/IRG/2025/2/?lang=en").content.decode()

    assert 'id="para-1"' in page
    assert 'id="para-8"' in page
    assert 'href="/states/AUT/"' in page  # a State named in the text links to its profile
    assert 'href="/states/articles/33/"' in page  # an article links to its page


def test_document_page_switches_language_and_compares_side_by_side(client, note):
    chinese = client.get("/documents/CAC/COSP/IRG/2025/2/?lang=zh").content.decode()
    both = client.get("/documents/CAC/COSP/IRG/2025/2/?lang=en&compare=zh").content.decode()

    assert "自评清单" in chinese
    assert "side-by-side" in both
    assert "自评清单" in both
    assert "self-assessment checklists" in both


def test_search_page_finds_chinese_and_links_to_the_paragraph(client, note):
    page = client.get("/documents/search/", {"q": "自评"}).content.decode()

    assert "/documents/CAC/COSP/IRG/2025/2/?lang=zh#para-6" in page
    assert "<mark>" in page


def test_search_for_a_symbol_goes_to_the_document(client, note):
    response = client.get("/documents/search/", {"q": "cac/cosp/irg/2025/2"})

    assert response.status_code == 302
    assert response.url == "/documents/CAC/COSP/IRG/2025/2/"


def test_restricted_documents_are_hidden_from_the_public_alike_missing(client_as, note):
    Document.objects.filter(pk=note.pk).update(distribution="Restricted")

    anonymous = client_as("anonymous").get("/documents/CAC/COSP/IRG/2025/2/")
    missing = client_as("anonymous").get("/documents/CAC/COSP/IRG/2099/1/")

    assert anonymous.status_code == missing.status_code == 404


def test_upload_refuses_unsupported_files_with_a_message(client_as, reference_db):
    response = client_as("secretariat").post(
        "/documents/upload/",
        {"file": SimpleUploadedFile("virus.exe", b"MZ..."), "symbol": "", "language": ""},
    )

    assert response.status_code == 200
    assert "Only .txt, .docx, .pdf and .html files can be ingested." in response.content.decode()
    assert not Ingestion.objects.exists()


def test_search_filters_by_body_and_language(client, note):
    irg = client.get("/documents/search/", {"q": "checklists", "body": "IRG"}).content.decode()
    other_body = client.get("/documents/search/", {"q": "checklists", "body": "COSP"}).content.decode()
    chinese_only = client.get("/documents/search/", {"q": "checklists", "language": "zh"}).content.decode()

    assert "#para-6" in irg
    assert "#para-6" not in other_body
    assert "#para-6" not in chinese_only


def test_search_api_returns_ranked_hits_with_anchors(client, note):
    data = client.get("/api/search", {"q": "自评清单"}).json()

    assert data["total"] >= 1
    assert data["hits"][0]["anchor"].startswith("para-")
    assert "<mark>" in data["hits"][0]["snippet"]


def test_document_api_gives_blocks_of_the_asked_language(client, note):
    data = client.get("/api/documents/CAC/COSP/IRG/2025/2", {"language": "zh"}).json()

    assert data["language"] == "zh"
    assert {v["language"] for v in data["versions"]} == {"en", "zh"}
    assert [b["number"] for b in data["blocks"] if b["kind"] == "paragraph"][:3] == ["1", "2", "3"]


@pytest.mark.parametrize("count", [1, 3])
def test_document_list_query_count_does_not_grow(client, count, django_assert_num_queries):
    for number in range(count):
        document = Document.objects.create(symbol=f"CAC/COSP/2025/{number + 1}", base_symbol="x")
        document.versions.create(language="en", title=f"Document {number}")

    with django_assert_num_queries(4):  # count, page of documents, their versions, bodies for the filter
        response = client.get("/documents/")

    assert response.status_code == 200


def test_footnote_markers_link_to_their_notes(client, note):
    english = client.get("/documents/CAC/COSP/IRG/2025/2/?lang=en").content.decode()
    chinese = client.get("/documents/CAC/COSP/IRG/2025/2/?lang=zh").content.decode()

    assert 'id="fn-1"' in english
    assert '<sup class="fn-ref"><a href="#fn-1">1</a></sup>' in english
    assert '<sup class="fn-ref"><a href="#fn-1">1</a></sup>' in chinese
