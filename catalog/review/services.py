"""Listing review (商品审核): a cooperative's new product, or its change to a listed product's
title, description, price, tier prices, provenance, certifications or images, waits for an
operator.

The product row always holds what shoppers see. A new product is invisible until approved
(``Product.approved_at``); a change is held in a pending ``ListingReview`` (see its docstring for
the shape of ``changes``) and written to the product only on approval. New images of a change
wait as ``ProductImage.is_approved=False``; images asked to be removed stay until approval.
Every decision records who made it and when.
"""

import datetime
import decimal

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.constants import ListingReviewKind, ListingReviewStatus
from catalog.listing_cache import listings_changed
from catalog.models import ListingReview, ProductCertification, TierPrice
from catalog.richtext import description_clean
from shop.users.roles import is_operator

from .exceptions import (
    NotAnOperator,
    NotYourReview,
    OwnListing,
    ReasonRequired,
    ReviewNotPending,
    ReviewPending,
)

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


# --- Values as JSON -----------------------------------------------------------------------------


def json_value(value):
    """A form or model value as stored in ``ListingReview.changes``."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def certifications_as_json(certifications):
    """``certifications`` (objects or dicts with ``kind``, ``number``, ``valid_until``) as a
    sorted list of plain dicts, so two lists compare equal when they say the same."""
    rows = []
    for certification in certifications:
        get = certification.get if isinstance(certification, dict) else certification.__dict__.get
        rows.append(
            {
                "kind": get("kind"),
                "number": (get("number") or "").strip(),
                "valid_until": json_value(get("valid_until")),
            }
        )
    return sorted(rows, key=lambda row: row["kind"])


def tiers_as_json(tiers):
    """``tiers`` (tier prices or anything with ``min_quantity`` and ``price``) as a list of plain
    dicts, lowest quantity first, so two lists compare equal when they say the same."""
    return [
        {"min_quantity": tier.min_quantity, "price": json_value(tier.price)}
        for tier in sorted(tiers, key=lambda tier: tier.min_quantity)
    ]


# --- Submitting ---------------------------------------------------------------------------------


def pending_review(product):
    """``product``'s review waiting for the operator, or None."""
    return product.listing_reviews.filter(status=ListingReviewStatus.PENDING).first()


@transaction.atomic
def listing_submit_new(*, product, user):
    """Puts a product nobody has approved yet in the review queue, or, when it already waits
    there, records ``user`` and now as its latest submission. Returns the review."""
    review = (
        ListingReview.objects.select_for_update()
        .filter(product=product, status=ListingReviewStatus.PENDING)
        .first()
    )
    if review is None:
        return ListingReview.objects.create(product=product, kind=ListingReviewKind.NEW, submitted_by=user)
    ListingReview.objects.filter(pk=review.pk).update(submitted_by=user, submitted_at=timezone.now())
    review.refresh_from_db()
    return review


@transaction.atomic
def listing_change_submit(*, product, user, changes):
    """Holds ``changes`` to the listed ``product`` for review. Raises ``ReviewPending`` while an
    earlier change still waits (the unique constraint backs this up under races)."""
    if product.listing_reviews.filter(status=ListingReviewStatus.PENDING).exists():
        raise ReviewPending
    return ListingReview.objects.create(
        product=product, kind=ListingReviewKind.CHANGE, changes=changes, submitted_by=user
    )


@transaction.atomic
def listing_approve_by_operator(*, product):
    """A product an operator creates or edits is approved as it is: the operator is the
    reviewer."""
    if product.approved_at is None:
        Product.objects.filter(pk=product.pk).update(approved_at=timezone.now())
        product.approved_at = timezone.now()
        listings_changed()


# --- Deciding -----------------------------------------------------------------------------------


def _locked_pending(review):
    review = ListingReview.objects.select_for_update().select_related("product").get(pk=review.pk)
    if review.status != ListingReviewStatus.PENDING:
        raise ReviewNotPending
    return review


def _check_reviewer(review, actor):
    if not is_operator(actor):
        raise NotAnOperator
    if review.submitted_by_id == actor.pk:
        raise OwnListing


def _close(review, *, status, actor, reason=""):
    review.status = status
    review.decided_by = actor
    review.decided_at = timezone.now()
    review.reason = reason
    review.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    return review


