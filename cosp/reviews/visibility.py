"""Who may see what of a country review (RULES.md 4.9, issue 6 §3), as one table and two predicates.

`can_see(viewer, parties, item, publication)` answers for one person, one review and one kind of
material, with the reason; `may_publish(...)` says who may make an item public. The answer depends
only on what is passed in: the viewer described plainly (`Viewer`), the review's States
(`ReviewParties`), the item's kind (`Item`) and whether it has been published (`Publication`).

The circle of a review is the secretariat, the State under review and the experts of its two
reviewing States. Outside it, material is visible only once it is public:
- the self-assessment checklist, once the State under review chooses to publish it (4.7, 4.9);
- the full country review report, once published with that State's agreement (4.9);
- the executive summary, once issued (4.9: issued as an IRG document and posted);
- drafts and the dialogue (questions, desk-review outcome, call and visit notes): never (4.9, whose
  exact wording in the Guidelines is unconfirmed [U]; we take the strict reading);
- governmental expert lists: always public, UNODC publishes them (4.5, 4.9).

A governmental expert of a State that reviews *another* country is outside this review's circle, so
sees nothing of it before publication (issue 6 §6). Which roles of the State under review and of the
reviewing States form the circle is not settled by the sources [U]; `VisibilitySettings` holds it,
with a strict default: the focal point and governmental experts of the State under review, the
governmental experts of the reviewing States. The caller may pass, for a reviewing State, the
'governmental_expert' role only for experts assigned to this review, to narrow it further.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

# Role names as stored in memberships (cosp.core.enums.Role values), kept as plain strings here.
FOCAL_POINT = "focal_point"
GOVERNMENTAL_EXPERT = "governmental_expert"

_ISO3 = re.compile(r"^[A-Z]{3}$")


class VisibilityInputError(ValueError):
    """A viewer or review the rules cannot judge; `field` names the value at fault."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


def _iso3(field_name: str, value: object) -> str:
    if not isinstance(value, str) or not _ISO3.match(value.strip().upper()):
        raise VisibilityInputError(
            field_name, f"expected an ISO 3166 alpha-3 code such as 'AUT', got {value!r}"
        )
    return value.strip().upper()


class Item(StrEnum):
    SELF_ASSESSMENT = "self_assessment"
    FULL_REPORT = "full_report"
    EXECUTIVE_SUMMARY = "executive_summary"
    DRAFT = "draft"  # drafts of the report and of the summary
    DIALOGUE = "dialogue"  # questions and answers, desk-review outcome, notes of calls and visits
    EXPERT_LIST = "expert_list"  # a State's governmental experts


class Publication(StrEnum):
    UNPUBLISHED = "unpublished"
    PUBLISHED = "published"  # for the executive summary: issued


class Publisher(StrEnum):
    """Who decides that an item becomes public."""

    STATE_UNDER_REVIEW = "state_under_review"  # its focal point; the secretariat acts on its agreement
    SECRETARIAT = "secretariat"
    NOBODY = "nobody"


class Reason(StrEnum):
    SECRETARIAT = "secretariat"
    STATE_UNDER_REVIEW = "state_under_review"
    REVIEWING_EXPERT = "reviewing_expert"
    PUBLIC = "public"
    ROLE_NOT_IN_CIRCLE = "role_not_in_circle"  # of a State of the review, but in no role of the circle
    NOT_PUBLISHED = "not_published"  # outside the circle, and the item is not public yet
    NEVER_PUBLIC = "never_public"  # outside the circle, and the item is never public
    PUBLISHER = "publisher"  # may_publish: this viewer decides publication
    STATE_AGREED = "state_agreed"  # may_publish: the secretariat acts on the State's agreement
    NOT_PUBLISHER = "not_publisher"  # may_publish: this viewer does not decide publication
    AWAITING_AGREEMENT = "awaiting_agreement"  # may_publish: the State under review has not agreed


class Exposure(StrEnum):
    """When an item is public: to everyone, signed in or not."""

    NEVER = "never"
    WHEN_PUBLISHED = "when_published"
    ALWAYS = "always"


@dataclass(frozen=True)
class ItemRule:
    """How one kind of material is shown beyond the review's circle, and who decides."""

    public: Exposure
    publisher: Publisher
    rule: str


