"""The operator's listing review pages (商品审核): the queue, one review with its differences,
approve and reject. Operators only; a cooperative user gets 403 on every one of them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from catalog.constants import ListingReviewStatus
from catalog.models import ListingReview

from . import selectors, services
from .exceptions import ListingReviewError
from .forms import RejectForm, ReviewFilterForm

PER_PAGE = 30


@require_GET
def review_list(request):
    form = ReviewFilterForm(request.GET or {"status": ListingReviewStatus.PENDING})
    status = form.cleaned_data["status"] if form.is_valid() else ListingReviewStatus.PENDING
    page = Paginator(selectors.review_queue(status=status), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "review/dashboard/review_list.html",
        {"filter_form": form, "status": status, "page_obj": page, "reviews": page.object_list},
    )


def _get_review(pk):
    try:
        return selectors.review_for_operator(pk=pk)
    except ListingReview.DoesNotExist as error:
        raise Http404 from error


def _render_detail(request, review, reject_form=None, status=200):
    added, removed = selectors.review_images(review)
    context = {
        "review": review,
        "product": review.product,
        "differences": selectors.review_differences(review),
        "images_added": added,
        "images_removed": removed,
        "reject_form": reject_form or RejectForm(),
        "history": selectors.product_review_history(product=review.product),
        "own_submission": review.submitted_by_id == request.user.pk,
    }
    return render(request, "review/dashboard/review_detail.html", context, status=status)


@require_GET
def review_detail(request, pk):
    return _render_detail(request, _get_review(pk))


@require_POST
def review_approve(request, pk):
    review = _get_review(pk)
    try:
        services.listing_review_approve(review=review, actor=request.user)
    except ListingReviewError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已通过审核：顾客现在看到的是这一版商品信息。"))
    return redirect("dashboard:listing-review-detail", pk=pk)


@require_POST
def review_reject(request, pk):
    review = _get_review(pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("reason", []):
            messages.error(request, error)
        return _render_detail(request, review, reject_form=form, status=400)
    try:
        services.listing_review_reject(review=review, actor=request.user, reason=form.cleaned_data["reason"])
    except ListingReviewError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已驳回，合作社会在商品页看到驳回理由。"))
    return redirect("dashboard:listing-review-detail", pk=pk)
