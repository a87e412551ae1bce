"""Who may do what in the Implementation Review Mechanism. Object-level permissions take the
CountryReview (or, for expert lists, the State); the answers come from access.py."""

import rules

from cosp.core.rules import is_focal_point_of_state, is_secretariat

from . import access
from .visibility import Item


@rules.predicate
def in_circle(user, review) -> bool:
    return review is not None and access.in_circle(user, review)


@rules.predicate
def is_focal_point_of_review(user, review) -> bool:
    return review is not None and access.is_focal_point_of(user, review)


@rules.predicate
def of_state_under_review(user, review) -> bool:
    return review is not None and access.is_of_state_under_review(user, review)


@rules.predicate
def is_assigned_expert(user, review) -> bool:
    return review is not None and access.is_assigned_expert(user, review)


@rules.predicate
def is_focal_point_of_reviewing_state(user, review) -> bool:
    if review is None or not user.is_authenticated:
        return False
    return any(is_focal_point_of_state(user, reviewer.state) for reviewer in review.reviewers.all())


@rules.predicate
def may_see_checklist(user, review) -> bool:
    return review is not None and bool(access.can_see(user, review, Item.SELF_ASSESSMENT))


@rules.predicate
def may_see_report(user, review) -> bool:
    return review is not None and bool(access.can_see(user, review, Item.FULL_REPORT))


@rules.predicate
def may_see_summary(user, review) -> bool:
    return review is not None and bool(access.can_see(user, review, Item.EXECUTIVE_SUMMARY))


@rules.predicate
def may_publish_checklist(user, review) -> bool:
    return review is not None and bool(access.may_publish(user, review, Item.SELF_ASSESSMENT))


@rules.predicate
def summary_issued(user, review) -> bool:
    return review is not None and review.summary_issued_on is not None


# Public: the pairings and redraw history, each review's step and delay, issued summaries, progress
# figures from public data, governmental expert lists (RULES 4.5, 4.9; NGO trackers publish the rest).
rules.add_perm("reviews.view_public", rules.always_allow)
# The drawing of lots is conducted by the secretariat during the IRG session (DL-7, DL-11).
rules.add_perm("reviews.conduct_draw", is_secretariat)
# The State under review asks for a redraw (DL-6) through its focal point; the secretariat records it.
rules.add_perm("reviews.request_redraw", is_focal_point_of_review | is_secretariat)
# The confidential material of one review: drafts, dialogue, notices, unpublished outputs (RULES 4.9).
rules.add_perm("reviews.view_confidential", in_circle)
rules.add_perm("reviews.view_checklist", may_see_checklist)
rules.add_perm("reviews.view_report", may_see_report)
rules.add_perm("reviews.view_summary", may_see_summary)
# The State under review answers its checklist; the focal point submits and may publish it (RULES 4.7).
rules.add_perm("reviews.edit_checklist", of_state_under_review)
rules.add_perm("reviews.submit_checklist", is_focal_point_of_review)
rules.add_perm("reviews.publish_checklist", may_publish_checklist)
# The reviewing experts draft with the secretariat (RULES 4.8); the State under review agrees.
rules.add_perm("reviews.edit_report", is_assigned_expert | is_secretariat)
rules.add_perm("reviews.agree_report", is_focal_point_of_review)
# Publishing the full report: the State under review's focal point, or the secretariat acting on its
# agreement (RULES 4.9; the service checks the agreement with visibility.may_publish).
rules.add_perm("reviews.publish_report", is_focal_point_of_review | is_secretariat)
rules.add_perm("reviews.edit_findings", is_assigned_expert | is_secretariat)
# Findings are part of the report and of the summary: the circle's until the summary is issued, then
# as public as it is (RULES 4.9).
rules.add_perm("reviews.view_findings", in_circle | (summary_issued & may_see_summary))
# A recommendation's follow-up: the State reports, the secretariat records what later reviews say.
rules.add_perm("reviews.record_follow_up", is_focal_point_of_review | is_secretariat)
# Running a review: steps, dates, language, direct dialogue (the secretariat fixes the timetable, 4.5).
rules.add_perm("reviews.manage_review", is_secretariat)
# A reviewing State's focal point assigns its experts to a review; the secretariat may too.
rules.add_perm("reviews.assign_experts", is_focal_point_of_reviewing_state | is_secretariat)
# A State keeps its own list of governmental experts (object: the State).
rules.add_perm("reviews.manage_experts", is_focal_point_of_state | is_secretariat)
# Thematic reports are first drafts for the secretariat to edit (RULES 4.10).
rules.add_perm("reviews.compile_thematic", is_secretariat)
