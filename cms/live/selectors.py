"""Read-side queries of 直播带货. A sale shows to visitors while its page is live and public and
its host cooperative is active (a suspended cooperative's sales leave every list with its
products); its products show while they are choosable (``cms.links``).

Every list costs a bounded number of queries whatever its length: hosts are joined, images come
with their renditions, and the featured products of all the sales of a list are read at once.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.images import get_image_model

from catalog.constants import CooperativeStatus
from catalog.models import CooperativeProfile
from cms.featuring import FeaturingGroup, HomeSection
from cms.links import linked_products

from .constants import TABS, LiveStatus
from .models import LiveSaleIndexPage, LiveSalePage, LiveSaleProduct

Partner = get_model("partner", "Partner")

#: The image renditions the cards and the page use, prefetched with the images.
CARD_RENDITION = "fill-480x320"
PER_PAGE = 12
#: Product thumbnails a card shows.
CARD_PRODUCTS = 4
HOME_SALES = 3
FEATURING_SALES = 6

#: How each status lists: the soonest first, replays the latest first.
ORDERING = {
    LiveStatus.LIVE: ["starts_at", "pk"],
    LiveStatus.UPCOMING: ["starts_at", "pk"],
    LiveStatus.ENDED: ["-ends_at", "-pk"],
}

#: The tabs of the index, in order; the first one with sales is the default.
TAB_ORDER = list(TABS)


def status_filter(status, now):
    """The database form of ``status.live_sale_status``: the same boundaries, minute for minute."""
    return {
        LiveStatus.UPCOMING: Q(starts_at__gt=now),
        LiveStatus.LIVE: Q(starts_at__lte=now, ends_at__gt=now),
        LiveStatus.ENDED: Q(ends_at__lte=now),
    }[status]


def live_sales_public():
    """Sales visitors may see (see the module docstring), with what a card shows."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return (
        LiveSalePage.objects.live()
        .public()
        .filter(host__cooperative__status=CooperativeStatus.ACTIVE)
        .select_related("host")
        .prefetch_related(Prefetch("image", queryset=images))
    )


def live_sale_products(sale):
    """The sale's products still for sale, in the editor's order, each with its room offer as
    ``live_note``; ready for product cards (price and stock from Oscar's strategy)."""
    links = list(LiveSaleProduct.objects.filter(page=sale).order_by("sort_order", "pk"))
    products = linked_products([link.product_id for link in links])
    notes = {link.product_id: link.note for link in links}
    for product in products:
        product.live_note = notes[product.pk]
    return products


def with_card_products(sales, *, now, limit=CARD_PRODUCTS):
    """Gives each sale its status at ``now`` and up to ``limit`` of its choosable products as
    ``card_products`` (for thumbnails and the image a sale without its own borrows), in a fixed
    number of queries for the whole list."""
    sales = list(sales)
    links = LiveSaleProduct.objects.filter(page__in=sales).order_by("page_id", "sort_order", "pk")
    product_ids = {}
    for link in links.values_list("page_id", "product_id"):
        product_ids.setdefault(link[0], []).append(link[1])
    products = {p.pk: p for p in linked_products({pk for ids in product_ids.values() for pk in ids})}
    for sale in sales:
        sale.status = sale.status_at(now)
        sale.card_products = [products[pk] for pk in product_ids.get(sale.pk, []) if pk in products][:limit]
    return sales


def live_sale_hosts(index):
    """The cooperatives (partners) with sales under ``index``, by name: the index's filter."""
    hosts = live_sales_public().descendant_of(index).values("host_id")
    return Partner.objects.filter(pk__in=hosts).order_by("name")


@dataclass(frozen=True)
class LiveSaleListing:
    """One tab of the index: ``counts`` of every tab, and the page of sales of ``tab`` (of
    ``host`` only, if given)."""

    tab: LiveStatus
    host: object  # Partner or None
    counts: dict
    page: object  # django.core.paginator.Page of LiveSalePage

    @property
    def tabs(self):
        """(status, label, count, whether it is the tab shown) of every tab, in order."""
        return [(status, TABS[status], self.counts[status], status == self.tab) for status in TAB_ORDER]


def live_sale_listing(*, index, status=None, host=None, page_number=None, now, per_page=PER_PAGE):
    """The sales under ``index`` in tab ``status`` (by default the first tab with sales), of
    ``host`` if given, page ``page_number`` of them (an out-of-range or malformed number gives
    the nearest page, as Django's ``Paginator.get_page`` does)."""
    sales = live_sales_public().descendant_of(index)
    if host is not None:
        sales = sales.filter(host=host)
    counts = sales.aggregate(**{s.value: Count("pk", filter=status_filter(s, now)) for s in TAB_ORDER})
    counts = {s: counts[s.value] for s in TAB_ORDER}
    if status is None:
        status = next((s for s in TAB_ORDER if counts[s]), LiveStatus.LIVE)
    ordered = sales.filter(status_filter(status, now)).order_by(*ORDERING[status])
    page = Paginator(ordered, per_page).get_page(page_number)
    page.object_list = with_card_products(page.object_list, now=now)
    return LiveSaleListing(tab=status, host=host, counts=counts, page=page)


def live_sales_on_air_or_next(*, now, limit=HOME_SALES):
    """Sales live at ``now`` first, then the next ones, at most ``limit``."""
    sales = live_sales_public().filter(ends_at__gt=now).order_by("starts_at", "pk")[:limit]
    return with_card_products(sales, now=now)


def _featuring_note(sale):
    if sale.status == LiveStatus.UPCOMING:
        return f"{sale.status.label} · {sale.when}"
    if sale.replay_available:
        return _("已结束 · 可看回放")
    return sale.status.label


def live_sales_featuring(product_ids, area_ids, *, now=None, limit=FEATURING_SALES):
    """The ``FEATURING_HOOK`` of 直播带货: sales that sell one of ``product_ids`` or are hosted
    by a cooperative serving one of ``area_ids``; live ones first, then the next ones, then the
    latest replays. Two queries."""
    now = now or timezone.now()
    condition = Q(pk__in=LiveSaleProduct.objects.filter(product_id__in=product_ids).values("page_id"))
    if area_ids:
        serving = CooperativeProfile.objects.filter(areas__in=area_ids).values("partner_id")
        condition |= Q(host_id__in=serving)
    # The latest sales are enough to fill the group; ordering by status happens on those.
    sales = list(live_sales_public().filter(condition).order_by("-starts_at", "-pk")[:50])
    for sale in sales:
        sale.status = sale.status_at(now)
        sale.featuring_note = _featuring_note(sale)
    on_air = [sale for sale in sales if sale.status == LiveStatus.LIVE]
    upcoming = sorted(
        (sale for sale in sales if sale.status == LiveStatus.UPCOMING), key=lambda s: s.starts_at
    )
    replays = [sale for sale in sales if sale.status == LiveStatus.ENDED]
    return FeaturingGroup(title=_("直播带货"), pages=[*on_air, *upcoming, *replays][:limit], order=40)


def live_sales_home_section(request, home):
    """The ``HOME_SECTION_HOOK`` of 直播带货: live and upcoming sales, none when there are none."""
    sales = live_sales_on_air_or_next(now=timezone.now())
    if not sales:
        return None
    index = LiveSaleIndexPage.objects.child_of(home).live().public().first()
    return HomeSection(
        template="live/includes/home_section.html", context={"sales": sales, "index": index}, order=30
    )
