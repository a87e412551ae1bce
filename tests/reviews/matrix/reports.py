"""Permission-matrix rows for cosp/reviews/views/reports.py (see __init__.py).

The world's review of AUT is a draft: its report and summary are confidential to the circle, where the
AUT focal point is and the AUT delegate is not. POST-only addresses answer GET with 405 to those the
permission lets through, so the matrix still shows who passes."""

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"
EVERYONE = dict.fromkeys((A, OBS, D, F, S), 200)
CIRCLE = {A: 302, OBS: 403, D: 403, F: 200, S: 200}  # before publication: the circle only
SECRETARIAT_ONLY = {A: 302, OBS: 403, D: 403, F: 403, S: 200}
SECTION = "/reviews/{review}/report/en/{section}"

ROWS: dict = {
    "reviews:summaries": ("/reviews/summaries/", EVERYONE),
    # reviews.view_report / reviews.view_summary: the circle, everyone once published or issued.
    "reviews:report": ("/reviews/{review}/report/", CIRCLE),
    "reviews:summary": ("/reviews/{review}/summary/", CIRCLE),
    "reviews:report_docx": ("/reviews/{review}/report.docx", CIRCLE),
    "reviews:report_pdf": ("/reviews/{review}/report.pdf", CIRCLE),
    "reviews:summary_docx": ("/reviews/{review}/summary.docx", CIRCLE),
    "reviews:summary_pdf": ("/reviews/{review}/summary.pdf", CIRCLE),
    # reviews.edit_report: the assigned reviewing experts and the secretariat (not the focal point).
    "reviews:section_edit": (f"{SECTION}/edit/", SECRETARIAT_ONLY),
    # reviews.view_confidential: versions and comments are never public.
    "reviews:section_history": (f"{SECTION}/history/", CIRCLE),
    "reviews:section_comment": (f"{SECTION}/comment/", {A: 302, OBS: 403, D: 403, F: 405, S: 405}),
    # POST only. Sending and issuing are the secretariat's; agreeing is the focal point's.
    "reviews:report_send": ("/reviews/{review}/report/send/", {A: 302, OBS: 403, D: 403, F: 403, S: 405}),
    "reviews:report_agree": ("/reviews/{review}/report/agree/", {A: 302, OBS: 403, D: 403, F: 405, S: 403}),
    "reviews:report_publish_agree": (
        "/reviews/{review}/report/agree-publication/",
        {A: 302, OBS: 403, D: 403, F: 405, S: 403},
    ),
    # reviews.publish_report: the focal point, or the secretariat on the State's agreement (checked on POST).
    "reviews:report_publish": (
        "/reviews/{review}/report/publish/",
        {A: 302, OBS: 403, D: 403, F: 405, S: 405},
    ),
    "reviews:summary_issue": ("/reviews/{review}/summary/issue/", {A: 302, OBS: 403, D: 403, F: 403, S: 405}),
}
