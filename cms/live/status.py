"""The one rule of a live sale's status: it is a function of the clock, never a stored field, so
no job has to flip a sale to 直播中 at its start minute."""

from .constants import LiveStatus


def live_sale_status(*, starts_at, ends_at, now):
    """预告 before ``starts_at``, 直播中 from ``starts_at`` up to (not including) ``ends_at``,
    已结束 from ``ends_at`` on. The times are aware; comparing them is timezone-proof."""
    if now < starts_at:
        return LiveStatus.UPCOMING
    if now < ends_at:
        return LiveStatus.LIVE
    return LiveStatus.ENDED
