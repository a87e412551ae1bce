"""The pages of the drawing of lots (cosp/reviews/views/draw.py): public pairings, history, records with
their check and JSON; the secretariat's draw (preview, then record); a State's redraw request (DL-6).
Each action is tried by those who may not, and what they send saves nothing."""

from __future__ import annotations

import datetime as dt
import json
import string

import pytest

from cosp.core.enums import Role
from cosp.meetings.models import Body, Session
from cosp.reviews.models import CountryReview, Draw, ReviewingState
from cosp.reviews.services.draw import conduct_draw, preview_draw, request_redraw
from cosp.states.models import State

from .conftest import GROUPS

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

AT = dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC)


@pytest.fixture
def people(make_user, registry):
    registry()
    return {
        "anonymous": None,
        "observer": make_user(Role.OBSERVER_REPRESENTATIVE, username="observer"),
        "secretariat": make_user(Role.SECRETARIAT_OFFICER, username="secretariat"),
        "focal_point": make_user(Role.FOCAL_POINT, username="focal_point", state="ZXA"),
        "delegate": make_user(Role.DELEGATE, username="delegate", state="ZXA"),
        "other_focal_point": make_user(Role.FOCAL_POINT, username="other_focal_point", state="ZXB"),
    }


@pytest.fixture
def as_user(client, people):
    def sign_in(name: str):
        client.logout()
        if people[name] is not None:
            client.force_login(people[name])
        return client

    return sign_in


@pytest.fixture
def drawn(people) -> Draw:
    return conduct_draw(cycle=2, seed=4, actor=people["secretariat"], at=AT)


def text(response) -> str:
    return response.content.decode()


# --- Public pages ----------------------------------------------------------------------------------


def test_the_pairings_show_each_year_with_the_reviewers_to_everyone(as_user, drawn):
    review = CountryReview.objects.get(state__iso3="ZXA")
    first, second = review.reviewers.select_related("state")

    response = as_user("anonymous").get("/reviews/cycles/2/pairings/")

    assert response.status_code == 200
    page = text(response)
    assert "30 States under review." in page
    assert f'id="year-{review.year}"' in page
    assert f"{first.state.short_name} ({first.state.regional_group.abbreviation}, same group)" in page
    assert f"{second.state.short_name} ({second.state.regional_group.abbreviation})" in page
    assert f'href="/reviews/draws/{drawn.pk}/"' in page
    assert "/redraw/" not in page  # nobody signed in may ask for a redraw


def test_the_pairings_link_the_redraw_for_the_focal_point_of_the_state_under_review_only(as_user, drawn):
    page = text(as_user("focal_point").get("/reviews/cycles/2/pairings/"))

    assert page.count("/redraw/") == 1
    assert 'href="/reviews/2-ZXA/redraw/"' in page
    assert text(as_user("secretariat").get("/reviews/cycles/2/pairings/")).count("/redraw/") == 30
    assert "/redraw/" not in text(as_user("delegate").get("/reviews/cycles/2/pairings/"))


@pytest.mark.parametrize("count", [5, 15])
def test_the_pairings_page_takes_the_same_queries_whatever_the_number_of_states(
    client, make_party, make_user, count, django_assert_num_queries
):
    for index in range(count):
        make_party(
            f"Q{string.ascii_uppercase[index]}A", GROUPS[index % 5], iso2=f"Q{string.ascii_uppercase[index]}"
        )
    conduct_draw(cycle=2, seed=1, actor=make_user(Role.SECRETARIAT_OFFICER, username="s"), at=AT)

    with django_assert_num_queries(5):
        assert client.get("/reviews/cycles/2/pairings/").status_code == 200


def test_before_the_draw_the_pairings_say_so_and_the_secretariat_is_offered_the_draw(as_user, people):
    assert "have not been drawn yet" in text(as_user("anonymous").get("/reviews/cycles/1/pairings/"))
    assert 'href="/reviews/cycles/1/draw/"' not in text(
        as_user("observer").get("/reviews/cycles/1/pairings/")
    )
    assert 'href="/reviews/cycles/1/draw/"' in text(as_user("secretariat").get("/reviews/cycles/1/pairings/"))


@pytest.mark.parametrize(
    "path", ["/reviews/cycles/3/pairings/", "/reviews/cycles/3/draws/", "/reviews/draws/999/"]
)
def test_a_cycle_or_record_that_does_not_exist_is_not_found(client, db, path):
    assert client.get(path).status_code == 404


def test_the_history_lists_the_draw_and_its_redraws(as_user, people, drawn):
    review = CountryReview.objects.get(state__iso3="ZXC")
    redraw = request_redraw(
        review, actor=people["secretariat"], exceptional=True, reason="The reviewer asked.", seed=77
    )

    page = text(as_user("anonymous").get("/reviews/cycles/2/draws/"))

    assert f'href="/reviews/draws/{drawn.pk}/"' in page
    assert f'href="/reviews/draws/{redraw.pk}/"' in page
    assert "Redraw of one State&#x27;s reviewers: ZXC" in page
    assert "The reviewer asked." in page
    assert "<td>77</td>" in page
    assert "<td>secretariat</td>" in page


