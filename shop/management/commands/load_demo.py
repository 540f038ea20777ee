"""``manage.py load_demo``: fills a first run with a believable Sui County (see DESIGN.md).

Idempotent: every row is looked up by a natural key and only created when missing, so running
it again changes nothing. All of it runs in one transaction: a failure leaves no half demo.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.demo import load_catalog
from catalog.traceability.demo import load_batches
from cms.demo import TOURISM_SECTION_SLUGS, load_content, load_pages
from procurement.campaigns.demo import load_union_demo
from procurement.demo import load_procurement
from procurement.ledger.demo import load_ledger_demo
from shop.users.demo import load_users


class Command(BaseCommand):
    help = "载入随县演示数据（可重复运行）：安置区、合作社、商品、栏目页面和各角色登录账号。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            help="DEBUG 关闭时仍然载入（演示账号的密码是公开的，只用于测试或演示环境）。",
        )

    def handle(self, *args, **options):
        # The demo creates a superuser whose password is in the README: never on a real site.
        if not (settings.DEBUG or options["i_know_this_is_not_production"]):
            raise CommandError(
                "DEBUG 已关闭，这里可能是生产环境：演示数据会创建密码公开的管理员账号，已拒绝载入。"
                "确认不是生产环境时，请加 --i-know-this-is-not-production。"
            )
        started = time.monotonic()
        # Wagtail logs every page created and published, and every background task it runs
        # in-process; the table at the end is what the person running this needs.
        logging.disable(logging.INFO)
        try:
            with transaction.atomic():
                partners = load_catalog()
                sections = load_pages()
                load_content(sections)
                logins = load_users(
                    partners=partners,
                    tourism_pages=[sections[slug] for slug in TOURISM_SECTION_SLUGS],
                )
                # Batches are recorded by the cooperative account, so they come after it.
                load_batches()
                # Buyers and their orders need the demo logins and the catalogue's stock.
                organisations = load_procurement(partners=partners)
                # A year of shoppers' orders for the ledger, shipped by the operator's account.
                users = get_user_model().objects.in_bulk(
                    ["operator@wenfu.cn", "union@wenfu.cn"], field_name="email"
                )
                load_ledger_demo(operator=users["operator@wenfu.cn"])
                # The union's roster and its Mid-Autumn vouchers, some spent in members' orders.
                load_union_demo(
                    union=organisations["union"],
                    admin=users["union@wenfu.cn"],
                    operator=users["operator@wenfu.cn"],
                )
        finally:
            logging.disable(logging.NOTSET)
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪（{time.monotonic() - started:.1f} 秒）。"))
        self.stdout.write(self._login_table(logins))

    @staticmethod
    def _login_table(logins):
        rows = [("角色", "登录名", "手机号", "密码", "入口")]
        rows += [(row.role, row.email, row.mobile or "", row.password, row.where) for row in logins]
        # CJK characters take two columns in a terminal; pad by display width, not length.
        width = [max(_display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = [
            "  ".join(cell + " " * (width[i] - _display_width(cell)) for i, cell in enumerate(row)).rstrip()
            for row in rows
        ]
        lines.insert(1, "  ".join("-" * w for w in width))
        return "\n".join(lines)


def _display_width(text):
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)
