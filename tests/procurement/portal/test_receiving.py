"""The buyer's supplier-order page and 验收 as a canteen does it: through the pages, with the
wrong person, the wrong organisation and the wrong numbers tried."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from procurement.constants import SupplierOrderState
from procurement.models import ReceiptPhoto
from shop.order.constants import OrderStatus
from tests.catalog.dashboard.helpers import operator_user

pytestmark = pytest.mark.django_db


def png(name="photo.png", colour="red"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _lines(supplier_order):
    lines = {line.line.title: line for line in supplier_order.lines.select_related("line")}
    return lines["随州香菇 5kg"], lines["随县黑木耳 1kg"]


def _receipt(supplier_order, *, mushroom=(50, "", ""), fungus=(5, "", ""), **extra):
    """The POST of the receipt form: (accepted, reason, note) per line."""
    mushroom_line, fungus_line = _lines(supplier_order)
    data = {"comment": ""}
    for line, (accepted, reason, note) in ((mushroom_line, mushroom), (fungus_line, fungus)):
        data.update({f"accepted_{line.pk}": accepted, f"reason_{line.pk}": reason, f"note_{line.pk}": note})
    data.update(extra)
    return data


def _unchanged(supplier_order):
    supplier_order.refresh_from_db()
    assert supplier_order.state == SupplierOrderState.SHIPPED
    assert supplier_order.accepted_total is None
    assert not ReceiptPhoto.objects.exists()
    assert all(line.accepted_quantity is None for line in supplier_order.lines.all())


# --- The supplier-order page --------------------------------------------------------------------


def test_the_buyer_sees_lines_parcel_tracking_delivery_and_state(client, world, shipped_order):
    client.force_login(world.buyer)
    response = client.get(reverse("procurement:supplier-order-detail", args=[shipped_order.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "随县香菇专业合作社" in page
    assert "随州香菇 5kg" in page and "随县黑木耳 1kg" in page
    assert "顺丰速运" in page and "SF1234567890" in page
    assert "合作社送货上门" in page
    assert "已发货" in page
    assert "验收后确定" in page
    # Only a 验收员 is offered the receipt.
    assert reverse("procurement:supplier-order-receive", args=[shipped_order.pk]) not in page


def test_the_receiver_is_offered_the_receipt_on_the_order_page(client, world, shipped_order):
    client.force_login(world.receiver)
    response = client.get(reverse("procurement:supplier-order-detail", args=[shipped_order.pk]))
    assert reverse("procurement:supplier-order-receive", args=[shipped_order.pk]) in response.content.decode()


def test_another_organisations_supplier_order_is_not_found(client, world, school_shipped_order):
    client.force_login(world.receiver)
    pk = school_shipped_order.pk
    assert client.get(reverse("procurement:supplier-order-detail", args=[pk])).status_code == 404
    assert client.get(reverse("procurement:supplier-order-receive", args=[pk])).status_code == 404
    line = school_shipped_order.lines.get()
    response = client.post(
        reverse("procurement:supplier-order-receive", args=[pk]),
        {f"accepted_{line.pk}": 20, f"reason_{line.pk}": "", f"note_{line.pk}": ""},
    )
    assert response.status_code == 404
    school_shipped_order.refresh_from_db()
    assert school_shipped_order.state == SupplierOrderState.SHIPPED


def test_an_anonymous_visitor_is_sent_to_log_in(client, shipped_order):
    response = client.get(reverse("procurement:supplier-order-receive", args=[shipped_order.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


# --- 验收 ---------------------------------------------------------------------------------------


def test_the_receipt_form_starts_with_the_delivered_quantities(client, world, shipped_order):
    client.force_login(world.receiver)
    response = client.get(reverse("procurement:supplier-order-receive", args=[shipped_order.pk]))

    assert response.status_code == 200
    mushroom_line, fungus_line = _lines(shipped_order)
    page = response.content.decode()
    assert response.context["form"][f"accepted_{mushroom_line.pk}"].value() == 50
    assert response.context["form"][f"accepted_{fungus_line.pk}"].value() == 5
    assert "送达 50" in page


def test_a_buyer_without_the_receiver_role_cannot_receive(client, world, shipped_order):
    client.force_login(world.buyer)
    url = reverse("procurement:supplier-order-receive", args=[shipped_order.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _receipt(shipped_order)).status_code == 403
    _unchanged(shipped_order)


def test_receipt_with_a_shortfall_and_photos_fixes_the_accepted_total(client, world, shipped_order):
    client.force_login(world.receiver)
    mushroom_line, fungus_line = _lines(shipped_order)
    data = _receipt(shipped_order, mushroom=(48, "两箱破损", "菇盖完整，含水量正常"), fungus=(5, "", ""))
    data[f"photos_{mushroom_line.pk}"] = [png("破损1.png"), png("破损2.html", "blue")]

    response = client.post(reverse("procurement:supplier-order-receive", args=[shipped_order.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("procurement:supplier-order-detail", args=[shipped_order.pk])
    shipped_order.refresh_from_db()
    assert shipped_order.state == SupplierOrderState.ACCEPTED
    assert shipped_order.accepted_total == Decimal("48") * 120 + 5 * 70
    mushroom_line.refresh_from_db()
    assert (mushroom_line.delivered_quantity, mushroom_line.accepted_quantity) == (50, 48)
    assert mushroom_line.rejected_quantity == 2
    assert mushroom_line.rejection_reason == "两箱破损"
    assert mushroom_line.quality_note == "菇盖完整，含水量正常"
    photos = list(mushroom_line.photos.all())
    assert len(photos) == 2
    # Stored under a random name with the checked type's extension, never the uploader's.
    assert all(
        photo.image.name.startswith("receipts/") and photo.image.name.endswith(".png") for photo in photos
    )
    assert all(photo.uploaded_by == world.receiver for photo in photos)
    shipped_order.order.refresh_from_db()
    assert shipped_order.order.status == OrderStatus.COMPLETED

    page = client.get(response["Location"]).content.decode()
    assert "<strong>¥6110.00</strong>" in page
    assert "两箱破损" in page
    assert reverse("procurement:receipt-photo", args=[photos[0].pk]) in page


def test_accepting_more_than_delivered_is_refused_and_changes_nothing(client, world, shipped_order):
    client.force_login(world.receiver)
    mushroom_line, _fungus_line = _lines(shipped_order)
    data = _receipt(shipped_order, mushroom=(51, "", ""))
    data[f"photos_{mushroom_line.pk}"] = [png()]

    response = client.post(reverse("procurement:supplier-order-receive", args=[shipped_order.pk]), data)

    assert response.status_code == 200
    assert "合格数量不能超过送达数量 50。" in response.content.decode()
    _unchanged(shipped_order)


@pytest.mark.parametrize(
    ("accepted", "message"),
    [
        ("十", "合格数量请填写整数。"),
        ("1.5", "合格数量请填写整数。"),
        ("-1", "合格数量不能小于 0。"),
        ("", "请填写合格数量。"),
    ],
)
def test_a_quantity_that_is_not_a_whole_number_is_refused(client, world, shipped_order, accepted, message):
    client.force_login(world.receiver)
    response = client.post(
        reverse("procurement:supplier-order-receive", args=[shipped_order.pk]),
        _receipt(shipped_order, mushroom=(accepted, "原因", "")),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    _unchanged(shipped_order)


def test_accepting_less_needs_a_rejection_reason(client, world, shipped_order):
    client.force_login(world.receiver)
    response = client.post(
        reverse("procurement:supplier-order-receive", args=[shipped_order.pk]),
        _receipt(shipped_order, fungus=(3, "  ", "")),
    )
    assert response.status_code == 200
    assert "少收 2，请填写拒收原因。" in response.content.decode()
    _unchanged(shipped_order)


def test_a_photo_that_is_not_an_image_is_refused_and_changes_nothing(client, world, shipped_order):
    client.force_login(world.receiver)
    mushroom_line, _fungus_line = _lines(shipped_order)
    data = _receipt(shipped_order)
    data[f"photos_{mushroom_line.pk}"] = [
        png(),
        SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>", content_type="image/png"),
    ]
    response = client.post(reverse("procurement:supplier-order-receive", args=[shipped_order.pk]), data)
    assert response.status_code == 200
    assert "文件不是有效的图片，或已损坏。" in response.content.decode()
    _unchanged(shipped_order)


def test_an_order_already_received_cannot_be_received_again(client, world, shipped_order):
    client.force_login(world.receiver)
    url = reverse("procurement:supplier-order-receive", args=[shipped_order.pk])
    client.post(url, _receipt(shipped_order))

    response = client.post(url, _receipt(shipped_order, mushroom=(10, "再来一次", "")), follow=True)

    assert "不能验收" in response.content.decode()
    shipped_order.refresh_from_db()
    assert shipped_order.accepted_total == Decimal("50") * 120 + 5 * 70


# --- Receipt photos -----------------------------------------------------------------------------


@pytest.fixture
def photo(client, world, shipped_order):
    mushroom_line, _fungus_line = _lines(shipped_order)
    data = _receipt(shipped_order, mushroom=(49, "一箱破损", ""))
    data[f"photos_{mushroom_line.pk}"] = [png()]
    client.force_login(world.receiver)
    client.post(reverse("procurement:supplier-order-receive", args=[shipped_order.pk]), data)
    client.logout()
    return ReceiptPhoto.objects.get()


@pytest.mark.parametrize("who", ["buyer", "finance", "coop_a_user", "operator"])
def test_a_receipt_photo_is_served_to_the_organisation_the_cooperative_and_operators(
    client, world, photo, who
):
    user = operator_user() if who == "operator" else getattr(world, who)
    client.force_login(user)
    response = client.get(reverse("procurement:receipt-photo", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize("who", ["other_buyer", "coop_b_user"])
def test_a_receipt_photo_of_another_organisation_is_not_served(client, world, photo, who):
    client.force_login(getattr(world, who))
    assert client.get(reverse("procurement:receipt-photo", args=[photo.pk])).status_code == 404
