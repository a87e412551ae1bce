"""Permission-matrix rows for cosp/reviews/views/checklist.py (see __init__.py).

The world's review 2-AUT has no checklist yet: the pages show it empty. The AUT focal point answers,
submits and publishes; the secretariat reads, locks and sends back; the AUT delegate is outside the
review's circle. The action pages take POST only, so whoever may act gets 405 for a GET. No file is
attached in the world, so the download answers 404 to those who may see the checklist."""

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"
REVIEW = "/reviews/{review}/checklist"

CIRCLE = {A: 302, OBS: 403, D: 403, F: 200, S: 200}
STATE_UNDER_REVIEW = {A: 302, OBS: 403, D: 403, F: 200, S: 403}
FOCAL_POINT_POSTS = {A: 302, OBS: 403, D: 403, F: 405, S: 403}
SECRETARIAT_POSTS = {A: 302, OBS: 403, D: 403, F: 403, S: 405}

ROWS: dict = {
    "reviews:checklist": (f"{REVIEW}/", CIRCLE),
    "reviews:checklist_docx": (f"{REVIEW}.docx", CIRCLE),
    "reviews:checklist_answer": (REVIEW + "/{article}/", STATE_UNDER_REVIEW),
    "reviews:checklist_submit": (f"{REVIEW}/submit/", FOCAL_POINT_POSTS),
    "reviews:checklist_lock": (f"{REVIEW}/lock/", SECRETARIAT_POSTS),
    "reviews:checklist_reopen": (f"{REVIEW}/reopen/", SECRETARIAT_POSTS),
    # Only the State under review publishes its checklist (RULES 4.9); the secretariat may not.
    "reviews:checklist_publish": (f"{REVIEW}/publish/", FOCAL_POINT_POSTS),
    "reviews:checklist_unpublish": (f"{REVIEW}/unpublish/", FOCAL_POINT_POSTS),
    "reviews:checklist_attachment": (f"{REVIEW}/files/1/", {A: 302, OBS: 403, D: 403, F: 404, S: 404}),
}
