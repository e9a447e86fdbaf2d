"""PostgreSQL extensions for accent-insensitive and fuzzy search; nothing happens on SQLite."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# unaccent() is only STABLE, so it cannot back an index; this IMMUTABLE wrapper can
# (DEPENDENCIES.md). Petition and petitioner indexes use it.
CREATE_IMMUTABLE_UNACCENT = """
CREATE OR REPLACE FUNCTION tiepdan_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
"""
DROP_IMMUTABLE_UNACCENT = "DROP FUNCTION IF EXISTS tiepdan_unaccent(text);"


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_IMMUTABLE_UNACCENT)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_IMMUTABLE_UNACCENT)


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_function, drop_function),
    ]
