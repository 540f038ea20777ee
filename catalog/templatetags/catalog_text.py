"""Template filters for catalogue text."""

from django import template
from django.utils.safestring import mark_safe

from catalog.richtext import description_clean

register = template.Library()


@register.filter
def description_html(value):
    """A product description cleaned by :func:`catalog.richtext.description_clean` and marked
    safe.

    Descriptions are cleaned when saved too; cleaning again when rendering also covers rows
    written before that rule or by a path that does not go through it (the Django admin, a
    shell, an import), without rewriting the rows."""
    return mark_safe(description_clean(value))