@pytest.mark.parametrize("redraws", [0, 2])
def test_the_history_takes_the_same_queries_whatever_the_number_of_records(
    client, people, drawn, redraws, django_assert_num_queries
):
    for seed in range(redraws):
        request_redraw(CountryReview.objects.get(state__iso3="ZXA"), actor=people["secretariat"], seed=seed)

    with django_assert_num_queries(1):
        assert client.get("/reviews/cycles/2/draws/").status_code == 200


def test_a_record_page_says_it_is_verified_and_lists_what_was_not_met(client, make_party, make_user):
    for iso3 in ("AAA", "BBB", "CCC"):  # three States of one group: DL-2 cannot be met for all
        make_party(iso3, "WEOG", iso2=iso3[:2])
    record = conduct_draw(cycle=2, seed=1, actor=make_user(Role.SECRETARIAT_OFFICER, username="s"), at=AT)

    page = text(client.get(f"/reviews/draws/{record.pk}/"))

    assert "Verified." in page
    assert record.inputs_digest in page
    assert "Year 4, AAA, DL-4:" in page
    assert "no other State of WEOG may review AAA." in page
    assert f'href="/reviews/draws/{record.pk}.json"' in page


def test_a_tampered_record_page_says_it_is_not_verified(client, drawn):
    result = drawn.result
    result["reviews"][0]["reviewers"].reverse()
    Draw.objects.filter(pk=drawn.pk).update(result=result)

    page = text(client.get(f"/reviews/draws/{drawn.pk}/"))

    assert "Not verified." in page
    assert "Verified." not in page.replace("Not verified.", "")


def test_a_record_without_inputs_says_it_cannot_be_verified(client, db):
    record = Draw.objects.create(
        cycle=2,
        action="draw",
        seed=7,
        engine_version=1,
        inputs={},
        inputs_digest="0" * 64,
        result={"reviews": [], "unmet": []},
        at=AT,
        author_name="Secretariat",
    )

    response = client.get(f"/reviews/draws/{record.pk}/")

    assert response.status_code == 200
    assert "Cannot be verified." in text(response)
    assert "no inputs to run the draw again from" in text(response)


