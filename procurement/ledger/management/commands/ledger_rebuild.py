from django.core.management.base import BaseCommand
from django.db import transaction

from procurement.ledger.services import ledger_rebuild


class Command(BaseCommand):
    help = (
        "补记消费帮扶台账：按已付款订单、已完成的退款和已验收的供货单补上台账缺少的记录（已有的不变），"
        "然后按全部台账记录重算月汇总（同 ledger_months_rebuild）。"
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            written = ledger_rebuild()
        self.stdout.write(f"补记 {written} 条台账记录。")
