"""Forms of the order dashboard."""

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.order.constants import OPERATOR_TRANSITIONS, OrderStatus


class OrderStatusForm(forms.Form):
    """The operator's status form: only the moves an operator may ask for (cancelling); paying,
    shipping, completing and refunding follow the money and the parcels."""

    new_status = forms.ChoiceField(
        label=_("新状态"),
        choices=(),
        error_messages={"invalid_choice": _("订单当前状态不能改为“%(value)s”。")},
    )
    reason = forms.CharField(label=_("原因"), max_length=255, required=False)

    def __init__(self, order, *args, **kwargs):
        super().__init__(*args, **kwargs)
        targets = OPERATOR_TRANSITIONS.get(order.status, set())
        self.fields["new_status"].choices = [
            (status.value, status.label) for status in OrderStatus if status in targets
        ]

    @property
    def has_choices(self):
        return bool(self.fields["new_status"].choices)
