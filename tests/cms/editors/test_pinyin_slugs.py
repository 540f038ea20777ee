"""New pages get pinyin slugs, made in the admin as an editor makes pages: the admin's script
leaves a Chinese title's slug empty (ASCII-only slugs), or an editor types hanzi into it."""

import pytest
from django.conf import settings

from cms.tourism.models import AttractionPage

pytestmark = pytest.mark.django_db


def test_slugs_are_ascii_only_in_the_admin():
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False


def test_an_empty_slug_becomes_the_titles_pinyin(editor, sections, add_attraction):
    response = add_attraction(editor, sections["xiangcun-lvyou"], "三里岗香菇节")
    assert response.status_code == 302
    assert AttractionPage.objects.get(title="三里岗香菇节").slug == "san-li-gang-xiang-gu-jie"


def test_a_slug_typed_in_hanzi_becomes_its_pinyin(editor, sections, add_attraction):
    add_attraction(editor, sections["xiangcun-lvyou"], "2026 炎帝故里寻根节", slug="寻根节2026")
    assert AttractionPage.objects.get(title="2026 炎帝故里寻根节").slug == "xun-gen-jie-2026"


def test_a_derived_slug_taken_by_a_sibling_gets_a_number(editor, sections, add_attraction):
    for _ in range(3):
        assert add_attraction(editor, sections["xiangcun-lvyou"], "大洪山").status_code == 302
    slugs = set(AttractionPage.objects.filter(title="大洪山").values_list("slug", flat=True))
    assert slugs == {"da-hong-shan", "da-hong-shan-2", "da-hong-shan-3"}


def test_an_ascii_slug_the_editor_typed_is_kept_and_a_taken_one_refused(editor, sections, add_attraction):
    add_attraction(editor, sections["xiangcun-lvyou"], "大洪山风景区", slug="dahongshan")
    assert AttractionPage.objects.get(title="大洪山风景区").slug == "dahongshan"

    response = add_attraction(editor, sections["xiangcun-lvyou"], "大洪山景区", slug="dahongshan")
    assert response.status_code == 200
    assert "同一上级页面下已有网址“dahongshan”，请换一个。" in response.content.decode()
    assert not AttractionPage.objects.filter(title="大洪山景区").exists()


def test_a_title_with_nothing_to_spell_is_refused_with_a_chinese_message(editor, sections, add_attraction):
    response = add_attraction(editor, sections["xiangcun-lvyou"], "！！！")
    assert response.status_code == 200
    content = response.content.decode()
    assert "无法从标题生成网址，请用字母、数字和连字符填写 slug。" in content
    assert "页面未能创建：有内容需要修改，请查看标红的字段。" in content
    assert not AttractionPage.objects.exists()


def test_an_existing_pages_hanzi_slug_is_left_alone_on_edit(editor, sections, edit_page):
    page = sections["xiangcun-lvyou"].add_child(instance=AttractionPage(title="老页面", slug="老页面"))
    page.save_revision()
    assert edit_page(editor, page, "老页面（更新）").status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().slug == "老页面"


def test_a_page_made_in_code_without_a_slug_gets_its_titles_pinyin(sections):
    index = sections["xiangcun-lvyou"]
    first = index.add_child(instance=AttractionPage(title="银杏谷"))
    second = index.add_child(instance=AttractionPage(title="银杏谷"))
    assert (first.slug, second.slug) == ("yin-xing-gu", "yin-xing-gu-2")
