"""Read-side queries of the tourism pages. Each returns what a template shows in a bounded number
of queries whatever the number of pages, stops or products."""

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Page

from catalog.selectors import product_list_for_shoppers

from . import hours
from .constants import PageKind, Weekday
from .fields import has_choice
from .forms import TourismFilterForm
from .maps import MapStop, route_map_svg
from .models import AttractionPage, OpeningException, RoutePage, RouteStop
from .towns import towns_near

PER_PAGE = 12
CARD_IMAGE = "fill-480x320"
STOP_IMAGE = "fill-240x160"
GALLERY_IMAGE = "fill-480x360"
#: How many products the route page shows under 沿线好物.
PRODUCTS_ALONG_ROUTE = 8
#: How many pages of one kind a product or area page lists.
FEATURING_LIMIT = 6
HOME_ROUTES = 3


def _with_image(spec):
    """Prefetches a page's ``image`` with its ``spec`` rendition: two queries for a whole list."""
    return Prefetch("image", queryset=get_image_model().objects.prefetch_renditions(spec))


def _exceptions_from_today():
    """Dated exceptions from today (Beijing) on: the past ones change no status."""
    today = timezone.now().astimezone(hours.BEIJING).date()
    return Prefetch("opening_exceptions", queryset=OpeningException.objects.filter(date__gte=today))


# --- The tourism index ---------------------------------------------------------------------------


def tourism_pages(index, *, town="", season="", kind="", audience=""):
    """The live, public routes and attractions under ``index`` matching the filters (a ``Page``
    queryset, newest first): ``town`` a route's stop (its area or attraction) or an attraction
    (its own town or its area's) is in; ``season`` and ``audience`` codes among the page's."""
    routes, attractions = RoutePage.objects.all(), AttractionPage.objects.all()
    if town:
        stops_in_town = RouteStop.objects.filter(page=OuterRef("pk")).filter(
            Q(area__town=town) | Q(attraction__town=town) | Q(attraction__area__town=town)
        )
        routes = routes.filter(Exists(stops_in_town))
        attractions = attractions.filter(Q(town=town) | Q(area__town=town))
    for name, code in (("best_seasons", season), ("audiences", audience)):
        if code:
            routes, attractions = (
                routes.filter(has_choice(name, code)),
                attractions.filter(has_choice(name, code)),
            )
    kinds = {PageKind.ROUTE: routes, PageKind.ATTRACTION: attractions}
    chosen = Q()
    for page_kind, pages in kinds.items():
        if not kind or kind == page_kind:
            chosen |= Q(pk__in=pages.values("pk"))
    return Page.objects.child_of(index).live().public().filter(chosen).order_by("-first_published_at", "-pk")


def tourism_index_listing(index, params):
    """The index page's filter form, page of cards (specific pages) and paginator for the GET
    ``params``; a bad filter or page number shows the first page of everything it can."""
    form = TourismFilterForm(params)
    filters = form.filters()
    paginator = Paginator(tourism_pages(index, **filters), PER_PAGE)
    page_obj = paginator.get_page(params.get("page"))
    return {
        "filter_form": form,
        "filters_active": bool(filters),
        "paginator": paginator,
        "page_obj": page_obj,
        "cards": tourism_cards([page.pk for page in page_obj]),
    }


def tourism_cards(page_ids):
    """The routes and attractions ``page_ids``, in that order, with their card images and (for
    attractions) what today's opening status needs."""
    if not page_ids:
        return []
    routes = RoutePage.objects.filter(pk__in=page_ids).prefetch_related(_with_image(CARD_IMAGE))
    attractions = AttractionPage.objects.filter(pk__in=page_ids).prefetch_related(
        _with_image(CARD_IMAGE), "opening_hours", _exceptions_from_today()
    )
    by_id = {page.pk: page for pages in (routes, attractions) for page in pages}
    return [by_id[pk] for pk in page_ids if pk in by_id]


# --- A route -------------------------------------------------------------------------------------


def route_stops(route):
    """The route's stops in order, numbered (``stop.number``), each with ``attraction_link``:
    its attraction when that page is live and public, else None (the name is shown unlinked)."""
    stops = list(
        route.stops.select_related("attraction", "attraction__area", "area")
        .prefetch_related(_with_image(STOP_IMAGE))
        # Rows saved in one go may share a sort order; their creation order breaks the tie.
        .order_by("sort_order", "pk")
    )
    attraction_ids = {stop.attraction_id for stop in stops if stop.attraction_id}
    visible = (
        set(AttractionPage.objects.live().public().filter(pk__in=attraction_ids).values_list("pk", flat=True))
        if attraction_ids
        else set()
    )
    for number, stop in enumerate(stops, start=1):
        stop.number = number
        stop.attraction_link = stop.attraction if stop.attraction_id in visible else None
    return stops


