import rules

from cosp.core.rules import is_secretariat

# Public documents and search are for everyone (restricted ones are filtered in queries.py).
rules.add_perm("documents.view_documents", rules.always_allow)
# Uploading and following ingestions is the secretariat's work.
rules.add_perm("documents.ingest_documents", is_secretariat)
