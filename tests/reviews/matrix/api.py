"""Permission-matrix rows for cosp/reviews/api.py (see __init__.py). The API answers 401 to an
anonymous caller where the pages redirect to sign in."""

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"
EVERYONE = {A: 200, OBS: 200, D: 200, F: 200, S: 200}
# The world's review is of AUT, the users' State: its focal point is in the circle, its delegate is not.
CIRCLE = {A: 401, OBS: 403, D: 403, F: 200, S: 200}

ROWS = {
    "api:list_reviews": ("/api/reviews?cycle=2", EVERYONE),
    "api:get_review": ("/api/reviews/2/AUT", EVERYONE),
    "api:get_checklist": ("/api/reviews/2/AUT/checklist", CIRCLE),
    "api:get_report": ("/api/reviews/2/AUT/report", CIRCLE),
    "api:get_summary": ("/api/reviews/2/AUT/summary", CIRCLE),
    "api:list_findings": ("/api/reviews/2/AUT/findings", CIRCLE),
    "api:list_draws": ("/api/draws?cycle=2", EVERYONE),
    "api:get_draw": ("/api/draws/{draw}", EVERYONE),
    "api:list_experts": ("/api/experts/AUT", EVERYONE),
}
