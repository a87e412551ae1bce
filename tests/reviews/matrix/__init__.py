"""The reviews app's rows of the permission matrix (tests/core/test_permissions_matrix.py), one module
per part of the app. Paths may name the world's objects: {review} is "2-AUT" (the review of AUT, the
users' own State, by DEU and FRA), {draw}, {finding}, {follow_up}, {expert} (AUT's), {section}
(the key of a report section, "introduction") and {article} (9)."""

from . import api, checklist, draw, experts, findings, progress, reports, review, thematic

ROWS: dict = {}
for module in (draw, review, experts, checklist, reports, findings, progress, thematic, api):
    ROWS.update(module.ROWS)
