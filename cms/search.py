"""Chinese text for Wagtail's search index. Wagtail's database backend splits words on spaces,
which Chinese does not have, so each page also indexes ``chinese_search_text``: its title and the
fields it names in ``chinese_search_fields``, segmented by the product search's jieba rules
(every word any of jieba's modes finds, plus pinyin). ``香菇`` then finds a page about
``三里岗香菇节``. The query is segmented the same way before it is searched (``cms.site_search``).
"""

from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from catalog.search_text import segment_for_index


def _plain_text(page, name):
    """The text of ``page``'s field or attribute ``name``: rich text without tags, a StreamField's
    searchable content, anything else as a string."""
    value = getattr(page, name)
    if callable(value):
        value = value()
    if value in (None, ""):
        return ""
    field = page._meta.get_field(name) if name in {f.name for f in page._meta.get_fields()} else None
    if isinstance(field, StreamField):
        return " ".join(field.stream_block.get_searchable_content(value))
    if isinstance(field, RichTextField):
        return strip_tags(value)
    return str(value)


class ChineseSearchable:
    """Mixin for page models: add ``CHINESE_SEARCH_FIELDS`` to ``search_fields`` and list the
    fields to segment in ``chinese_search_fields``."""

    chinese_search_fields = ()

    def chinese_search_text(self):
        texts = [self.title, *(_plain_text(self, name) for name in self.chinese_search_fields)]
        return segment_for_index(*texts)


CHINESE_SEARCH_FIELDS = [index.SearchField("chinese_search_text")]
