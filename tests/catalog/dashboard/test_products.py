"""A cooperative works on its own products in the dashboard, and only on those."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.catalog.dashboard.helpers import form_data, form_errors
from tests.factories import ProductFactory

EDIT_FORM = "create_update_product_form"
#: Queries of a product list page, whatever its length (session, user, permissions, counts,
#: the page and its prefetches).
MAX_LIST_QUERIES = 22


def edit_url(product):
    return reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})


def test_cooperative_lists_only_its_own_products(client, market):
    client.force_login(market["a"]["user"])

    page = client.get(reverse("dashboard:catalogue-product-list")).content.decode()

    assert "随州花菇 500g" in page
    assert "高山土蜂蜜" not in page


def test_operator_lists_every_cooperatives_products(client, market):
    client.force_login(market["operator"])

    page = client.get(reverse("dashboard:catalogue-product-list")).content.decode()

    assert "随州花菇 500g" in page
    assert "高山土蜂蜜" in page


def test_searching_does_not_find_another_cooperatives_product(client, market):
    client.force_login(market["a"]["user"])

    page = client.get(reverse("dashboard:catalogue-product-list"), {"title": "蜂蜜"}).content.decode()

    assert "高山土蜂蜜" not in page


def test_cooperative_cannot_view_or_edit_another_cooperatives_product(client, market):
    client.force_login(market["a"]["user"])
    own_form = form_data(client.get(edit_url(market["a"]["product"])), EDIT_FORM)
    product_b = market["b"]["product"]

    assert client.get(edit_url(product_b)).status_code == 404
    response = client.post(edit_url(product_b), {**own_form, "title": "被改掉的蜂蜜", "action": "save"})

    assert response.status_code == 404
    product_b.refresh_from_db()
    assert product_b.title == "高山土蜂蜜"


def test_cooperative_cannot_delete_another_cooperatives_product(client, market):
    client.force_login(market["a"]["user"])
    product_b = market["b"]["product"]
    url = reverse("dashboard:catalogue-product-delete", kwargs={"pk": product_b.pk})

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert type(product_b).objects.filter(pk=product_b.pk).exists()


def test_cooperative_cannot_delete_a_product_another_cooperative_also_stocks(client, market):
    """Deleting a product deletes every stock record of it, the other cooperative's too."""
    shared = market["a"]["product"]
    market["b"]["stockrecord"].__class__.objects.create(
        product=shared,
        partner=market["b"]["partner"],
        partner_sku="B-SHARED",
        price=Decimal("60.00"),
        num_in_stock=5,
    )
    client.force_login(market["a"]["user"])

    response = client.post(reverse("dashboard:catalogue-product-delete", kwargs={"pk": shared.pk}))

    assert response.status_code == 404
    assert shared.stockrecords.count() == 2


def test_cooperative_can_delete_its_own_product(client, market):
    client.force_login(market["a"]["user"])
    product_a = market["a"]["product"]

    response = client.post(reverse("dashboard:catalogue-product-delete", kwargs={"pk": product_a.pk}))

    assert response.status_code == 302
    assert not type(product_a).objects.filter(pk=product_a.pk).exists()


def test_cooperative_restocks_at_once_and_its_title_and_price_go_to_review(client, market):
    client.force_login(market["a"]["user"])
    product_a, stockrecord_a = market["a"]["product"], market["a"]["stockrecord"]
    data = form_data(client.get(edit_url(product_a)), EDIT_FORM)
    data.update(
        {
            "title": "随州花菇 1kg",
            "stockrecords-0-num_in_stock": "250",
            "stockrecords-0-price": "120.00",
            "action": "save",
        }
    )

    response = client.post(edit_url(product_a), data)

    assert response.status_code == 302, form_errors(response)
    product_a.refresh_from_db()
    stockrecord_a.refresh_from_db()
    assert (product_a.title, stockrecord_a.num_in_stock, stockrecord_a.price) == (
        "随州花菇 500g",
        250,
        Decimal("68.00"),
    )
    changes = product_a.listing_reviews.get().changes
    assert (changes["fields"]["title"]["after"], changes["prices"][str(stockrecord_a.pk)]["after"]) == (
        "随州花菇 1kg",
        "120.00",
    )


def test_restocking_another_cooperatives_stock_record_by_its_id_is_refused(client, market):
    client.force_login(market["a"]["user"])
    product_a, stockrecord_b = market["a"]["product"], market["b"]["stockrecord"]
    data = form_data(client.get(edit_url(product_a)), EDIT_FORM)
    data.update(
        {
            "stockrecords-0-id": str(stockrecord_b.pk),
            "stockrecords-0-num_in_stock": "1",
            "stockrecords-0-price": "1.00",
            "action": "save",
        }
    )

    response = client.post(edit_url(product_a), data)

    assert response.status_code == 200
    assert "这条库存记录不属于你的合作社" in response.content.decode()
    stockrecord_b.refresh_from_db()
    assert (stockrecord_b.product_id, stockrecord_b.num_in_stock, stockrecord_b.price) == (
        market["b"]["product"].pk,
        100,
        Decimal("88.00"),
    )
    assert market["a"]["stockrecord"].__class__.objects.count() == 2


