"""Permission-matrix rows for cosp/reviews/views/thematic.py (see __init__.py).

Thematic reports are compiled from confidential country review reports, as a first draft the
secretariat edits (RULES.md 4.10): the secretariat only."""

SECRETARIAT_ONLY = {
    "anonymous": 302,
    "observer": 403,
    "delegate": 403,
    "focal_point": 403,
    "secretariat": 200,
}
WORLD = "?cycle=2&chapter=II"

ROWS: dict = {
    "reviews:thematic": (f"/reviews/thematic/{WORLD}", SECRETARIAT_ONLY),
    "reviews:thematic_docx": (f"/reviews/thematic.docx{WORLD}", SECRETARIAT_ONLY),
    "reviews:thematic_pdf": (f"/reviews/thematic.pdf{WORLD}", SECRETARIAT_ONLY),
}
