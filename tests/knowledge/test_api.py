"""/api/contributions: published contributions only, with the list's filters."""

import pytest

from cosp.knowledge.enums import ContributionStatus

from .conftest import CHINESE, pdf

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def contributions(people, make_contribution):
    return {
        "published": make_contribution(files=[pdf()]),
        "chinese": make_contribution(
            title="资产追回",
            text=CHINESE,
            language="zh",
            articles=[57],
            paragraphs=[12],
            themes=["asset_recovery"],
        ),
        "ti": make_contribution(
            organisation=people.ti, year=2024, title="TI", themes=["bribery"], paragraphs=[]
        ),
        "draft": make_contribution(ContributionStatus.DRAFT, title="Draft"),
        "submitted": make_contribution(ContributionStatus.SUBMITTED, title="Submitted"),
    }


def test_list_gives_published_ones_with_their_tags(client, contributions):
    data = client.get("/api/contributions").json()
    assert {item["title"] for item in data} == {"Procurement reform", "资产追回", "TI"}
    chinese = next(item for item in data if item["language"] == "zh")
    assert chinese["articles"] == [57]
    assert chinese["paragraphs"] == [12]
    assert chinese["themes"] == ["asset_recovery"]
    assert chinese["state"] == "AUT"
    assert chinese["organisation_kind"] == "state"
    ti = next(item for item in data if item["title"] == "TI")
    assert ti["state"] is None
    assert ti["organisation"] == "Transparency International"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?language=zh", {"资产追回"}),
        ("?theme=bribery", {"TI"}),
        ("?paragraph=12", {"资产追回"}),
        ("?article=9", {"Procurement reform", "TI"}),
        ("?year=2024", {"TI"}),
        ("?state=AUT", {"Procurement reform", "资产追回"}),
        ("?q=追回", {"资产追回"}),
    ],
)
def test_list_filters(client, people, contributions, query, expected):
    assert {item["title"] for item in client.get("/api/contributions" + query).json()} == expected


def test_detail_of_a_published_contribution(client, contributions):
    contribution = contributions["published"]
    data = client.get(f"/api/contributions/{contribution.pk}").json()
    assert data["text"].startswith("Austria reformed")
    assert data["files"] == [
        f"http://testserver/knowledge/{contribution.pk}/files/{contribution.files.get().pk}/"
    ]


@pytest.mark.parametrize("key", ["draft", "submitted"])
def test_unpublished_answer_404_even_to_the_secretariat(client, people, contributions, key):
    client.force_login(people.secretariat)
    assert client.get(f"/api/contributions/{contributions[key].pk}").status_code == 404
    assert client.get("/api/contributions/999999").status_code == 404
