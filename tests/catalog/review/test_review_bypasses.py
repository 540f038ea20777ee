"""Every dashboard path that can change a listed product's price or a reviewed field goes through
listing review, or is not there for the cooperative: tier prices, Oscar's bulk price action, the
stock record's currency, and Oscar's other catalogue dashboard pages."""

import time
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.urls.resolvers import RoutePattern
from oscar.core.loading import get_model

from catalog.constants import ListingReviewStatus
from catalog.models import ListingReview, TierPrice
from tests.catalog.dashboard.helpers import form_data, form_errors, saved_tiers, tier_post, tiers_url
from tests.catalog.review.helpers import approve, edit
from tests.shop.address.conftest import SUIXIAN

Order = get_model("order", "Order")
ProductClass = get_model("catalogue", "ProductClass")

PRODUCT_LIST_URL = reverse("dashboard:catalogue-product-list")
BULK_CONFIRM_URL = reverse("dashboard:catalogue-product-bulk-action")



def shown_tiers(client, product):
    """The 机构采购阶梯价 rows of the product page, as a shopper reads them."""
    client.logout()
    soup = BeautifulSoup(client.get(product.get_absolute_url()).content.decode(), "html.parser")
    return [row.get_text(" ", strip=True) for row in soup.select(".wf-tier-table tbody tr")]


def buy_one(product):
    """A shopper buys one unit of ``product`` through the storefront's checkout; returns the
    order."""
    shopper = Client()
    user = get_user_model().objects.create_user("wang.xiuying@example.cn", "Suixian-Shopper-2026")
    shopper.force_login(user)
    assert shopper.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}).status_code == 302
    assert shopper.post(reverse("checkout:shipping-address"), SUIXIAN).status_code == 302
    methods = shopper.get(reverse("checkout:shipping-method"))
    if methods.status_code == 200:
        code = methods.context["methods"][0].code
        assert shopper.post(reverse("checkout:shipping-method"), {"method_code": code}).status_code == 302
    preview = shopper.get(reverse("checkout:preview")).content.decode()
    assert "¥0.01" not in preview
    assert shopper.post(reverse("checkout:preview"), {"action": "place_order"}).status_code == 302
    return Order.objects.get(user=user)


# --- Tier prices --------------------------------------------------------------------------------


def test_a_one_cent_tier_waits_for_review_and_checkout_charges_the_approved_price(client, market, settings):
    # The checkout below ends on the emulator's cashier, which the gateway uses only with DEBUG on.
    settings.DEBUG = True
    product, stockrecord = market["a"]["product"], market["a"]["stockrecord"]
    stockrecord.num_in_stock = 20
    stockrecord.save()
    TierPrice.objects.create(stockrecord=stockrecord, min_quantity=10, price=Decimal("60.00"))
    client.force_login(market["a"]["user"])

    response = client.post(tiers_url(stockrecord), tier_post((1, "0.01")), follow=True)

    assert "阶梯价的修改已提交审核" in response.content.decode()
    assert saved_tiers(stockrecord) == [(10, Decimal("60.00"))]
    review = ListingReview.objects.get(product=product, status=ListingReviewStatus.PENDING)
    assert review.changes["tiers"] == {
        str(stockrecord.pk): {
            "before": [{"min_quantity": 10, "price": "60.00"}],
            "after": [{"min_quantity": 1, "price": "0.01"}],
        }
    }
    assert shown_tiers(client, product) == ["≥ 10 ¥60.00"]
    order = buy_one(product)
    assert order.lines.get().unit_price_incl_tax == Decimal("68.00")

    client.force_login(market["operator"])
    detail = client.get(reverse("dashboard:listing-review-detail", kwargs={"pk": review.pk}))
    assert "≥10 ¥60.00" in detail.content.decode() and "≥1 ¥0.01" in detail.content.decode()
    assert approve(client, market["operator"], review).status_code == 302

    assert saved_tiers(stockrecord) == [(1, Decimal("0.01"))]
    assert shown_tiers(client, product) == ["≥ 1 ¥0.01"]


def test_a_tier_change_while_another_change_waits_is_refused_and_changes_nothing(client, market):
    product, stockrecord = market["a"]["product"], market["a"]["stockrecord"]
    TierPrice.objects.create(stockrecord=stockrecord, min_quantity=10, price=Decimal("60.00"))
    client.force_login(market["a"]["user"])
    assert edit(client, product, title="随州花菇 1kg").status_code == 302
    assert "阶梯价不能再修改" in client.get(tiers_url(stockrecord)).content.decode()

    response = client.post(tiers_url(stockrecord), tier_post((1, "0.01")))

    assert response.status_code == 200
    assert "该商品已有待审核的修改" in response.content.decode()
    assert saved_tiers(stockrecord) == [(10, Decimal("60.00"))]
    review = ListingReview.objects.get(product=product)
    assert "tiers" not in review.changes


