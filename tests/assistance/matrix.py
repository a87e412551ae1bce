"""The assistance app's rows of the permission matrix (tests/core/test_permissions_matrix.py).

`world(austria)` creates what the paths name and returns the values to format them with; the users
of the matrix are AUT's (see tests/helpers.ROLES)."""

from cosp.core.models import organisation_for_state
from cosp.reviews.models import CountryReview, Finding
from cosp.states.models import Article, State

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"
EVERYONE = {A: 200, OBS: 200, D: 200, F: 200, S: 200}
# AUT's focal point (the users' State) or the secretariat.
FOCAL_POINT_OR_SECRETARIAT = {A: 302, OBS: 403, D: 403, F: 200, S: 200}

ROWS: dict = {
    "assistance:needs": ("/assistance/", EVERYONE),
    "assistance:needs_export": ("/assistance/needs.csv", EVERYONE),
    # A published entry of another State: public.
    "assistance:need": ("/assistance/needs/{kenya_need}/", EVERYONE),
    "assistance:need_add": ("/assistance/needs/add/", FOCAL_POINT_OR_SECRETARIAT),
    # AUT's own entry: its focal point or the secretariat edits it and says where it stands.
    "assistance:need_edit": ("/assistance/needs/{austria_need}/edit/", FOCAL_POINT_OR_SECRETARIAT),
    "assistance:need_status": ("/assistance/needs/{austria_need}/status/", FOCAL_POINT_OR_SECRETARIAT),
    # A provider with an open offer (AUT's, through its focal point; the secretariat for any).
    "assistance:need_engage": ("/assistance/needs/{kenya_need}/work/", FOCAL_POINT_OR_SECRETARIAT),
    "assistance:offers": ("/assistance/offers/", EVERYONE),
    "assistance:offer": ("/assistance/offers/{offer}/", EVERYONE),
    "assistance:offer_add": ("/assistance/offers/add/", FOCAL_POINT_OR_SECRETARIAT),
    "assistance:offer_edit": ("/assistance/offers/{offer}/edit/", FOCAL_POINT_OR_SECRETARIAT),
    "assistance:matching": ("/assistance/matching/", EVERYONE),
    "api:list_assistance_needs": ("/api/assistance/needs", EVERYONE),
    "api:get_assistance_need": ("/api/assistance/needs/{kenya_need}", EVERYONE),
    "api:list_assistance_offers": ("/api/assistance/offers", EVERYONE),
    "api:get_assistance_offer": ("/api/assistance/offers/{offer}", EVERYONE),
}


def world(austria) -> dict:
    from cosp.assistance import services
    from cosp.assistance.models import Need, Offer

    kenya, _ = State.objects.get_or_create(
        iso3="KEN",
        defaults={
            "iso2": "KE",
            "short_name_en": "Kenya",
            "un_status": "member",
            "instrument": "ratification",
        },
    )
    article = Article.objects.get(number=9)
    kenya_need = Need.objects.create(
        source="state",
        state=kenya,
        article=article,
        assistance_type="capacity_building",
        description="Training.",
        published=True,
    )
    austria_need = Need.objects.create(
        source="state",
        state=austria,
        article=article,
        assistance_type="legal_advice",
        description="Drafting.",
        published=True,
    )
    offer = Offer.objects.create(provider=organisation_for_state(austria), title="Training offer")
    # A need from the AUT review, whose summary is not issued: its circle only (mirrored on save).
    Finding.objects.create(
        review=CountryReview.objects.get(state=austria, cycle=2),
        kind="technical_assistance_need",
        article=article,
        text_en="Training on procurement.",
    )
    assert services  # the mirror above is made by the app's receivers
    return {"kenya_need": kenya_need.pk, "austria_need": austria_need.pk, "offer": offer.pk}
