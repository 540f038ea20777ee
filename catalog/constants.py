"""Choices shared by catalogue models, forms and filters."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Storage(models.TextChoices):
    """How a product is kept; chilled and frozen products ship cold-chain."""

    AMBIENT = "ambient", _("常温")
    CHILLED = "chilled", _("冷藏")
    FROZEN = "frozen", _("冷冻")


class NetUnit(models.TextChoices):
    GRAM = "g", _("克")
    KILOGRAM = "kg", _("千克")
    JIN = "jin", _("斤")
    MILLILITRE = "ml", _("毫升")
    LITRE = "l", _("升")
    BOX = "he", _("盒")
    CASE = "xiang", _("箱")
    BOTTLE = "ping", _("瓶")
    BAG = "dai", _("袋")


class CertificationKind(models.TextChoices):
    GREEN_FOOD = "green_food", _("绿色食品")
    ORGANIC = "organic", _("有机产品")
    GEOGRAPHICAL_INDICATION = "gi", _("地理标志")
    COMPLIANCE_PLEDGE = "compliance_pledge", _("承诺达标合格证")


class CooperativeStatus(models.TextChoices):
    ACTIVE = "active", _("正常经营")
    SUSPENDED = "suspended", _("已暂停")


class DocumentKind(models.TextChoices):
    BUSINESS_LICENSE = "business_license", _("营业执照")
    FOOD_PRODUCTION = "food_production", _("食品生产许可证")
    FOOD_BUSINESS = "food_business", _("食品经营许可证")
    OTHER = "other", _("其他资质")


class ApplicationStatus(models.TextChoices):
    """States of a cooperative's application to sell on Wenfu (申请入驻)."""

    SUBMITTED = "submitted", _("待审核")
    CHANGES_REQUESTED = "changes_requested", _("待补充修改")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("未通过")


#: The one place that says which application state may follow which.
APPLICATION_TRANSITIONS = {
    ApplicationStatus.SUBMITTED: {
        ApplicationStatus.APPROVED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.CHANGES_REQUESTED,
    },
    ApplicationStatus.CHANGES_REQUESTED: {ApplicationStatus.SUBMITTED},
    ApplicationStatus.APPROVED: set(),
    ApplicationStatus.REJECTED: set(),
}


class ListingReviewKind(models.TextChoices):
    """What a listing review (商品审核) is about."""

    NEW = "new", _("新商品上架")
    CHANGE = "change", _("商品信息修改")


class ListingReviewStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("已驳回")
    WITHDRAWN = "withdrawn", _("已撤回")


#: Product fields whose change a cooperative makes waits for the operator (besides the price and
#: tier prices of its stock records, its certifications and its images); the rest (categories,
#: stock …) apply at once.
REVIEWED_PRODUCT_FIELDS = (
    "title",
    "description",
    # Oscar's SEO fields: the page's <title> and its summary in search results and shares, which
    # would otherwise say what the reviewed title and description do not.
    "meta_title",
    "meta_description",
    "origin_area",
    "harvest_season",
    "shelf_life_days",
    "storage",
    "net_content",
    "net_unit",
)