def _apply_fields(product, fields):
    for name, change in fields.items():
        model_field = Product._meta.get_field(name)
        after = change["after"]
        if model_field.is_relation:
            setattr(product, model_field.attname, after)
        elif name == "description":
            # Cleaned when submitted; cleaned again so a review held before that rule, or written
            # by any other path, can never put unclean HTML live.
            product.description = description_clean(after)
        else:
            setattr(product, name, model_field.to_python(after))
    product.save()


def _apply_prices(product, prices):
    for stockrecord in StockRecord.objects.filter(product=product, pk__in=[int(pk) for pk in prices]):
        after = prices[str(stockrecord.pk)]["after"]
        stockrecord.price = decimal.Decimal(after) if after is not None else None
        stockrecord.save(update_fields=["price"])


def _apply_tiers(product, tiers):
    for stockrecord in StockRecord.objects.filter(product=product, pk__in=[int(pk) for pk in tiers]):
        TierPrice.objects.filter(stockrecord=stockrecord).delete()
        TierPrice.objects.bulk_create(
            TierPrice(
                stockrecord=stockrecord, min_quantity=row["min_quantity"], price=decimal.Decimal(row["price"])
            )
            for row in tiers[str(stockrecord.pk)]["after"]
        )


def _apply_certifications(product, certifications):
    product.certifications.all().delete()
    ProductCertification.objects.bulk_create(
        ProductCertification(
            product=product,
            kind=row["kind"],
            number=row["number"],
            valid_until=datetime.date.fromisoformat(row["valid_until"]) if row["valid_until"] else None,
        )
        for row in certifications["after"]
    )


def _delete_images(queryset):
    # One by one: Oscar's ``ProductImage.delete`` closes the gap in the display order.
    for image in queryset:
        image.delete()


def _discard_held_images(review):
    """Undoes what a change did to images before approval: its uploads go, and the images it
    asked to remove stay."""
    changes = review.changes
    _delete_images(
        ProductImage.objects.filter(
            product=review.product, pk__in=changes.get("images_added", []), is_approved=False
        )
    )
    ProductImage.objects.filter(product=review.product, pk__in=changes.get("images_removed", [])).update(
        removal_requested=False
    )


@transaction.atomic
def listing_review_approve(*, review, actor):
    """Approves a pending review: a new product becomes visible; a change is written to the
    product (fields, prices, tier prices, certifications, images) and shoppers see it from now
    on.

    Raises ``NotAnOperator``, ``OwnListing`` (nobody approves what they submitted) or
    ``ReviewNotPending``.
    """
    review = _locked_pending(review)
    _check_reviewer(review, actor)
    product = Product.objects.select_for_update().get(pk=review.product_id)
    changes = review.changes
    if review.kind == ListingReviewKind.CHANGE:
        if changes.get("fields"):
            _apply_fields(product, changes["fields"])
        if changes.get("prices"):
            _apply_prices(product, changes["prices"])
        if changes.get("tiers"):
            _apply_tiers(product, changes["tiers"])
        if "certifications" in changes:
            _apply_certifications(product, changes["certifications"])
        ProductImage.objects.filter(product=product, pk__in=changes.get("images_added", [])).update(
            is_approved=True
        )
        listings_changed()
        _delete_images(ProductImage.objects.filter(product=product, pk__in=changes.get("images_removed", [])))
    if product.approved_at is None:
        product.approved_at = timezone.now()
        product.save(update_fields=["approved_at"])
    return _close(review, status=ListingReviewStatus.APPROVED, actor=actor)


@transaction.atomic
def listing_review_reject(*, review, actor, reason):
    """Rejects a pending review with ``reason``: a new product stays unseen; a change is dropped
    (its new images deleted) and shoppers keep seeing the approved version.

    Raises ``ReasonRequired``, ``NotAnOperator``, ``OwnListing`` or ``ReviewNotPending``.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired
    review = _locked_pending(review)
    _check_reviewer(review, actor)
    _discard_held_images(review)
    return _close(review, status=ListingReviewStatus.REJECTED, actor=actor, reason=reason)


@transaction.atomic
def listing_review_withdraw(*, review, actor, products):
    """The cooperative takes back its pending change (to edit again). ``products`` is what
    ``actor`` may edit in the dashboard; a review of any other product raises ``NotYourReview``.
    """
    review = _locked_pending(review)
    if not products.filter(pk=review.product_id).exists():
        raise NotYourReview
    _discard_held_images(review)
    return _close(review, status=ListingReviewStatus.WITHDRAWN, actor=actor)
