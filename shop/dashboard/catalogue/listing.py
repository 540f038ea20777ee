"""The product dashboard's side of listing review (商品审核): which changes a cooperative makes
to a listed product wait for the operator, taken out of the bound forms before they are saved.

The rules themselves (what a review holds, approving, rejecting) are in
:mod:`catalog.review.services`.
"""

from oscar.core.loading import get_model

from catalog.constants import REVIEWED_PRODUCT_FIELDS
from catalog.review.services import certifications_as_json, json_value

Product = get_model("catalogue", "Product")


class HeldChanges:
    """Reviewed changes taken out of a valid product form and its formsets.

    Create it before the forms are saved: it puts the approved values back on the product and
    stock records, and tells the certificate and image formsets to hold their changes. After
    saving, :meth:`changes` is what the listing review holds (empty: nothing to review).
    """

    def __init__(self, form, formsets):
        self.live = Product.objects.get(pk=form.instance.pk)
        self.fields = self._hold_fields(form)
        self.prices, self.new_stockrecord_forms = self._hold_prices(formsets.get("stockrecord_formset"))
        self.certifications = self._hold_certifications(formsets.get("certification_formset"))
        self.image_formset = formsets.get("image_formset")
        if self.image_formset is not None:
            self.image_formset.hold_for_review = True

    def _hold_fields(self, form):
        held = {}
        for name in REVIEWED_PRODUCT_FIELDS:
            if name not in form.changed_data:
                continue
            field = Product._meta.get_field(name)
            before, after = field.value_from_object(self.live), form.cleaned_data[name]
            if json_value(before) != json_value(after):
                held[name] = {"before": json_value(before), "after": json_value(after)}
                setattr(form.instance, field.attname, before)
        return held

    @staticmethod
    def _hold_prices(formset):
        held, new_forms = {}, []
        for form in formset.forms if formset is not None else []:
            data = form.cleaned_data
            if not data or data.get("DELETE") or "price" not in form.changed_data:
                continue
            if form.instance.pk is None:
                # A first price for a listed product: sold at no price until approved.
                new_forms.append((form, data["price"]))
                form.instance.price = None
            else:
                before = form.initial.get("price")
                if json_value(before) != json_value(data["price"]):
                    held[str(form.instance.pk)] = {
                        "before": json_value(before),
                        "after": json_value(data["price"]),
                    }
                    form.instance.price = before
        return held, new_forms

    def _hold_certifications(self, formset):
        if formset is None or not formset.has_changed():
            return None
        formset.hold_for_review = True
        before = certifications_as_json(self.live.certifications.all())
        after = certifications_as_json(formset.kept)
        return {"before": before, "after": after} if before != after else None

    def changes(self):
        """What waits for review, in the shape of ``ListingReview.changes``; call after saving."""
        prices = dict(self.prices)
        for form, price in self.new_stockrecord_forms:
            if price is not None:
                prices[str(form.instance.pk)] = {"before": None, "after": json_value(price)}
        changes = {
            "fields": self.fields,
            "prices": prices,
            "images_added": self.image_formset.held_added if self.image_formset is not None else [],
            "images_removed": self.image_formset.held_removed if self.image_formset is not None else [],
        }
        if self.certifications:
            changes["certifications"] = self.certifications
        return {key: value for key, value in changes.items() if value}
