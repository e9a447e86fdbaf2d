"""A trigram index for the folded search column on PostgreSQL (LIKE '%word%' uses it)."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS petitions_petition_search_trgm "
    "ON petitions_petition USING gin (search_text gin_trgm_ops)"
)
DROP = "DROP INDEX IF EXISTS petitions_petition_search_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial"), ("core", "0001_postgres_extensions")]
    operations = [migrations.RunPython(forwards, backwards)]
