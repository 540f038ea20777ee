"""Browse filters (area, town, cooperative, certification, storage), their facet counts, and
sorting, on the catalogue, category and search pages."""

from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from tests.catalog.conftest import certify, make_area, make_cooperative
from tests.factories import CategoryFactory, ProductFactory

ProductRecord = get_model("analytics", "ProductRecord")

pytestmark = pytest.mark.django_db

CATALOGUE_URL = reverse("catalogue:index")
SEARCH_URL = reverse("search:search")


def titles(response):
    return {product.title for product in response.context["products"]}


def ordered_titles(response):
    return [product.title for product in response.context["products"]]


def facet_counts(response):
    """``{facet: {label: count}}`` as the sidebar shows them."""
    return {
        facet.name: {option.label: option.count for option in facet.options}
        for facet in response.context["facets"]
    }


def selected(response):
    return {
        facet.name: {option.label for option in facet.options if option.selected}
        for facet in response.context["facets"]
        if facet.selected
    }


ALL_VISIBLE = {
    "随州花菇 500g",
    "鲜香菇 2.5kg",
    "随县黑木耳 250g",
    "秋木耳 500g",
    "泡泡青 5kg",
    "平台自营礼盒",
}


def test_facet_counts_without_filters(client, market):
    response = client.get(CATALOGUE_URL)

    assert titles(response) == ALL_VISIBLE
    assert facet_counts(response) == {
        "area": {"三里岗镇香菇小镇安置区": 2, "殷店镇东岳安置点": 1, "殷店镇西岭安置点": 2},
        "town": {"三里岗镇": 2, "殷店镇": 3},
        # The suspended cooperative is not offered; the operator's own partner is no cooperative.
        "coop": {"随县兴农香菇专业合作社": 2, "随县绿源黑木耳专业合作社": 3},
        # 有机产品 has no product: not offered.
        "cert": {"地理标志": 2, "绿色食品": 2, "承诺达标合格证": 2},
        "storage": {"常温": 4, "冷藏": 2},
    }
    content = response.content.decode()
    for label in [
        "安置区",
        "乡镇",
        "合作社",
        "认证",
        "储存方式",
        "殷店镇西岭安置点",
        "承诺达标合格证",
        "冷藏",
    ]:
        assert label in content


def test_town_filter_narrows_products_and_other_facets_but_not_its_own(client, market):
    response = client.get(CATALOGUE_URL, {"town": "殷店镇"})

    assert titles(response) == {"随县黑木耳 250g", "秋木耳 500g", "泡泡青 5kg"}
    counts = facet_counts(response)
    # Its own facet still offers the other town, with what picking it instead would list.
    assert counts["town"] == {"三里岗镇": 2, "殷店镇": 3}
    assert counts["area"] == {"殷店镇东岳安置点": 1, "殷店镇西岭安置点": 2}
    assert counts["coop"] == {"随县绿源黑木耳专业合作社": 3}
    assert counts["cert"] == {"绿色食品": 1, "承诺达标合格证": 1}
    assert counts["storage"] == {"常温": 2, "冷藏": 1}
    assert selected(response) == {"town": {"殷店镇"}}


def test_area_cooperative_and_storage_filters(client, market):
    assert titles(client.get(CATALOGUE_URL, {"area": "xiling"})) == {"秋木耳 500g", "泡泡青 5kg"}
    assert titles(client.get(CATALOGUE_URL, {"coop": "xingnong"})) == {"随州花菇 500g", "鲜香菇 2.5kg"}
    assert titles(client.get(CATALOGUE_URL, {"storage": "chilled"})) == {"鲜香菇 2.5kg", "泡泡青 5kg"}


def test_several_certifications_list_products_with_any_of_them(client, market):
    response = client.get(CATALOGUE_URL, {"cert": ["gi", "compliance_pledge"]})

    assert titles(response) == {"随州花菇 500g", "鲜香菇 2.5kg", "泡泡青 5kg"}
    counts = facet_counts(response)
    assert counts["cert"] == {"地理标志": 2, "绿色食品": 2, "承诺达标合格证": 2}
    assert counts["storage"] == {"常温": 1, "冷藏": 2}
    assert counts["coop"] == {"随县兴农香菇专业合作社": 2, "随县绿源黑木耳专业合作社": 1}
    assert selected(response) == {"cert": {"地理标志", "承诺达标合格证"}}


