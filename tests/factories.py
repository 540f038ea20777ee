"""factory_boy factories shared by the whole suite.

    category = CategoryFactory(name="香菇")                      # a root category
    child = CategoryFactory(name="花菇", parent=category)        # a child, through treebeard
    product = ProductFactory(title="随州花菇 500g", categories=[child], stockrecord__price="39.90")
    ProductFactory(stockrecord=None)                             # no stock record, no price
    ProductFactory(with_image=True)                              # one generated JPEG image
    StockRecordFactory(product=product, partner=PartnerFactory(name="…合作社"))

Products are public, standalone and priced in CNY. Their search text is not filled (signals queue
it after commit, which tests do not reach): call
``catalog.services.product_search_text_refresh(product_ids=[…])`` where a test searches.
"""

from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


class CategoryFactory(DjangoModelFactory):
    """A category placed in the tree by treebeard: a root, or a child of ``parent``."""

    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"分类{n}")
    parent = None

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is not None:
            return parent.add_child(**kwargs)
        return model_class.add_root(**kwargs)


class PartnerFactory(DjangoModelFactory):
    """A cooperative as Oscar sees it: a partner."""

    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"随县第{n}农业专业合作社")


class ProductClassFactory(DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("name",)

    name = "农副产品"
    requires_shipping = True
    track_stock = True


class StockRecordFactory(DjangoModelFactory):
    class Meta:
        model = StockRecord

    product = factory.SubFactory("tests.factories.ProductFactory", stockrecord=None)
    partner = factory.SubFactory(PartnerFactory)
    partner_sku = factory.Sequence(lambda n: f"SKU{n:06d}")
    price_currency = "CNY"
    price = Decimal("29.90")
    num_in_stock = 100

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # Accept "39.90" or 39.9 as well as Decimal; money is always a Decimal in the database.
        if kwargs.get("price") is not None:
            kwargs["price"] = Decimal(str(kwargs["price"]))
        return kwargs


class ProductImageFactory(DjangoModelFactory):
    """A small generated JPEG; files go to the per-test ``MEDIA_ROOT`` of ``tests/conftest.py``."""

    class Meta:
        model = ProductImage

    product = factory.SubFactory("tests.factories.ProductFactory")
    original = factory.django.ImageField(width=120, height=120, color="green", filename="product.jpg")
    display_order = 0


class ProductFactory(DjangoModelFactory):
    """A public, standalone product with one stock record (``stockrecord__…`` to change it,
    ``stockrecord=None`` for none), in ``categories`` if given, with an image if ``with_image``."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    class Params:
        with_image = False

    title = factory.Sequence(lambda n: f"随县特产{n}")
    upc = factory.Sequence(lambda n: f"69{n:011d}")
    product_class = factory.SubFactory(ProductClassFactory)
    structure = Product.STANDALONE
    is_public = True
    description = ""
    approved_at = factory.LazyFunction(timezone.now)

    stockrecord = factory.RelatedFactory(StockRecordFactory, factory_related_name="product")
    image = factory.Maybe(
        "with_image",
        yes_declaration=factory.RelatedFactory(ProductImageFactory, factory_related_name="product"),
        no_declaration=None,
    )

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            for category in extracted:
                ProductCategory.objects.create(product=obj, category=category)
