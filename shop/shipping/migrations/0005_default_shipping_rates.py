from decimal import Decimal

from django.db import migrations

# (method, zone, first kg, each further kg, delivers): ordinary express at the prices couriers
# quote cooperatives in Sui County; cold chain adds the foam box, ice packs and the refrigerated
# leg. Cold chain is priced but switched off for remote provinces: the transit is too long to
# keep chilled and frozen food cold, and the operator can switch it on in the admin.
DEFAULT_RATES = [
    ("standard", "local", "8.00", "2.00", True),
    ("standard", "neighbour", "10.00", "4.00", True),
    ("standard", "other", "12.00", "6.00", True),
    ("standard", "remote", "20.00", "12.00", True),
    ("cold-chain", "local", "18.00", "6.00", True),
    ("cold-chain", "neighbour", "25.00", "10.00", True),
    ("cold-chain", "other", "32.00", "14.00", True),
    ("cold-chain", "remote", "45.00", "20.00", False),
]


def create_default_rates(apps, schema_editor):
    ShippingRate = apps.get_model("shipping", "ShippingRate")
    for method_code, zone, first, additional, active in DEFAULT_RATES:
        ShippingRate.objects.get_or_create(
            method_code=method_code,
            zone=zone,
            defaults={
                "first_kg_price": Decimal(first),
                "additional_kg_price": Decimal(additional),
                "is_active": active,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("shipping", "0004_shippingrate"),
    ]

    operations = [
        migrations.RunPython(create_default_rates, migrations.RunPython.noop),
    ]
