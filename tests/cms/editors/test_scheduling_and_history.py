"""Scheduled publishing through the beat's task, and the page history the reviewer reads."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import WorkflowState

from cms.moderation import scheduled_pages_publish_task
from cms.tourism.models import AttractionPage

pytestmark = pytest.mark.django_db


def admin_datetime(value):
    """A go-live or expiry time as the admin's date-time field takes it, in Beijing time."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def approve(reviewer, page):
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    return reviewer.post(f"/cms/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""})


def test_the_beat_runs_scheduled_publishing_every_minute():
    (entry,) = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "cms.moderation.scheduled_pages_publish_task"
    ]
    assert entry["schedule"].minute == set(range(60))


def test_an_approved_page_with_a_go_live_time_goes_live_when_the_task_runs_after_it(
    editor, reviewer, client, sections, add_attraction, eager_celery
):
    go_live_at = (timezone.now() + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    add_attraction(
        editor,
        sections["xiangcun-lvyou"],
        "千年银杏谷",
        go_live_at=admin_datetime(go_live_at),
        action="action-submit",
    )
    page = AttractionPage.objects.get(title="千年银杏谷")
    assert approve(reviewer, page).status_code == 302

    # Approved, it waits for its time.
    page.refresh_from_db()
    assert not page.live and page.go_live_at == go_live_at
    scheduled_pages_publish_task.delay()
    page.refresh_from_db()
    assert not page.live

    # Three hours later the beat runs the task again: the page is live.
    with mock.patch("django.utils.timezone.now", return_value=go_live_at + datetime.timedelta(hours=1)):
        scheduled_pages_publish_task.delay()
    page.refresh_from_db()
    assert page.live
    assert client.get("/xiangcun-lvyou/qian-nian-yin-xing-gu/").status_code == 200


def test_a_live_page_past_its_expiry_time_is_unpublished_when_the_task_runs(sections, client, eager_celery):
    page = sections["xiangcun-lvyou"].add_child(
        instance=AttractionPage(title="冬季冰雪节场地", slug="bingxue")
    )
    page.save_revision().publish()
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save(update_fields=["expire_at"])

    scheduled_pages_publish_task.delay()

    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/xiangcun-lvyou/bingxue/").status_code == 404


def test_the_reviewer_reads_in_the_history_who_changed_what(
    editor, reviewer, sections, add_attraction, edit_page
):
    add_attraction(editor, sections["xiangcun-lvyou"], "封江口水库", summary="水库风光")
    page = AttractionPage.objects.get(title="封江口水库")
    edit_page(editor, page, "封江口国家湿地公园", summary="湿地公园")

    history = reviewer.get(f"/cms/pages/{page.pk}/history/")
    assert history.status_code == 200
    content = history.content.decode()
    # The editor's full name (周文旅), what was done, to which page.
    assert content.count("周文旅") >= 2
    for text in ["已创建", "已保存草稿", "封江口国家湿地公园"]:
        assert text in content
    # The history's filters are Wagtail's, not the shop's search box with its sort order.
    assert 'name="sort_by"' not in content
