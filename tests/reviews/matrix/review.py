"""Permission-matrix rows for cosp/reviews/views/review.py (see __init__.py).

The world's review 2-AUT is reviewed by DEU and FRA. Its page is public (the step and delay of every
review are); the AUT focal point records the State's own steps (the nomination of the focal point);
the secretariat runs the review's settings; "my reviews" is for anyone signed in (it lists nothing
for those in no circle)."""

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"
REVIEW = "/reviews/{review}"

ROWS: dict = {
    "reviews:review": (f"{REVIEW}/", {A: 200, OBS: 200, D: 200, F: 200, S: 200}),
    # A step of the State under review: its focal point and the secretariat record it.
    "reviews:step": (f"{REVIEW}/steps/focal_point_nomination/", {A: 302, OBS: 403, D: 403, F: 200, S: 200}),
    "reviews:review_settings": (f"{REVIEW}/settings/", {A: 302, OBS: 403, D: 403, F: 403, S: 200}),
    "reviews:my_reviews": ("/reviews/mine/", {A: 302, OBS: 200, D: 200, F: 200, S: 200}),
}
