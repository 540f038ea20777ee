"""The admin as a new tourism editor meets it with a Chinese browser: the strings Wagtail's own
catalogue leaves in English or words awkwardly read in Chinese, and no third-party request."""

import re

import pytest
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

pytestmark = pytest.mark.django_db


def visible_text(response):
    html = re.sub(r"(?s)<script.*?</script>|<template.*?</template>", "", response.content.decode())
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_login_page_names_the_site_and_labels_the_password_in_chinese(sections):
    response = Client(HTTP_ACCEPT_LANGUAGE="zh-CN").get("/cms/login/")
    text = visible_text(response)
    assert "登录稳富管理后台" in text
    assert "密码" in text and "Password" not in text
    assert "请输入电子邮件地址" in response.content.decode()
    assert "Wagtail" not in text.replace("Wagtail 管理后台", "")


def test_dashboard_summary_and_search_box_are_chinese(editor):
    response = editor.get("/cms/")
    text = visible_text(response)
    assert re.search(r"\d+ 个页面", text) and re.search(r"\d+ 张图片", text)
    assert "Pages" not in text and "created in" not in text
    assert 'placeholder="搜索全部页面…"' in response.content.decode()


def test_explorer_labels_live_pages_as_published(editor, sections):
    text = visible_text(editor.get(f"/cms/pages/{sections['home'].pk}/"))
    assert "已发布" in text and "在用" not in text
    assert "浏览" in text and "Exploring" not in text
    assert re.search(r"第 1–3 个，共 3 个页面", text)


def test_empty_image_library_and_chooser_say_so_in_chinese(editor):
    assert "还没有上传图片。" in visible_text(editor.get("/cms/images/"))
    chooser = editor.get("/cms/images/chooser/").json()["html"]
    assert "还没有上传图片。" in chooser and "You haven't uploaded" not in chooser


def test_a_page_with_errors_is_refused_in_chinese_and_not_created(editor, sections):
    data = nested_form_data(
        {
            "title": "",
            "slug": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-submit": "1",
        }
    )
    response = editor.post(f"/cms/pages/add/tourism/attractionpage/{sections['xiangcun-lvyou'].pk}/", data)
    assert response.status_code == 200
    text = visible_text(response)
    assert "页面未能创建：有内容需要修改，请查看标红的字段。" in text
    assert "validation errors" not in text
    assert not sections["xiangcun-lvyou"].get_children().exists()


def test_no_avatar_or_other_resource_comes_from_another_site(editor, sections):
    for url in ["/cms/", f"/cms/pages/{sections['xiangcun-lvyou'].pk}/", "/cms/images/"]:
        content = editor.get(url).content.decode()
        assert "gravatar.com" not in content
        # Scripts, styles and images all come from this site (links to guides are only links).
        assert not re.search(r'<(?:script|img|link)[^>]+(?:src|href)="(?:https?:)?//', content)
