"""Route maps drawn server-side as SVG, with no online map tiles (no network at run time).

``route_map_svg`` is a pure function from the stops' coordinates to escaped SVG markup: the stops
as numbered markers joined in their order, the towns of Sui County around them as labelled
points, and a scale bar. The projection is equirectangular around the bounds of stops and towns:
longitude shrunk by cos(latitude) of the middle of the map, so one kilometre east is as long as
one kilometre north at the county's ~31.7°N (a tenth of a degree of longitude there is ~9.5 km,
of latitude ~11.1 km). The drawing has a fixed width in a ``viewBox`` and ``width="100%"``, so it
scales to a phone; its height follows the route's shape, within bounds.
"""

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH = 480
MAX_HEIGHT = 560
MIN_HEIGHT = 240
PADDING = 40
#: The smallest span drawn, in degrees (~1 km): one stop, or stops in one village, still get a map.
MIN_SPAN = 0.01
KM_PER_DEGREE_LATITUDE = 111.32
SCALE_BAR_KM = (0.5, 1, 2, 5, 10, 20, 50)


@dataclass(frozen=True)
class MapStop:
    number: int
    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Projection:
    """Degrees to ``viewBox`` units around a centre, ``scale`` units per degree of latitude."""

    centre_latitude: float
    centre_longitude: float
    shrink: float  # cos(centre latitude)
    scale: float
    height: float

    def point(self, latitude, longitude):
        x = WIDTH / 2 + (longitude - self.centre_longitude) * self.shrink * self.scale
        y = self.height / 2 - (latitude - self.centre_latitude) * self.scale
        return round(x, 1), round(y, 1)


def projection_for(points):
    """The projection that fits ``points`` ((latitude, longitude) pairs) inside the padding."""
    latitudes = [lat for lat, _lng in points]
    longitudes = [lng for _lat, lng in points]
    centre_latitude = (min(latitudes) + max(latitudes)) / 2
    centre_longitude = (min(longitudes) + max(longitudes)) / 2
    shrink = math.cos(math.radians(centre_latitude))
    span_x = max((max(longitudes) - min(longitudes)) * shrink, MIN_SPAN)
    span_y = max(max(latitudes) - min(latitudes), MIN_SPAN)
    scale = min((WIDTH - 2 * PADDING) / span_x, (MAX_HEIGHT - 2 * PADDING) / span_y)
    height = min(MAX_HEIGHT, max(MIN_HEIGHT, span_y * scale + 2 * PADDING))
    return Projection(centre_latitude, centre_longitude, shrink, scale, round(height, 1))


def route_map_svg(stops, towns, *, title, id_prefix="route-map"):
    """SVG markup of ``stops`` (``MapStop``, in route order) among ``towns`` (``towns.Town``),
    or an empty string when no stop has coordinates. Every text is escaped."""
    if not stops:
        return ""
    projection = projection_for(
        [(stop.latitude, stop.longitude) for stop in stops]
        + [(town.latitude, town.longitude) for town in towns]
    )
    stop_points = [projection.point(stop.latitude, stop.longitude) for stop in stops]
    description = " → ".join(f"{stop.number}. {stop.name}" for stop in stops)
    parts = [
        format_html(
            '<svg class="wf-route-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" '
            'role="img" aria-labelledby="{}-title {}-desc" font-family="sans-serif">',
            WIDTH,
            projection.height,
            id_prefix,
            id_prefix,
        ),
        format_html('<title id="{}-title">{}</title>', id_prefix, title),
        format_html('<desc id="{}-desc">{}</desc>', id_prefix, description),
        format_html(
            '<rect width="{}" height="{}" rx="8" fill="#f3f6ee" stroke="#d5dcc8"/>', WIDTH, projection.height
        ),
        _towns(towns, projection),
        format_html(
            '<polyline class="wf-route-map__line" points="{}" fill="none" stroke="#2f6b3a" stroke-width="3" '
            'stroke-linejoin="round" stroke-linecap="round" stroke-dasharray="8 5"/>',
            " ".join(f"{x},{y}" for x, y in stop_points),
        ),
        format_html_join(
            "",
            '<g class="wf-route-map__stop"><title>{}. {}</title>'
            '<circle cx="{}" cy="{}" r="15" fill="#c0392b" stroke="#fff" stroke-width="2"/>'
            '<text x="{}" y="{}" text-anchor="middle" font-size="17" font-weight="bold" fill="#fff">{}</text>'
            "</g>",
            (
                (stop.number, stop.name, x, y, x, round(y + 6, 1), stop.number)
                for stop, (x, y) in zip(stops, stop_points, strict=True)
            ),
        ),
        _scale_bar(projection),
        mark_safe("</svg>"),
    ]
    return mark_safe("".join(parts))


def _towns(towns, projection):
    rows = []
    for town in towns:
        x, y = projection.point(town.latitude, town.longitude)
        rows.append((x, y, round(x + 8, 1), round(y + 5, 1), town.name))
    return format_html_join(
        "",
        '<g class="wf-route-map__town"><circle cx="{}" cy="{}" r="4.5" fill="#7a8471"/>'
        '<text x="{}" y="{}" font-size="16" fill="#55604c">{}</text></g>',
        rows,
    )


def _scale_bar(projection):
    """A bar of a round number of kilometres, at most a quarter of the map's width."""
    units_per_km = projection.scale / KM_PER_DEGREE_LATITUDE
    km = max(
        (length for length in SCALE_BAR_KM if length * units_per_km <= WIDTH / 4), default=SCALE_BAR_KM[0]
    )
    length = round(km * units_per_km, 1)
    x, y = 16, projection.height - 16
    label = _("%(km)s 公里") % {"km": f"{km:g}"}
    return format_html(
        '<g class="wf-route-map__scale">'
        '<path d="M{} {}v-5h{}v5" fill="none" stroke="#55604c" stroke-width="1.5"/>'
        '<text x="{}" y="{}" font-size="15" fill="#55604c">{}</text></g>',
        x,
        y,
        length,
        round(x + length + 6, 1),
        y,
        label,
    )
