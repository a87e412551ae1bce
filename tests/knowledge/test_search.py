"""The documents search page's section "In the repository of contributions": published
contributions found by English and Chinese terms, unpublished ones never."""

import pytest

from cosp.documents.search.sources import SourceResults, register, search_sources, unregister
from cosp.knowledge.enums import ContributionStatus
from cosp.knowledge.search import ContributionSource

from .conftest import CHINESE

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def contributions(people, make_contribution):
    return {
        "chinese": make_contribution(title="资产追回工作", text=CHINESE, language="zh"),
        "english": make_contribution(title="Procurement reform"),
        "draft": make_contribution(
            ContributionStatus.DRAFT, title="草稿：资产追回", text=CHINESE, language="zh"
        ),
        "returned": make_contribution(ContributionStatus.RETURNED, title="Procurement draft returned"),
    }


def section(response):
    return next(s for s in response.context["sections"] if s.key == "knowledge")


def test_the_knowledge_source_is_registered():
    assert any(isinstance(source, ContributionSource) for source in search_sources())


def test_a_chinese_two_character_term_inside_a_sentence_is_found(client, contributions):
    response = client.get("/documents/search/", {"q": "追回"})
    results = section(response).results
    assert [hit.title for hit in results.hits] == ["资产追回工作"]
    assert results.total == 1
    body = response.content.decode()
    assert "In the repository of contributions" in body
    assert f'href="/knowledge/{contributions["chinese"].pk}/"' in body
    assert "<mark>追回</mark>" in body
    assert "草稿" not in body


def test_an_english_prefix_term_is_found(client, contributions):
    results = section(client.get("/documents/search/", {"q": "procure"})).results
    assert [hit.title for hit in results.hits] == ["Procurement reform"]
    assert "<mark>procurement</mark>" in str(results.hits[0].snippet)


def test_unpublished_are_never_shown_even_to_their_submitter_or_the_secretariat(
    client, people, contributions
):
    for user in (people.focal_point, people.secretariat):
        client.force_login(user)
        results = section(client.get("/documents/search/", {"q": "资产"})).results
        assert [hit.title for hit in results.hits] == ["资产追回工作"]
        results = section(client.get("/documents/search/", {"q": "draft returned"})).results
        assert results.total == 0


def test_all_terms_must_match(client, contributions):
    assert section(client.get("/documents/search/", {"q": "procurement 追回"})).results.total == 0


def test_no_query_no_sections(client, contributions):
    assert client.get("/documents/search/").context["sections"] == []


def test_a_registered_source_gets_its_own_section(client, db):
    class Fake:
        key = "fake"
        label = "In the fake source"

        def search(self, query, user, limit=10):
            return SourceResults(total=0)

    register(Fake())
    try:
        body = client.get("/documents/search/", {"q": "anything"}).content.decode()
    finally:
        unregister("fake")
    assert "In the fake source" in body


@pytest.mark.parametrize("published", [1, 3])
def test_the_source_asks_the_same_queries_for_one_hit_as_for_three(
    people, make_contribution, django_assert_num_queries, published
):
    # It runs on every search page: the hits and their count, never a query per hit.
    for number in range(published):
        make_contribution(title=f"资产追回工作 {number}", text=CHINESE, language="zh", organisation=people.ti)
    make_contribution(ContributionStatus.SUBMITTED, title="资产追回 submitted", text=CHINESE, language="zh")

    with django_assert_num_queries(2):
        results = ContributionSource().search("追回", people.secretariat)

    assert results.total == published
    assert {hit.meta for hit in results.hits} == {f"{people.ti}, 2023"}
