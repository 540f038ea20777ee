"""A GIN index for product search on PostgreSQL; other databases search without it.

The indexed expression is exactly what ``catalog.selectors.SEARCH_VECTOR`` renders, so the
planner uses the index for ``search_text @@ query``.
"""

from django.db import migrations

INDEX_NAME = "catalogue_product_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON catalogue_product USING gin "
            "(to_tsvector('simple'::regconfig, COALESCE(search_text, '')))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0033_product_search_text")]

    operations = [migrations.RunPython(create_index, drop_index)]
