"""Permission-matrix rows for cosp/reviews/views/reports.py (see __init__.py)."""

ROWS: dict = {}