def route_map(route, stops):
    """The SVG map of the numbered ``stops`` that have coordinates ('' when none has)."""
    mapped = [
        MapStop(stop.number, stop.name, float(stop.latitude), float(stop.longitude))
        for stop in stops
        if stop.has_coordinates
    ]
    towns = towns_near([(stop.latitude, stop.longitude) for stop in mapped])
    return route_map_svg(
        mapped, towns, title=_("%(route)s 路线图") % {"route": route.title}, id_prefix="route-map"
    )


def route_areas(stops):
    """The resettlement areas the route passes: the stops' own and their attractions', in order."""
    areas = {}
    for stop in stops:
        for area in (stop.area, stop.attraction.area if stop.attraction else None):
            if area is not None:
                areas.setdefault(area.pk, area)
    return list(areas.values())


def products_along_route(area_ids, *, limit=PRODUCTS_ALONG_ROUTE):
    """沿线好物: products shoppers may buy whose origin area is one of ``area_ids``, newest
    first, ready for product cards (one queryset, so a fixed number of queries)."""
    if not area_ids:
        return []
    return list(product_list_for_shoppers().filter(origin_area_id__in=list(area_ids))[:limit])


def route_page_details(route):
    stops = route_stops(route)
    areas = route_areas(stops)
    return {
        "stops": stops,
        "route_map": route_map(route, stops),
        "areas": areas,
        "products": products_along_route([area.pk for area in areas]),
    }


# --- An attraction -------------------------------------------------------------------------------


def weekly_hours(week):
    """Monday to Sunday as (weekday label, intervals), an empty tuple for a closed day."""
    return [(label, week.weekly.get(day, ())) for day, label in Weekday.choices]


def routes_through(attraction):
    """The live, public routes with a stop at ``attraction``, by title."""
    stops_here = RouteStop.objects.filter(page=OuterRef("pk"), attraction=attraction)
    return list(RoutePage.objects.live().public().filter(Exists(stops_here)).order_by("title"))


def attraction_page_details(attraction, *, at=None):
    now = at or timezone.now()
    week = attraction.opening_week()
    status = hours.opening_status(week, now) if week.is_known else None
    today = now.astimezone(hours.BEIJING).date()
    return {
        "opening": status,
        "next_opening_label": (
            hours.describe_opening(status.next_opening, now) if status and status.next_opening else ""
        ),
        "weekly_hours": weekly_hours(week) if week.weekly else [],
        "upcoming_exceptions": sorted(
            (row for row in attraction.opening_exceptions.all() if row.date >= today),
            key=lambda row: row.date,
        )[:6],
        "ticket_prices": list(attraction.ticket_prices.all()),
        "gallery": list(attraction.gallery.prefetch_related(_with_image(GALLERY_IMAGE))),
        "area_url": reverse("catalog:area-detail", args=[attraction.area.slug]) if attraction.area_id else "",
        "routes": routes_through(attraction) if attraction.pk else [],
    }


# --- Other pages ---------------------------------------------------------------------------------


def routes_through_areas(area_ids, *, limit=FEATURING_LIMIT):
    """Live, public routes with a stop in one of ``area_ids`` or at an attraction near one."""
    stops = RouteStop.objects.filter(page=OuterRef("pk")).filter(
        Q(area_id__in=area_ids) | Q(attraction__area_id__in=area_ids)
    )
    return list(
        RoutePage.objects.live().public().filter(Exists(stops)).order_by("-first_published_at", "-pk")[:limit]
    )


def attractions_near_areas(area_ids, *, limit=FEATURING_LIMIT):
    """Live, public attractions whose nearby resettlement area is one of ``area_ids``."""
    return list(AttractionPage.objects.live().public().filter(area_id__in=area_ids).order_by("title")[:limit])


def home_routes(*, limit=HOME_ROUTES):
    """The routes the home page shows: those marked 首页推荐, newest first, or else the newest."""
    routes = RoutePage.objects.live().public().prefetch_related(_with_image(CARD_IMAGE))
    featured = list(routes.filter(featured=True).order_by("-first_published_at", "-pk")[:limit])
    return featured or list(routes.order_by("-first_published_at", "-pk")[:limit])
