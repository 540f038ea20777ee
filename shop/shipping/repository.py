"""The shipping methods Oscar's checkout and basket offer (``shipping.repository.Repository``)."""

from oscar.apps.shipping.repository import Repository as OscarRepository

from .methods import NoDeliveryAvailable, method_for_quote
from .quotes import shipping_options


class Repository(OscarRepository):
    """普通快递 or 冷链配送 (whichever the basket's storage needs) and 到合作社自提, priced per
    cooperative parcel for the address's province; Oscar wraps them in any shipping offer
    (free shipping over a threshold) the basket qualifies for."""

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        options = shipping_options(basket=basket, shipping_addr=shipping_addr)
        return [method_for_quote(quote) for quote in options.quotes]

    def get_default_shipping_method(self, basket, shipping_addr=None, **kwargs):
        """The first method, for the basket page's estimate. When nothing ships to the shopper's
        default address, the estimate without an address; the checkout then says why."""
        methods = self.get_shipping_methods(basket, shipping_addr=shipping_addr, **kwargs)
        if not methods and shipping_addr is not None:
            methods = self.get_shipping_methods(basket, **kwargs)
        return methods[0] if methods else NoDeliveryAvailable()
