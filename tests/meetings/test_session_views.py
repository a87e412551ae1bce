import pytest

from cosp.documents.enums import Distribution
from cosp.documents.models import Document
from cosp.meetings.models import AgendaItem

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def documents(upcoming):
    AgendaItem.objects.create(session=upcoming, number="2", title_en="Review of implementation", position=1)
    AgendaItem.objects.create(
        session=upcoming,
        number="1",
        title_en="Organizational matters",
        position=0,
        annotation_en="**Opening**",
    )

    def make(symbol, items, distribution=Distribution.GENERAL):
        return Document.objects.create(
            symbol=symbol,
            base_symbol=symbol,
            session=upcoming,
            agenda_items=items,
            distribution=distribution,
        )

    make("CAC/COSP/2099/2", ["2"])
    make("CAC/COSP/2099/CRP.1", ["2"], Distribution.RESTRICTED)
    return upcoming


def test_the_session_page_lists_each_items_documents_from_what_the_documents_say(client_as, documents):
    page = client_as("anonymous").get(f"/meetings/{documents.slug}/").content.decode()
    item_two = page.split('id="item-2"')[1].split("</li>")[0]
    assert "CAC/COSP/2099/2" in item_two
    assert "<strong>Opening</strong>" in page  # the annotation is Markdown


def test_restricted_documents_are_listed_only_to_those_who_may_read_them(client_as, documents):
    assert (
        "CAC/COSP/2099/CRP.1"
        not in client_as("anonymous").get(f"/meetings/{documents.slug}/").content.decode()
    )
    assert "CAC/COSP/2099/CRP.1" in client_as("delegate").get(f"/meetings/{documents.slug}/").content.decode()


def test_markup_in_an_annotation_is_shown_not_run(client_as, upcoming):
    AgendaItem.objects.create(
        session=upcoming, number="1", title_en="Item", annotation_en="<script>alert(1)</script>"
    )
    page = client_as("anonymous").get(f"/meetings/{upcoming.slug}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_an_unknown_session_answers_not_found(client_as, db):
    assert client_as("anonymous").get("/meetings/cosp-999/").status_code == 404
