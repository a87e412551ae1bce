"""Permission-matrix rows for cosp/reviews/views/progress.py (see __init__.py)."""

ROWS: dict = {}
