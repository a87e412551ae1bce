"""Permission-matrix rows for cosp/reviews/views/checklist.py (see __init__.py)."""

ROWS: dict = {}
