"""Listing review (商品审核): what a cooperative submits waits for the operator, and shoppers
see only approved versions, in browse, search, the product page and the sitemap."""

import io
from decimal import Decimal

from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from catalog.constants import CertificationKind, ListingReviewKind, ListingReviewStatus, Storage
from catalog.models import ListingReview, ProductCertification
from tests.catalog.dashboard.helpers import form_data, form_errors
from tests.catalog.review.helpers import EDIT_FORM, approve, edit, edit_url

CATALOGUE_URL = reverse("catalogue:index")
SEARCH_URL = reverse("search:search")
QUEUE_URL = reverse("dashboard:listing-review-list")
#: What the product page shows instead of a photo when shoppers may see none.
PLACEHOLDER = "img/placeholder.svg"


def png(colour="green"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), colour).save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), "image/png")


def create(client, market, title):
    product_class = market["a"]["product"].product_class
    url = reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug})
    data = form_data(client.get(url), EDIT_FORM)
    data.update(
        {
            "title": title,
            "upc": "6900000077777",
            "productcategory_set-0-category": str(market["category"].pk),
            "stockrecords-0-partner_sku": "MUER-250",
            "stockrecords-0-price": "32.00",
            "stockrecords-0-num_in_stock": "40",
            "action": "save",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    return product_class.products.get(title=title)


def card_titles(response):
    """The titles of the product cards on a catalogue or search page."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [title.get_text(strip=True) for title in soup.select(".wf-card__title")]


def shopper_sees(client, product, text):
    """Whether ``text`` shows up for a shopper in the catalogue, a search for it, and the page of
    ``product``; also returns the product page's status and whether the sitemap lists it."""
    client.logout()
    catalogue = " ".join(card_titles(client.get(CATALOGUE_URL)))
    search = " ".join(card_titles(client.get(SEARCH_URL, {"q": text})))
    page = client.get(product.get_absolute_url())
    sitemap = client.get("/sitemap.xml").content.decode()
    return {
        "catalogue": text in catalogue,
        "search": text in search,
        "page": page.status_code,
        "sitemap": product.get_absolute_url() in sitemap,
    }


# --- New products -------------------------------------------------------------------------------


def test_a_new_product_is_unseen_until_the_operator_approves_it(
    client, market, eager_celery, django_capture_on_commit_callbacks
):
    client.force_login(market["a"]["user"])
    with django_capture_on_commit_callbacks(execute=True):  # builds its search text
        product = create(client, market, "随县黑木耳 250g")

    review = ListingReview.objects.get(product=product)
    assert (review.kind, review.status, review.submitted_by) == (
        ListingReviewKind.NEW,
        ListingReviewStatus.PENDING,
        market["a"]["user"],
    )
    assert shopper_sees(client, product, "随县黑木耳") == {
        "catalogue": False,
        "search": False,
        "page": 404,
        "sitemap": False,
    }

    response = approve(client, market["operator"], review)

    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.decided_by) == (ListingReviewStatus.APPROVED, market["operator"])
    assert review.decided_at is not None
    assert shopper_sees(client, product, "随县黑木耳") == {
        "catalogue": True,
        "search": True,
        "page": 200,
        "sitemap": True,
    }


def test_a_product_awaiting_review_cannot_be_put_in_a_basket(client, market):
    client.force_login(market["a"]["user"])
    product = create(client, market, "随县黑木耳 250g")
    client.logout()

    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1},
        HTTP_REFERER=reverse("basket:summary"),
        follow=True,
    )

    assert "商品审核中，暂不可购买" in response.content.decode()
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 0


def test_the_operator_queue_lists_pending_reviews_with_their_cooperative(client, market):
    client.force_login(market["a"]["user"])
    create(client, market, "随县黑木耳 250g")
    client.force_login(market["operator"])

    page = client.get(QUEUE_URL).content.decode()

    assert "随县黑木耳 250g" in page
    assert "随县香菇合作社" in page
    assert "新商品上架" in page