def test_filters_combine_with_each_other_the_query_and_the_category(client, market):
    both = client.get(CATALOGUE_URL, {"cert": "gi", "storage": "chilled"})
    assert titles(both) == {"鲜香菇 2.5kg"}
    assert facet_counts(both)["storage"] == {"常温": 1, "冷藏": 1}

    searched = client.get(SEARCH_URL, {"q": "木耳", "town": "殷店镇", "storage": "ambient"})
    assert titles(searched) == {"随县黑木耳 250g", "秋木耳 500g"}
    assert facet_counts(searched)["area"] == {"殷店镇东岳安置点": 1, "殷店镇西岭安置点": 1}
    # Search facets count within the query's matches only.
    assert facet_counts(searched)["cert"] == {"绿色食品": 1}

    category = market["categories"]["fungi"]
    in_category = client.get(category.get_absolute_url(), {"storage": "ambient"})
    assert titles(in_category) == {"随州花菇 500g", "随县黑木耳 250g", "秋木耳 500g", "平台自营礼盒"}
    assert facet_counts(in_category)["storage"] == {"常温": 4, "冷藏": 1}

    nothing = client.get(CATALOGUE_URL, {"area": "xiling", "cert": "gi"})
    assert titles(nothing) == set()
    assert "没有符合筛选条件的商品" in nothing.content.decode()


def test_bad_filter_values_are_ignored_and_keep_the_rest(client, market):
    response = client.get(CATALOGUE_URL, {"storage": "hot", "cert": "bogus", "coop": "xingnong"})

    assert response.status_code == 200
    assert titles(response) == {"随州花菇 500g", "鲜香菇 2.5kg"}


def test_unknown_area_lists_nothing_and_offers_to_clear(client, market):
    response = client.get(CATALOGUE_URL, {"area": "nowhere", "sort_by": "newest"})

    assert titles(response) == set()
    assert response.context["clear_filters_url"] == "?sort_by=newest"


def option_params(response, facet_name, label):
    (facet,) = [facet for facet in response.context["facets"] if facet.name == facet_name]
    (option,) = [option for option in facet.options if option.label == label]
    return parse_qs(urlparse(option.url).query)


