"""Product descriptions (商品描述): a cooperative's change waits for listing review like the title,
and what shoppers get is only the allow-listed HTML of ``catalog.richtext``, however the row was
written."""

from bs4 import BeautifulSoup
from django.urls import reverse

from catalog.constants import ListingReviewStatus
from catalog.models import ListingReview
from tests.catalog.dashboard.helpers import form_errors
from tests.catalog.review.helpers import approve, edit

ATTACK = (
    '<p>三里岗花菇，<strong>肉厚</strong>。</p><script>document.title = "pwned"; alert(1)</script>'
    '<p onclick="steal(document.cookie)" style="position:fixed">点击查看产地</p>'
    '<a href="javascript:alert(2)">优惠</a> <a href="https://www.suixian.gov.cn/">随县政府网</a>'
    '<img src="https://evil.example/x.png" onerror="alert(3)"><iframe src="https://evil.example/"></iframe>'
)


def description_block(client, product):
    """The product page's 「商品介绍」 block as a shopper gets it."""
    client.logout()
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.select_one("#product_description .wf-prose")


def assert_inert(block):
    """No element that runs, loads or frames anything, and no event handler or style."""
    assert block.find_all(["script", "style", "img", "iframe", "object", "embed", "form"]) == []
    for element in block.find_all(True):
        assert not [name for name in element.attrs if name.startswith("on") or name == "style"], element
    for link in block.find_all("a", href=True):
        assert link["href"].startswith(("http://", "https://")), link
        assert link["rel"] == ["noopener", "noreferrer", "nofollow"]


def test_a_cooperatives_script_in_a_description_waits_for_review_and_goes_live_clean(client, market):
    product = market["a"]["product"]
    product.description = "<p>香菇之乡的花菇。</p>"
    product.save()
    client.force_login(market["a"]["user"])

    response = edit(client, product, description=ATTACK)

    assert response.status_code == 302, form_errors(response)
    product.refresh_from_db()
    assert product.description == "<p>香菇之乡的花菇。</p>"
    review = ListingReview.objects.get(product=product, status=ListingReviewStatus.PENDING)
    held = review.changes["fields"]["description"]["after"]
    assert "<script" not in held and "onclick" not in held and "javascript:" not in held
    block = description_block(client, product)
    assert block.get_text(strip=True) == "香菇之乡的花菇。"

    assert approve(client, market["operator"], review).status_code == 302

    block = description_block(client, product)
    assert_inert(block)
    text = block.get_text(" ", strip=True)
    assert "肉厚" in text and "点击查看产地" in text and "随县政府网" in text
    assert "document.title" not in text and "alert" not in text
    assert block.find("a", string="随县政府网")["href"] == "https://www.suixian.gov.cn/"


def test_the_operator_reads_a_description_change_as_markup_never_rendered(client, market):
    product = market["a"]["product"]
    client.force_login(market["a"]["user"])
    edit(client, product, description='<p>产地直发</p><a href="https://www.suixian.gov.cn/">随县政府网</a>')
    review = ListingReview.objects.get(product=product, status=ListingReviewStatus.PENDING)
    client.force_login(market["operator"])

    page = client.get(reverse("dashboard:listing-review-detail", kwargs={"pk": review.pk}))

    differences = BeautifulSoup(page.content.decode(), "html.parser").select_one("#review-differences")
    assert differences.find("a") is None and differences.find("p") is None
    assert '<p>产地直发</p><a href="https://www.suixian.gov.cn/"' in differences.get_text()


def test_an_operators_description_applies_at_once_but_cleaned(client, market):
    product = market["a"]["product"]
    client.force_login(market["operator"])

    response = edit(client, product, description=ATTACK)

    assert response.status_code == 302, form_errors(response)
    product.refresh_from_db()
    assert "<script" not in product.description and "onclick" not in product.description
    assert "点击查看产地" in product.description
    assert not ListingReview.objects.filter(product=product).exists()
    assert_inert(description_block(client, product))


def test_a_description_written_around_the_dashboard_renders_clean(client, market):
    """Rows from before the rule, or written by the Django admin or a shell, are cleaned when
    shown."""
    product = market["a"]["product"]
    type(product).objects.filter(pk=product.pk).update(description=ATTACK)

    block = description_block(client, product)

    assert_inert(block)
    assert "点击查看产地" in block.get_text()
