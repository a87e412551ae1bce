"""Permission-matrix rows for cosp/reviews/views/draw.py (see __init__.py)."""

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"
EVERYONE = {A: 200, OBS: 200, D: 200, F: 200, S: 200}

ROWS: dict = {
    # The pairings and the history of draws are public (RULES 4.9), each record with its JSON so that
    # anyone can run it again. The world's record has no inputs: its page says it cannot be verified.
    "reviews:pairings": ("/reviews/cycles/2/pairings/", EVERYONE),
    "reviews:draws": ("/reviews/cycles/2/draws/", EVERYONE),
    "reviews:draw_detail": ("/reviews/draws/{draw}/", EVERYONE),
    "reviews:draw_json": ("/reviews/draws/{draw}.json", EVERYONE),
    # The secretariat conducts the draw during the IRG session (DL-7, DL-11).
    "reviews:conduct_draw": ("/reviews/cycles/2/draw/", {A: 302, OBS: 403, D: 403, F: 403, S: 200}),
    # The State under review asks through its focal point (AUT is under review in the world); the
    # secretariat records a request received otherwise (DL-6).
    "reviews:redraw": ("/reviews/{review}/redraw/", {A: 302, OBS: 403, D: 403, F: 200, S: 200}),
}
