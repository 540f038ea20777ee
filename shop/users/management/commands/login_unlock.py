"""``manage.py login_unlock <e-mail or mobile>``: an operator lifts a login lockout.

Operators can also delete the account's rows under 访问尝试 (Access attempts) in /django-admin/.
"""

from django.core.management.base import BaseCommand

from shop.users.throttling import login_unlock


class Command(BaseCommand):
    help = "解除某个账户（邮箱或手机号）因多次输错密码造成的登录锁定。"

    def add_arguments(self, parser):
        parser.add_argument("login", help="账户的邮箱或手机号")

    def handle(self, *args, login, **options):
        removed = login_unlock(login=login)
        if removed:
            self.stdout.write(self.style.SUCCESS(f"已解除 {login} 的登录锁定（{removed} 条记录）。"))
        else:
            self.stdout.write(f"{login} 没有被锁定。")