def test_unchanged_tiers_saved_again_create_no_review(client, market):
    stockrecord = market["a"]["stockrecord"]
    TierPrice.objects.create(stockrecord=stockrecord, min_quantity=10, price=Decimal("60.00"))
    client.force_login(market["a"]["user"])

    shown = form_data(client.get(tiers_url(stockrecord)), "tier_price_form")

    assert client.post(tiers_url(stockrecord), shown).status_code == 302

    assert not ListingReview.objects.exists()
    assert saved_tiers(stockrecord) == [(10, Decimal("60.00"))]


# --- Oscar's bulk price action ------------------------------------------------------------------


@pytest.mark.parametrize("who", ["cooperative", "operator"])
def test_the_bulk_price_action_is_not_offered_and_refused_when_posted(client, market, who):
    """Removed rather than answered 403: it writes prices with one UPDATE past listing review
    and records nobody, for operators too; prices change on the product page."""
    product, stockrecord = market["a"]["product"], market["a"]["stockrecord"]
    client.force_login(market["a"]["user"] if who == "cooperative" else market["operator"])

    page = client.get(PRODUCT_LIST_URL).content.decode()
    assert 'value="set_product_price"' not in page
    assert 'value="make_products_non_public"' in page  # the other bulk actions stay

    response = client.post(
        PRODUCT_LIST_URL, {"action": "set_product_price", "selected_product": [product.pk]}, follow=True
    )

    # Back on the product list (Oscar's "invalid action"), never on the confirmation page.
    assert (response.redirect_chain, response.request["PATH_INFO"]) == ([(".", 302)], PRODUCT_LIST_URL)
    assert "无效的操作" in response.content.decode()
    assert not client.session.get("bulk_intermediate")
    stockrecord.refresh_from_db()
    assert stockrecord.price == Decimal("68.00")
    assert not ListingReview.objects.exists()


def test_a_bulk_price_change_confirmed_from_an_old_session_is_refused(client, market):
    """A confirmation page opened before the action was removed cannot finish it."""
    product, stockrecord = market["a"]["product"], market["a"]["stockrecord"]
    client.force_login(market["a"]["user"])
    session = client.session
    session["bulk_intermediate"] = {
        "old": {"action": "set_product_price", "created_at": time.time(), "object_ids": [product.pk]}
    }
    session.save()

    response = client.post(
        f"{BULK_CONFIRM_URL}?key=old",
        {
            "selected_products": [product.pk],
            "partners": [market["a"]["partner"].pk],
            "new_price": "99.00",
            "confirm_irreversible": "on",
        },
        follow=True,
    )

    assert response.redirect_chain == [(PRODUCT_LIST_URL, 302)]
    assert "没有待确认的批量操作" in response.content.decode()
    stockrecord.refresh_from_db()
    assert stockrecord.price == Decimal("68.00")


def test_making_an_unapproved_product_public_in_bulk_still_shows_it_to_nobody(client, market):
    product = market["a"]["product"]
    type(product).objects.filter(pk=product.pk).update(approved_at=None, is_public=False)
    client.force_login(market["a"]["user"])

    chosen = client.post(
        PRODUCT_LIST_URL, {"action": "make_products_public", "selected_product": [product.pk]}
    )
    assert chosen.status_code == 302 and chosen.url.startswith(BULK_CONFIRM_URL)
    done = client.post(chosen.url, {"selected_products": [product.pk]})

    assert (done.status_code, done.url) == (302, PRODUCT_LIST_URL)
    product.refresh_from_db()
    assert product.is_public is True
    client.logout()
    assert client.get(product.get_absolute_url()).status_code == 404


# --- The product form ---------------------------------------------------------------------------


