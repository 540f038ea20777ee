"""Read side of listing review: the operator's queue, one review with its differences, and the
latest outcome a cooperative sees on its products."""

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.constants import CertificationKind, ListingReviewStatus
from catalog.models import ListingReview, ResettlementArea

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

EMPTY = "—"


@dataclass(frozen=True)
class Difference:
    """One line of a review's differences, as the operator reads it."""

    label: str
    before: str
    after: str


def review_queue(*, status=ListingReviewStatus.PENDING):
    """Reviews in ``status`` (all when blank), oldest pending first so nobody waits longest."""
    queryset = ListingReview.objects.select_related("product", "submitted_by", "decided_by").prefetch_related(
        Prefetch("product__stockrecords", queryset=StockRecord.objects.select_related("partner"))
    )
    if status:
        queryset = queryset.filter(status=status)
    if status == ListingReviewStatus.PENDING:
        return queryset.order_by("submitted_at", "pk")
    return queryset.order_by("-submitted_at", "-pk")


def review_for_operator(*, pk):
    """One review with its product, stock records, certifications and images (all of them,
    approved or not). Raises ``ListingReview.DoesNotExist``."""
    return (
        ListingReview.objects.select_related(
            "product__origin_area", "product__product_class", "submitted_by", "decided_by"
        )
        .prefetch_related(
            Prefetch("product__stockrecords", queryset=StockRecord.objects.select_related("partner")),
            "product__certifications",
            Prefetch("product__images", queryset=ProductImage.objects.order_by("display_order", "pk")),
        )
        .get(pk=pk)
    )


def product_review_history(*, product):
    """All reviews of ``product``, newest first."""
    return product.listing_reviews.select_related("submitted_by", "decided_by").order_by(
        "-submitted_at", "-pk"
    )


def with_latest_review_status(queryset):
    """Annotates products with ``latest_review_status`` and ``latest_review_reason`` (the
    outcome a cooperative sees in its product list), in the same query."""
    latest = ListingReview.objects.filter(product=OuterRef("pk")).order_by("-submitted_at", "-pk")
    return queryset.annotate(
        latest_review_status=Subquery(latest.values("status")[:1]),
        latest_review_reason=Subquery(latest.values("reason")[:1]),
    )


# --- Differences --------------------------------------------------------------------------------


def _field_display(name, value, areas):
    if value in (None, ""):
        return EMPTY
    field = Product._meta.get_field(name)
    if name == "origin_area":
        return str(areas.get(value, value))
    if field.choices:
        return str(dict(field.choices).get(value, value))
    return str(value)


def _certifications_display(rows):
    labels = dict(CertificationKind.choices)
    return "；".join(
        f"{labels.get(row['kind'], row['kind'])} {row['number']}"
        + (f"（有效期至 {row['valid_until']}）" if row.get("valid_until") else "")
        for row in rows
    ) or str(_("无"))


def _tiers_display(rows):
    return "；".join(f"≥{row['min_quantity']} ¥{row['price']}" for row in rows) or str(_("无"))


def review_differences(review):
    """The field, price, tier price and certification differences of a change review, as text
    (a description's HTML included: the operator reads its markup, it is never rendered)."""
    changes = review.changes
    fields = changes.get("fields", {})
    origin = fields.get("origin_area")
    area_ids = [pk for pk in (origin["before"], origin["after"]) if pk] if origin else []
    areas = {area.pk: area for area in ResettlementArea.objects.filter(pk__in=area_ids)} if area_ids else {}
    rows = [
        Difference(
            label=str(Product._meta.get_field(name).verbose_name),
            before=_field_display(name, change["before"], areas),
            after=_field_display(name, change["after"], areas),
        )
        for name, change in fields.items()
    ]
    stockrecords = {str(record.pk): record for record in review.product.stockrecords.all()}
    for pk, change in changes.get("prices", {}).items():
        record = stockrecords.get(pk)
        label = _("价格（%(partner)s）") % {"partner": record.partner.name} if record else _("价格")
        rows.append(Difference(str(label), change["before"] or EMPTY, change["after"] or EMPTY))
    for pk, change in changes.get("tiers", {}).items():
        record = stockrecords.get(pk)
        label = _("阶梯价（%(partner)s）") % {"partner": record.partner.name} if record else _("阶梯价")
        rows.append(Difference(str(label), _tiers_display(change["before"]), _tiers_display(change["after"])))
    if "certifications" in changes:
        certifications = changes["certifications"]
        rows.append(
            Difference(
                str(_("产品认证")),
                _certifications_display(certifications["before"]),
                _certifications_display(certifications["after"]),
            )
        )
    return rows


def review_images(review):
    """``(added, removed)`` images of a change review, from the prefetched product images."""
    images = list(review.product.images.all())
    added = set(review.changes.get("images_added", []))
    removed = set(review.changes.get("images_removed", []))
    return [image for image in images if image.pk in added], [
        image for image in images if image.pk in removed
    ]
