"""Domain errors of listing review; each carries a Chinese message a view shows as it is."""

from django.utils.translation import gettext_lazy as _

from shop.exceptions import DomainError


class ListingReviewError(DomainError):
    """Base of listing review's errors."""


class ReviewNotPending(ListingReviewError):
    default_message = _("这条审核已经处理过了。")


class ReviewPending(ListingReviewError):
    default_message = _("该商品已有待审核的修改，请等审核完成或撤回后再修改。")


class OwnListing(ListingReviewError):
    default_message = _("不能审核自己提交的商品。")


class NotAnOperator(ListingReviewError):
    default_message = _("只有平台运营人员可以审核商品。")


class NotYourReview(ListingReviewError):
    default_message = _("只能撤回自己合作社的商品修改。")


class ReasonRequired(ListingReviewError):
    default_message = _("请填写驳回理由。")
