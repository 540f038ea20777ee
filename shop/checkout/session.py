"""Oscar's checkout session checks, reading the basket in a fixed number of queries."""

from django.db.models import prefetch_related_objects
from oscar.apps.checkout import session


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    def check_basket_is_valid(self, request):
        """Oscar's check that every line can still be bought, with the lines' product classes
        loaded at once: the check reads each line's class (does it track stock?), which the
        basket does not load, so every checkout page would otherwise query once per line."""
        lines = list(request.basket.all_lines())
        prefetch_related_objects([line.product for line in lines], "product_class", "parent__product_class")
        super().check_basket_is_valid(request)
