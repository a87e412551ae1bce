"""The outbox of the Tantivy search index (SearchIndexChange), and on SQLite a trigger that writes a
row whenever a block is deleted by any path (cascades from the admin included), so the index drops it.
The statements are copied here (not imported) so this migration stays what it was when applied."""

from django.db import migrations, models

SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS documents_searchindexchange_block_deleted "
    "AFTER DELETE ON documents_block BEGIN "
    "INSERT INTO documents_searchindexchange(version_id, action, created_at) "
    "SELECT old.version_id, 'index', strftime('%Y-%m-%d %H:%M:%f', 'now') "
    "WHERE coalesce((SELECT action FROM documents_searchindexchange WHERE version_id = old.version_id "
    "AND action != 'epoch' ORDER BY id DESC LIMIT 1), '') != 'index'; END"
)
SQLITE_DROP = "DROP TRIGGER IF EXISTS documents_searchindexchange_block_deleted"


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_search_index")]

    operations = [
        migrations.CreateModel(
            name="SearchIndexChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version_id", models.BigIntegerField(db_index=True, verbose_name="version")),
                ("action", models.CharField(max_length=6, verbose_name="action")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ],
            options={"verbose_name": "search index change", "verbose_name_plural": "search index changes"},
        ),
        migrations.RunPython(create_trigger, drop_trigger, elidable=False),
    ]
