"""Domain errors of traceability; views turn them into Chinese messages on the form field named
by ``field`` (``None``: the whole form)."""

from django.utils.translation import gettext_lazy as _

from shop.exceptions import DomainError


class TraceabilityError(DomainError):
    """A batch cannot be recorded as asked; ``message`` says why, in Chinese."""

    field = None
    default_message = _("无法保存该生产批次。")


class PartnerNotAllowed(TraceabilityError):
    field = "partner"
    default_message = _("您不是该合作社的成员，不能为其登记批次。")


class ProductNotOwned(TraceabilityError):
    field = "product"
    default_message = _("只能为本合作社在售的商品登记批次。")


class BatchNumberTaken(TraceabilityError):
    field = "batch_number"
    default_message = _("本合作社已有相同批次号的批次，请换一个批次号。")


class ProducedInFuture(TraceabilityError):
    field = "produced_on"
    default_message = _("采收/生产日期不能晚于今天。")


class QuantityNotPositive(TraceabilityError):
    field = "quantity"
    default_message = _("数量必须大于 0。")
