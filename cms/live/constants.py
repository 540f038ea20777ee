from django.db import models
from django.utils.translation import gettext_lazy as _


class Platform(models.TextChoices):
    """Where a cooperative streams."""

    DOUYIN = "douyin", _("抖音")
    KUAISHOU = "kuaishou", _("快手")
    CHANNELS = "channels", _("微信视频号")
    TAOBAO = "taobao", _("淘宝直播")
    WENFU = "wenfu", _("稳富直播间")


class LiveStatus(models.TextChoices):
    """Where a live sale stands, decided by the clock alone (``selectors.live_sale_status``)."""

    UPCOMING = "upcoming", _("预告")
    LIVE = "live", _("直播中")
    ENDED = "ended", _("已结束")


#: The index's tabs, in order: a sale that has ended is listed for its replay.
TABS = {
    LiveStatus.LIVE: _("直播中"),
    LiveStatus.UPCOMING: _("预告"),
    LiveStatus.ENDED: _("回放"),
}
