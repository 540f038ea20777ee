"""Read-side queries of traceability: which batches, cooperatives and products a user may see."""

from django.db.models import Exists, OuterRef, Prefetch
from oscar.core.loading import get_model

from catalog.models import ProductionBatch
from shop.users.roles import is_operator

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


def user_may_use_batch_dashboard(user):
    """Operators, and cooperative staff holding Oscar's ``partner.dashboard_access``."""
    return user.is_authenticated and (
        is_operator(user) or (user.is_active and user.has_perm("partner.dashboard_access"))
    )


def partners_for_user(user):
    """The cooperatives (partners) whose batches ``user`` manages: all of them for an operator,
    the partners listing the user in ``partner.users`` for cooperative staff, none otherwise."""
    if not user_may_use_batch_dashboard(user):
        return Partner.objects.none()
    if is_operator(user):
        return Partner.objects.order_by("name", "pk")
    return Partner.objects.filter(users=user).order_by("name", "pk")


def production_batches_for_user(user):
    """The batches ``user`` may list, view, edit and print labels for, newest production first,
    with the product, cooperative and recorder joined (a page renders in a fixed number of
    queries)."""
    batches = ProductionBatch.objects.select_related("product", "partner", "created_by")
    if is_operator(user):
        return batches
    return batches.filter(partner__in=partners_for_user(user).values("pk"))


def products_for_batches(user, *, partner=None):
    """Products ``user`` may record batches of: those with a stock record of one of the user's
    cooperatives (of ``partner`` only, when given)."""
    partners = partners_for_user(user)
    if partner is not None:
        partners = partners.filter(pk=partner.pk)
    stocked = StockRecord.objects.filter(product=OuterRef("pk"), partner__in=partners.values("pk"))
    return Product.objects.filter(Exists(stocked)).order_by("title", "pk")


def product_stocked_by(product, partner):
    """Whether ``partner`` sells ``product`` (has a stock record of it)."""
    return StockRecord.objects.filter(product=product, partner=partner).exists()


def production_batch_for_trace(token):
    """The batch behind a public trace code, with everything its page shows; raises
    ``ProductionBatch.DoesNotExist`` for an unknown token."""
    return (
        ProductionBatch.objects.select_related(
            "product", "product__origin_area", "partner", "partner__cooperative"
        )
        .prefetch_related(
            Prefetch("product__images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            "product__certifications",
            "partner__cooperative__areas",
        )
        .get(token=token)
    )
