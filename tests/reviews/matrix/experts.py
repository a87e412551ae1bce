"""Permission-matrix rows for cosp/reviews/views/experts.py (see __init__.py)."""

ROWS: dict = {}
