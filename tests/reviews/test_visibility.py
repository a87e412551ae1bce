"""Who may see what of a country review (RULES.md 4.9, issue 6 §3 and §6): every viewer × item ×
publication state from one expected matrix, the reasons given, and who may publish."""

import pytest

from cosp.reviews.visibility import (
    ANONYMOUS,
    RULES,
    Decision,
    Exposure,
    Item,
    Publication,
    Publisher,
    Reason,
    ReviewParties,
    Viewer,
    VisibilityInputError,
    VisibilitySettings,
    can_see,
    circle_reason,
    is_public,
    may_publish,
    visible_items,
)

pytestmark = [pytest.mark.unit]

# Ghana under review, reviewed by Austria and Peru; Chile under review elsewhere, reviewed by
# Kenya (DL-2: two reviewers, never itself).
REVIEW = ReviewParties("GHA", frozenset({"AUT", "PER"}))
OTHER_REVIEW = ReviewParties("CHL", frozenset({"KEN", "FRA"}))

VIEWERS = {
    "anonymous": ANONYMOUS,
    "observer": Viewer(roles=frozenset({"observer_representative"})),
    "secretariat": Viewer(is_secretariat=True, roles=frozenset({"secretariat_officer"})),
    "sur_focal_point": Viewer(state="GHA", roles=frozenset({"focal_point"})),
    "sur_expert": Viewer(state="GHA", roles=frozenset({"governmental_expert"})),
    "sur_delegate": Viewer(state="GHA", roles=frozenset({"delegate"})),
    "reviewer_expert": Viewer(state="AUT", roles=frozenset({"governmental_expert"})),
    "reviewer_focal_point": Viewer(state="PER", roles=frozenset({"focal_point"})),
    "reviewer_delegate": Viewer(state="PER", roles=frozenset({"delegate", "central_authority"})),
    # A governmental expert of Kenya, which reviews Chile, not Ghana (issue 6 §6).
    "other_review_expert": Viewer(state="KEN", roles=frozenset({"governmental_expert"})),
    "other_state_focal_point": Viewer(state="BRA", roles=frozenset({"focal_point"})),
}
COLUMNS = list(VIEWERS)

U, P = Publication.UNPUBLISHED, Publication.PUBLISHED

# The expected answer for every (item, publication state) and every viewer, in the column order of
# VIEWERS. Y: may see; '.': may not. Written out by hand from RULES.md 4.9, not derived from the code.
#                                         anon obs  secr sFP  sExp sDel rExp rFP  rDel oExp oFP
MATRIX = {
    (Item.SELF_ASSESSMENT, U): "            .    .    Y    Y    Y    .    Y    .    .    .    .",
    (Item.SELF_ASSESSMENT, P): "            Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y",
    (Item.FULL_REPORT, U): "                .    .    Y    Y    Y    .    Y    .    .    .    .",
    (Item.FULL_REPORT, P): "                Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y",
    (Item.EXECUTIVE_SUMMARY, U): "          .    .    Y    Y    Y    .    Y    .    .    .    .",
    (Item.EXECUTIVE_SUMMARY, P): "          Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y",
    (Item.DRAFT, U): "                      .    .    Y    Y    Y    .    Y    .    .    .    .",
    (Item.DRAFT, P): "                      .    .    Y    Y    Y    .    Y    .    .    .    .",
    (Item.DIALOGUE, U): "                   .    .    Y    Y    Y    .    Y    .    .    .    .",
    (Item.DIALOGUE, P): "                   .    .    Y    Y    Y    .    Y    .    .    .    .",
    (Item.EXPERT_LIST, U): "                Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y",
    (Item.EXPERT_LIST, P): "                Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y",
}
CASES = [
    pytest.param(viewer, item, publication, cell == "Y", id=f"{viewer}-{item}-{publication}")
    for (item, publication), row in MATRIX.items()
    for viewer, cell in zip(COLUMNS, row.split(), strict=True)
]


def test_the_matrix_covers_every_item_and_publication_state():
    assert set(MATRIX) == {(item, publication) for item in Item for publication in Publication}
    assert len(CASES) == len(Item) * len(Publication) * len(VIEWERS)


@pytest.mark.parametrize(("viewer", "item", "publication", "allowed"), CASES)
def test_who_sees_what_for_every_viewer_item_and_publication_state(viewer, item, publication, allowed):
    decision = can_see(VIEWERS[viewer], REVIEW, item, publication)

    assert decision.allowed is allowed
    assert bool(decision) is allowed
    assert decision.message  # every answer, yes or no, says why


