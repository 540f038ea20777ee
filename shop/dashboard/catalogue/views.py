"""Oscar's product dashboard, forked so a cooperative works on its own products only.

Oscar filters products for non-staff users with joins and ``DISTINCT``, but fetches the parent
of a new variant unfiltered and lets a partner delete a product other partners also stock.
Here every product queryset goes through :mod:`shop.dashboard.catalogue.selectors`.
Operators (staff) keep Oscar's behaviour.
"""

from django.contrib import messages
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.dashboard.catalogue import views as oscar_views
from oscar.apps.dashboard.catalogue.views import *  # noqa: F403
from oscar.core.loading import get_model

from catalog.constants import REVIEWED_PRODUCT_FIELDS
from catalog.review import selectors as review_selectors
from catalog.review import services as review_services
from catalog.review.exceptions import ListingReviewError
from shop.users.roles import is_operator

from .exceptions import TierPriceError
from .forms import ProductLookupForm, TierPriceFormSet
from .formsets import ProductCertificationFormSet, ProductImageFormSet, StockRecordFormSet
from .listing import HeldChanges
from .selectors import (
    products_deletable_in_dashboard,
    products_for_dashboard,
    stockrecords_for_dashboard,
    stockrecords_with_tiers,
)
from .services import stockrecord_tier_prices_change

Product = get_model("catalogue", "Product")


class CooperativeProductFilterMixin:
    """Replaces Oscar's ``PartnerProductFilterMixin.filter_queryset`` (joins + ``DISTINCT``)
    with :func:`~shop.dashboard.catalogue.selectors.products_for_dashboard`."""

    def filter_queryset(self, queryset):
        return products_for_dashboard(self.request.user, queryset)


class ProductListView(CooperativeProductFilterMixin, oscar_views.ProductListView):
    """Oscar's product list; each row also says how its latest listing review ended."""

    def get_queryset(self):
        return review_selectors.with_latest_review_status(super().get_queryset())


class LockedStockRecordFormSet(StockRecordFormSet):
    price_locked = True


class ProductCreateUpdateView(CooperativeProductFilterMixin, oscar_views.ProductCreateUpdateView):
    """Creates and edits products; a cooperative only its own (another's → 404), and a new
    variant only under one of its own parents.

    Listing review: a cooperative's new product waits for the operator; its change to the
    title, description, price, provenance, certificates or images of a listed product is held
    in a review (see :class:`~shop.dashboard.catalogue.listing.HeldChanges`) while everything
    else saves at once. While a change waits, those fields are locked. An operator's edits apply directly.
    """

    stockrecord_formset = StockRecordFormSet
    image_formset = ProductImageFormSet
    certification_formset = ProductCertificationFormSet

    def get_object(self, queryset=None):
        if "pk" not in self.kwargs and self.kwargs.get("parent_pk") is not None:
            # Oscar fetches the parent from all products: a cooperative could hang a variant
            # (and its stock record) under another cooperative's product.
            get_object_or_404(self.get_queryset(), pk=self.kwargs["parent_pk"])
        product = super().get_object(queryset)
        self.pending_review = review_services.pending_review(product) if product else None
        self.review_locked = bool(
            self.pending_review and product.approved_at and not is_operator(self.request.user)
        )
        self.formsets = self.get_formset_classes()
        return product

    def get_formset_classes(self):
        """Oscar's formsets plus certificates; while a change waits for review, prices are
        locked and the image and certificate formsets are left out (shown read-only)."""
        formsets = {**self.formsets, "certification_formset": self.certification_formset}
        if self.review_locked:
            formsets["stockrecord_formset"] = LockedStockRecordFormSet
            del formsets["image_formset"], formsets["certification_formset"]
        return formsets

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.review_locked:
            for name in REVIEWED_PRODUCT_FIELDS:
                if name in form.fields:
                    form.fields[name].disabled = True
        return form

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["tier_stockrecords"] = stockrecords_with_tiers(self.request.user, self.object)
        ctx["is_operator"] = is_operator(self.request.user)
        ctx["pending_review"] = self.pending_review
        ctx["review_locked"] = self.review_locked
        if self.object is not None and self.object.pk:
            ctx["review_history"] = review_selectors.product_review_history(product=self.object)[:5]
        return ctx

    def forms_valid(self, form, formsets):
        user = self.request.user
        if is_operator(user):
            response = super().forms_valid(form, formsets)
            if self.creating:
                review_services.listing_approve_by_operator(product=self.object)
            return response
        if self.object.approved_at is None:
            response = super().forms_valid(form, formsets)
            review_services.listing_submit_new(product=self.object, user=user)
            messages.info(self.request, _("商品已提交审核，审核通过后顾客才能看到。"))
            return response
        held = HeldChanges(form, formsets)
        response = super().forms_valid(form, formsets)
        changes = held.changes()
        if changes:
            review_services.listing_change_submit(product=self.object, user=user, changes=changes)
            messages.info(
                self.request,
                _(
                    "标题、描述、价格、产地、认证或图片的修改已提交审核；审核通过前，顾客看到的仍是原来的商品信息。"
                ),
            )
        return response


