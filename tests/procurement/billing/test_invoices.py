"""The buyer's 财务 asks for an invoice after 验收; the supplier order's cooperative issues it
for exactly the accepted total, with the tax invoice's PDF."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from procurement.constants import InvoiceKind, InvoiceState, SupplierOrderState
from procurement.models import Invoice, Organisation
from tests.catalog.dashboard.helpers import operator_user
from tests.uploads import HTML_BEHIND_PDF_HEADER, pdf_bytes, pdf_upload, png_bytes

pytestmark = pytest.mark.django_db

REQUEST = "procurement:invoice-request"


def _ask(client, user, supplier_order, kind=InvoiceKind.ORDINARY):
    client.force_login(user)
    return client.post(reverse(REQUEST, args=[supplier_order.pk]), {"kind": kind}, follow=True)


def test_finance_asks_for_an_ordinary_invoice_after_acceptance(client, world, accepted):
    coop_a, _coop_b = accepted

    response = _ask(client, world.finance, coop_a)

    assert "已向随县香菇专业合作社申请增值税普通发票" in response.content.decode()
    invoice = Invoice.objects.get(supplier_order=coop_a)
    assert (invoice.kind, invoice.state, invoice.requested_by) == (
        InvoiceKind.ORDINARY,
        InvoiceState.REQUESTED,
        world.finance,
    )


def test_a_special_invoice_needs_the_bank_details_and_says_where_to_fill_them(client, world, accepted):
    coop_a, _coop_b = accepted
    Organisation.objects.filter(pk=world.canteen.pk).update(bank_account="")

    response = _ask(client, world.finance, coop_a, InvoiceKind.SPECIAL)

    assert "开户银行和银行账号，请先在“单位设置”中填写" in response.content.decode()
    assert not Invoice.objects.exists()


def test_a_special_invoice_with_bank_details_is_requested(client, world, accepted):
    coop_a, _coop_b = accepted
    _ask(client, world.finance, coop_a, InvoiceKind.SPECIAL)
    assert Invoice.objects.get().kind == InvoiceKind.SPECIAL


def test_an_invoice_cannot_be_asked_for_before_acceptance(client, world, next_week):
    from procurement import services

    purchase_order = services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        lines=[(world.greens.pk, 20)],
    )
    services.purchase_order_submit(purchase_order=purchase_order, by=world.buyer)
    services.purchase_order_approve(purchase_order=purchase_order, by=world.approver)
    supplier_order = purchase_order.supplier_orders.get()

    response = _ask(client, world.finance, supplier_order)

    assert "验收后才能申请发票" in response.content.decode()
    assert not Invoice.objects.exists()


@pytest.mark.parametrize("who", ["buyer", "receiver", "approver"])
def test_only_finance_asks_for_invoices(client, world, accepted, who):
    response = _ask(client, getattr(world, who), accepted[0])
    assert "没有“财务”角色" in response.content.decode()
    assert not Invoice.objects.exists()


def test_asking_twice_makes_one_invoice(client, world, accepted):
    _ask(client, world.finance, accepted[0])
    response = _ask(client, world.finance, accepted[0])
    assert "已经申请过发票" in response.content.decode()
    assert Invoice.objects.count() == 1


def test_another_organisations_supplier_order_is_not_found(client, world, accepted):
    from tests.procurement.conftest import member

    school_finance = member(world.school, "school-finance@example.cn", "finance")
    client.force_login(school_finance)

    response = client.post(reverse(REQUEST, args=[accepted[0].pk]), {"kind": "ordinary"})

    assert response.status_code == 404
    assert not Invoice.objects.exists()


def test_the_finance_page_lists_what_awaits_an_invoice(client, world, accepted):
    client.force_login(world.finance)
    page = client.get(reverse("procurement:billing")).content.decode()
    assert accepted[0].order.number in page
    assert "申请发票" in page


# --- Issuing -------------------------------------------------------------------------------------


@pytest.fixture
def requested(world, accepted):
    from procurement.billing import services

    return services.invoice_request(supplier_order=accepted[0], by=world.finance, kind=InvoiceKind.SPECIAL)


def _issue(client, user, invoice, **overrides):
    client.force_login(user)
    data = {
        "number": "04420001",
        "issued_on": timezone.localdate().isoformat(),
        "amount": str(invoice.supplier_order.accepted_total),
        "pdf": pdf_upload("发票.pdf"),
        **overrides,
    }
    return client.post(reverse("dashboard:procurement-invoice-issue", args=[invoice.pk]), data, follow=True)


def test_the_cooperative_issues_the_invoice_for_the_accepted_total(
    client, world, requested, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _issue(client, world.coop_a_user, requested)

    assert "发票 04420001 已开具" in response.content.decode()
    requested.refresh_from_db()
    assert requested.state == InvoiceState.ISSUED
    assert requested.amount == Decimal("6110.00")
    assert requested.pdf_content_type == "application/pdf"
    assert requested.supplier_order.state == SupplierOrderState.INVOICED
    assert requested.supplier_order.events.last().to_state == SupplierOrderState.INVOICED
    assert [message.to for message in mail.outbox] == [[world.finance.email]]
    assert "04420001" in mail.outbox[0].body
    assert "6110.00" in mail.outbox[0].body


@pytest.mark.parametrize("amount", ["6109.99", "6110.01", "5760.00"])
def test_an_amount_other_than_the_accepted_total_is_refused_with_both_figures(
    client, world, requested, amount
):
    response = _issue(client, world.coop_a_user, requested, amount=amount)

    page = response.content.decode()
    assert f"发票金额 ¥{amount} 与验收金额 ¥6110.00 不符" in page
    requested.refresh_from_db()
    assert requested.state == InvoiceState.REQUESTED
    assert not requested.pdf
    assert requested.supplier_order.state == SupplierOrderState.ACCEPTED


@pytest.mark.parametrize(
    "upload",
    [
        lambda: SimpleUploadedFile("发票.png", png_bytes(), "image/png"),
        lambda: SimpleUploadedFile("发票.pdf", HTML_BEHIND_PDF_HEADER, "application/pdf"),
        lambda: SimpleUploadedFile("发票.pdf", pdf_bytes(javascript="app.alert(1)"), "application/pdf"),
    ],
    ids=["image", "html-behind-pdf-header", "pdf-with-javascript"],
)
def test_only_a_clean_pdf_is_taken_as_the_invoice(client, world, requested, upload):
    _issue(client, world.coop_a_user, requested, pdf=upload())

    requested.refresh_from_db()
    assert requested.state == InvoiceState.REQUESTED
    assert requested.supplier_order.state == SupplierOrderState.ACCEPTED


def test_an_issue_date_ahead_is_refused(client, world, requested):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _issue(client, world.coop_a_user, requested, issued_on=tomorrow.isoformat())
    assert "开票日期不能晚于今天" in response.content.decode()
    requested.refresh_from_db()
    assert requested.state == InvoiceState.REQUESTED


def test_another_cooperative_cannot_issue_or_see_the_invoice(client, world, requested):
    response = _issue(client, world.coop_b_user, requested)
    assert response.status_code == 404
    client.force_login(world.coop_b_user)
    page = client.get(reverse("dashboard:procurement-invoice-list")).content.decode()
    assert requested.supplier_order.order.number not in page
    requested.refresh_from_db()
    assert requested.state == InvoiceState.REQUESTED


def test_an_operator_sees_the_request_but_only_the_cooperative_issues_it(client, world, requested):
    operator = operator_user()
    client.force_login(operator)
    assert (
        requested.supplier_order.order.number
        in client.get(reverse("dashboard:procurement-invoice-list")).content.decode()
    )

    response = _issue(client, operator, requested)

    assert "只有随县香菇专业合作社的工作人员可以执行此操作" in response.content.decode()
    requested.refresh_from_db()
    assert requested.state == InvoiceState.REQUESTED


def test_an_issued_invoice_is_not_issued_again(client, world, requested):
    _issue(client, world.coop_a_user, requested)
    response = _issue(client, world.coop_a_user, requested, number="04429999")
    assert "已经开具" in response.content.decode()
    requested.refresh_from_db()
    assert requested.number == "04420001"


def test_the_invoice_pdf_is_served_to_members_the_cooperative_and_operators_only(client, world, requested):
    from tests.procurement.conftest import member

    _issue(client, world.coop_a_user, requested)
    portal = reverse("procurement:invoice-pdf", args=[requested.pk])
    dashboard = reverse("dashboard:procurement-invoice-pdf", args=[requested.pk])

    for user in (world.buyer, world.finance):
        client.force_login(user)
        response = client.get(portal)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    client.force_login(world.coop_a_user)
    assert client.get(dashboard).status_code == 200
    client.force_login(operator_user())
    assert client.get(dashboard).status_code == 200

    client.force_login(member(world.school, "school-finance@example.cn", "finance"))
    assert client.get(portal).status_code == 404
    client.force_login(world.coop_b_user)
    assert client.get(dashboard).status_code == 404
    client.logout()
    assert client.get(portal).status_code == 302
