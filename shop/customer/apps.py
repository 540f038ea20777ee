import oscar.apps.customer.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CustomerConfig(apps.CustomerConfig):
    """Oscar's customer app, forked so shoppers log in with an e-mail or a mobile number and
    confirm receipt of their orders."""

    name = "shop.customer"

    def ready(self):
        super().ready()
        self.order_receipt_view = get_class("customer.views", "OrderReceiptView")

    def get_urls(self):
        return super().get_urls() + self.post_process_urls(
            [
                path(
                    "orders/<str:order_number>/receipt/",
                    self.order_receipt_view.as_view(),
                    name="order-receipt",
                )
            ]
        )
