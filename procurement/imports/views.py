"""Pages of the Excel import: the upload page with the template download, and a job's page
(progress while a task reads a large file, then the drafts created or every refused row)."""

import io

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView

from ..constants import Role
from ..exceptions import ProcurementError
from ..portal import OrganisationRequiredMixin, organisation_current
from ..selectors import organisation_can_order, purchase_orders_for, user_has_role
from .forms import ImportUploadForm
from .selectors import import_jobs_for, template_products
from .services import SYNC_ROWS, import_job_create
from .workbook import MAX_ROWS, template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class BuyerRequiredMixin(OrganisationRequiredMixin):
    """A page for the 采购员 of the current organisation (and operators); others get 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            organisation = organisation_current(request)
            if organisation is not None and not user_has_role(request.user, organisation, Role.BUYER):
                raise PermissionDenied(_("只有采购员可以导入采购单。"))
        return super().dispatch(request, *args, **kwargs)


class OrderImportView(BuyerRequiredMixin, FormView):
    """Excel 导入: download the template, upload it back."""

    template_name = "procurement/imports/import.html"
    form_class = ImportUploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_order"] = organisation_can_order(self.organisation)
        context["jobs"] = import_jobs_for(self.request.user, self.organisation).filter(
            user=self.request.user
        )[:5]
        context["max_rows"], context["sync_rows"] = MAX_ROWS, SYNC_ROWS
        return context

    def form_valid(self, form):
        try:
            job = import_job_create(
                organisation=self.organisation, by=self.request.user, upload=form.cleaned_data["file"]
            )
        except ProcurementError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect("procurement:order-import-job", pk=job.pk)


class OrderImportTemplateView(BuyerRequiredMixin, View):
    """The template workbook, prefilled with the products the organisation bought before."""

    def get(self, request):
        products, prefilled = template_products(self.organisation)
        labels = self.organisation.addresses.filter(is_active=True, pack_choice=None).values_list(
            "label", flat=True
        )
        data = template_workbook(address_labels=list(labels), products=products, prefilled=prefilled)
        name = f"采购明细模板-{timezone.localdate():%Y%m%d}.xlsx"
        return FileResponse(io.BytesIO(data), as_attachment=True, filename=name, content_type=XLSX)


class ImportJobView(BuyerRequiredMixin, DetailView):
    """One import: a progress bar that refreshes until the job is done, then its result."""

    template_name = "procurement/imports/job.html"
    context_object_name = "job"

    def get_queryset(self):
        return import_jobs_for(self.request.user, self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        context["purchase_orders"] = (
            purchase_orders_for(self.request.user, self.organisation)
            .filter(pk__in=job.purchase_order_ids)
            .annotate(line_count=Count("lines"))
            .order_by("delivery_date", "pk")
            if job.purchase_order_ids
            else []
        )
        context["error_rows"] = job.errors.get("rows", [])
        return context
