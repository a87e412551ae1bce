"""Permission-matrix rows for cosp/reviews/views/experts.py (see __init__.py).

Expert lists are public (RULES 4.5, 4.9). The world's expert {expert} is on AUT's list, which AUT's
focal point and the secretariat keep. The AUT focal point does not assign experts to 2-AUT: only a
reviewing State's focal point (DEU, FRA) or the secretariat does."""

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"

ROWS: dict = {
    "reviews:experts": ("/reviews/experts/", {A: 200, OBS: 200, D: 200, F: 200, S: 200}),
    "reviews:state_experts": ("/reviews/experts/AUT/", {A: 200, OBS: 200, D: 200, F: 200, S: 200}),
    "reviews:expert_edit": ("/reviews/experts/AUT/{expert}/", {A: 302, OBS: 403, D: 403, F: 200, S: 200}),
    "reviews:assign_experts": ("/reviews/{review}/experts/", {A: 302, OBS: 403, D: 403, F: 403, S: 200}),
}
