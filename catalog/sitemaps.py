"""The products part of ``/sitemap.xml`` (Wagtail's pages are the other part)."""

from django.contrib.sitemaps import Sitemap

from .selectors import browsable_products_for_shoppers


class ProductSitemap(Sitemap):
    """Every product shoppers may see: approved, browsable, not hidden by a suspension; so a
    product waiting for its listing review is not announced to search engines."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return browsable_products_for_shoppers().only("pk", "slug", "date_updated")

    def lastmod(self, product):
        return product.date_updated
