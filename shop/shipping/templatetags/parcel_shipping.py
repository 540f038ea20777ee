"""Template helpers for the checkout's shipping-method page: why methods are missing, and what each
parcel costs.

    {% load parcel_shipping %}
    {% shipping_options basket shipping_address as options %}
    {% for parcel in method|shipping_parcels %}…{% endfor %}
    {% with quote=method|shipping_quote %}{{ quote.province }}{% endwith %}
"""

from django import template

from ..quotes import shipping_options as quote_shipping_options

register = template.Library()


@register.simple_tag
def shipping_options(basket, shipping_address=None):
    """:class:`~shop.shipping.quotes.ShippingOptions` of ``basket`` to ``shipping_address``:
    ``notices`` and ``unavailable`` (each with ``name`` and ``reason``) for the page."""
    return quote_shipping_options(basket=basket, shipping_addr=shipping_address)


@register.filter
def shipping_parcels(method):
    """The parcel charges of a method, looking through Oscar's offer-discount wrapper; empty for
    methods not priced per parcel."""
    method = getattr(method, "method", method)
    return getattr(method, "parcels", ())


@register.filter
def shipping_quote(method):
    """The :class:`~shop.shipping.quotes.MethodQuote` behind a method (its ``province``, and
    ``is_lower_bound`` when no province is known yet), looking through Oscar's offer-discount
    wrapper; ``None`` for methods not priced per parcel."""
    method = getattr(method, "method", method)
    return getattr(method, "quote", None)
