from django.utils.translation import gettext_lazy as _

from .exceptions import EmulatorError
from .models import EmulatedTrade

RECENT_TRADES = 50


def trade_for_biz(content, *, for_update=False):
    """The trade an API call names by ``out_trade_no`` or ``trade_no``; raises ``ACQ.TRADE_NOT_EXIST``."""
    out_trade_no, trade_no = content.get("out_trade_no"), content.get("trade_no")
    if not out_trade_no and not trade_no:
        raise EmulatorError("ACQ.INVALID_PARAMETER", _("参数无效：out_trade_no 与 trade_no 不能同时为空"))
    trades = EmulatedTrade.objects.select_for_update() if for_update else EmulatedTrade.objects.all()
    lookup = {"trade_no": trade_no} if trade_no else {"out_trade_no": out_trade_no}
    trade = trades.filter(**lookup).first()
    if trade is None:
        raise EmulatorError("ACQ.TRADE_NOT_EXIST", _("交易不存在"))
    return trade


def trades_recent():
    return EmulatedTrade.objects.prefetch_related("refunds", "notify_attempts")[:RECENT_TRADES]
