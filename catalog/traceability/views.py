"""The public traceability page a batch's QR code opens, and its inspection report."""

from django.http import Http404
from django.shortcuts import render

from catalog.models import ProductionBatch
from catalog.uploads import upload_response

from .selectors import production_batch_for_trace


def _batch_or_404(token):
    try:
        return production_batch_for_trace(token)
    except ProductionBatch.DoesNotExist as error:
        raise Http404("unknown trace code, or a product shoppers may not see") from error


def trace_detail(request, token):
    """What a shopper sees after scanning a label: product, batch, cooperative, area, report.
    Shown only for what the shop itself shows (see ``production_batch_for_trace``)."""
    batch = _batch_or_404(token)
    product = batch.product
    cooperative = getattr(batch.partner, "cooperative", None)
    images = list(product.images.all())
    context = {
        "batch": batch,
        "product": product,
        "image": images[0] if images else None,
        "cooperative": cooperative,
        "areas": list(cooperative.areas.all()) if cooperative else [],
        "certifications": list(product.certifications.all()),
        # Oscar's product page is a 404 for a product taken off sale (not public).
        "product_is_listed": product.is_public,
    }
    return render(request, "traceability/trace_detail.html", context)


def trace_report(request, token):
    """The batch's inspection report. Public: the label links to it; served as every upload is."""
    batch = _batch_or_404(token)
    return upload_response(
        batch.inspection_report,
        content_type=batch.inspection_report_content_type,
        download_name=f"检测报告-{batch.batch_number}",
    )
