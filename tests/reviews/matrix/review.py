"""Permission-matrix rows for cosp/reviews/views/review.py (see __init__.py)."""

ROWS: dict = {}
