"""Permission-matrix rows for cosp/reviews/views/findings.py (see __init__.py).

The world's review (2-AUT) has no issued summary, so its findings are confidential: its circle (the
AUT focal point, the secretariat) sees them, the AUT delegate does not. Findings are edited by the
assigned reviewing experts and the secretariat; follow-up is recorded by the State under review's
focal point and the secretariat."""

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"
CIRCLE = {A: 302, OBS: 403, D: 403, F: 200, S: 200}
EDITORS = {A: 302, OBS: 403, D: 403, F: 403, S: 200}

ROWS: dict = {
    # Public: the recommendations of issued summaries only.
    "reviews:recommendations": ("/reviews/recommendations/", dict.fromkeys((A, OBS, D, F, S), 200)),
    "reviews:findings": ("/reviews/{review}/findings/", CIRCLE),
    "reviews:finding_add": ("/reviews/{review}/findings/add/", EDITORS),
    "reviews:finding_edit": ("/reviews/{review}/findings/{finding}/", EDITORS),
    # GET asks to confirm; the removal itself is a POST.
    "reviews:finding_delete": ("/reviews/{review}/findings/{finding}/delete/", EDITORS),
    "reviews:follow_up": ("/reviews/{review}/findings/{finding}/follow-up/", CIRCLE),
}
