"""The four e-mails a shopper gets about an order, as Oscar communication event types, so the
dashboard (内容 → 电子邮件模板) lists them for operators to edit and each sent mail is
recorded on its order. Their texts stay in the file templates
``templates/oscar/communication/emails/commtype_<code>_*`` until an operator edits them."""

from django.db import migrations

ORDER_RELATED = "Order related"

#: Code and name of each type; ORDER_PLACED is Oscar's own code for the order confirmation.
EVENT_TYPES = [
    ("ORDER_PLACED", "订单已提交，待付款"),
    ("PAYMENT_RECEIVED", "订单已付款"),
    ("PARCEL_SHIPPED", "包裹已发货"),
    ("ORDER_REFUNDED", "订单已退款"),
]


def event_types_create(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    for code, name in EVENT_TYPES:
        # A type an operator already made under this code keeps its name and texts.
        CommunicationEventType.objects.get_or_create(
            code=code, defaults={"name": name, "category": ORDER_RELATED}
        )


def event_types_delete(apps, schema_editor):
    # Oscar's foreign key cascades: the records of mails sent with these types go with them.
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    CommunicationEventType.objects.filter(code__in=[code for code, _name in EVENT_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0001_initial"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(event_types_create, event_types_delete)]
