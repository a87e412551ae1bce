"""Permission-matrix rows for cosp/reviews/views/progress.py (see __init__.py).

Progress figures and the board are made of public facts only (the pairings, each review's step and
dates, issued summaries): everyone may see them."""

from tests.helpers import ROLES

EVERYONE = dict.fromkeys(ROLES, 200)

ROWS: dict = {
    "reviews:progress": ("/reviews/", EVERYONE),
    "reviews:progress_csv": ("/reviews/progress.csv", EVERYONE),
    "reviews:board": ("/reviews/board/?cycle=2", EVERYONE),
}
