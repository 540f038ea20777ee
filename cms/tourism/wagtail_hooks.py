from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from cms.featuring import FEATURING_HOOK, HOME_SECTION_HOOK, FeaturingGroup, HomeSection

from .models import RoutePage
from .selectors import attractions_near_areas, home_routes, routes_through_areas


@hooks.register(FEATURING_HOOK)
def featuring_routes(product_ids, area_ids):
    """精品线路 through the product's area (or the area itself)."""
    if not area_ids:
        return None
    return FeaturingGroup(title=_("精品线路"), pages=routes_through_areas(area_ids), order=10)


@hooks.register(FEATURING_HOOK)
def featuring_attractions(product_ids, area_ids):
    """观光点/景点 near the product's area (or the area itself)."""
    if not area_ids:
        return None
    return FeaturingGroup(title=_("观光点/景点"), pages=attractions_near_areas(area_ids), order=20)


@hooks.register(HOME_SECTION_HOOK)
def home_featured_routes(request, home):
    routes = home_routes()
    if not routes:
        return None
    index = routes[0].get_parent()
    return HomeSection(
        template="tourism/includes/home_routes.html", context={"routes": routes, "index": index}, order=10
    )


def warn_stops_without_coordinates(request, page):
    """After a route is saved, tells the editor which stops its map leaves out."""
    page = page.specific
    if not isinstance(page, RoutePage):
        return
    missing = page.stops_without_coordinates()
    if missing:
        messages.warning(
            request,
            _("以下站点没有填写坐标，路线图上不会显示：%(stops)s。请补全纬度和经度。")
            % {"stops": "、".join(stop.name for stop in missing)},
        )


hooks.register("after_create_page", warn_stops_without_coordinates)
hooks.register("after_edit_page", warn_stops_without_coordinates)
