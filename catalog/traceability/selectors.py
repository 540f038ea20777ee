"""Read-side queries of traceability: which batches, cooperatives and products a user may see."""

from django.db.models import Exists, OuterRef, Prefetch
from oscar.core.loading import get_model

from catalog.constants import CooperativeStatus
from catalog.models import ProductionBatch
from catalog.selectors import approved_images, products_visible_to_shoppers
from shop.users.roles import is_operator

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
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
    """The batch behind a public trace code, with everything its page shows, under the shop's
    own rule of what shoppers see: its product is one shoppers may see
    (``catalog.selectors.products_visible_to_shoppers``: approved in listing review, not only
    stocked by suspended cooperatives), the batch's cooperative is not suspended, and only
    approved images come along.

    Raises ``ProductionBatch.DoesNotExist`` for an unknown token and for a batch the shop would
    not show: a never-approved product's title and images were never reviewed.
    """
    return (
        ProductionBatch.objects.filter(product__in=products_visible_to_shoppers())
        .exclude(partner__cooperative__status=CooperativeStatus.SUSPENDED)
        .select_related("product", "product__origin_area", "partner", "partner__cooperative")
        .prefetch_related(
            Prefetch("product__images", queryset=approved_images()),
            "product__certifications",
            "partner__cooperative__areas",
        )
        .get(token=token)
    )