# --- The reasons ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("viewer", "item", "publication", "reason"),
    [
        ("secretariat", Item.DRAFT, U, Reason.SECRETARIAT),
        ("sur_focal_point", Item.SELF_ASSESSMENT, U, Reason.STATE_UNDER_REVIEW),
        ("reviewer_expert", Item.DIALOGUE, U, Reason.REVIEWING_EXPERT),
        # The circle's own reason wins over "public", so the page can say who you are to the review.
        ("sur_expert", Item.EXECUTIVE_SUMMARY, P, Reason.STATE_UNDER_REVIEW),
        ("anonymous", Item.EXECUTIVE_SUMMARY, P, Reason.PUBLIC),
        ("anonymous", Item.EXPERT_LIST, U, Reason.PUBLIC),
        ("anonymous", Item.FULL_REPORT, U, Reason.NOT_PUBLISHED),
        ("other_review_expert", Item.SELF_ASSESSMENT, U, Reason.NOT_PUBLISHED),
        # Drafts and dialogue stay confidential even when wrongly marked as published.
        ("observer", Item.DRAFT, P, Reason.NEVER_PUBLIC),
        ("other_state_focal_point", Item.DIALOGUE, P, Reason.NEVER_PUBLIC),
        # A State of the review, in a role that does not work on it.
        ("sur_delegate", Item.FULL_REPORT, U, Reason.ROLE_NOT_IN_CIRCLE),
        ("reviewer_focal_point", Item.DRAFT, P, Reason.ROLE_NOT_IN_CIRCLE),
        ("reviewer_delegate", Item.SELF_ASSESSMENT, P, Reason.PUBLIC),
    ],
)
def test_each_answer_gives_its_reason(viewer, item, publication, reason):
    assert can_see(VIEWERS[viewer], REVIEW, item, publication).reason is reason


def test_a_reviewer_of_another_review_sees_nothing_of_this_one_before_publication():
    """Issue 6 §6: Kenya's expert reviews Chile; Ghana's material stays closed to them until public."""
    kenyan_expert = VIEWERS["other_review_expert"]

    assert can_see(kenyan_expert, OTHER_REVIEW, Item.DRAFT)  # their own review
    for item in Item:
        if item is not Item.EXPERT_LIST:
            assert not can_see(kenyan_expert, REVIEW, item, U)
    assert can_see(kenyan_expert, REVIEW, Item.EXECUTIVE_SUMMARY, P)
    assert not can_see(kenyan_expert, REVIEW, Item.DRAFT, P)


def test_the_state_under_review_does_not_see_the_material_of_the_reviews_it_conducts_as_its_own():
    # Ghana's focal point is not an expert of a reviewing State in Chile's review.
    assert not can_see(VIEWERS["sur_focal_point"], OTHER_REVIEW, Item.SELF_ASSESSMENT)


def test_the_circle_can_be_widened_by_settings():
    # RULES.md 4.9: the exact confidentiality rule for the circle is unconfirmed; a deployment may let
    # the reviewing States' focal points and the State's delegates in.
    wider = VisibilitySettings(
        state_under_review_roles=frozenset({"focal_point", "governmental_expert", "delegate"}),
        reviewing_state_roles=frozenset({"governmental_expert", "focal_point"}),
    )

    assert can_see(VIEWERS["reviewer_focal_point"], REVIEW, Item.DRAFT, settings=wider)
    assert can_see(VIEWERS["sur_delegate"], REVIEW, Item.DRAFT, settings=wider)
    assert not can_see(VIEWERS["reviewer_delegate"], REVIEW, Item.DRAFT, settings=wider)
    assert not can_see(VIEWERS["observer"], REVIEW, Item.DRAFT, settings=wider)


def test_the_rules_table_is_that_of_rules_4_9():
    assert {item: rule.public for item, rule in RULES.items()} == {
        Item.SELF_ASSESSMENT: Exposure.WHEN_PUBLISHED,
        Item.FULL_REPORT: Exposure.WHEN_PUBLISHED,
        Item.EXECUTIVE_SUMMARY: Exposure.WHEN_PUBLISHED,
        Item.DRAFT: Exposure.NEVER,
        Item.DIALOGUE: Exposure.NEVER,
        Item.EXPERT_LIST: Exposure.ALWAYS,
    }
    assert {item: rule.publisher for item, rule in RULES.items()} == {
        Item.SELF_ASSESSMENT: Publisher.STATE_UNDER_REVIEW,
        Item.FULL_REPORT: Publisher.STATE_UNDER_REVIEW,
        Item.EXECUTIVE_SUMMARY: Publisher.SECRETARIAT,
        Item.DRAFT: Publisher.NOBODY,
        Item.DIALOGUE: Publisher.NOBODY,
        Item.EXPERT_LIST: Publisher.SECRETARIAT,
    }


@pytest.mark.parametrize(("item", "publication"), list(MATRIX))
def test_public_means_the_anonymous_visitor_sees_it(item, publication):
    assert is_public(item, publication) is can_see(ANONYMOUS, REVIEW, item, publication).allowed


