"""Steps the browser tests share."""

from playwright.sync_api import expect

from shop.users.demo import PASSWORD as DEMO_PASSWORD

#: The demo's platform operator (``manage.py load_demo``).
OPERATOR = ("operator@wenfu.cn", DEMO_PASSWORD)


def expect_signed_in(page):
    """The shop's header offers a 退出 button, the dashboard a 注销 one, once someone is signed in."""
    sign_out = page.get_by_role("button", name="退出", exact=True).or_(
        page.get_by_role("button", name="注销")
    )
    expect(sign_out.first).to_be_attached()


def log_in(page, site, username, password):
    """Signs in through the shop's login form (an e-mail address or a mobile number)."""
    page.goto(site + "/shop/accounts/login/")
    form = page.locator("#login_form")
    form.get_by_label("邮箱或手机号").fill(username)
    form.locator("#id_login-password").fill(password)
    form.get_by_role("button", name="登录").click()
    expect_signed_in(page)
