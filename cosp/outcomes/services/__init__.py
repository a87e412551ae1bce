"""Every write to the outcomes app, one module per kind of thing stored: what a report sets out
(reports), the declaration, the secretariat's work on mandates, and the work plan. Callers import from
here: `from cosp.outcomes.services import store_outcomes`."""

from .declaration import store_declaration
from .mandates import update_mandate
from .reports import link_citing_paragraphs, paragraph_text, store_outcomes
from .work_plan import ImportResult, import_work_plan, read_document_work_plan, store_work_plan

__all__ = [
    "ImportResult",
    "import_work_plan",
    "link_citing_paragraphs",
    "paragraph_text",
    "read_document_work_plan",
    "store_declaration",
    "store_outcomes",
    "store_work_plan",
    "update_mandate",
]