def test_visible_items_lists_what_one_viewer_may_see_of_a_review():
    publications = {
        Item.SELF_ASSESSMENT: U,
        Item.FULL_REPORT: U,
        Item.EXECUTIVE_SUMMARY: P,
        Item.DRAFT: U,
        Item.DIALOGUE: U,
    }

    assert visible_items(ANONYMOUS, REVIEW, publications) == {Item.EXECUTIVE_SUMMARY}
    assert visible_items(VIEWERS["reviewer_expert"], REVIEW, publications) == set(publications)


def test_circle_reason_is_none_for_people_outside_the_reviews_states():
    assert circle_reason(ANONYMOUS, REVIEW) is None
    assert circle_reason(VIEWERS["other_review_expert"], REVIEW) is None
    assert circle_reason(VIEWERS["sur_delegate"], REVIEW).reason is Reason.ROLE_NOT_IN_CIRCLE


# --- Who may publish --------------------------------------------------------------------------------------

#                                         secr  secr+agreed  sFP  sExp  rExp  anon
PUBLISH = {
    Item.SELF_ASSESSMENT: "                .     Y            Y    .     .     .",
    Item.FULL_REPORT: "                    .     Y            Y    .     .     .",
    Item.EXECUTIVE_SUMMARY: "              Y     Y            .    .     .     .",
    Item.DRAFT: "                          .     .            .    .     .     .",
    Item.DIALOGUE: "                       .     .            .    .     .     .",
    Item.EXPERT_LIST: "                    Y     Y            .    .     .     .",
}
PUBLISHERS = [
    ("secretariat", False),
    ("secretariat", True),
    ("sur_focal_point", False),
    ("sur_expert", False),
    ("reviewer_expert", False),
    ("anonymous", False),
]


@pytest.mark.parametrize(
    ("item", "viewer", "state_agreed", "allowed"),
    [
        pytest.param(
            item, viewer, agreed, cell == "Y", id=f"{item}-{viewer}-{'agreed' if agreed else 'not-agreed'}"
        )
        for item, row in PUBLISH.items()
        for (viewer, agreed), cell in zip(PUBLISHERS, row.split(), strict=True)
    ],
)
def test_who_may_publish_each_item(item, viewer, state_agreed, allowed):
    decision = may_publish(VIEWERS[viewer], REVIEW, item, state_agreed=state_agreed)

    assert decision.allowed is allowed
    assert decision.message


def test_the_secretariat_waits_for_the_states_agreement_to_publish_the_full_report():
    waiting = may_publish(VIEWERS["secretariat"], REVIEW, Item.FULL_REPORT)
    agreed = may_publish(VIEWERS["secretariat"], REVIEW, Item.FULL_REPORT, state_agreed=True)

    assert waiting.reason is Reason.AWAITING_AGREEMENT
    assert agreed.reason is Reason.STATE_AGREED


def test_the_focal_point_decides_for_the_state_under_review():
    decision = may_publish(VIEWERS["sur_focal_point"], REVIEW, Item.SELF_ASSESSMENT)

    assert decision.reason is Reason.PUBLISHER
    assert decision.message == "This is for the State under review to publish."


def test_a_refusal_to_publish_names_who_decides():
    decision = may_publish(VIEWERS["reviewer_expert"], REVIEW, Item.FULL_REPORT)

    assert decision.reason is Reason.NOT_PUBLISHER
    assert "the State under review" in decision.message


def test_drafts_can_never_be_published():
    for viewer in VIEWERS.values():
        assert may_publish(viewer, REVIEW, Item.DRAFT, state_agreed=True).reason is Reason.NEVER_PUBLIC


# --- Input ----------------------------------------------------------------------------------------------


def test_codes_are_read_in_any_case_and_a_state_cannot_review_itself():
    assert ReviewParties("gha", {"aut", "per"}) == REVIEW
    assert Viewer(state="aut", roles={"governmental_expert"}) == VIEWERS["reviewer_expert"]
    with pytest.raises(VisibilityInputError, match="DL-2"):
        ReviewParties("GHA", frozenset({"GHA", "AUT"}))


@pytest.mark.parametrize("code", ["GH", "GHAN", "12A", "", None])
def test_a_state_that_is_not_an_iso3_code_is_refused(code):
    with pytest.raises(VisibilityInputError):
        ReviewParties(code, frozenset())
    if code is not None:
        with pytest.raises(VisibilityInputError):
            Viewer(state=code)


def test_an_unknown_item_is_refused():
    with pytest.raises(VisibilityInputError, match="item"):
        can_see(ANONYMOUS, REVIEW, "minutes")


def test_a_decision_message_names_the_state():
    decision = can_see(VIEWERS["sur_focal_point"], REVIEW, Item.DRAFT)

    assert isinstance(decision, Decision)
    assert decision.message == "GHA is the State under review."
