from django.core.management.base import BaseCommand

from procurement.ledger.services import ledger_months_rebuild


class Command(BaseCommand):
    help = (
        "重算消费帮扶台账月汇总（LedgerMonth）：按全部台账记录重新汇总每月、每个渠道、合作社、安置区、"
        "采购单位和品类的金额、数量与记录数。报表只读月汇总；台账记录由服务写入时月汇总随之更新，"
        "只有绕过服务增删台账记录（恢复备份、批量导入、直接改库）之后才需要运行。在一个事务内完成，"
        "期间报表读到的仍是旧的汇总。ledger_rebuild 补记之后会自动重算。"
    )

    def handle(self, *args, **options):
        rows = ledger_months_rebuild()
        self.stdout.write(f"月汇总共 {rows} 行。")
