"""Choices of the tourism pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RouteDays(models.TextChoices):
    HALF_DAY = "half", _("半日游")
    ONE_DAY = "one", _("一日游")
    TWO_DAYS = "two", _("两日游")
    THREE_DAYS = "three", _("三日游")
    MORE = "more", _("多日游")


class Season(models.TextChoices):
    SPRING = "spring", _("春")
    SUMMER = "summer", _("夏")
    AUTUMN = "autumn", _("秋")
    WINTER = "winter", _("冬")


#: Month (1–12) -> its season, as the county's visitors count them (春 is March to May).
SEASON_OF_MONTH = {
    month: season
    for season, months in (
        (Season.SPRING, (3, 4, 5)),
        (Season.SUMMER, (6, 7, 8)),
        (Season.AUTUMN, (9, 10, 11)),
        (Season.WINTER, (12, 1, 2)),
    )
    for month in months
}


class Audience(models.TextChoices):
    FAMILY = "family", _("亲子")
    STUDY = "study", _("研学")
    WELLNESS = "wellness", _("康养")
    PHOTOGRAPHY = "photo", _("摄影")
    HIKING = "hiking", _("徒步")
    ELDERLY = "elderly", _("银发")


class Facility(models.TextChoices):
    PARKING = "parking", _("停车场")
    TOILET = "toilet", _("卫生间")
    DINING = "dining", _("餐饮")
    LODGING = "lodging", _("住宿")
    ACCESSIBLE = "accessible", _("无障碍")
    GUIDE = "guide", _("讲解")
    SHOP = "shop", _("特产店")


class Weekday(models.IntegerChoices):
    """Python's ``date.weekday()`` numbering: Monday is 0."""

    MONDAY = 0, _("周一")
    TUESDAY = 1, _("周二")
    WEDNESDAY = 2, _("周三")
    THURSDAY = 3, _("周四")
    FRIDAY = 4, _("周五")
    SATURDAY = 5, _("周六")
    SUNDAY = 6, _("周日")


class TicketKind(models.TextChoices):
    ADULT = "adult", _("成人")
    STUDENT = "student", _("学生")
    SENIOR = "senior", _("老人")
    CHILD = "child", _("儿童")
    GROUP = "group", _("团体")


class PageKind(models.TextChoices):
    """What the tourism index lists."""

    ROUTE = "route", _("线路")
    ATTRACTION = "attraction", _("景点")
