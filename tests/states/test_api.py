import pytest

from cosp.states.models import Article, Chapter, RegionalGroup

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def data(make_state):
    weog = RegionalGroup.objects.create(
        code="WEOG", name_en="Western European and other States", name_zh_hans="西欧"
    )
    afr = RegionalGroup.objects.create(code="AFR", name_en="African States")
    chapter = Chapter.objects.create(number=4, roman="IV", title_en="International cooperation")
    Article.objects.create(
        number=46, chapter=chapter, title_en="Mutual legal assistance", title_zh_hans="司法协助"
    )
    make_state("AUT", iso2="AT", short_name_en="Austria", short_name_zh_hans="奥地利", regional_group=weog)
    make_state("ERI", iso2="ER", short_name_en="Eritrea", regional_group=afr, instrument="")
    make_state("SYR", iso2="SY", short_name_en="Syrian Arab Republic", instrument="", signed_on="2003-12-09")


def test_states_lists_every_state_with_its_fields(client, data):
    states = {s["iso3"]: s for s in client.get("/api/states").json()}

    assert set(states) == {"AUT", "ERI", "SYR"}
    assert states["AUT"]["short_names"] == {"en": "Austria", "zh": "奥地利"}
    assert states["AUT"]["regional_group"] == "WEOG"
    assert (states["AUT"]["status"], states["ERI"]["status"], states["SYR"]["status"]) == (
        "party",
        "non_signatory",
        "signatory",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("group=AFR", {"ERI"}),
        ("status=party", {"AUT"}),
        ("status=signatory", {"SYR"}),
        ("q=奥地利", {"AUT"}),
        ("q=at", {"AUT"}),  # ISO code
    ],
)
def test_states_can_be_filtered(client, data, query, expected):
    assert {s["iso3"] for s in client.get(f"/api/states?{query}").json()} == expected


def test_regional_groups_count_parties_from_the_data(client, data):
    groups = {g["code"]: g for g in client.get("/api/regional-groups").json()}

    assert groups["WEOG"]["parties"] == 1
    assert groups["AFR"]["parties"] == 0
    assert groups["WEOG"]["names"]["zh"] == "西欧"


def test_regional_groups_can_be_filtered_by_code(client, data):
    assert [g["code"] for g in client.get("/api/regional-groups?code=afr").json()] == ["AFR"]


def test_articles_can_be_filtered_by_chapter(client, data):
    assert client.get("/api/articles?chapter=iv").json() == [
        {
            "number": 46,
            "chapter": "IV",
            "chapter_titles": {"en": "International cooperation"},
            "titles": {"en": "Mutual legal assistance", "zh": "司法协助"},
        }
    ]
    assert client.get("/api/articles?chapter=II").json() == []


def test_openapi_schema_describes_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()

    assert {"/api/states", "/api/articles", "/api/regional-groups"} <= set(schema["paths"])
