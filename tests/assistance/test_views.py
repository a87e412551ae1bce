"""The assistance pages: what each shows, the forms (a refused one saves nothing), each role's
denials, the exports and the API."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cosp.assistance import services
from cosp.assistance.enums import NeedStatus
from cosp.assistance.models import Engagement, Need, Offer
from cosp.core.models import organisation_for_state
from cosp.states.models import Article, RegionalGroup

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROLES = (
    "anonymous",
    "observer",
    "igo",
    "focal_ken",
    "delegate_ken",
    "expert_ken",
    "central_ken",
    "focal_pol",
    "expert_pol",
    "central_pol",
    "focal_aut",
    "secretariat",
)


# The circle of Kenya's review (its summary is not issued): they alone know its need exists.
CIRCLE = {"secretariat", "focal_ken", "expert_ken"}


def _status(name: str, allowed: set[str], seen_by: set[str] | None = None) -> int:
    if name in allowed:
        return 200
    if name == "anonymous":
        return 302
    return 403 if seen_by is None or name in seen_by else 404


# --- Who may open which form ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ROLES)
def test_each_role_on_each_form(world, own_need, offer, as_person, name):
    client = as_person(world[name])
    review_need = world.finding.assistance_need
    expected = {
        "/assistance/needs/add/": {"focal_ken", "focal_pol", "focal_aut", "secretariat"},
        f"/assistance/needs/{own_need.pk}/edit/": {"focal_ken", "secretariat"},
        f"/assistance/needs/{own_need.pk}/status/": {"focal_ken", "secretariat"},
        # Needs from a review are edited in the review; their status is the State's to say.
        f"/assistance/needs/{review_need.pk}/edit/": (set(), CIRCLE),
        f"/assistance/needs/{review_need.pk}/status/": ({"focal_ken", "secretariat"}, CIRCLE),
        # Providers with an open offer: Austria's focal point, and the secretariat.
        f"/assistance/needs/{own_need.pk}/work/": {"focal_aut", "secretariat"},
        "/assistance/offers/add/": {"focal_ken", "focal_pol", "focal_aut", "igo", "secretariat"},
        f"/assistance/offers/{offer.pk}/edit/": {"focal_aut", "secretariat"},
    }
    for path, allowed in expected.items():
        allowed, seen_by = allowed if isinstance(allowed, tuple) else (allowed, None)
        assert client.get(path).status_code == _status(name, allowed, seen_by), path


# --- Needs ----------------------------------------------------------------------------------------------


def test_the_list_shows_needs_with_counts_and_charts(world, own_need, as_person):
    page = as_person(world["secretariat"]).get("/assistance/").content.decode()

    assert "2 needs" in page
    assert "A specialised prosecution unit" in page
    assert "Training of procurement officers" in page
    assert page.count("<svg") == 2
    assert "Needs by type of assistance" in page
    assert "Needs by regional group" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("state=KEN", "prosecution unit", "nothing"),
        ("region=EEG", "nothing", "prosecution unit"),
        ("article=9", "procurement officers", "prosecution unit"),
        ("assistance_type=institution_building", "prosecution unit", "procurement officers"),
        ("status=unmet", "prosecution unit", "nothing"),
        ("source=finding", "procurement officers", "prosecution unit"),
        ("source=state", "prosecution unit", "procurement officers"),
    ],
)
def test_the_list_filters(world, own_need, as_person, query, shown, hidden):
    page = as_person(world["secretariat"]).get(f"/assistance/?{query}").content.decode()

    if shown != "nothing":
        assert shown in page
    assert hidden not in page


def test_a_need_page_shows_its_text_status_history_work_and_matching_offers(
    world, own_need, offer, as_person
):
    services.engage(own_need, actor=world["focal_aut"], offer=offer, note="Course planned")

    page = as_person(None).get(f"/assistance/needs/{own_need.pk}/").content.decode()

    assert "A specialised prosecution unit" in page
    assert "In progress" in page
    assert "Course planned" in page
    assert "Training offer" in page
    assert "offers this article" in page  # why the offer matches
    assert "History of the status" in page
    assert "Change the status" not in page  # not for the public


def test_the_focal_point_enters_a_need_and_sees_it(world, as_person):
    client = as_person(world["focal_ken"])
    form = client.get("/assistance/needs/add/").content.decode()
    assert ">KEN<" in form
    assert ">POL<" not in form

    response = client.post(
        "/assistance/needs/add/",
        {
            "state": world.kenya.pk,
            "article": 52,
            "assistance_type": "data",
            "priority": "",
            "language": "zh",
            "description": "受益所有权信息统计。",
        },
    )

    need = Need.objects.get(source="state")
    assert need.language == "zh"
    assert response.status_code == 302
    assert response["Location"] == f"/assistance/needs/{need.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "受益所有权信息统计。" in page
    assert "Not published" in page


def test_a_refused_need_form_saves_nothing_and_says_why(world, as_person):
    client = as_person(world["focal_ken"])

    response = client.post(
        "/assistance/needs/add/",
        {
            "state": world.kenya.pk,
            "article": 52,
            "assistance_type": "data",
            "language": "en",
            "description": " ",
        },
    )

    assert response.status_code == 200
    assert not Need.objects.filter(source="state").exists()
    assert (
        "This field is required" in response.content.decode()
        or "Describe the need" in response.content.decode()
    )


def test_a_focal_point_cannot_post_a_need_for_another_state(world, as_person):
    response = as_person(world["focal_pol"]).post(
        "/assistance/needs/add/",
        {
            "state": world.kenya.pk,
            "article": 52,
            "assistance_type": "data",
            "language": "en",
            "description": "X",
        },
    )

    assert response.status_code == 200  # the form refuses the choice
    assert not Need.objects.filter(source="state").exists()


def test_the_status_form_records_the_change(world, own_need, as_person):
    client = as_person(world["focal_ken"])

    response = client.post(
        f"/assistance/needs/{own_need.pk}/status/", {"status": "met", "note": "Unit set up"}
    )

    assert response.status_code == 302
    own_need.refresh_from_db()
    assert own_need.status == NeedStatus.MET
    page = client.get(f"/assistance/needs/{own_need.pk}/").content.decode()
    assert "Unit set up" in page
    assert "focal_ken" in page


def test_the_same_status_is_refused_on_the_form(world, own_need, as_person):
    response = as_person(world["secretariat"]).post(
        f"/assistance/needs/{own_need.pk}/status/", {"status": "unmet"}
    )

    assert response.status_code == 200
    assert "already" in response.content.decode()


def test_a_provider_says_it_works_on_a_need(world, own_need, offer, as_person):
    client = as_person(world["focal_aut"])

    response = client.post(
        f"/assistance/needs/{own_need.pk}/work/", {"offer": offer.pk, "note": "First course"}
    )

    assert response.status_code == 302
    assert Engagement.objects.get().note == "First course"
    own_need.refresh_from_db()
    assert own_need.status == NeedStatus.IN_PROGRESS
    # Once met, no one offers to work on it any more.
    services.set_status(own_need, actor=world["focal_ken"], status="met")
    assert client.get(f"/assistance/needs/{own_need.pk}/work/").status_code == 403


# --- Offers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ROLES)
def test_an_offers_contact_is_for_officials_and_the_secretariat(world, offer, as_person, name):
    client = as_person(world[name])
    page = client.get(f"/assistance/offers/{offer.pk}/").content.decode()
    api = client.get(f"/api/assistance/offers/{offer.pk}").json()
    officials = {"focal_ken", "delegate_ken", "expert_ken", "central_ken", "focal_pol", "expert_pol"}
    officials |= {"central_pol", "focal_aut", "secretariat"}

    assert "Training offer" in page
    assert ("desk@example.org" in page) is (name in officials)
    assert (api["contact"] is not None) is (name in officials)
    assert all(
        ("desk@example.org" in (row["contact"] or {}).get("email", "")) is (name in officials)
        for row in client.get("/api/assistance/offers").json()
    )


def test_the_focal_point_offers_assistance_for_its_state(world, as_person):
    client = as_person(world["focal_aut"])

    response = client.post(
        "/assistance/offers/add/",
        {
            "provider": organisation_for_state(world.austria).pk,
            "title": "Legal drafting",
            "language": "en",
            "articles": [],
            "assistance_types": ["legal_advice"],
            "states": [world.kenya.pk],
            "active": "on",
        },
    )

    offer = Offer.objects.get()
    assert response["Location"] == f"/assistance/offers/{offer.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Legal drafting" in page
    assert "any article" in page
    assert "KEN" in page


def test_a_refused_offer_saves_nothing(world, as_person):
    response = as_person(world["focal_aut"]).post(
        "/assistance/offers/add/",
        {
            "provider": organisation_for_state(world.austria).pk,
            "title": "Backwards",
            "language": "en",
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
        },
    )

    assert response.status_code == 200
    assert "before it starts" in response.content.decode()
    assert not Offer.objects.exists()


def test_the_provider_edits_its_offer(world, offer, as_person):
    client = as_person(world["focal_aut"])
    form = client.get(f"/assistance/offers/{offer.pk}/edit/")
    assert "Training offer" in form.content.decode()

    response = client.post(
        f"/assistance/offers/{offer.pk}/edit/",
        {"provider": offer.provider.pk, "title": "Closed offer", "language": "en"},
    )

    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.title, offer.active) == ("Closed offer", False)
    assert "is closed" in client.get(response["Location"]).content.decode()
    assert "Closed offer" not in client.get("/assistance/offers/").content.decode()
    assert "Closed offer" in client.get("/assistance/offers/?closed=1").content.decode()


# --- Matching -------------------------------------------------------------------------------------------


def test_the_matching_page_lists_offers_for_each_need_and_why(world, own_need, offer, as_person):
    client = as_person(world["secretariat"])

    page = client.get("/assistance/matching/").content.decode()
    # Kenya's article-9 capacity-building need meets all three criteria of Austria's offer.
    assert "offers this article" in page
    assert "serves this regional group" in page
    # Kenya's own need asks institution-building: two criteria of three, shown on request only.
    assert page.count("Training offer") == 1
    partial = client.get("/assistance/matching/?partial=on").content.decode()
    assert partial.count("Training offer") == 2
    assert "not met: type of assistance" in partial


def test_met_needs_leave_the_matching_page(world, own_need, as_person):
    services.set_status(own_need, actor=world["secretariat"], status="met")

    page = as_person(world["secretariat"]).get("/assistance/matching/").content.decode()

    assert "prosecution unit" not in page


# --- Exports and API ------------------------------------------------------------------------------------


def test_the_csv_export_has_the_filtered_list(world, own_need, as_person):
    response = as_person(world["secretariat"]).get("/assistance/needs.csv?source=state")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["State", "Regional group", "Article"]
    assert len(rows) == 2
    assert rows[1][0] == "KEN"
    assert rows[1][2] == "36"
    assert "prosecution unit" in rows[1][9]


def test_the_xlsx_export_has_the_same_rows(world, own_need, as_person):
    response = as_person(world["secretariat"]).get("/assistance/needs.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    assert {row[6] for row in rows[1:]} == {"Country review (finding)", "The State's own entry"}


def test_other_export_formats_are_not_found(world, as_person):
    assert as_person(None).get("/assistance/needs.pdf").status_code == 404


def test_the_api_lists_needs_with_filters(world, own_need, as_person):
    client = as_person(world["secretariat"])

    rows = client.get("/api/assistance/needs?source=state").json()

    assert [(row["state"], row["article"], row["regional_group"]) for row in rows] == [("KEN", 36, "AFR")]
    assert rows[0]["texts"] == {"en": "A specialised prosecution unit."}
    assert client.get("/api/assistance/needs?status=met").json() == []


def test_the_audit_trail_shows_changes_to_needs_and_offers(world, own_need, offer, as_person):
    services.set_status(own_need, actor=world["focal_ken"], status="in_progress")
    services.update_offer(
        offer,
        actor=world["focal_aut"],
        data=services.OfferData(provider=offer.provider, title="Renamed offer", articles=[]),
    )

    response = as_person(world["secretariat"]).get("/audit/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Renamed offer" in page
    assert "focal_ken" in page


def _queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def _own_need(world, article: int):
    return services.add_need(
        actor=world["focal_ken"],
        state=world.kenya,
        article=article,
        assistance_type="capacity_building",
        description=f"Need on article {article}.",
        published=True,
    )


@pytest.mark.parametrize("path", ["/assistance/", "/assistance/matching/", "/assistance/needs.csv"])
def test_the_needs_pages_read_as_many_queries_for_three_needs_as_for_one(world, offer, as_person, path):
    # Every row shows its State, group, article, text and the offers matching it: read together.
    client = as_person(world["secretariat"])
    Engagement.objects.create(need=_own_need(world, 9), offer=offer, started_on=dt.date(2026, 3, 1))
    one = _queries_for(client, path)
    _own_need(world, 36)
    _own_need(world, 52)
    assert _queries_for(client, path) == one


def test_the_offers_list_reads_as_many_queries_for_three_offers_as_for_one(world, offer, as_person):
    client = as_person(world["secretariat"])
    one = _queries_for(client, "/assistance/offers/")
    for title in ("Second offer", "Third offer"):
        services.add_offer(
            actor=world["focal_aut"],
            data=services.OfferData(
                provider=organisation_for_state(world.austria),
                title=title,
                articles=Article.objects.filter(number=9),
                regional_groups=RegionalGroup.objects.filter(code="AFR"),
            ),
        )
    assert _queries_for(client, "/assistance/offers/") == one
