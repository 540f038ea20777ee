"""What a cooperative and an operator do in the dashboard, for the listing review tests."""

from django.urls import reverse

from tests.catalog.dashboard.helpers import form_data

EDIT_FORM = "create_update_product_form"


def edit_url(product):
    return reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})


def edit(client, product, **changes):
    """Posts the product's dashboard form as shown, with ``changes``; returns the response."""
    data = form_data(client.get(edit_url(product)), EDIT_FORM)
    data.update({"action": "save", **changes})
    return client.post(edit_url(product), data)


def approve(client, operator, review):
    client.force_login(operator)
    return client.post(reverse("dashboard:listing-review-approve", kwargs={"pk": review.pk}))
