"""The search index of Blocks: an FTS5 table on SQLite, a tsvector table with a GIN index on
PostgreSQL (see cosp/documents/search/). Derived data: `manage.py rebuild_search_index` refills it.
The statements are copied here (not imported) so this migration stays what it was when applied."""

from django.db import migrations

SQL = {
    "sqlite": (
        [
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_block_fts USING fts5("
            "body, tokenize='unicode61 remove_diacritics 0', prefix='1')",
            "CREATE TRIGGER IF NOT EXISTS documents_block_fts_block_deleted AFTER DELETE ON documents_block "
            "BEGIN DELETE FROM documents_block_fts WHERE rowid = old.id; END",
        ],
        [
            "DROP TRIGGER IF EXISTS documents_block_fts_block_deleted",
            "DROP TABLE IF EXISTS documents_block_fts",
        ],
    ),
    "postgresql": (
        [
            "CREATE TABLE IF NOT EXISTS documents_block_search "
            "(block_id bigint PRIMARY KEY, vector tsvector NOT NULL)",
            "CREATE INDEX IF NOT EXISTS documents_block_search_vector "
            "ON documents_block_search USING gin (vector)",
            "CREATE OR REPLACE FUNCTION documents_block_search_delete() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN DELETE FROM documents_block_search WHERE block_id = OLD.id; RETURN NULL; END $$",
            "CREATE OR REPLACE FUNCTION documents_block_search_truncate() "
            "RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN TRUNCATE documents_block_search; RETURN NULL; END $$",
            "CREATE TRIGGER documents_block_search_deleted AFTER DELETE ON documents_block "
            "FOR EACH ROW EXECUTE FUNCTION documents_block_search_delete()",
            "CREATE TRIGGER documents_block_search_truncated AFTER TRUNCATE ON documents_block "
            "FOR EACH STATEMENT EXECUTE FUNCTION documents_block_search_truncate()",
        ],
        [
            "DROP TRIGGER IF EXISTS documents_block_search_deleted ON documents_block",
            "DROP TRIGGER IF EXISTS documents_block_search_truncated ON documents_block",
            "DROP FUNCTION IF EXISTS documents_block_search_delete()",
            "DROP FUNCTION IF EXISTS documents_block_search_truncate()",
            "DROP TABLE IF EXISTS documents_block_search",
        ],
    ),
}


def create_index(apps, schema_editor):
    for statement in SQL.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    for statement in SQL.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
