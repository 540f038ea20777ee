"""The buyer's supplier-order page, 验收 on a phone, and the receipt photos.

Supplier orders are read through ``supplier_orders_for_buyer``: another organisation's id is not
found (404), whichever organisation the user acts for at the moment, so a link in an e-mail
works for a member of several organisations.
"""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView

from catalog.uploads import upload_response
from catalog.validators import IMAGE_TYPES

from ..constants import Role
from ..exceptions import ProcurementError
from ..models import ReceiptPhoto, SupplierOrderLine
from ..overview import RECEIVABLE_STATES
from ..selectors import (
    memberships_of,
    supplier_orders_for_buyer,
    supplier_orders_for_cooperative,
    user_has_role,
)
from .forms import ReceiptForm
from .services import supplier_order_receipt_record

#: The served type of a stored photo, by the extension its checked type gave it.
PHOTO_CONTENT_TYPES = {checked.extension: checked.content_type for checked in IMAGE_TYPES.values()}


def _supplier_order_or_404(user, pk):
    lines = SupplierOrderLine.objects.select_related("line__product", "purchase_order_line").prefetch_related(
        "photos"
    )
    queryset = supplier_orders_for_buyer(user).select_related("purchase_order__delivery_address")
    queryset = queryset.prefetch_related(Prefetch("lines", queryset=lines), "order__parcels")
    return get_object_or_404(queryset, pk=pk)


def delivered_quantity(supplier_line):
    """What reached the kitchen: recorded at 送达, else (still 已发货) what was shipped."""
    if supplier_line.delivered_quantity is not None:
        return supplier_line.delivered_quantity
    return supplier_line.line.quantity


class SupplierOrderMixin(LoginRequiredMixin):
    """A page about one supplier order of an organisation the user belongs to (or any, for an
    operator); the portal bar shows that order's organisation."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.supplier_order = _supplier_order_or_404(request.user, kwargs["pk"])
        self.organisation = self.supplier_order.purchase_order.organisation
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        memberships = memberships_of(self.request.user)
        context.update(
            supplier_order=self.supplier_order,
            purchase_order=self.supplier_order.purchase_order,
            organisation=self.organisation,
            membership=next((m for m in memberships if m.organisation_id == self.organisation.pk), None),
            memberships=memberships,
            can_receive=self.supplier_order.state in RECEIVABLE_STATES
            and user_has_role(self.request.user, self.organisation, Role.RECEIVER),
        )
        return context


class SupplierOrderDetailView(SupplierOrderMixin, DetailView):
    """供货单 as the buyer sees it: lines (ordered, confirmed, delivered, accepted, rejected) with
    their receipt photos, parcels with carrier and tracking, delivery, state, accepted total."""

    template_name = "procurement/receiving/supplier_order_detail.html"
    context_object_name = "supplier_order"

    def get_object(self, queryset=None):
        return self.supplier_order

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parcels"] = list(self.supplier_order.order.parcels.all())
        return context


class SupplierOrderReceiveView(SupplierOrderMixin, FormView):
    """验收 (验收员 only): per line the accepted quantity, the reason for what is refused, a quality
    note and photos. Made for a phone in the kitchen. Bad input changes nothing."""

    template_name = "procurement/receiving/receive.html"
    form_class = ReceiptForm

    def _refusal(self):
        """None when the user may receive this order now; else a redirect to the order with a
        message (not receivable in its state), or ``PermissionDenied`` (not a 验收员 there)."""
        if not user_has_role(self.request.user, self.organisation, Role.RECEIVER):
            raise PermissionDenied(_("只有本单位的验收员可以验收。"))
        if self.supplier_order.state not in RECEIVABLE_STATES:
            messages.info(
                self.request,
                _("供货单是“%(state)s”，不能验收。") % {"state": self.supplier_order.get_state_display()},
            )
            return redirect("procurement:supplier-order-detail", pk=self.supplier_order.pk)
        return None

    def get(self, request, *args, **kwargs):
        return self._refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refusal() or super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["lines"] = [
            (supplier_line, delivered_quantity(supplier_line))
            for supplier_line in self.supplier_order.lines.all()
        ]
        return kwargs

    def form_valid(self, form):
        try:
            supplier_order_receipt_record(
                supplier_order=self.supplier_order,
                by=self.request.user,
                receipts=form.receipts(),
                photos=form.photos(),
                comment=form.cleaned_data["comment"],
            )
        except ProcurementError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("验收已记录。"))
        return redirect("procurement:supplier-order-detail", pk=self.supplier_order.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("验收未保存，请按提示修改。"))
        return super().form_invalid(form)


@login_required
def receipt_photo(request, pk):
    """A receipt photo, to the organisation's members, the cooperative that delivered and operators."""
    user = request.user
    photos = ReceiptPhoto.objects.select_related("supplier_line__supplier_order")
    visible = photos.filter(
        Q(supplier_line__supplier_order__in=supplier_orders_for_buyer(user))
        | Q(supplier_line__supplier_order__in=supplier_orders_for_cooperative(user))
    )
    photo = get_object_or_404(visible, pk=pk)
    extension = os.path.splitext(photo.image.name)[1].lower()
    return upload_response(
        photo.image,
        content_type=PHOTO_CONTENT_TYPES.get(extension, ""),
        download_name=f"验收照片-{photo.supplier_line.supplier_order_id}-{photo.pk}",
    )
