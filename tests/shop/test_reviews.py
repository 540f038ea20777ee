"""Product reviews: only shoppers with an account may write one, and nobody else sees it until
an operator approves it in the dashboard's 评论 queue."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ProductFactory

ProductReview = get_model("reviews", "ProductReview")

pytestmark = pytest.mark.django_db

REVIEW = {"title": "香菇肉厚", "score": "5", "body": "泡发后很香，炖鸡汤特别好。"}


@pytest.fixture
def product():
    return ProductFactory(title="随州花菇 500g")


def add_review_url(product):
    return reverse("catalogue:reviews-add", kwargs={"product_slug": product.slug, "product_pk": product.pk})


def test_an_anonymous_visitor_cannot_post_a_review(client, product):
    response = client.post(
        add_review_url(product), {**REVIEW, "name": "路人", "email": "a@example.cn"}, follow=True
    )

    assert ProductReview.objects.count() == 0
    assert "你不能评论此商品" in response.content.decode()
    assert REVIEW["body"] not in client.get(product.get_absolute_url()).content.decode()


def test_a_shoppers_review_waits_for_an_operator_before_anyone_sees_it(client, product):
    shopper = get_user_model().objects.create_user("xiaomin@example.cn", "Suixian-Shopper-2026")
    client.force_login(shopper)

    response = client.post(add_review_url(product), REVIEW)

    assert response.status_code == 302
    review = ProductReview.objects.get()
    assert review.status == ProductReview.FOR_MODERATION
    client.logout()
    assert REVIEW["body"] not in client.get(product.get_absolute_url()).content.decode()

    operator = get_user_model().objects.create_superuser("yunying@example.cn", "Suixian-Operator-2026")
    client.force_login(operator)
    queue = client.get(reverse("dashboard:reviews-list"))
    assert REVIEW["title"] in queue.content.decode()
    approved = client.post(
        reverse("dashboard:reviews-update", kwargs={"pk": review.pk}),
        {**REVIEW, "status": ProductReview.APPROVED},
    )
    assert approved.status_code == 302
    client.logout()

    assert REVIEW["body"] in client.get(product.get_absolute_url()).content.decode()
