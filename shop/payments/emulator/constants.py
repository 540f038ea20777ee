from django.db import models
from django.utils.translation import gettext_lazy as _


class TradeStatus(models.TextChoices):
    WAIT_BUYER_PAY = "WAIT_BUYER_PAY", _("等待买家付款")
    TRADE_SUCCESS = "TRADE_SUCCESS", _("支付成功")
    TRADE_CLOSED = "TRADE_CLOSED", _("交易关闭")
    TRADE_FINISHED = "TRADE_FINISHED", _("交易完结")


class ProductCode(models.TextChoices):
    PAGE = "FAST_INSTANT_TRADE_PAY", _("电脑网站支付")
    WAP = "QUICK_WAP_WAY", _("手机网站支付")


# The pay methods the cashier serves, and the product code Alipay requires with each.
PAY_METHODS = {
    "alipay.trade.page.pay": ProductCode.PAGE,
    "alipay.trade.wap.pay": ProductCode.WAP,
}
API_METHODS = ("alipay.trade.query", "alipay.trade.refund", "alipay.trade.close")

# Real Alipay retries a notify 8 times over 25 hours; a development tool gives up sooner.
NOTIFY_MAX_TRIES = 5
NOTIFY_FIRST_RETRY_SECONDS = 15

# The one emulated buyer who pays every trade.
BUYER_ID = "2088000000000002"
BUYER_LOGON_ID = "138****0000"