def test_the_json_download_holds_the_whole_record(client, drawn):
    response = client.get(f"/reviews/draws/{drawn.pk}.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="draw-{drawn.pk}.json"'
    data = json.loads(response.content)
    assert (data["seed"], data["inputs_digest"], data["action"]) == (4, drawn.inputs_digest, "draw")
    assert data["inputs"] == drawn.inputs
    assert data["result"] == drawn.result


# --- The secretariat's draw --------------------------------------------------------------------------


def test_the_draw_form_offers_a_fresh_seed_and_the_irg_sessions(as_user, people):
    irg = Body.objects.create(code="IRG", name_en="Implementation Review Group", symbol_prefix="CAC/COSP/IRG")
    cosp = Body.objects.create(code="COSP", name_en="Conference", symbol_prefix="CAC/COSP")
    Session.objects.create(body=irg, number=17, start=dt.date(2026, 6, 15), end=dt.date(2026, 6, 19))
    Session.objects.create(body=cosp, number=11, start=dt.date(2025, 12, 15), end=dt.date(2025, 12, 19))

    response = as_user("secretariat").get("/reviews/cycles/2/draw/")

    form = response.context["form"]
    assert isinstance(form["seed"].value(), int)
    assert [session.slug for session in form.fields["session"].queryset] == ["irg-17"]


def test_a_preview_shows_the_draw_and_saves_nothing(as_user, people):
    response = as_user("secretariat").post("/reviews/cycles/2/draw/", {"seed": "12", "preview": ""})

    assert response.status_code == 200
    expected = preview_draw(cycle=2, seed=12)
    assert response.context["preview"].result == expected.result
    assert response.context["form"]["expected_digest"].value() == expected.inputs_digest
    assert "Record this draw" in text(response)
    assert not Draw.objects.exists()
    assert not CountryReview.objects.exists()


def test_recording_the_previewed_draw_saves_it_and_shows_the_pairings(as_user, people):
    digest = preview_draw(cycle=2, seed=12).inputs_digest

    response = as_user("secretariat").post(
        "/reviews/cycles/2/draw/", {"seed": "12", "expected_digest": digest, "record": ""}, follow=True
    )

    assert response.redirect_chain == [("/reviews/cycles/2/pairings/", 302)]
    assert "Cycle 2 is drawn: 30 reviews, seed 12." in text(response)
    record = Draw.objects.get()
    assert (record.seed, record.inputs_digest, record.author) == (12, digest, people["secretariat"])
    assert CountryReview.objects.filter(draw=record).count() == 30


def test_a_second_draw_is_refused_on_the_form(as_user, drawn):
    client = as_user("secretariat")
    assert "already drawn" in text(client.get("/reviews/cycles/2/draw/"))

    response = client.post("/reviews/cycles/2/draw/", {"seed": "5", "record": ""})

    assert response.status_code == 200
    assert "years are drawn once" in str(response.context["form"].non_field_errors())
    assert Draw.objects.count() == 1


def test_a_draw_on_changed_data_is_refused_on_the_form(as_user, people, make_party):
    digest = preview_draw(cycle=2, seed=12).inputs_digest
    make_party("ZZZ", "AFR", iso2="ZZ")

    response = as_user("secretariat").post(
        "/reviews/cycles/2/draw/", {"seed": "12", "expected_digest": digest, "record": ""}
    )

    assert "changed since the preview" in str(response.context["form"].non_field_errors())
    assert not Draw.objects.exists()


def test_a_negative_seed_is_refused_by_the_form(as_user, people):
    response = as_user("secretariat").post("/reviews/cycles/2/draw/", {"seed": "-1", "record": ""})

    assert response.context["form"].errors["seed"]
    assert not Draw.objects.exists()


@pytest.mark.parametrize(
    ("name", "status"), [("anonymous", 302), ("observer", 403), ("delegate", 403), ("focal_point", 403)]
)
def test_only_the_secretariat_draws(as_user, people, name, status):
    client = as_user(name)

    assert client.get("/reviews/cycles/2/draw/").status_code == status
    response = client.post("/reviews/cycles/2/draw/", {"seed": "12", "record": ""})

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")
    assert not Draw.objects.exists()
    assert not CountryReview.objects.exists()


# --- A State's redraw -----------------------------------------------------------------------------


def reviewers_of(iso3: str) -> list[str]:
    return list(
        ReviewingState.objects.filter(review__state__iso3=iso3)
        .order_by("position")
        .values_list("state__iso3", flat=True)
    )


def test_the_focal_point_asks_for_a_redraw_and_gets_new_reviewers(as_user, drawn):
    before = reviewers_of("ZXA")
    client = as_user("focal_point")
    page = text(client.get("/reviews/2-ZXA/redraw/"))
    assert "after 2 redraws, only in exceptional circumstances" in page

    response = client.post("/reviews/2-ZXA/redraw/", {}, follow=True)

    assert response.redirect_chain == [("/reviews/2-ZXA/redraw/", 302)]
    after = reviewers_of("ZXA")
    assert after != before
    assert "The reviewers of ZXA are drawn again" in text(response)
    new_names = ", ".join(str(State.objects.get(iso3=iso3)) for iso3 in after)
    assert new_names in text(response)  # the message names the new reviewers, not the replaced ones
    record = Draw.objects.get(action="redraw")
    assert (record.state.iso3, record.author.username, record.replaces) == ("ZXA", "focal_point", drawn)
    assert CountryReview.objects.get(state__iso3="ZXA").redraws == 1


def test_a_third_ordinary_redraw_is_refused_on_the_form(as_user, people, drawn):
    review = CountryReview.objects.get(state__iso3="ZXA")
    for seed in (1, 2):
        request_redraw(review, actor=people["secretariat"], seed=seed)
    before = reviewers_of("ZXA")

    response = as_user("focal_point").post("/reviews/2-ZXA/redraw/", {})

    assert response.status_code == 200
    assert "only in exceptional circumstances" in str(response.context["form"].non_field_errors())
    assert reviewers_of("ZXA") == before
    assert Draw.objects.count() == 3


def test_an_exceptional_redraw_needs_its_reason(as_user, drawn):
    before = reviewers_of("ZXA")

    response = as_user("focal_point").post("/reviews/2-ZXA/redraw/", {"exceptional": "on", "reason": " "})

    assert response.context["form"].errors["reason"] == [
        "An exceptional redraw must give the circumstances that justify it (DL-6)."
    ]
    assert reviewers_of("ZXA") == before
    assert Draw.objects.count() == 1


def test_the_secretariat_records_an_exceptional_redraw(as_user, drawn):
    response = as_user("secretariat").post(
        "/reviews/2-ZXA/redraw/", {"exceptional": "on", "reason": "A natural disaster."}
    )

    assert response.status_code == 302
    record = Draw.objects.get(action="redraw")
    assert (record.exceptional, record.reason) == (True, "A natural disaster.")


@pytest.mark.parametrize(
    ("name", "status"),
    [("anonymous", 302), ("observer", 403), ("delegate", 403), ("other_focal_point", 403)],
)
def test_no_one_else_asks_for_a_redraw(as_user, drawn, name, status):
    before = reviewers_of("ZXA")
    client = as_user(name)

    assert client.get("/reviews/2-ZXA/redraw/").status_code == status
    assert client.post("/reviews/2-ZXA/redraw/", {}).status_code == status

    assert reviewers_of("ZXA") == before
    assert Draw.objects.count() == 1


def test_a_redraw_of_a_review_that_does_not_exist_is_not_found(as_user, drawn):
    assert as_user("secretariat").get("/reviews/2-QQQ/redraw/").status_code == 404