# The one table of RULES.md 4.9 (with 4.5 and 4.7 for who decides).
RULES: Mapping[Item, ItemRule] = {
    Item.SELF_ASSESSMENT: ItemRule(Exposure.WHEN_PUBLISHED, Publisher.STATE_UNDER_REVIEW, "RULES 4.7, 4.9"),
    Item.FULL_REPORT: ItemRule(Exposure.WHEN_PUBLISHED, Publisher.STATE_UNDER_REVIEW, "RULES 4.9"),
    Item.EXECUTIVE_SUMMARY: ItemRule(Exposure.WHEN_PUBLISHED, Publisher.SECRETARIAT, "RULES 4.9"),
    Item.DRAFT: ItemRule(Exposure.NEVER, Publisher.NOBODY, "RULES 4.9"),
    Item.DIALOGUE: ItemRule(Exposure.NEVER, Publisher.NOBODY, "RULES 4.9"),
    Item.EXPERT_LIST: ItemRule(Exposure.ALWAYS, Publisher.SECRETARIAT, "RULES 4.5, 4.9"),
}


@dataclass(frozen=True)
class VisibilitySettings:
    """Which roles of the review's States belong to its circle (RULES.md 4.9: exact rule [U])."""

    state_under_review_roles: frozenset[str] = frozenset({FOCAL_POINT, GOVERNMENTAL_EXPERT})
    reviewing_state_roles: frozenset[str] = frozenset({GOVERNMENTAL_EXPERT})

    def __post_init__(self) -> None:
        for name in ("state_under_review_roles", "reviewing_state_roles"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))


DEFAULT_SETTINGS = VisibilitySettings()


@dataclass(frozen=True)
class Viewer:
    """A person as the rules see them. `state` is the ISO3 code of the State they act for (None for
    the public, observers and the secretariat); `roles` their roles in it (core Role values)."""

    is_secretariat: bool = False
    state: str | None = None
    roles: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.state is not None:
            object.__setattr__(self, "state", _iso3("state", self.state))
        object.__setattr__(self, "roles", frozenset(self.roles))


ANONYMOUS = Viewer()


@dataclass(frozen=True)
class ReviewParties:
    """The States of one review: the State under review and its reviewing States (DL-2: two, never
    itself; an empty set before the draw)."""

    state_under_review: str
    reviewing_states: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        state = _iso3("state_under_review", self.state_under_review)
        reviewers = frozenset(_iso3("reviewing_states", code) for code in self.reviewing_states)
        if state in reviewers:
            raise VisibilityInputError("reviewing_states", f"{state} cannot review itself (DL-2)")
        object.__setattr__(self, "state_under_review", state)
        object.__setattr__(self, "reviewing_states", reviewers)


_MESSAGES = {
    Reason.SECRETARIAT: _("The secretariat sees all the material of every review."),
    Reason.STATE_UNDER_REVIEW: _("%(state)s is the State under review."),
    Reason.REVIEWING_EXPERT: _("Governmental experts of %(state)s take part in this review as reviewers."),
    Reason.PUBLIC: _("This is public."),
    Reason.ROLE_NOT_IN_CIRCLE: _(
        "%(state)s takes part in this review, but not every official of it sees the review's "
        "confidential material: only those in the roles that work on the review do."
    ),
    Reason.NOT_PUBLISHED: _(
        "This is confidential to the State under review, its reviewers and the secretariat until it "
        "is published."
    ),
    Reason.NEVER_PUBLIC: _(
        "Drafts and the dialogue of a review are confidential to the State under review, its "
        "reviewers and the secretariat; they are never published."
    ),
    Reason.PUBLISHER: _("This is for %(publisher)s to publish."),
    Reason.STATE_AGREED: _("The State under review has agreed, so the secretariat may publish this."),
    Reason.NOT_PUBLISHER: _("Only %(publisher)s may publish this."),
    Reason.AWAITING_AGREEMENT: _("This can be published only once the State under review has agreed."),
}

_PUBLISHER_NAMES = {
    Publisher.STATE_UNDER_REVIEW: _("the State under review"),
    Publisher.SECRETARIAT: _("the secretariat"),
}


@dataclass(frozen=True)
class Decision:
    """Allowed or not, why (a stable code), under which rule, and a message read in the active
    language. True in a boolean context when allowed."""

    allowed: bool
    reason: Reason
    rule: str
    params: Mapping[str, object] = field(default_factory=dict, repr=False)

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def message(self) -> str:
        return str(_MESSAGES[self.reason]) % {key: str(value) for key, value in self.params.items()}