def test_the_page_title_and_summary_of_a_listed_product_wait_for_review(client, market):
    """Oscar's SEO fields are the page's <title> and its search summary: changing them must not
    say what the reviewed title does not."""
    product = market["a"]["product"]
    client.force_login(market["a"]["user"])

    response = edit(client, product, meta_title="清仓特价 ¥1 随州花菇", meta_description="仅限今天 ¥1")

    assert response.status_code == 302, form_errors(response)
    product.refresh_from_db()
    assert (product.get_meta_title(), product.meta_description or "") == ("随州花菇 500g", "")
    review = ListingReview.objects.get(product=product, status=ListingReviewStatus.PENDING)
    fields = review.changes["fields"]
    assert (fields["meta_title"]["after"], fields["meta_description"]["after"]) == (
        "清仓特价 ¥1 随州花菇",
        "仅限今天 ¥1",
    )
    client.force_login(market["operator"])
    detail = client.get(reverse("dashboard:listing-review-detail", kwargs={"pk": review.pk}))
    rows = BeautifulSoup(detail.content.decode(), "html.parser").select("#review-differences tbody tr")
    assert [row.get_text(" ", strip=True) for row in rows] == [
        "网页标题 — 清仓特价 ¥1 随州花菇",
        "网页摘要 — 仅限今天 ¥1",
    ]
    client.logout()
    page = client.get(product.get_absolute_url()).content.decode()
    assert "清仓特价" not in page and "仅限今天" not in page


# --- The stock record formset -------------------------------------------------------------------


def test_a_cooperative_cannot_reprice_a_listed_product_in_another_currency(client, market):
    product, stockrecord = market["a"]["product"], market["a"]["stockrecord"]
    client.force_login(market["a"]["user"])

    response = edit(client, product, **{"stockrecords-0-price_currency": "EUR"})

    assert response.status_code == 302, form_errors(response)
    stockrecord.refresh_from_db()
    assert (stockrecord.price_currency, stockrecord.price) == ("CNY", Decimal("68.00"))


# --- Every page of the catalogue dashboard ------------------------------------------------------

#: Each page of the forked catalogue dashboard app and what keeps it from changing a listed
#: product's price or reviewed fields behind listing review. A page Oscar adds in an upgrade
#: fails the test below until it is placed here.
CATALOGUE_DASHBOARD_PAGES = {
    "catalogue-product": "HeldChanges: fields, stock record prices, certificates, images",
    "catalogue-product-create": "a new product waits for its first review",
    "catalogue-product-create-child": "a new variant waits for its first review",
    "catalogue-product-list": "read only; its bulk actions are the next line",
    "catalogue-product-bulk-action": "price action removed; (non-)public never shows an unapproved product",
    "catalogue-product-delete": "removes, never reprices",
    "catalogue-product-lookup": "read only",
    "catalogue-product-review-withdraw": "withdraws the cooperative's own pending change",
    "catalogue-stockrecord-tiers": "stockrecord_tier_prices_change: listing review",
    "stock-alert-list": "operators only",
}
OPERATOR_ONLY_PREFIXES = ("catalogue-category", "catalogue-class", "catalogue-option", "catalogue-attribute")


def catalogue_dashboard_urls():
    """``(name, url)`` of every page of the catalogue dashboard app, ids filled with 1."""
    urls = []
    for pattern in apps.get_app_config("catalogue_dashboard").get_urls():
        if isinstance(pattern.pattern, RoutePattern):
            kwargs = {name: "x" if name.endswith("slug") else 1 for name in pattern.pattern.converters}
        else:
            kwargs = {name: "x" for name in pattern.pattern.regex.groupindex}
        urls.append((pattern.name, reverse(f"dashboard:{pattern.name}", kwargs=kwargs)))
    return urls


def test_every_catalogue_dashboard_page_is_accounted_for(db):
    names = {name for name, _url in catalogue_dashboard_urls()}
    operator_only = {name for name in names if name.startswith(OPERATOR_ONLY_PREFIXES)}

    assert names - operator_only == set(CATALOGUE_DASHBOARD_PAGES)


def test_product_types_attributes_categories_and_options_refuse_a_cooperative(client, market):
    """Product types carry the attributes of every product: even with the model permissions a
    cooperative gets 403 on each of these pages, for reading and for posting."""
    user = market["a"]["user"]
    user.user_permissions.add(
        *type(user).user_permissions.field.related_model.objects.filter(content_type__app_label="catalogue")
    )
    product_class = market["a"]["product"].product_class
    client.force_login(user)
    pages = [url for name, url in catalogue_dashboard_urls() if name.startswith(OPERATOR_ONLY_PREFIXES)]
    pages.append(reverse("dashboard:catalogue-class-update", kwargs={"pk": product_class.pk}))

    for url in pages:
        assert (url, client.get(url).status_code) == (url, 403)
        assert (url, client.post(url, {"name": "改名"}).status_code) == (url, 403)

    assert ProductClass.objects.get(pk=product_class.pk).name == product_class.name
