import pytest

from cosp.states.models import RegionalGroup

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def weog():
    return RegionalGroup.objects.create(code="WEOG", name_en="Western European and other States")


def test_state_list_filters_by_group_and_status(client, make_state, weog):
    make_state("AUT", short_name_en="Austria", regional_group=weog)
    make_state("ERI", short_name_en="Eritrea", instrument="")

    weog_page = client.get("/states/?group=WEOG").content.decode()
    non_parties = client.get("/states/?status=non_signatory").content.decode()

    assert ("Austria" in weog_page, "Eritrea" in weog_page) == (True, False)
    assert ("Austria" in non_parties, "Eritrea" in non_parties) == (False, True)


@pytest.mark.parametrize("count", [1, 3])
def test_state_list_query_count_does_not_grow_with_states(
    client, make_state, weog, count, django_assert_num_queries
):
    for iso3 in ["AUT", "BEL", "CHE"][:count]:
        make_state(iso3, regional_group=weog)

    with django_assert_num_queries(2):  # the States with their groups; the groups for the filter
        response = client.get("/states/")

    assert response.status_code == 200


def test_state_profile_shows_names_in_every_language(client, make_state, weog):
    make_state(
        "AUT",
        short_name_en="Austria",
        short_name_zh_hans="奥地利",
        short_name_ar="النمسا",
        formal_name_en="the Republic of Austria",
        regional_group=weog,
    )

    page = client.get("/states/aut/").content.decode()

    for text in [
        "Austria",
        "奥地利",
        "النمسا",
        "the Republic of Austria",
        "Western European and other States",
    ]:
        assert text in page


def test_unknown_state_is_not_found(client):
    assert client.get("/states/XXX/").status_code == 404
