"""Reading UN documents into structure, in plain Python with no Django: readers → text → structure.

`read_file(path)` turns a .txt/.docx/.pdf/.html file into text (decoding, limits, safety);
`extract_structure(text)` finds the header fields, headings, numbered paragraphs, footnotes, tables
and annexes; `find_references(text)` finds what the text cites. The ingestion service in
`documents/services.py` stores the result; `cosp inspect` prints it.
"""
