"""The ledger's public figures for other pages' templates (the home page's headline), so that
``cms`` shows them without importing ``procurement``."""

from django import template

from ..selectors import impact_figures

register = template.Library()


@register.simple_tag
def impact_headline():
    """This year's public figures (``procurement.ledger.selectors.Impact``)."""
    return impact_figures()
