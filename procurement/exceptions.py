"""Errors of procurement; each carries a Chinese message shown as it is."""

from django.utils.translation import gettext_lazy as _

from shop.exceptions import DomainError


class ProcurementError(DomainError):
    """Base of procurement's errors."""


class NotPermitted(ProcurementError):
    default_message = _("你在该单位没有执行此操作的角色。")


class OrganisationNotVerified(ProcurementError):
    default_message = _("单位尚未通过平台认证（或已暂停），暂不能下单。")


class TransitionRefused(ProcurementError):
    default_message = _("当前状态不能执行此操作。")


class SeparationOfDuties(ProcurementError):
    default_message = _("不能审批自己提交的采购单，请由其他审批人审批。")


class LinesRefused(ProcurementError):
    """Some lines cannot be ordered; ``problems`` lists ``(line label, reason)`` for each."""

    default_message = _("采购单中有不能下单的商品，请修改后再提交。")

    def __init__(self, problems, message=None):
        self.problems = list(problems)
        super().__init__(message)


class StockShort(LinesRefused):
    """Approval found less stock than ordered; ``problems`` says which lines and by how much."""

    default_message = _("库存不足，未分配任何库存。请调整以下商品的数量后再审批。")
