"""Permission-matrix rows for cosp/reviews/views/draw.py (see __init__.py)."""

ROWS: dict = {}
