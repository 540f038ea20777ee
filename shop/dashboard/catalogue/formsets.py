"""Oscar's product dashboard formsets, narrowed for cooperatives.

Oscar's dashboard app itself is not forked, so ``get_class("dashboard.catalogue.…")`` resolves
to Oscar's modules; these formsets therefore name their forms from
:mod:`shop.dashboard.catalogue.forms` explicitly (partner choices limited to the user's
partners, uploads checked by ``validate_image_upload``), and our views name these formsets.
"""

from django.core.exceptions import ValidationError
from django.forms.models import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import formsets as oscar_formsets
from oscar.apps.dashboard.catalogue.formsets import *  # noqa: F403
from oscar.core.loading import get_model

from catalog.models import ProductCertification
from shop.users.roles import is_operator

from .forms import ProductCertificationForm, ProductImageForm, StockRecordForm
from .selectors import stockrecords_for_dashboard

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


class StockRecordFormSet(oscar_formsets.StockRecordFormSet):
    """A cooperative's stock records of a product.

    Oscar already limits the rows shown to the user's partners, but the hidden ``id`` field of
    each row accepts any stock record's id (Django's model formsets validate it against every
    row of the table) and a foreign row is then silently treated as a new one. Here the ``id``
    choices are the user's own stock records, so posting another cooperative's id is refused
    with a form error and nothing is saved.
    """

    form = inlineformset_factory(Product, StockRecord, form=StockRecordForm, extra=1).form

    #: True while a change of the product waits for review: prices cannot change meanwhile.
    price_locked = False

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if self.price_locked:
            form.fields["price"].disabled = True
        if not is_operator(self.user):
            id_field = form.fields[self._pk_field.name]
            id_field.queryset = stockrecords_for_dashboard(self.user)
            id_field.error_messages["invalid_choice"] = _("这条库存记录不属于你的合作社，不能修改。")

    def clean(self):
        # Oscar's check (in English, and counting rows marked for deletion) is replaced by ours.
        oscar_formsets.BaseStockRecordFormSet.clean(self)
        # The row's ``id`` is a hidden field, whose errors Oscar's template does not show.
        foreign = [error for form in self.forms for error in form.errors.get(self._pk_field.name, [])]
        if foreign:
            raise ValidationError(foreign[0])
        if any(self.errors) or not self.require_user_stockrecord:
            return
        kept = [
            form.cleaned_data.get("partner")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not set(kept) & set(self.user.partners.all()):
            raise ValidationError(_("商品至少要保留一条你所在合作社的库存记录。"))


class ProductImageFormSet(inlineformset_factory(Product, ProductImage, form=ProductImageForm, extra=2)):
    """Product images; every new upload is checked by ``validate_image_upload``.

    With ``hold_for_review`` set (a cooperative changing a listed product), new uploads are
    saved unapproved and removals are only requested; ``held_added`` and ``held_removed`` then
    list their ids for the listing review.
    """

    hold_for_review = False

    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.held_added, self.held_removed = [], []

    def save(self, commit=True):
        if not self.hold_for_review:
            return super().save(commit)
        saved = super().save(commit=False)
        for image in self.new_objects:
            image.is_approved = False
        for image in saved:
            image.save()
        for image in self.deleted_objects:
            image.removal_requested = True
            image.save(update_fields=["removal_requested"])
        self.held_added = [image.pk for image in self.new_objects]
        self.held_removed = [image.pk for image in self.deleted_objects]
        return saved


class ProductCertificationFormSet(
    inlineformset_factory(Product, ProductCertification, form=ProductCertificationForm, extra=1)
):
    """The product's certificates (绿色食品, 有机产品 …); one per kind.

    With ``hold_for_review`` set, ``save()`` writes nothing: the listing review carries the
    certificates until the operator approves them.
    """

    hold_for_review = False

    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(*args, **kwargs)

    def save(self, commit=True):
        if self.hold_for_review:
            return []
        return super().save(commit)

    @property
    def kept(self):
        """The certificates the submitted rows describe (rows marked for removal left out)."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
