"""Permission-matrix rows for cosp/reviews/views/findings.py (see __init__.py)."""

ROWS: dict = {}