def test_the_review_queue_renders_in_a_bounded_number_of_queries(
    client, market, django_assert_max_num_queries
):
    client.force_login(market["a"]["user"])
    for n in range(12):
        product = market["a"]["product"]
        edit(client, product, **{"stockrecords-0-price": f"{70 + n}.00"})
        ListingReview.objects.filter(product=product).update(status=ListingReviewStatus.WITHDRAWN)
    client.force_login(market["operator"])

    with django_assert_max_num_queries(20):
        response = client.get(QUEUE_URL, {"status": ""})

    assert response.status_code == 200
    assert len(response.context["reviews"]) == 12


def test_a_rejected_new_product_stays_unseen_and_the_cooperative_reads_why(client, market):
    client.force_login(market["a"]["user"])
    product = create(client, market, "随县黑木耳 250g")
    review = ListingReview.objects.get(product=product)
    client.force_login(market["operator"])

    response = client.post(
        reverse("dashboard:listing-review-reject", kwargs={"pk": review.pk}),
        {"reason": "缺少食品生产许可证编号"},
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.reason, review.decided_by) == (
        ListingReviewStatus.REJECTED,
        "缺少食品生产许可证编号",
        market["operator"],
    )
    assert shopper_sees(client, product, "随县黑木耳")["page"] == 404
    client.force_login(market["a"]["user"])
    assert "缺少食品生产许可证编号" in client.get(edit_url(product)).content.decode()
    assert "已驳回" in client.get(reverse("dashboard:catalogue-product-list")).content.decode()

    # Saving again resubmits it.
    assert edit(client, product, description="补充了许可证编号 SC11642132100001").status_code == 302
    assert product.listing_reviews.filter(status=ListingReviewStatus.PENDING).count() == 1


def test_rejecting_without_a_reason_is_refused_and_changes_nothing(client, market):
    client.force_login(market["a"]["user"])
    product = create(client, market, "随县黑木耳 250g")
    review = ListingReview.objects.get(product=product)
    client.force_login(market["operator"])

    response = client.post(
        reverse("dashboard:listing-review-reject", kwargs={"pk": review.pk}), {"reason": " "}
    )

    assert response.status_code == 400
    assert "请填写驳回理由" in response.content.decode()
    review.refresh_from_db()
    assert review.status == ListingReviewStatus.PENDING


# --- Changes to listed products -----------------------------------------------------------------


def test_a_change_waits_and_shoppers_keep_seeing_the_approved_version(client, market):
    product, stockrecord = market["a"]["product"], market["a"]["stockrecord"]
    client.force_login(market["a"]["user"])

    response = edit(
        client,
        product,
        title="随州花菇 1kg 礼盒",
        storage=Storage.CHILLED,
        description="新描述：冷库保存",
        **{"stockrecords-0-price": "120.00", "stockrecords-0-num_in_stock": "250"},
    )

    assert response.status_code == 302, form_errors(response)
    product.refresh_from_db()
    stockrecord.refresh_from_db()
    # Held for review: title, storage, description, price. Applied at once: stock.
    assert (product.title, product.storage, product.description, stockrecord.price) == (
        "随州花菇 500g",
        Storage.AMBIENT,
        "",
        Decimal("68.00"),
    )
    assert stockrecord.num_in_stock == 250
    review = ListingReview.objects.get(product=product, status=ListingReviewStatus.PENDING)
    assert review.changes["fields"]["title"] == {"before": "随州花菇 500g", "after": "随州花菇 1kg 礼盒"}
    assert review.changes["fields"]["description"] == {"before": "", "after": "新描述：冷库保存"}
    assert review.changes["prices"] == {str(stockrecord.pk): {"before": "68.00", "after": "120.00"}}

    public = client.get(product.get_absolute_url()).content.decode()
    assert "随州花菇 500g" in public and "随州花菇 1kg 礼盒" not in public
    assert "¥68.00" in public
    assert card_titles(client.get(SEARCH_URL, {"q": "礼盒"})) == []

    client.force_login(market["operator"])
    detail = client.get(
        reverse("dashboard:listing-review-detail", kwargs={"pk": review.pk})
    ).content.decode()
    for text in ("随州花菇 500g", "随州花菇 1kg 礼盒", "常温", "冷藏", "新描述：冷库保存", "68.00", "120.00"):
        assert text in detail

    approve(client, market["operator"], review)

    product.refresh_from_db()
    stockrecord.refresh_from_db()
    assert (product.title, product.storage, product.description, stockrecord.price) == (
        "随州花菇 1kg 礼盒",
        Storage.CHILLED,
        "新描述：冷库保存",
        Decimal("120.00"),
    )
    client.logout()
    public = client.get(product.get_absolute_url()).content.decode()
    assert "随州花菇 1kg 礼盒" in public and "¥120.00" in public and "新描述：冷库保存" in public


