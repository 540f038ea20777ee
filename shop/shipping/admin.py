from django.contrib import admin
from oscar.apps.shipping.admin import *  # noqa: F403

from .models import ShippingRate


@admin.register(ShippingRate)
class ShippingRateAdmin(admin.ModelAdmin):
    """Rates per method and zone; prices and delivery are edited right in the list."""

    list_display = ["__str__", "method_code", "zone", "first_kg_price", "additional_kg_price", "is_active"]
    list_display_links = ["__str__"]
    list_editable = ["first_kg_price", "additional_kg_price", "is_active"]
    list_filter = ["method_code", "zone", "is_active"]
