"""The e-mails of institutional procurement as Oscar communication event types, so the
dashboard (内容 → 电子邮件模板) lists them for operators to edit. Their texts stay in the file
templates ``templates/oscar/communication/emails/commtype_<code>_*`` until an operator edits
them. The codes are ``procurement.emails``'s, copied here: a migration must not change when the
module does."""

from django.db import migrations

#: Oscar's category for e-mails about orders (the other is "User related").
ORDER_RELATED = "Order related"

EVENT_TYPES = [
    ("PROCUREMENT_SUBMITTED", "机构采购：采购单待审批"),
    ("PROCUREMENT_APPROVED", "机构采购：采购单已审批"),
    ("PROCUREMENT_REJECTED", "机构采购：采购单被驳回"),
    ("PROCUREMENT_CONFIRMED", "机构采购：合作社已确认供货"),
    ("PROCUREMENT_SHIPPED", "机构采购：供货单已发货"),
    ("PROCUREMENT_INVOICE_ISSUED", "机构采购：发票已开具"),
    ("PROCUREMENT_PAID", "机构采购：结算单已付款"),
    ("PROCUREMENT_STANDING_CREATED", "机构采购：定期采购已生成采购单"),
    ("PROCUREMENT_STANDING_MISSED", "机构采购：定期采购未能生成采购单"),
]


def event_types_create(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    for code, name in EVENT_TYPES:
        # A type an operator already made under this code keeps its name and texts.
        CommunicationEventType.objects.get_or_create(
            code=code, defaults={"name": name, "category": ORDER_RELATED}
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