class ListingReviewWithdrawView(generic.View):
    """A cooperative takes back its product's pending change, to edit again."""

    def post(self, request, pk):
        product = get_object_or_404(products_for_dashboard(request.user), pk=pk)
        review = review_services.pending_review(product)
        if review is None:
            messages.error(request, _("该商品没有待审核的修改。"))
        else:
            try:
                review_services.listing_review_withdraw(
                    review=review, actor=request.user, products=products_for_dashboard(request.user)
                )
            except ListingReviewError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("已撤回待审核的修改，可以重新编辑。"))
        return redirect("dashboard:catalogue-product", pk=product.pk)


class ProductDeleteView(oscar_views.ProductDeleteView):
    """Deletes a product; a cooperative only one no other partner stocks (deleting a product
    deletes all of its stock records)."""

    def get_queryset(self):
        return products_deletable_in_dashboard(self.request.user)


class ProductLookupView(oscar_views.ProductLookupView):
    """The product picker (recommendations): a cooperative picks among public products and
    its own, never another cooperative's hidden ones."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if is_operator(self.request.user):
            return queryset
        own = products_for_dashboard(self.request.user).values("pk")
        return queryset.filter(Q(is_public=True) | Q(pk__in=own))

    def get(self, request):
        # Oscar's lookup int()s ``page`` and filters on ``initial`` unchecked: "page=abc" was a 500.
        self.lookup_form = ProductLookupForm(request.GET)
        if not self.lookup_form.is_valid():
            return JsonResponse({"error": self.lookup_form.error_text()}, status=400)
        return super().get(request)

    def get_args(self):
        data = self.lookup_form.cleaned_data
        return data["initial"], data["q"], data["page"] or 1, data["page_limit"] or 20


class StockRecordTierPriceView(generic.TemplateView):
    """Tier prices (起订数量, 单价) of one stock record: its partner's users and operators only;
    any other stock record id → 404. A cooperative's change to a listed product's tiers goes to
    listing review (:func:`~shop.dashboard.catalogue.services.stockrecord_tier_prices_change`)."""

    template_name = "oscar/dashboard/catalogue/stockrecord_tiers.html"

    def dispatch(self, request, *args, **kwargs):
        self.stockrecord = get_object_or_404(stockrecords_for_dashboard(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_formset(self, data=None):
        initial = [
            {"min_quantity": tier.min_quantity, "price": tier.price}
            for tier in self.stockrecord.tier_prices.order_by("min_quantity")
        ]
        return TierPriceFormSet(data=data, initial=initial, prefix="tiers")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("formset", self.get_formset())
        product = self.stockrecord.product
        ctx["stockrecord"] = self.stockrecord
        ctx["product"] = product
        ctx["review_locked"] = bool(
            product.approved_at
            and not is_operator(self.request.user)
            and review_services.pending_review(product)
        )
        ctx["title"] = _("阶梯价")
        return ctx

    def post(self, request, *args, **kwargs):
        formset = self.get_formset(data=request.POST)
        if formset.is_valid():
            try:
                review = stockrecord_tier_prices_change(
                    stockrecord=self.stockrecord, tiers=formset.tiers, user=request.user
                )
            except TierPriceError as error:
                for message in error.messages:
                    messages.error(request, message)
            except ListingReviewError as error:
                messages.error(request, error.message)
            else:
                if review is None:
                    messages.success(request, _("阶梯价已保存。"))
                else:
                    messages.info(
                        request,
                        _("阶梯价的修改已提交审核；审核通过前，顾客和采购单位看到的仍是原来的阶梯价。"),
                    )
                return redirect(self.get_success_url())
        else:
            messages.error(request, _("阶梯价没有保存，请按提示修改。"))
        return self.render_to_response(self.get_context_data(formset=formset))

    def get_success_url(self):
        return reverse("dashboard:catalogue-product", kwargs={"pk": self.stockrecord.product_id})
