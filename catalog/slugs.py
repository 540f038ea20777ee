from django.utils.text import slugify
from pypinyin import lazy_pinyin


def pinyin_slugify(value, allow_unicode=False):
    """Slug that reads in pinyin: ``随州花菇 500g`` becomes ``sui-zhou-hua-gu-500g``.

    Oscar calls this through ``OSCAR_SLUG_FUNCTION`` for products and categories. Pinyin keeps
    URLs readable when shared over WeChat, where percent-encoded hanzi turn into noise.
    """
    return slugify(" ".join(lazy_pinyin(value)), allow_unicode=allow_unicode)
