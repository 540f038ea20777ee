"""What a page may point at in the shop: approved products of active cooperatives, and the
resettlement areas. Editors choose them with Wagtail choosers over the catalogue (products are
not in Wagtail's search index, so the product chooser searches with the shop's own search), and
every page shows only what is still choosable when it renders: a product that loses its approval,
or whose cooperatives are all suspended, disappears from every page in the same request.

Pages subclass ``ProductLink`` / ``AreaLink`` as orderable inline rows with a ``ParentalKey``.
``cms`` points at the catalogue and never the reverse (DESIGN.md, "One ledger of sales").
"""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.models import Orderable

from catalog.models import ResettlementArea
from catalog.selectors import browsable_products_for_shoppers, product_list_for_shoppers, product_search


def choosable_products():
    """Products an editor may link and a page may show: public, browsable, approved by the
    listing review, and stocked by some active cooperative (or nobody yet)."""
    return browsable_products_for_shoppers()


def linked_products(product_ids):
    """The choosable products among ``product_ids``, in that order, ready for product cards
    (a bounded number of queries whatever their number)."""
    products = product_list_for_shoppers().in_bulk(list(product_ids))
    return [products[pk] for pk in product_ids if pk in products]


def _choosable_product_q():
    # A callable, so the form's queryset is built per request and sees today's approvals.
    return Q(pk__in=choosable_products().values("pk"))


class ProductLink(Orderable):
    """A product a page features, in the editor's order. Only a choosable product passes the
    form (``limit_choices_to``), so a crafted id of a product awaiting review is refused."""

    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("商品"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=_choosable_product_q,
    )

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("关联商品")
        verbose_name_plural = _("关联商品")


class AreaLink(Orderable):
    """A resettlement area a page is about or passes through."""

    area = models.ForeignKey(
        "catalogue.ResettlementArea", verbose_name=_("安置区"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("area")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("关联安置区")
        verbose_name_plural = _("关联安置区")


class ProductSearchForm(BaseFilterForm):
    """The chooser's search box, served by the shop's product search (Chinese words, pinyin)."""

    q = forms.CharField(
        label=_("搜索商品"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("商品名称、拼音")}),
    )

    def filter(self, objects):
        self.search_query = self.cleaned_data.get("q", "").strip()
        if self.search_query:
            self.is_searching = True
            return product_search(objects, self.search_query, ranked=False)
        return objects


class ChoosableProductsMixin:
    """Chooser views that list and return only choosable products: a chooser request for a
    product awaiting review, or of a suspended cooperative, answers 404. The search form is set
    on the views: a ``ChooserViewSet`` does not pass its ``filter_form_class`` on to them."""

    filter_form_class = ProductSearchForm

    def get_object_list(self):
        return choosable_products().select_related("origin_area")

    def get_object(self, pk):
        return choosable_products().get(pk=pk)

    def get_objects(self, pks):
        return choosable_products().filter(pk__in=pks)

    @property
    def columns(self):
        return [*super().columns, Column("origin_area", label=_("产地安置区"))]


class ProductChooseView(ChoosableProductsMixin, chooser_views.ChooseView):
    pass


class ProductChooseResultsView(ChoosableProductsMixin, chooser_views.ChooseResultsView):
    pass


class ProductChosenView(ChoosableProductsMixin, chooser_views.ChosenView):
    pass


class ProductChosenMultipleView(ChoosableProductsMixin, chooser_views.ChosenMultipleView):
    pass


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("选择商品")
    choose_another_text = _("换一个商品")
    edit_item_text = _("编辑商品")
    per_page = 20
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    chosen_view_class = ProductChosenView
    chosen_multiple_view_class = ProductChosenMultipleView


class AreaChooserViewSet(ChooserViewSet):
    model = ResettlementArea
    icon = "site"
    choose_one_text = _("选择安置区")
    choose_another_text = _("换一个安置区")
    edit_item_text = _("编辑安置区")
    per_page = 30


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="choosers/products")
area_chooser_viewset = AreaChooserViewSet("area_chooser", url_prefix="choosers/areas")
