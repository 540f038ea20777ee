"""The e-mails of standing orders as Oscar communication event types, so operators find and
edit them in the dashboard (内容 → 电子邮件模板); their texts stay in the file templates
``templates/oscar/communication/emails/commtype_procurement_standing_*`` until edited."""

from django.db import migrations

USER_RELATED = "User related"

EVENT_TYPES = [
    ("PROCUREMENT_STANDING_CREATED", "定期采购已生成采购单"),
    ("PROCUREMENT_STANDING_MISSED", "定期采购未能生成采购单"),
]


def event_types_create(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    for code, name in EVENT_TYPES:
        # A type an operator already made under this code keeps its name and texts.
        CommunicationEventType.objects.get_or_create(
            code=code, defaults={"name": name, "category": USER_RELATED}
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
