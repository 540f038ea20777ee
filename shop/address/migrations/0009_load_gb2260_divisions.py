"""Loads the GB/T 2260 divisions of ``shop/address/data/gb2260.csv`` and China as the shipping country.

A later edition of the division data comes as a new migration that adds and renames rows; codes
already used by addresses are never deleted (the foreign keys protect them).
"""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "gb2260.csv"


def load_divisions(apps, schema_editor):
    Division = apps.get_model("address", "Division")
    with CSV_PATH.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    # Sorted by code, a parent always comes before its children.
    Division.objects.bulk_create(
        [
            Division(code=row["code"], name=row["name"], level=row["level"], parent_id=row["parent_code"] or None)
            for row in sorted(rows, key=lambda row: row["code"])
        ],
        batch_size=500,
    )


def unload_divisions(apps, schema_editor):
    Division = apps.get_model("address", "Division")
    # Children first: parents are protected while they have any.
    for level in ("district", "city", "province"):
        Division.objects.filter(level=level).delete()


def add_china(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    Country.objects.update_or_create(
        iso_3166_1_a2="CN",
        defaults={
            "iso_3166_1_a3": "CHN",
            "iso_3166_1_numeric": "156",
            "printable_name": "中国",
            "name": "中华人民共和国",
            "is_shipping_country": True,
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("address", "0008_division_useraddress_district"),
    ]

    operations = [
        migrations.RunPython(load_divisions, unload_divisions),
        migrations.RunPython(add_china, migrations.RunPython.noop),
    ]
