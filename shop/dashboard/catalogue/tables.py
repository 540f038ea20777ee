"""Oscar's dashboard tables, plus the listing review outcome in the product list."""

from django.utils.translation import gettext_lazy as _
from django_tables2 import TemplateColumn
from oscar.apps.dashboard.catalogue import tables as oscar_tables
from oscar.apps.dashboard.catalogue.tables import *  # noqa: F403


class ProductTable(oscar_tables.ProductTable):
    """Adds 「审核」: how the product's latest listing review stands (annotated by the view's
    queryset, so the column costs no query per row)."""

    review = TemplateColumn(
        verbose_name=_("审核"),
        template_name="oscar/dashboard/catalogue/product_row_review.html",
        order_by="latest_review_status",
    )

    class Meta(oscar_tables.ProductTable.Meta):
        sequence = (*oscar_tables.ProductTable.Meta.sequence[:-1], "review", "actions")
