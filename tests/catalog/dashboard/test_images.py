"""Product images uploaded in the dashboard are checked before anything is stored."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.catalog.dashboard.helpers import form_data, form_errors


def image_bytes(fmt, size=(64, 64)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format=fmt)
    return buffer.getvalue()


def post_image(client, product, upload):
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    data = form_data(client.get(url), "create_update_product_form")
    data.update({"images-0-original": upload, "action": "continue"})
    return client.post(url, data)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("photo.jpg", "这不是图片".encode(), "image/jpeg"), "文件不是有效的图片"),
        (SimpleUploadedFile("photo.gif", image_bytes("GIF"), "image/gif"), "只支持 JPEG、PNG 或 WebP"),
    ],
    ids=["not-an-image", "gif"],
)
def test_bad_uploads_are_refused_and_nothing_is_saved(client, market, upload, message):
    product = market["a"]["product"]
    client.force_login(market["a"]["user"])

    response = post_image(client, product, upload)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert product.images.count() == 0


def test_too_many_pixels_are_refused(client, market, monkeypatch):
    monkeypatch.setattr("catalog.validators.MAX_IMAGE_PIXELS", 100 * 100)
    product = market["a"]["product"]
    client.force_login(market["a"]["user"])

    response = post_image(
        client, product, SimpleUploadedFile("big.png", image_bytes("PNG", (200, 200)), "image/png")
    )

    assert response.status_code == 200
    assert "图片像素过大" in response.content.decode()
    assert product.images.count() == 0


def test_a_real_photo_is_stored(client, market):
    product = market["a"]["product"]
    client.force_login(market["a"]["user"])

    response = post_image(client, product, SimpleUploadedFile("photo.png", image_bytes("PNG"), "image/png"))

    assert response.status_code == 302, form_errors(response)
    assert product.images.count() == 1
