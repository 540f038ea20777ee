"""Oscar's vouchers, with two rules a union's welfare voucher needs and Oscar's usage modes lack:
a voucher may be **held** by one mobile number (only the account that logs in with it may use
the voucher: Oscar's single-use vouchers can be used by anyone who has the code, even
anonymously), and a **stand-alone** voucher is never combined with another stand-alone one in
a basket. Both are checked in ``is_available_to_user``, which Oscar asks when a code is added to
the basket, whenever the basket's offers are applied and when the order is placed.

A number becomes an account's only through a texted code (``shop.users``), so the holder's
mobile names one person."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.voucher.abstract_models import AbstractVoucher
from oscar.core.loading import get_model

from shop.users.validators import validate_mainland_mobile


def mobile_masked(mobile):
    """``13912345678`` as ``139****5678``: enough for its holder to recognise it."""
    return f"{mobile[:3]}****{mobile[-4:]}"


class Voucher(AbstractVoucher):
    holder_mobile = models.CharField(
        _("持券人手机号"),
        max_length=11,
        blank=True,
        default="",
        db_index=True,
        validators=[validate_mainland_mobile],
        help_text=_("填写后，只有用这个手机号登录的账号能使用这张券。"),
    )
    stand_alone = models.BooleanField(
        _("不与同类券同时使用"),
        default=False,
        help_text=_("一个购物车里只能有一张这样的券（如工会福利券）。"),
    )

    def is_available_to_user(self, user=None):
        if self.holder_mobile and not (user is not None and user.is_authenticated):
            return False, _("这张券只能由领券人登录后使用。")
        if self.holder_mobile and user.mobile != self.holder_mobile:
            message = _("这张券是发给手机号 %(mobile)s 的，请用这个手机号登录后使用。")
            return False, message % {"mobile": mobile_masked(self.holder_mobile)}
        if self.stand_alone and user is not None and user.is_authenticated and self._stand_alone_taken(user):
            return False, _("一个订单只能使用一张福利券，购物车里已经有一张了。")
        return super().is_available_to_user(user)

    def _stand_alone_taken(self, user):
        """Whether another stand-alone voucher is in a basket of ``user`` before this one: in
        the open basket this one is not in yet, or added earlier to a basket holding both (two
        tabs adding two codes at once: the first added is the one that counts)."""
        Basket = get_model("basket", "Basket")
        rows = Basket.vouchers.through.objects.filter(
            basket__owner=user,
            basket__status__in=(Basket.OPEN, Basket.FROZEN),
            voucher__stand_alone=True,
        ).values_list("basket_id", "basket__status", "voucher_id", "pk")
        mine = {basket_id: pk for basket_id, _status, voucher_id, pk in rows if voucher_id == self.pk}
        for basket_id, status, voucher_id, pk in rows:
            if voucher_id == self.pk:
                continue
            if basket_id in mine and pk < mine[basket_id]:
                return True
            if basket_id not in mine and status == Basket.OPEN:
                return True
        return False


from oscar.apps.voucher.models import *  # noqa: E402, F403
