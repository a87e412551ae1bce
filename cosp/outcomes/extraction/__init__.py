"""Reading outcomes out of extracted documents, in plain Python with no Django.

`outcomes.find_outcomes(document)` finds the resolutions and decisions a session report sets out, with
their preambular and operative paragraphs, footnotes and sponsors (from the report's action-taken
chapter, `sponsors.py`); `classify.py` gives each paragraph its verb and addressees;
`declaration.py` reads a political declaration's sections and paragraphs.
"""
