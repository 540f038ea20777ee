"""The 结算单 PDF: both parties, the lines with their quantities, the accepted total in figures
and in capital numerals; downloadable by the organisation's members, the cooperative and
operators only."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.catalog.dashboard.helpers import operator_user
from tests.procurement.conftest import member

pytestmark = pytest.mark.django_db


def pdf_text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return "".join(page.extract_text() for page in reader.pages)


def test_the_statement_of_a_supplier_order_shows_both_parties_and_the_accepted_total_in_words(
    client, world, accepted
):
    coop_a, _coop_b = accepted
    client.force_login(world.finance)

    text = pdf_text(client.get(reverse("procurement:supplier-order-statement", args=[coop_a.pk])))

    squeezed = "".join(text.split())
    assert "¥6,110.00" in squeezed
    assert "陆仟壹佰壹拾元整" in squeezed
    assert world.canteen.credit_code in squeezed
    assert world.coop_a.cooperative.credit_code in squeezed
    assert "随县香菇专业合作社" in squeezed
    assert "中国农业银行随县支行" in squeezed
    # 50 ordered and delivered, 48 accepted at ¥120.
    assert "随州香菇5kg505048¥120.00¥5,760.00" in squeezed


def test_the_cooperative_and_operators_download_it_from_the_dashboard(client, world, accepted):
    coop_a, _coop_b = accepted
    url = reverse("dashboard:procurement-supplier-order-statement", args=[coop_a.pk])
    for user in (world.coop_a_user, operator_user()):
        client.force_login(user)
        assert "陆仟壹佰壹拾元整" in "".join(pdf_text(client.get(url)).split())


def test_nobody_else_gets_the_statement(client, world, accepted):
    coop_a, _coop_b = accepted
    portal = reverse("procurement:supplier-order-statement", args=[coop_a.pk])
    dashboard = reverse("dashboard:procurement-supplier-order-statement", args=[coop_a.pk])

    client.force_login(member(world.school, "school-finance@example.cn", "finance"))
    assert client.get(portal).status_code == 404
    client.force_login(world.coop_b_user)
    assert client.get(dashboard).status_code == 404
    client.logout()
    assert client.get(portal).status_code == 302
