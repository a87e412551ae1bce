"""Permission-matrix rows for cosp/reviews/views/review.py (see __init__.py)."""

ROWS: dict = {
    # Public: the State, reviewers, each step with its owner, due date and delay (RULES 4.9).
    "reviews:review": (
        "/reviews/{review}/",
        dict.fromkeys(["anonymous", "observer", "delegate", "focal_point", "secretariat"], 200),
    ),
}
