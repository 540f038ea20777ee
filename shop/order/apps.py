import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    """Oscar's order app, forked only so order addresses carry the mainland address fields."""

    name = "shop.order"
