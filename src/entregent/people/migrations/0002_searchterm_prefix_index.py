"""On PostgreSQL, prefix search (LIKE 'word%') needs a pattern-ops index to be a range scan.

SQLite compares terms with BINARY collation, so the unique (owner, term, person) index
already serves its range queries; nothing to add there.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS searchterm_owner_term_pattern "
            "ON people_searchterm (owner_id, term varchar_pattern_ops, person_id)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchterm_owner_term_pattern")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
