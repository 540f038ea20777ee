"""The tourism bureau's images live in a 旅游局 collection of their own: its editors upload there,
and see or choose no image of another collection (the root's, where the operator's are)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.uploads import png_bytes

pytestmark = pytest.mark.django_db

Image = get_image_model()


def image_in(collection, title):
    return Image.objects.create(
        title=title, collection=collection, file=SimpleUploadedFile(f"{title}.png", png_bytes(), "image/png")
    )


@pytest.fixture
def images(sections):
    return {
        "root": image_in(Collection.get_first_root_node(), "运营首页横幅"),
        "tourism": image_in(Collection.objects.get(name="旅游局"), "大洪山云海"),
    }


def test_editor_lists_and_chooses_only_the_tourism_collections_images(editor, images):
    listing = editor.get("/cms/images/").content.decode()
    chooser = editor.get("/cms/images/chooser/").json()["html"]
    for content in [listing, chooser]:
        assert "大洪山云海" in content
        assert "运营首页横幅" not in content


def test_editor_cannot_open_or_choose_an_image_of_the_root_collection(editor, images):
    root_image = images["root"]
    response = editor.get(f"/cms/images/{root_image.pk}/")
    assert (response.status_code, response.url) == (302, "/cms/")
    assert editor.get(f"/cms/images/chooser/{root_image.pk}/").status_code in (302, 403, 404)
    assert editor.get(f"/cms/images/{images['tourism'].pk}/").status_code == 200


def test_editor_uploads_into_the_tourism_collection_whatever_collection_is_posted(editor, sections):
    # With one collection allowed, Wagtail's form has no collection field and ignores a posted one.
    response = editor.post(
        "/cms/images/add/",
        {
            "title": "三里岗香菇大棚",
            "file": SimpleUploadedFile("dapeng.png", png_bytes(), "image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    assert Image.objects.get(title="三里岗香菇大棚").collection.name == "旅游局"


def test_operator_still_sees_every_image(operator, images):
    content = operator.get("/cms/images/").content.decode()
    assert "大洪山云海" in content and "运营首页横幅" in content
