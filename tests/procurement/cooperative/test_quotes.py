"""询价: a buyer asks cooperatives for a price, each asked cooperative answers in its dashboard
before the deadline, the buyer accepts one valid answer, which becomes a draft purchase order at
the quoted price (no minimum order quantity for the quoted line)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement.constants import PurchaseOrderSource, PurchaseOrderState, QuoteRequestState
from procurement.exceptions import NotPermitted, ProcurementError
from procurement.models import PurchaseOrder, QuoteAnswer, QuoteRequest
from procurement.quotes import services

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def _form(world, next_week, **changes):
    deadline = timezone.localtime() + datetime.timedelta(days=2)
    data = {
        "product": world.mushroom.product_id,
        "description": "",
        "unit": "",
        "quantity": "500",
        "delivery_address": world.kitchen.pk,
        "delivery_date": next_week.isoformat(),
        "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        "partners": [world.coop_a.pk, world.coop_b.pk],
    }
    data.update(changes)
    return data


@pytest.fixture
def asked(world, next_week):
    """500 香菇 asked of both cooperatives, answers due in two days."""
    return services.quote_request_create(
        organisation=world.canteen,
        by=world.buyer,
        partners=[world.coop_a, world.coop_b],
        product=world.mushroom.product,
        quantity=500,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        deadline=timezone.now() + datetime.timedelta(days=2),
    )


def _answer(world, request, **changes):
    fields = {
        "quote_request": request,
        "by": world.coop_a_user,
        "stockrecord": world.mushroom,
        "unit_price": Decimal("110.00"),
        "quantity": 300,
        "valid_until": timezone.localdate() + datetime.timedelta(days=5),
    }
    fields.update(changes)
    return services.quote_answer_save(**fields)


# --- The buyer asks ------------------------------------------------------------------------------


def test_a_buyer_asks_two_cooperatives_from_the_portal(client, world, next_week):
    client.force_login(world.buyer)
    assert client.get(reverse("procurement:quote-create")).status_code == 200
    response = client.post(reverse("procurement:quote-create"), _form(world, next_week), follow=True)
    request = QuoteRequest.objects.get()
    assert response.redirect_chain[-1][0] == reverse("procurement:quote-detail", kwargs={"pk": request.pk})
    assert "询价已发送给 2 家合作社" in " ".join(_messages(response))
    assert set(request.partners.all()) == {world.coop_a, world.coop_b}
    assert request.organisation == world.canteen and request.created_by == world.buyer
    listed = client.get(reverse("procurement:quote-list")).content.decode()
    assert "随州香菇 5kg" in listed


def test_an_unlisted_product_is_asked_by_description_and_unit(client, world, next_week):
    client.force_login(world.buyer)
    data = _form(world, next_week, product="", description="本地散养土鸡蛋，每枚 50 克以上", unit="")
    response = client.post(reverse("procurement:quote-create"), data)
    assert "请注明单位" in response.content.decode()
    assert not QuoteRequest.objects.exists()
    client.post(reverse("procurement:quote-create"), {**data, "unit": "箱"})
    assert QuoteRequest.objects.get().unit == "箱"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"product": "", "description": ""}, "请选择商品，或填写需求描述"),
        ({"quantity": "0"}, "数量必须大于 0"),
        ({"quantity": "十"}, "数量必须是正整数"),
        ({"quantity": "1.5"}, "数量必须是正整数"),
        ({"partners": []}, "请至少选择一家合作社"),
        ({"deadline": "2020-01-01T10:00"}, "报价截止时间必须晚于现在"),
        ({"delivery_date": "2020-01-01"}, "要求到货日期不能早于明天"),
    ],
)
def test_a_bad_request_gets_a_message_and_saves_nothing(client, world, next_week, changes, message):
    client.force_login(world.buyer)
    response = client.post(reverse("procurement:quote-create"), _form(world, next_week, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not QuoteRequest.objects.exists()


def test_another_organisations_address_is_refused(client, world, next_week):
    client.force_login(world.buyer)
    response = client.post(
        reverse("procurement:quote-create"), _form(world, next_week, delivery_address=world.school_kitchen.pk)
    )
    assert "收货地址不属于本单位" in response.content.decode()
    assert not QuoteRequest.objects.exists()


def test_a_suspended_cooperative_cannot_be_asked(world, next_week):
    world.coop_b.cooperative.status = "suspended"
    world.coop_b.cooperative.save()
    with pytest.raises(ProcurementError, match="暂不能询价"):
        services.quote_request_create(
            organisation=world.canteen,
            by=world.buyer,
            partners=[world.coop_b],
            description="泡泡青",
            unit="箱",
            quantity=100,
            delivery_address=world.kitchen,
            delivery_date=next_week,
            deadline=timezone.now() + datetime.timedelta(days=1),
        )
    assert not QuoteRequest.objects.exists()


def test_only_a_buyer_may_ask(world, next_week):
    with pytest.raises(NotPermitted):
        services.quote_request_create(
            organisation=world.canteen,
            by=world.approver,
            partners=[world.coop_a],
            product=world.mushroom.product,
            quantity=100,
            delivery_address=world.kitchen,
            delivery_date=next_week,
            deadline=timezone.now() + datetime.timedelta(days=1),
        )


def test_another_organisations_quote_request_is_not_found(client, world, asked):
    _answer(world, asked)
    answer = asked.answers.get()
    client.force_login(world.other_buyer)
    assert client.get(reverse("procurement:quote-detail", kwargs={"pk": asked.pk})).status_code == 404
    accept = reverse("procurement:quote-answer-accept", kwargs={"pk": asked.pk, "answer_pk": answer.pk})
    assert client.post(accept).status_code == 404
    assert client.post(reverse("procurement:quote-cancel", kwargs={"pk": asked.pk})).status_code == 404
    asked.refresh_from_db()
    assert asked.state == QuoteRequestState.OPEN
    assert not PurchaseOrder.objects.exists()


# --- Cooperatives answer -------------------------------------------------------------------------


def test_an_asked_cooperative_answers_in_its_dashboard(client, world, asked):
    client.force_login(world.coop_a_user)
    listed = client.get(reverse("dashboard:procurement-quote-list"))
    assert list(listed.context["quote_requests"]) == [asked]
    url = reverse("dashboard:procurement-quote-detail", kwargs={"pk": asked.pk})
    page = client.get(url)
    assert page.context["form"].initial["stockrecord"] == world.mushroom.pk
    valid_until = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    response = client.post(
        url,
        {
            "stockrecord": world.mushroom.pk,
            "unit_price": "108.50",
            "quantity": "400",
            "valid_until": valid_until,
        },
        follow=True,
    )
    assert "报价已提交" in " ".join(_messages(response))
    answer = QuoteAnswer.objects.get()
    assert (answer.partner, answer.unit_price, answer.quantity) == (world.coop_a, Decimal("108.50"), 400)
    assert answer.answered_by == world.coop_a_user


def test_a_cooperative_cannot_answer_with_another_cooperatives_stock(client, world, asked):
    client.force_login(world.coop_b_user)
    url = reverse("dashboard:procurement-quote-detail", kwargs={"pk": asked.pk})
    valid_until = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    response = client.post(
        url,
        {"stockrecord": world.mushroom.pk, "unit_price": "1", "quantity": "400", "valid_until": valid_until},
    )
    assert "只能用本合作社已上架的商品报价" in response.content.decode()
    assert not QuoteAnswer.objects.exists()
    with pytest.raises(NotPermitted):
        _answer(world, asked, by=world.coop_b_user)
    assert not QuoteAnswer.objects.exists()


def test_a_cooperative_not_asked_does_not_see_the_request(client, world, next_week):
    request = services.quote_request_create(
        organisation=world.canteen,
        by=world.buyer,
        partners=[world.coop_a],
        product=world.mushroom.product,
        quantity=500,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        deadline=timezone.now() + datetime.timedelta(days=2),
    )
    client.force_login(world.coop_b_user)
    assert list(client.get(reverse("dashboard:procurement-quote-list")).context["quote_requests"]) == []
    url = reverse("dashboard:procurement-quote-detail", kwargs={"pk": request.pk})
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"stockrecord": world.greens.pk, "unit_price": "30", "quantity": "1"}).status_code
        == 404
    )
    with pytest.raises(NotPermitted):
        _answer(world, request, by=world.coop_b_user, stockrecord=world.greens)
    assert not QuoteAnswer.objects.exists()


def test_a_late_answer_is_refused(client, world, asked):
    QuoteRequest.objects.filter(pk=asked.pk).update(deadline=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ProcurementError, match="已过报价截止时间"):
        _answer(world, asked)
    client.force_login(world.coop_a_user)
    url = reverse("dashboard:procurement-quote-detail", kwargs={"pk": asked.pk})
    assert "不能再报价" in client.get(url).content.decode()
    valid_until = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    response = client.post(
        url,
        {
            "stockrecord": world.mushroom.pk,
            "unit_price": "100",
            "quantity": "300",
            "valid_until": valid_until,
        },
    )
    assert "已过报价截止时间" in response.content.decode()
    assert not QuoteAnswer.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"unit_price": Decimal("0")}, "报价单价必须大于 0"),
        ({"quantity": 501}, "可供数量应在 1 到询价数量 500 之间"),
        ({"quantity": 0}, "可供数量应在 1 到询价数量 500 之间"),
        ({"valid_until": datetime.date(2020, 1, 1)}, "报价有效期不能早于今天"),
    ],
)
def test_a_bad_answer_is_refused(world, asked, changes, message):
    with pytest.raises(ProcurementError, match=message):
        _answer(world, asked, **changes)
    assert not QuoteAnswer.objects.exists()


# --- The buyer accepts ---------------------------------------------------------------------------


def test_accepting_an_answer_makes_a_draft_purchase_order_at_the_quoted_price(client, world, asked):
    answer = _answer(world, asked, quantity=3, unit_price=Decimal("99.00"))
    _answer(world, asked, by=world.coop_b_user, stockrecord=world.greens, unit_price=Decimal("30.00"))
    client.force_login(world.buyer)
    detail = reverse("procurement:quote-detail", kwargs={"pk": asked.pk})
    page = client.get(detail).content.decode()
    assert "随县香菇专业合作社" in page and "随县蔬菜专业合作社" in page
    accept = reverse("procurement:quote-answer-accept", kwargs={"pk": asked.pk, "answer_pk": answer.pk})
    response = client.post(accept, follow=True)

    purchase_order = PurchaseOrder.objects.get()
    assert purchase_order.number in " ".join(_messages(response))
    assert purchase_order.state == PurchaseOrderState.DRAFT
    assert purchase_order.source == PurchaseOrderSource.QUOTE
    assert (purchase_order.delivery_address, purchase_order.delivery_date) == (
        world.kitchen,
        asked.delivery_date,
    )
    line = purchase_order.lines.get()
    # Three units are below the lowest tier's minimum (10): the quoted line has no minimum.
    assert (line.stockrecord, line.quantity, line.unit_price, line.quote_answer) == (
        world.mushroom,
        3,
        Decimal("99.00"),
        answer,
    )
    asked.refresh_from_db()
    answer.refresh_from_db()
    assert asked.state == QuoteRequestState.ACCEPTED and answer.is_accepted
    assert purchase_order.number in client.get(detail).content.decode()


def test_the_quoted_line_keeps_its_price_and_skips_the_minimum_through_submission(world, asked):
    from procurement import services as order_services

    answer = _answer(world, asked, quantity=3, unit_price=Decimal("99.00"))
    purchase_order = services.quote_answer_accept(answer=answer, by=world.buyer)
    order_services.purchase_order_submit(purchase_order=purchase_order, by=world.buyer)
    order_services.purchase_order_approve(purchase_order=purchase_order, by=world.approver)
    order_line = purchase_order.supplier_orders.get().order.lines.get()
    assert (order_line.quantity, order_line.unit_price_incl_tax) == (3, Decimal("99.00"))


def test_an_expired_answer_cannot_be_accepted(client, world, asked):
    answer = _answer(world, asked)
    QuoteAnswer.objects.filter(pk=answer.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(world.buyer)
    detail = reverse("procurement:quote-detail", kwargs={"pk": asked.pk})
    assert "已过期" in client.get(detail).content.decode()
    accept = reverse("procurement:quote-answer-accept", kwargs={"pk": asked.pk, "answer_pk": answer.pk})
    response = client.post(accept, follow=True)
    assert "该报价已过有效期" in " ".join(_messages(response))
    assert not PurchaseOrder.objects.exists()
    asked.refresh_from_db()
    assert asked.state == QuoteRequestState.OPEN


def test_a_second_acceptance_is_refused(world, asked):
    answer = _answer(world, asked)
    other = _answer(world, asked, by=world.coop_b_user, stockrecord=world.greens, unit_price=Decimal("30.00"))
    services.quote_answer_accept(answer=answer, by=world.buyer)
    with pytest.raises(ProcurementError, match="已采纳"):
        services.quote_answer_accept(answer=other, by=world.buyer)
    assert PurchaseOrder.objects.count() == 1


def test_an_answer_of_another_request_cannot_be_accepted_through_this_one(client, world, asked, next_week):
    other_request = services.quote_request_create(
        organisation=world.school,
        by=world.other_buyer,
        partners=[world.coop_a],
        product=world.mushroom.product,
        quantity=100,
        delivery_address=world.school_kitchen,
        delivery_date=next_week,
        deadline=timezone.now() + datetime.timedelta(days=2),
    )
    foreign = _answer(world, other_request, quantity=50)
    client.force_login(world.buyer)
    accept = reverse("procurement:quote-answer-accept", kwargs={"pk": asked.pk, "answer_pk": foreign.pk})
    assert client.post(accept).status_code == 404
    assert not PurchaseOrder.objects.exists()


def test_only_a_buyer_accepts(world, asked):
    answer = _answer(world, asked)
    with pytest.raises(NotPermitted):
        services.quote_answer_accept(answer=answer, by=world.receiver)
    assert not PurchaseOrder.objects.exists()


def test_a_withdrawn_request_takes_no_answers(client, world, asked):
    client.force_login(world.buyer)
    client.post(reverse("procurement:quote-cancel", kwargs={"pk": asked.pk}))
    asked.refresh_from_db()
    assert asked.state == QuoteRequestState.CANCELLED
    with pytest.raises(ProcurementError, match="不再接受报价"):
        _answer(world, asked)


def test_the_cooperatives_quote_list_runs_in_a_fixed_number_of_queries(
    client, world, asked, next_week, django_assert_max_num_queries
):
    _answer(world, asked)
    client.force_login(world.coop_a_user)
    url = reverse("dashboard:procurement-quote-list")
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for quantity in (100, 200, 300):
        request = services.quote_request_create(
            organisation=world.canteen,
            by=world.buyer,
            partners=[world.coop_a, world.coop_b],
            product=world.mushroom.product,
            quantity=quantity,
            delivery_address=world.kitchen,
            delivery_date=next_week,
            deadline=timezone.now() + datetime.timedelta(days=2),
        )
        _answer(world, request, quantity=quantity)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["quote_requests"]) == 4


def test_operators_open_every_quote_page(client, world, asked, operator):
    answer = _answer(world, asked)
    client.force_login(operator)
    assert list(client.get(reverse("dashboard:procurement-quote-list")).context["quote_requests"]) == [asked]
    page = client.get(reverse("dashboard:procurement-quote-detail", kwargs={"pk": asked.pk}))
    assert page.status_code == 200
    assert page.context["answer"] == answer


def test_raising_a_quoted_lines_quantity_above_the_quote_prices_it_at_the_tiers(world, asked):
    from procurement import services as order_services

    answer = _answer(world, asked, quantity=30, unit_price=Decimal("99.00"))
    purchase_order = services.quote_answer_accept(answer=answer, by=world.buyer)
    common = {
        "purchase_order": purchase_order,
        "by": world.buyer,
        "delivery_address": world.kitchen,
        "delivery_date": asked.delivery_date,
    }
    order_services.purchase_order_update(**common, lines=[(world.mushroom.pk, 20)])
    assert purchase_order.lines.get().unit_price == Decimal("99.00")
    order_services.purchase_order_update(**common, lines=[(world.mushroom.pk, 60)])
    line = purchase_order.lines.get()
    assert (line.unit_price, line.quote_answer) == (Decimal("120.00"), None)


def test_a_draft_cannot_be_submitted_at_a_quote_that_has_since_expired(client, world, asked):
    answer = _answer(world, asked, quantity=3, unit_price=Decimal("99.00"))
    purchase_order = services.quote_answer_accept(answer=answer, by=world.buyer)
    # The buyer keeps the draft past the day the cooperative stood by its price.
    QuoteAnswer.objects.filter(pk=answer.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(world.buyer)

    response = client.post(reverse("procurement:order-submit", kwargs={"pk": purchase_order.pk}), follow=True)

    assert any("报价已于" in message and "过期" in message for message in _messages(response))
    purchase_order.refresh_from_db()
    assert purchase_order.state == PurchaseOrderState.DRAFT
    assert purchase_order.lines.get().unit_price == Decimal("99.00")
    assert not purchase_order.supplier_orders.exists()
