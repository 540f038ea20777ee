import oscar.apps.customer.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CustomerConfig(apps.CustomerConfig):
    """Oscar's customer app, forked so shoppers sign up and log in with a mobile number (or an
    e-mail), reset their password by a texted code and confirm receipt of their orders."""

    name = "shop.customer"

    def ready(self):
        super().ready()
        self.order_receipt_view = get_class("customer.views", "OrderReceiptView")
        self.password_reset_mobile_view = get_class("customer.views", "MobilePasswordResetView")

    def get_urls(self):
        return super().get_urls() + self.post_process_urls(
            [
                path(
                    "orders/<str:order_number>/receipt/",
                    self.order_receipt_view.as_view(),
                    name="order-receipt",
                ),
                path(
                    "password-reset/mobile/",
                    self.password_reset_mobile_view.as_view(),
                    name="password-reset-mobile",
                ),
            ]
        )
