"""The towns and farm (镇/场) of Sui County and the 大洪山 scenic area, as labelled points for the
route maps.

The coordinates are APPROXIMATE (about the town seat, rounded to two decimals, read off public
maps by hand): good enough to place a label beside a route, never a surveyed position. No county
boundary with a clear licence is known, so the maps draw no outline (DESIGN.md, "route maps").
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    name: str
    latitude: float
    longitude: float


TOWNS = [
    Town("厉山镇", 31.80, 113.22),
    Town("高城镇", 31.95, 113.10),
    Town("殷店镇", 32.05, 113.41),
    Town("草店镇", 31.97, 113.28),
    Town("小林镇", 32.08, 113.59),
    Town("淮河镇", 32.21, 113.36),
    Town("万和镇", 31.59, 113.31),
    Town("尚市镇", 31.55, 113.47),
    Town("唐县镇", 31.63, 113.63),
    Town("吴山镇", 31.88, 113.68),
    Town("新街镇", 31.90, 113.50),
    Town("安居镇", 31.63, 113.18),
    Town("环潭镇", 31.46, 113.26),
    Town("洪山镇", 31.44, 113.10),
    Town("长岗镇", 31.52, 113.05),
    Town("三里岗镇", 31.51, 113.19),
    Town("柳林镇", 31.36, 113.19),
    Town("均川镇", 31.60, 113.23),
    Town("万福店农场", 31.85, 113.12),
    Town("大洪山风景区", 31.40, 113.03),
]

TOWN_NAMES = [town.name for town in TOWNS]

#: Degrees (about 4 km) around even the most compact route.
MIN_MARGIN = 0.04


def towns_near(points):
    """The towns around ``points`` ((latitude, longitude) pairs): those within the box around
    them widened by half its size (at least ``MIN_MARGIN`` degrees), the places a visitor would
    recognise around a route. A margin of the route's own scale keeps a route inside one town
    from being squeezed into a corner by a town farther off, and a county-long route among
    the towns it passes."""
    if not points:
        return []
    latitudes = [lat for lat, _lng in points]
    longitudes = [lng for _lat, lng in points]
    span = max(max(latitudes) - min(latitudes), max(longitudes) - min(longitudes))
    margin = max(MIN_MARGIN, span / 2)
    south, north = min(latitudes) - margin, max(latitudes) + margin
    west, east = min(longitudes) - margin, max(longitudes) + margin
    return [town for town in TOWNS if south <= town.latitude <= north and west <= town.longitude <= east]