def test_facet_links_keep_query_sort_and_other_filters_and_drop_the_page(client, market, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 1
    response = client.get(
        SEARCH_URL, {"q": "木耳", "sort_by": "price-asc", "town": "殷店镇", "cert": "green_food", "page": 1}
    )

    # Ticking another certification adds it; the rest stays.
    assert option_params(response, "cert", "绿色食品") == {
        "q": ["木耳"],
        "sort_by": ["price-asc"],
        "town": ["殷店镇"],
    }
    # Picking an area sets it next to the rest.
    assert option_params(response, "area", "殷店镇东岳安置点") == {
        "q": ["木耳"],
        "sort_by": ["price-asc"],
        "town": ["殷店镇"],
        "cert": ["green_food"],
        "area": ["dongyue"],
    }
    # Clicking the selected town removes it.
    assert option_params(response, "town", "殷店镇") == {
        "q": ["木耳"],
        "sort_by": ["price-asc"],
        "cert": ["green_food"],
    }
    # The sort form carries the filters as hidden fields.
    content = response.content.decode()
    assert '<input type="hidden" name="town" value="殷店镇">' in content
    assert '<input type="hidden" name="cert" value="green_food">' in content


def test_selected_option_without_products_is_still_shown_to_untick(client, market):
    response = client.get(CATALOGUE_URL, {"cert": "organic"})

    assert titles(response) == set()
    assert facet_counts(response)["cert"]["有机产品"] == 0
    assert selected(response) == {"cert": {"有机产品"}}


def test_search_without_words_shows_no_filters(client, market):
    response = client.get(SEARCH_URL, {"storage": "chilled"})

    assert titles(response) == set()
    assert response.context["facets"] == []


# --- Sorting -------------------------------------------------------------------------------------


def test_sort_options_are_in_chinese(client, market):
    content = client.get(CATALOGUE_URL).content.decode()

    for label in ["综合", "最新上架", "销量最高", "价格从低到高", "价格从高到低"]:
        assert label in content


def test_best_selling_first_and_unsold_products_count_as_zero(client, market):
    products = market["products"]
    ProductRecord.objects.create(product=products["black"], num_purchases=30)
    ProductRecord.objects.create(product=products["greens"], num_purchases=12)
    ProductRecord.objects.create(product=products["flower"], num_purchases=0)

    order = ordered_titles(client.get(CATALOGUE_URL, {"sort_by": "best-selling", "town": "殷店镇"}))

    assert order == ["随县黑木耳 250g", "泡泡青 5kg", "秋木耳 500g"]
    everything = ordered_titles(client.get(CATALOGUE_URL, {"sort_by": "best-selling"}))
    assert everything[:2] == ["随县黑木耳 250g", "泡泡青 5kg"]
    assert set(everything[2:]) == ALL_VISIBLE - {"随县黑木耳 250g", "泡泡青 5kg"}


def test_sorting_by_price_with_filters(client, market):
    ascending = ordered_titles(client.get(CATALOGUE_URL, {"sort_by": "price-asc", "town": "殷店镇"}))
    descending = ordered_titles(client.get(CATALOGUE_URL, {"sort_by": "price-desc", "town": "殷店镇"}))

    assert ascending == ["随县黑木耳 250g", "泡泡青 5kg", "秋木耳 500g"]
    assert descending == list(reversed(ascending))


def test_newest_first(client, market):
    order = ordered_titles(client.get(CATALOGUE_URL, {"sort_by": "newest", "coop": "lvyuan"}))

    assert order == ["泡泡青 5kg", "秋木耳 500g", "随县黑木耳 250g"]


# --- Query counts with filters active -----------------------------------------------------------


@pytest.fixture
def filtered_pages(settings, refresh_search_text):
    """``make(n)``: ``n`` matching products (plus some that do not match) on one page; returns
    URLs of the catalogue, a category and search, each with every filter active."""

    def make(count):
        settings.OSCAR_PRODUCTS_PER_PAGE = count
        area = make_area(f"area-{count}", f"安置区{count}", f"镇{count}")
        other_area = make_area(f"other-{count}", f"别处{count}", f"别镇{count}")
        coop = make_cooperative(f"coop-{count}", f"合作社{count}", areas=[area])
        category = CategoryFactory(name="香菇", parent=CategoryFactory(name="食用菌"))
        products = []
        for n in range(count):
            product = ProductFactory(
                title=f"随州花菇 {n}",
                categories=[category],
                with_image=True,
                origin_area=area,
                storage="chilled",
                stockrecord__partner=coop.partner,
            )
            certify(product, "gi", "green_food")
            products.append(product)
        for n in range(3):
            products.append(
                ProductFactory(title=f"随州花菇 别处 {n}", categories=[category], origin_area=other_area)
            )
        refresh_search_text(*products)
        params = "?" + urlencode(
            {
                "area": area.slug,
                "town": area.town,
                "coop": coop.partner.code,
                "cert": ["gi", "organic"],
                "storage": "chilled",
                "sort_by": "best-selling",
            },
            doseq=True,
        )
        return {
            "catalogue": CATALOGUE_URL + params,
            "category": category.get_parent().get_absolute_url() + params,
            "search": SEARCH_URL + params + "&" + urlencode({"q": "花菇"}),
        }

    return make


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("page", ["catalogue", "category", "search"])
def test_filtered_pages_use_a_bounded_number_of_queries(
    client,
    filtered_pages,
    django_assert_max_num_queries,
    listing_query_budget,
    count,
    page,
    uncached_listings,
):
    url = filtered_pages(count)[page]
    warm_up = client.get(url)  # sorl-thumbnail writes its store on the first render
    assert len(warm_up.context["products"]) == count

    with django_assert_max_num_queries(listing_query_budget):
        response = client.get(url)

    assert len(response.context["products"]) == count
    assert facet_counts(response)["storage"] == {"冷藏": count}


def test_filtered_query_count_does_not_grow_with_the_page(client, filtered_pages):
    counts = []
    for count in (5, 50):
        url = filtered_pages(count)["category"]
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))

    assert counts[0] == counts[1], counts
