"""The one rule for a product description's HTML (商品描述).

A description is rich text a cooperative writes in the dashboard editor and every shopper's
browser renders, so it is reduced to a small allow-list with nh3 (ammonia's sanitiser): what
the editor needs to lay out a description and nothing that runs, loads or looks like our own
page. Images are left out on purpose: a product's photos are uploaded, checked and reviewed
as product images, and an ``<img>`` here could load anything from anywhere.
"""

import nh3

#: Paragraphs, line breaks, emphasis, lists, sub-headings (the page's own heading is h1) and
#: simple tables (nutrition facts, specifications).
DESCRIPTION_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "ul",
        "ol",
        "li",
        "h2",
        "h3",
        "h4",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
    }
)

_cleaner = nh3.Cleaner(
    tags=DESCRIPTION_TAGS,
    # Script and style are dropped with their content, so none of their code shows as text.
    clean_content_tags={"script", "style"},
    attributes={"a": {"href"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}},
    url_schemes={"http", "https"},
    # A link that only points within the page ("#…") or at a relative path is refused too:
    # a description has no business linking into the shop's own actions.
    url_relative="deny",
    link_rel="noopener noreferrer nofollow",
)


def description_clean(html):
    """``html`` reduced to :data:`DESCRIPTION_TAGS`, links only to http(s) addresses (with
    ``rel="noopener noreferrer nofollow"``), no attributes that script or style a page.
    Safe to render as it is; cleaning clean HTML gives it back unchanged."""
    return _cleaner.clean(html or "")
