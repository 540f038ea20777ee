"""Dashboard pages where a cooperative records its production batches and prints their QR
labels. Every batch is looked up through ``production_batches_for_user``, so another
cooperative's batch is a 404, whatever the URL says."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from . import labels
from .exceptions import TraceabilityError
from .forms import LabelSheetForm, ProductionBatchForm
from .selectors import partners_for_user, production_batches_for_user
from .services import production_batch_create, production_batch_update


def trace_url(batch):
    """The absolute public URL a batch's QR code opens: on ``SITE_URL``, never the Host the
    request came in on (a label printed from a staging or internal address, or after a forged
    Host header, would send every shopper who scans it there)."""
    return settings.SITE_URL.rstrip("/") + reverse("traceability:detail", kwargs={"token": batch.token})


class BatchDashboardMixin:
    """Who may open the pages at all is the dashboard app's ``permissions_map``
    (catalog.traceability.apps); ``prepare`` looks up what the request is about."""

    def dispatch(self, request, *args, **kwargs):
        return self.prepare(request) or super().dispatch(request, *args, **kwargs)

    def prepare(self, request):
        """Runs once the user is known to be allowed in; may return a response instead."""
        return None

    def get_batch(self):
        return get_object_or_404(production_batches_for_user(self.request.user), pk=self.kwargs["pk"])


class BatchListView(BatchDashboardMixin, generic.ListView):
    template_name = "traceability/dashboard/batch_list.html"
    context_object_name = "batches"
    paginate_by = 20

    def get_queryset(self):
        return production_batches_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_partner"] = partners_for_user(self.request.user).exists()
        return context


class BatchDetailView(BatchDashboardMixin, generic.TemplateView):
    template_name = "traceability/dashboard/batch_detail.html"

    def get_context_data(self, **kwargs):
        batch = self.get_batch()
        return super().get_context_data(
            batch=batch, trace_url=trace_url(batch), label_form=LabelSheetForm(), **kwargs
        )


class BatchFormView(BatchDashboardMixin, generic.FormView):
    template_name = "traceability/dashboard/batch_form.html"
    form_class = ProductionBatchForm
    batch = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "batch": self.batch}

    def get_context_data(self, **kwargs):
        return super().get_context_data(batch=self.batch, **kwargs)

    def form_valid(self, form):
        try:
            batch = self.save(form)
        except TraceabilityError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, str(self.success_message) % {"number": batch.batch_number})
        return redirect("dashboard:traceability-batch-detail", pk=batch.pk)


class BatchCreateView(BatchFormView):
    success_message = gettext_lazy("已登记批次 %(number)s。")

    def prepare(self, request):
        if not partners_for_user(request.user).exists():
            messages.error(request, _("您的账号尚未关联合作社，不能登记批次。"))
            return redirect("dashboard:traceability-batch-list")
        return None

    def save(self, form):
        return production_batch_create(**form.service_kwargs())


class BatchUpdateView(BatchFormView):
    success_message = gettext_lazy("已保存批次 %(number)s。")

    def prepare(self, request):
        self.batch = self.get_batch()
        return None

    def save(self, form):
        return production_batch_update(batch=self.batch, **form.service_kwargs())


class BatchQRCodeView(BatchDashboardMixin, generic.View):
    """The batch's QR code as PNG or SVG, for the cooperative's own packaging design."""

    formats = {"png": ("image/png", labels.qr_png), "svg": ("image/svg+xml", labels.qr_svg)}

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        content_type, render = self.formats[kwargs["format"]]
        response = HttpResponse(render(trace_url(batch)), content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="trace-{batch.pk}.{kwargs["format"]}"'
        return response


class BatchLabelSheetView(BatchDashboardMixin, generic.View):
    """A printable A4 sheet of the batch's labels (``?copies=``, 24 by default), PDF or PNG."""

    formats = {
        "pdf": ("application/pdf", labels.label_sheet_pdf),
        "png": ("image/png", labels.label_sheet_png),
    }

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        form = LabelSheetForm(request.GET or {"copies": LabelSheetForm.base_fields["copies"].initial})
        if not form.is_valid():
            messages.error(request, _("份数无效：%(errors)s") % {"errors": " ".join(form.errors["copies"])})
            return redirect("dashboard:traceability-batch-detail", pk=batch.pk)
        content_type, render = self.formats[kwargs["format"]]
        content = render(
            url=trace_url(batch),
            text=labels.LabelText.for_batch(batch),
            copies=form.cleaned_data["copies"],
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="labels-{batch.pk}.{kwargs["format"]}"'
        return response
