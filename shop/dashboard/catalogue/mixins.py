"""Oscar's product dashboard mixins, forked to narrow the product list's bulk actions.

Oscar's ``dashboard.catalogue.views`` loads ``ProductBulkActionMixin`` with
``get_classes("dashboard.catalogue.mixins", …)``, and its bulk action confirmation view takes
its actions from the mixin, so narrowing them here narrows both steps.
"""

from oscar.apps.dashboard.catalogue import mixins as oscar_mixins
from oscar.apps.dashboard.catalogue.mixins import *  # noqa: F403


class ProductBulkActionMixin(oscar_mixins.ProductBulkActionMixin):
    """Oscar's product bulk actions without "Update product prices" (``set_product_price``),
    for operators and cooperatives alike: it rewrites stock record prices with one ``UPDATE``,
    past listing review (a cooperative's price would be live at once, nothing for the operator
    to review), past the lock on a product whose change waits for review, and with nobody
    recorded. Prices change on the product page, where listing review applies. Making products
    public or not stays: a product nobody approved remains hidden from shoppers either way."""

    intermediate_actions = {
        name: action
        for name, action in oscar_mixins.ProductBulkActionMixin.intermediate_actions.items()
        if name != "set_product_price"
    }
