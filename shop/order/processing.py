"""Oscar's order event handler, with cancelling that gives the stock back."""

from oscar.apps.order import processing

from shop.order.constants import OrderStatus


class EventHandler(processing.EventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        """Oscar's status change (the dashboard's order page and order list use it). Cancelling
        an order also releases the stock its unshipped lines still hold, so the cooperative can
        sell it again; shipped lines hold none, and a second release changes nothing."""
        if new_status == OrderStatus.CANCELLED:
            self.cancel_stock_allocations(order)
        super().handle_order_status_change(order, new_status, note_msg=note_msg)
