"""How the content areas (tourism, festivals, live sales, news) show up on pages they do not
own, through Wagtail hooks, so neither the catalogue nor the home page imports them:

- ``FEATURING_HOOK``: a function ``(product_ids, area_ids) -> FeaturingGroup | None`` returning
  the live, public pages of one kind that feature any of those products or pass through any of
  those areas. A product page asks with the product and its origin area, an area page with the
  area (the catalogue's templates use the ``pages_featuring`` tag of ``cms_links``).
- ``HOME_SECTION_HOOK``: a function ``(request, home) -> HomeSection | None`` giving one block of
  the home page (featured routes, the next festivals, live sales, news).

Each function costs a bounded number of queries whatever the number of pages.
"""

from dataclasses import dataclass, field

from wagtail import hooks

FEATURING_HOOK = "wenfu_pages_featuring"
HOME_SECTION_HOOK = "wenfu_home_sections"


@dataclass
class FeaturingGroup:
    """Pages of one kind, e.g. 精品线路, shown under ``title``; lower ``order`` comes first."""

    title: str
    pages: list
    order: int = 100


@dataclass
class HomeSection:
    """One block of the home page: ``template`` rendered with ``context``; lower ``order`` first."""

    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def pages_featuring(*, product_ids=(), area_ids=()):
    """The non-empty groups of pages featuring any of ``product_ids`` or ``area_ids``, in order."""
    product_ids, area_ids = list(product_ids), [pk for pk in area_ids if pk is not None]
    groups = (fn(product_ids, area_ids) for fn in hooks.get_hooks(FEATURING_HOOK))
    return sorted((group for group in groups if group and group.pages), key=lambda group: group.order)


def home_sections(request, home):
    """The home page's blocks from every content area, in order."""
    sections = (fn(request, home) for fn in hooks.get_hooks(HOME_SECTION_HOOK))
    return sorted((section for section in sections if section), key=lambda section: section.order)
