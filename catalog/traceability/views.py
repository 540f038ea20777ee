"""The public traceability page a batch's QR code opens, and its inspection report."""

import mimetypes
import os

from django.http import FileResponse, Http404
from django.shortcuts import render

from catalog.constants import CooperativeStatus
from catalog.models import ProductionBatch

from .selectors import production_batch_for_trace


def _batch_or_404(token):
    try:
        return production_batch_for_trace(token)
    except ProductionBatch.DoesNotExist as error:
        raise Http404("unknown trace code") from error


def trace_detail(request, token):
    """What a shopper sees after scanning a label: product, batch, cooperative, area, report."""
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
        # Link to the shop only while the product is for sale: suspending a cooperative hides
        # its listings, but what it already sold stays traceable.
        "product_is_listed": product.is_public
        and (cooperative is None or cooperative.status == CooperativeStatus.ACTIVE),
    }
    return render(request, "traceability/trace_detail.html", context)


def trace_report(request, token):
    """The batch's inspection report, shown in the browser. Public: the label links to it."""
    batch = _batch_or_404(token)
    if not batch.inspection_report:
        raise Http404("no inspection report")
    name = os.path.basename(batch.inspection_report.name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    try:
        report = batch.inspection_report.open("rb")
    except FileNotFoundError as error:
        raise Http404("inspection report file missing") from error
    return FileResponse(report, content_type=content_type, filename=name)
