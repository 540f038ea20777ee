"""The tourism bureau's editors, tried in the Wagtail admin as they would try it: they write in
乡村旅游, 节庆活动 and 直播带货 only, cannot publish, and submit to the 旅游局审核 reviewers, who
approve (publish) or ask for changes with a comment."""

import pytest
from wagtail.models import Page, WorkflowState

from cms.news.models import NewsIndexPage
from cms.tourism.models import AttractionPage

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message).strip() for message in response.wsgi_request._messages]


def test_editor_cannot_open_or_change_the_home_page_or_news(editor, sections, edit_page):
    for page in [sections["home"], sections["xinwen"]]:
        response = editor.get(f"/cms/pages/{page.pk}/edit/")
        # Wagtail sends an editor without permission back to the dashboard with a message.
        assert (response.status_code, response.url) == (302, "/cms/")
        assert "抱歉，你没有权限访问这里。" in messages_of(response)

        response = edit_page(editor, page, "改过的标题", action="action-publish")
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.title != "改过的标题" and not page.has_unpublished_changes


def test_editor_cannot_add_a_page_under_news_or_home(editor, sections, add_attraction):
    for parent in [sections["home"], sections["xinwen"]]:
        assert editor.get(f"/cms/pages/{parent.pk}/add_subpage/").status_code == 302
        response = add_attraction(editor, parent, "不该出现的页面", action="action-submit")
        assert response.status_code == 302
    assert not Page.objects.filter(title="不该出现的页面").exists()


def test_editor_cannot_publish_and_the_page_stays_a_draft(editor, client, sections, add_attraction):
    response = add_attraction(editor, sections["xiangcun-lvyou"], "大洪山风景区", action="action-publish")
    assert response.status_code == 302
    page = AttractionPage.objects.get(title="大洪山风景区")
    assert not page.live and page.live_revision is None
    assert client.get("/xiangcun-lvyou/da-hong-shan-feng-jing-qu/").status_code == 404
    # The editor's form offers to submit to the reviewers, not to publish.
    content = editor.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    assert "提交旅游局审核" in content and 'name="action-publish"' not in content


def test_editor_submits_and_the_reviewer_approves_so_the_page_goes_live(
    editor, reviewer, client, sections, add_attraction
):
    response = add_attraction(
        editor, sections["xiangcun-lvyou"], "三里岗香菇小镇", summary="香菇小镇", action="action-submit"
    )
    assert response.status_code == 302
    page = AttractionPage.objects.get(title="三里岗香菇小镇")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.workflow.name == "旅游局审核"
    assert not page.live

    # The reviewer finds it on the dashboard, waiting for them.
    dashboard = reviewer.get("/cms/").content.decode()
    assert "等待你审核" in dashboard and "三里岗香菇小镇" in dashboard

    task_state = state.current_task_state
    response = reviewer.post(
        f"/cms/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": "内容准确，同意发布。"}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert client.get("/xiangcun-lvyou/san-li-gang-xiang-gu-xiao-zhen/").status_code == 200


def test_editor_cannot_approve_their_own_page(editor, sections, add_attraction):
    add_attraction(editor, sections["xiangcun-lvyou"], "炎帝神农故里", action="action-submit")
    page = AttractionPage.objects.get(title="炎帝神农故里")
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    response = editor.post(f"/cms/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert (response.status_code, response.url) == (302, "/cms/")
    assert "抱歉，你没有权限访问这里。" in messages_of(response)
    page.refresh_from_db()
    assert not page.live


def test_reviewer_asks_for_changes_and_the_editor_sees_the_comment(
    editor, reviewer, sections, add_attraction
):
    add_attraction(editor, sections["xiangcun-lvyou"], "淮河源头", action="action-submit")
    page = AttractionPage.objects.get(title="淮河源头")
    state = WorkflowState.objects.get(object_id=str(page.pk))
    response = reviewer.post(
        f"/cms/pages/workflow/action/{page.pk}/reject/{state.current_task_state.pk}/",
        {"comment": "请补充开放时间和门票价格。"},
    )
    assert response.status_code == 302
    state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES and not page.live

    history = editor.get(f"/cms/pages/{page.pk}/workflow_history/detail/{state.pk}/").content.decode()
    assert "请补充开放时间和门票价格。" in history
    edit = editor.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    assert "退回修改" in edit


def test_news_stays_under_the_default_workflow_and_outside_the_editors_reach(sections):
    news = NewsIndexPage.objects.get()
    assert news.get_workflow().name != "旅游局审核"
    for slug in ["xiangcun-lvyou", "jieqing-huodong", "zhibo-daihuo"]:
        assert sections[slug].get_workflow().name == "旅游局审核"
