"""Permission-matrix rows for cosp/reviews/views/thematic.py (see __init__.py)."""

ROWS: dict = {}