def _rule(item: Item | str) -> ItemRule:
    try:
        return RULES[Item(item)]
    except ValueError:
        raise VisibilityInputError("item", f"{item!r} is not one of {', '.join(Item)}") from None


def is_public(item: Item | str, publication: Publication | str) -> bool:
    """Everyone, signed in or not, may see this item in this publication state."""
    public = _rule(item).public
    if public is Exposure.WHEN_PUBLISHED:
        return Publication(publication) is Publication.PUBLISHED
    return public is Exposure.ALWAYS


def circle_reason(
    viewer: Viewer, parties: ReviewParties, settings: VisibilitySettings = DEFAULT_SETTINGS
) -> Decision | None:
    """Why the viewer belongs to the review's circle (an allowed Decision), why a person of one of
    its States does not (a refused one), or None for anyone else."""
    if viewer.is_secretariat:
        return Decision(True, Reason.SECRETARIAT, "RULES 4.5, 4.9")
    if viewer.state is None:
        return None
    if viewer.state == parties.state_under_review:
        allowed_roles, reason = settings.state_under_review_roles, Reason.STATE_UNDER_REVIEW
    elif viewer.state in parties.reviewing_states:
        allowed_roles, reason = settings.reviewing_state_roles, Reason.REVIEWING_EXPERT
    else:
        return None
    if viewer.roles & allowed_roles:
        return Decision(True, reason, "RULES 4.5, 4.9", {"state": viewer.state})
    return Decision(False, Reason.ROLE_NOT_IN_CIRCLE, "RULES 4.9", {"state": viewer.state})


def can_see(
    viewer: Viewer,
    parties: ReviewParties,
    item: Item | str,
    publication: Publication | str = Publication.UNPUBLISHED,
    settings: VisibilitySettings = DEFAULT_SETTINGS,
) -> Decision:
    """May `viewer` see this review's `item` in this publication state? Drafts and dialogue stay
    confidential even if marked published: no one may publish them."""
    rule = _rule(item)
    publication = Publication(publication)
    circle = circle_reason(viewer, parties, settings)
    if circle is not None and circle.allowed:
        return circle
    if is_public(item, publication):
        return Decision(True, Reason.PUBLIC, rule.rule)
    if circle is not None:  # one of the review's States, in a role outside the circle
        return circle
    reason = Reason.NEVER_PUBLIC if rule.public is Exposure.NEVER else Reason.NOT_PUBLISHED
    return Decision(False, reason, rule.rule)


def may_publish(
    viewer: Viewer,
    parties: ReviewParties,
    item: Item | str,
    *,
    state_agreed: bool = False,
) -> Decision:
    """May `viewer` make this item public? The self-assessment and the full report are the State
    under review's to publish: its focal point decides, or the secretariat acts once the State has
    agreed (`state_agreed`). The executive summary is issued by the secretariat. Drafts and dialogue
    are never published."""
    rule = _rule(item)
    if rule.publisher is Publisher.NOBODY:
        return Decision(False, Reason.NEVER_PUBLIC, rule.rule)
    publisher_name = _PUBLISHER_NAMES[rule.publisher]
    if rule.publisher is Publisher.SECRETARIAT:
        if viewer.is_secretariat:
            return Decision(True, Reason.PUBLISHER, rule.rule, {"publisher": publisher_name})
        return Decision(False, Reason.NOT_PUBLISHER, rule.rule, {"publisher": publisher_name})
    # Publisher.STATE_UNDER_REVIEW
    if viewer.state == parties.state_under_review and FOCAL_POINT in viewer.roles:
        return Decision(True, Reason.PUBLISHER, rule.rule, {"publisher": publisher_name})
    if viewer.is_secretariat:
        if state_agreed:
            return Decision(True, Reason.STATE_AGREED, rule.rule)
        return Decision(False, Reason.AWAITING_AGREEMENT, rule.rule)
    return Decision(False, Reason.NOT_PUBLISHER, rule.rule, {"publisher": publisher_name})


def visible_items(
    viewer: Viewer,
    parties: ReviewParties,
    publications: Mapping[Item | str, Publication | str],
    settings: VisibilitySettings = DEFAULT_SETTINGS,
) -> frozenset[Item]:
    """Of a review's items with their publication states, those the viewer may see."""
    return frozenset(
        Item(item) for item, state in publications.items() if can_see(viewer, parties, item, state, settings)
    )
