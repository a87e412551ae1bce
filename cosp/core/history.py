"""History (the audit trail) for models with translated fields.

django-modeltranslation adds one column per language when translation.py runs, after the model class
is built; a `HistoricalRecords()` declared on the model would miss those columns. Translated models
therefore register their history here, right after their translation options.
"""

import simple_history


def register_history(*models) -> None:
    for model in models:
        simple_history.register(model)
