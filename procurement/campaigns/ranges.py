"""The products a union's welfare voucher may buy: Oscar's custom range (``Range.proxy_class``)
over what shoppers can buy from the resettlement areas, worked out when asked, so a product
approved or a cooperative suspended after a campaign started is in or out at once."""

from django.db.models import Q
from oscar.core.loading import get_model

from catalog.constants import CooperativeStatus
from catalog.models import CooperativeProfile
from catalog.selectors import products_visible_to_shoppers

Range = get_model("offer", "Range")


def resettlement_area_products():
    """Approved products shoppers may see that come from a resettlement area (their origin) or
    are stocked by an active cooperative serving one."""
    serving = CooperativeProfile.objects.filter(status=CooperativeStatus.ACTIVE, areas__isnull=False).values(
        "partner_id"
    )
    return (
        products_visible_to_shoppers()
        .filter(
            Q(origin_area__isnull=False)
            | Q(stockrecords__partner_id__in=serving)
            | Q(children__stockrecords__partner_id__in=serving)
        )
        .distinct()
    )


class ResettlementAreaProducts:
    """Oscar's range interface (``contains_product``, ``num_products``, ``all_products``)."""

    name = "安置区特色产品"

    def contains_product(self, product):
        # A variant is in the range when its parent is: approval is the parent's.
        return resettlement_area_products().filter(pk=product.parent_id or product.pk).exists()

    def num_products(self):
        return resettlement_area_products().count()

    def all_products(self):
        return resettlement_area_products()


def resettlement_range():
    """The one ``Range`` row that stands for :class:`ResettlementAreaProducts`."""
    path = f"{ResettlementAreaProducts.__module__}.{ResettlementAreaProducts.__name__}"
    return Range.objects.get_or_create(proxy_class=path, defaults={"name": ResettlementAreaProducts.name})[0]
