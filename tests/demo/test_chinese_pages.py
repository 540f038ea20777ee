"""No English left on the pages shoppers and cooperatives use: each page of the demo is rendered
in Chinese and its visible text searched for Oscar's English messages (the msgids of Oscar's
zh_Hans catalogue), which show only where a template or a translation was missed."""

import re
from pathlib import Path

import oscar
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from tests.test_translations import parse_po

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.usefixtures("demo")

OSCAR_CATALOGUE = Path(oscar.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
#: A message of two words or more: single words ("Email", "UPC") are also names and codes.
_PHRASE = re.compile(r"^[A-Za-z][A-Za-z'’,.!?-]*(?: [A-Za-z'’,.!?-]+)+$")


def oscar_phrases():
    """Oscar's English messages that read as phrases, longest first (placeholders left out)."""
    text = OSCAR_CATALOGUE.read_text(encoding="utf-8")
    phrases = {
        " ".join(entry.msgid.split())
        for entry in parse_po(text)
        if entry.msgid and "%" not in entry.msgid and "{" not in entry.msgid and "<" not in entry.msgid
    }
    return sorted((phrase for phrase in phrases if _PHRASE.match(phrase)), key=len, reverse=True)


PHRASES = oscar_phrases()


def visible_text(response):
    """What a reader sees of the page: its text without scripts and styles, and the words of
    placeholders, titles, labels and button values."""
    soup = BeautifulSoup(response.content, "html.parser")
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    words = [soup.get_text(" ")]
    for element in soup.find_all(True):
        for attribute in ("placeholder", "title", "aria-label", "alt"):
            if element.get(attribute):
                words.append(element[attribute])
        if element.name == "input" and element.get("type") in ("submit", "button") and element.get("value"):
            words.append(element["value"])
    return " ".join(" ".join(words).split())


def english_left(response):
    text = visible_text(response)
    return [phrase for phrase in PHRASES if re.search(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", text)]


def shopper_pages(client):
    product = Product.objects.filter(is_public=True, parent__isnull=True).order_by("pk").first()
    category = Category.objects.order_by("depth", "pk").first()
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    pages = [
        "/shop/catalogue/",
        category.get_absolute_url(),
        product.get_absolute_url(),
        "/shop/search/?q=香菇",
        "/shop/basket/",
        "/shop/checkout/shipping-address/",
        "/shop/accounts/orders/",
        "/shop/accounts/addresses/",
        "/shop/accounts/profile/",
    ]
    order = Order.objects.filter(user__email="shopper@wenfu.cn").first()
    if order is not None:
        pages.append(f"/shop/accounts/orders/{order.number}/")
    return pages


def cooperative_pages(user):
    product = Product.objects.filter(stockrecords__partner__users=user, parent__isnull=True).first()
    pages = [
        "/shop/dashboard/",
        "/shop/dashboard/catalogue/",
        f"/shop/dashboard/catalogue/products/{product.pk}/",
        "/shop/dashboard/orders/",
    ]
    order = Order.objects.filter(lines__partner__users=user).first()
    if order is not None:
        pages.append(f"/shop/dashboard/orders/{order.number}/")
    return pages


def english_on(client, urls):
    """``{url: English phrases left}`` of the pages at ``urls``, each of which must open."""
    left = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if found := english_left(response):
            left[url] = found
    return left


def test_the_shoppers_pages_have_no_english_left(client):
    client.force_login(get_user_model().objects.get(email="shopper@wenfu.cn"))

    assert english_on(client, shopper_pages(client)) == {}


def test_the_cooperatives_dashboard_has_no_english_left(client):
    user = get_user_model().objects.get(email="coop@wenfu.cn")
    client.force_login(user)

    assert english_on(client, cooperative_pages(user)) == {}
