"""The e-mails of invoices and settlement as Oscar communication event types, so operators can
edit them in the dashboard (内容 → 电子邮件模板); until then the file templates
``templates/oscar/communication/emails/commtype_procurement_{invoice_issued,paid}_*`` are used."""

from django.db import migrations

EVENT_TYPES = [
    ("PROCUREMENT_INVOICE_ISSUED", "机构采购：发票已开具"),
    ("PROCUREMENT_PAID", "机构采购：结算单已付款"),
]


def event_types_create(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    for code, name in EVENT_TYPES:
        CommunicationEventType.objects.get_or_create(
            code=code, defaults={"name": name, "category": "User related"}
        )


def event_types_delete(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    CommunicationEventType.objects.filter(code__in=[code for code, _name in EVENT_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0001_initial"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(event_types_create, event_types_delete)]