def test_a_change_with_nothing_reviewed_in_it_applies_at_once(client, market):
    product, stockrecord = market["a"]["product"], market["a"]["stockrecord"]
    client.force_login(market["a"]["user"])

    edit(client, product, **{"stockrecords-0-num_in_stock": "7"})

    stockrecord.refresh_from_db()
    assert stockrecord.num_in_stock == 7
    assert not ListingReview.objects.filter(product=product).exists()


def test_certificates_of_a_listed_product_change_only_on_approval(client, market):
    product = market["a"]["product"]
    client.force_login(market["a"]["user"])

    response = edit(
        client,
        product,
        **{
            "certifications-0-kind": CertificationKind.GREEN_FOOD,
            "certifications-0-number": "LB-18-24010612345",
            "certifications-0-valid_until": "2028-06-30",
        },
    )

    assert response.status_code == 302, form_errors(response)
    assert not ProductCertification.objects.filter(product=product).exists()
    review = ListingReview.objects.get(product=product, status=ListingReviewStatus.PENDING)

    approve(client, market["operator"], review)

    assert [(c.kind, c.number) for c in product.certifications.all()] == [
        (CertificationKind.GREEN_FOOD, "LB-18-24010612345")
    ]


def test_a_new_image_is_shown_only_after_approval_and_dropped_on_rejection(client, market):
    product = market["a"]["product"]
    client.force_login(market["a"]["user"])

    response = edit(client, product, **{"images-0-original": png()})

    assert response.status_code == 302, form_errors(response)
    image = product.images.get()
    assert not image.is_approved
    client.logout()
    assert PLACEHOLDER in client.get(product.get_absolute_url()).content.decode()
    review = ListingReview.objects.get(product=product, status=ListingReviewStatus.PENDING)
    assert review.changes["images_added"] == [image.pk]

    client.force_login(market["operator"])
    client.post(
        reverse("dashboard:listing-review-reject", kwargs={"pk": review.pk}), {"reason": "图片模糊"}
    )

    assert not product.images.exists()


def test_an_approved_image_appears_on_the_product_page(client, market):
    product = market["a"]["product"]
    client.force_login(market["a"]["user"])
    edit(client, product, **{"images-0-original": png()})
    review = ListingReview.objects.get(product=product, status=ListingReviewStatus.PENDING)
    client.logout()
    assert PLACEHOLDER in client.get(product.get_absolute_url()).content.decode()

    approve(client, market["operator"], review)

    assert product.images.get().is_approved
    client.logout()
    assert PLACEHOLDER not in client.get(product.get_absolute_url()).content.decode()


def test_while_a_change_waits_reviewed_fields_are_locked(client, market):
    product, stockrecord = market["a"]["product"], market["a"]["stockrecord"]
    client.force_login(market["a"]["user"])
    edit(client, product, title="随州花菇 1kg")
    page = client.get(edit_url(product)).content.decode()
    assert "正在等待平台审核" in page

    data = form_data(client.get(edit_url(product)), EDIT_FORM)
    data.update({"title": "又改一次", "stockrecords-0-price": "1.00", "action": "save"})
    response = client.post(edit_url(product), data)

    assert response.status_code == 302, form_errors(response)
    product.refresh_from_db()
    stockrecord.refresh_from_db()
    assert (product.title, stockrecord.price) == ("随州花菇 500g", Decimal("68.00"))
    review = ListingReview.objects.get(product=product)
    assert review.changes["fields"]["title"]["after"] == "随州花菇 1kg"