def test_moving_a_stock_record_to_another_cooperative_is_refused(client, market):
    client.force_login(market["a"]["user"])
    product_a, stockrecord_a = market["a"]["product"], market["a"]["stockrecord"]
    data = form_data(client.get(edit_url(product_a)), EDIT_FORM)
    data.update({"stockrecords-0-partner": str(market["b"]["partner"].pk), "action": "save"})

    response = client.post(edit_url(product_a), data)

    assert response.status_code == 200
    assert "只能选择你所在的合作社" in response.content.decode()
    stockrecord_a.refresh_from_db()
    assert stockrecord_a.partner == market["a"]["partner"]


def test_partner_choices_are_only_the_cooperatives_own(client, market):
    client.force_login(market["a"]["user"])

    page = client.get(edit_url(market["a"]["product"])).content.decode()

    assert "随县香菇合作社" in page
    assert "随县蜂蜜合作社" not in page


def test_cooperative_creates_a_product_stocked_by_itself(client, market):
    client.force_login(market["a"]["user"])
    product_class = market["a"]["product"].product_class
    url = reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug})
    data = form_data(client.get(url), EDIT_FORM)
    data.update(
        {
            "title": "随县黑木耳 250g",
            "upc": "6900000099999",
            "productcategory_set-0-category": str(market["category"].pk),
            "stockrecords-0-partner_sku": "MUER-250",
            "stockrecords-0-price": "32.00",
            "stockrecords-0-num_in_stock": "40",
            "action": "save",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    created = product_class.products.get(title="随县黑木耳 250g")
    assert [(sr.partner, sr.num_in_stock) for sr in created.stockrecords.all()] == [
        (market["a"]["partner"], 40)
    ]


def test_cooperative_cannot_create_a_product_for_another_cooperative(client, market):
    client.force_login(market["a"]["user"])
    product_class = market["a"]["product"].product_class
    url = reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug})
    data = form_data(client.get(url), EDIT_FORM)
    data.update(
        {
            "title": "冒名蜂蜜",
            "upc": "6900000088888",
            "productcategory_set-0-category": str(market["category"].pk),
            "stockrecords-0-partner": str(market["b"]["partner"].pk),
            "stockrecords-0-partner_sku": "FAKE-1",
            "stockrecords-0-price": "10.00",
            "stockrecords-0-num_in_stock": "1",
            "action": "save",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "只能选择你所在的合作社" in response.content.decode()
    assert not product_class.products.filter(title="冒名蜂蜜").exists()


def test_cooperative_cannot_add_a_variant_under_another_cooperatives_product(client, market):
    user = market["a"]["user"]
    user.user_permissions.add(
        *type(user).user_permissions.field.related_model.objects.filter(
            codename__in=["view_product", "add_product"], content_type__app_label="catalogue"
        )
    )
    client.force_login(user)
    product_b = market["b"]["product"]

    response = client.get(
        reverse("dashboard:catalogue-product-create-child", kwargs={"parent_pk": product_b.pk})
    )

    assert response.status_code == 404
    product_b.refresh_from_db()
    assert product_b.structure == product_b.STANDALONE


@pytest.mark.parametrize(
    "name",
    [
        "catalogue-category-list",
        "catalogue-category-create",
        "catalogue-class-list",
        "catalogue-class-create",
        "catalogue-option-list",
        "catalogue-attribute-option-group-list",
        "stock-alert-list",
    ],
)
def test_cooperative_cannot_manage_categories_or_product_types(client, market, name):
    user = market["a"]["user"]
    # Even given the model permissions, these pages stay the operator's.
    user.user_permissions.add(
        *type(user).user_permissions.field.related_model.objects.filter(content_type__app_label="catalogue")
    )
    client.force_login(user)

    response = client.get(reverse(f"dashboard:{name}"))

    assert response.status_code == 403


def test_operator_manages_categories(client, market):
    client.force_login(market["operator"])

    assert client.get(reverse("dashboard:catalogue-category-list")).status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_cooperative_product_list_queries_are_bounded(
    client, market, settings, django_assert_max_num_queries, count
):
    settings.OSCAR_DASHBOARD_ITEMS_PER_PAGE = count
    partner_a = market["a"]["partner"]
    for _ in range(count - 1):
        ProductFactory(categories=[market["category"]], stockrecord__partner=partner_a, with_image=True)
    ProductFactory.create_batch(5, stockrecord__partner=market["b"]["partner"])
    client.force_login(market["a"]["user"])
    url = reverse("dashboard:catalogue-product-list")
    # The first render makes sorl-thumbnail generate each thumbnail and write its key-value store
    # (queries per image, once); count the second render, which is what cooperatives normally get.
    client.get(url)

    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        response = client.get(url)

    rows = response.context["products"].page.object_list
    assert len(rows) == count
    assert all(row.record.stockrecords.all()[0].partner == partner_a for row in rows)
