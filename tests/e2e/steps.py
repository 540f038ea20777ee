"""Steps the browser tests share."""

import re

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


#: 湖北省 / 随州市 / 随县 by GB/T 2260 code.
PROVINCE, CITY, DISTRICT = "420000", "421300", "421321"
#: The password of the accounts the journeys register.
SHOPPER_PASSWORD = "Shopper-Wenfu-2026!"


def submit_sign_up(page, form):
    """Chooses the journeys' password in the sign-up ``form``, signs up and is signed in."""
    form.get_by_label("密码", exact=True).fill(SHOPPER_PASSWORD)
    form.get_by_label("确认密码").fill(SHOPPER_PASSWORD)
    form.get_by_role("button", name="注册").click()
    expect_signed_in(page)


def register(page, site, email):
    """Registers a new account by e-mail (the login page's 用邮箱注册) and is signed in."""
    page.goto(site + "/shop/accounts/login/")
    page.get_by_role("link", name="用邮箱注册").click()
    form = page.locator("#register_form")
    form.get_by_label("电子邮件地址").fill(email)
    submit_sign_up(page, form)


def register_by_mobile(page, site, mobile):
    """Signs up by mobile from the login page, as most shoppers do: 获取验证码, the code from the
    text the SMS outbox kept, a password; and is signed in."""
    from shop.sms.models import OutboxMessage

    page.goto(site + "/shop/accounts/login/")
    code_form = page.locator("#sms_code_form")
    code_form.get_by_label("手机号").fill(mobile)
    code_form.get_by_role("button", name="获取验证码").click()
    expect(page.locator("#texted_mobile")).to_contain_text(mobile)
    text = OutboxMessage.objects.filter(mobile=mobile).first().text
    code = re.search(r"\b(\d{6})\b", text).group(1)
    form = page.locator("#register_form")
    form.get_by_label("短信验证码").fill(code)
    submit_sign_up(page, form)


def choose_division(page, select_id, code):
    """Picks ``code`` once divisions.js has filled the select with the options under its parent."""
    page.locator(f"#{select_id} option[value='{code}']").wait_for(state="attached")
    page.locator(f"#{select_id}").select_option(code)


def cms_log_in(page, site, email, password=DEMO_PASSWORD):
    """Signs in to the Wagtail admin through its own login form and waits for its dashboard."""
    page.goto(site + "/cms/login/")
    page.get_by_label("电子邮件地址").fill(email)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(site + "/cms/")