def test_a_cooperative_withdraws_its_change_and_may_edit_again(client, market):
    product = market["a"]["product"]
    client.force_login(market["a"]["user"])
    edit(client, product, title="随州花菇 1kg", **{"images-0-original": png()})
    withdraw = reverse("dashboard:catalogue-product-review-withdraw", kwargs={"pk": product.pk})

    response = client.post(withdraw)

    assert response.status_code == 302
    review = ListingReview.objects.get(product=product)
    assert (review.status, review.decided_by) == (ListingReviewStatus.WITHDRAWN, market["a"]["user"])
    assert not product.images.exists()
    assert edit(client, product, title="随州花菇 750g").status_code == 302
    assert product.listing_reviews.get(status=ListingReviewStatus.PENDING).changes["fields"]["title"][
        "after"
    ] == ("随州花菇 750g")


def test_an_operators_own_edit_applies_directly(client, market):
    product = market["a"]["product"]
    client.force_login(market["operator"])

    assert edit(client, product, title="随州花菇 500g（运营修正）").status_code == 302

    product.refresh_from_db()
    assert product.title == "随州花菇 500g（运营修正）"
    assert not ListingReview.objects.exists()


# --- Who may decide -----------------------------------------------------------------------------


def test_a_cooperative_cannot_open_the_queue_or_approve_its_own_listing(client, market):
    client.force_login(market["a"]["user"])
    product = create(client, market, "随县黑木耳 250g")
    review = ListingReview.objects.get(product=product)

    assert client.get(QUEUE_URL).status_code == 403
    assert (
        client.get(reverse("dashboard:listing-review-detail", kwargs={"pk": review.pk})).status_code
        == 403
    )
    assert (
        client.post(reverse("dashboard:listing-review-approve", kwargs={"pk": review.pk})).status_code
        == 403
    )

    review.refresh_from_db()
    product.refresh_from_db()
    assert review.status == ListingReviewStatus.PENDING
    assert product.approved_at is None


def test_nobody_approves_what_they_submitted(client, market):
    # An operator who also works for the cooperative submits as the cooperative would.
    operator = market["operator"]
    market["a"]["partner"].users.add(operator)
    review = ListingReview.objects.create(
        product=market["a"]["product"], kind=ListingReviewKind.CHANGE, submitted_by=operator, changes={}
    )

    response = approve(client, operator, review)

    assert response.status_code == 302
    assert "不能审核自己提交的商品" in client.get(response.url).content.decode()
    review.refresh_from_db()
    assert review.status == ListingReviewStatus.PENDING


def test_another_cooperative_cannot_withdraw_a_change(client, market):
    product = market["a"]["product"]
    client.force_login(market["a"]["user"])
    edit(client, product, title="随州花菇 1kg")
    client.force_login(market["b"]["user"])

    response = client.post(reverse("dashboard:catalogue-product-review-withdraw", kwargs={"pk": product.pk}))

    assert response.status_code == 404
    assert product.listing_reviews.get().status == ListingReviewStatus.PENDING


def test_a_decided_review_cannot_be_decided_again(client, market):
    client.force_login(market["a"]["user"])
    product = create(client, market, "随县黑木耳 250g")
    review = ListingReview.objects.get(product=product)
    approve(client, market["operator"], review)

    response = client.post(
        reverse("dashboard:listing-review-reject", kwargs={"pk": review.pk}),
        {"reason": "晚了"},
        follow=True,
    )

    assert "这条审核已经处理过了" in response.content.decode()
    review.refresh_from_db()
    assert (review.status, review.reason) == (ListingReviewStatus.APPROVED, "")
