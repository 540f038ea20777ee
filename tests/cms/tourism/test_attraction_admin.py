"""Opening hours and tickets typed in the Wagtail admin: bad input is refused in Chinese."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.tourism.models import AttractionPage


def attraction_form(*, hours=(), exceptions=(), prices=(), free=False):
    data = nested_form_data(
        {
            "title": "炎帝故里景区",
            "slug": "yandi",
            "summary": "",
            "town": "厉山镇",
            "opening_hours": inline_formset(
                [{"weekday": day, "opens": o, "closes": c} for day, o, c in hours]
            ),
            "opening_exceptions": inline_formset(list(exceptions)),
            "ticket_prices": inline_formset(
                [{"kind": kind, "price": price, "note": ""} for kind, price in prices]
            ),
            "gallery": inline_formset([]),
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "1",
        }
    )
    if free:
        data["ticket_free"] = "on"
    return data


def post(client, index, data):
    return client.post(f"/cms/pages/add/tourism/attractionpage/{index.pk}/", data)


def test_an_attraction_with_hours_and_an_exception_is_published(editor_client, index):
    data = attraction_form(
        hours=[(0, "08:30", "17:30"), (1, "08:30", "17:30")],
        exceptions=[{"date": "2027-02-05", "closed": "on", "note": "除夕闭园"}],
        prices=[("adult", "60")],
    )

    assert post(editor_client, index, data).status_code == 302

    page = AttractionPage.objects.get(slug="yandi")
    assert page.opening_hours.count() == 2
    assert page.opening_exceptions.get().note == "除夕闭园"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"hours": [(0, "17:30", "08:30")]}, "闭园时间要晚于开园时间。"),
        ({"hours": [(0, "08:30", "08:30")]}, "闭园时间要晚于开园时间。"),
        (
            {"exceptions": [{"date": "2027-02-06", "opens": "16:00", "closes": "10:00", "note": ""}]},
            "闭园时间要晚于开园时间。",
        ),
        ({"exceptions": [{"date": "2027-02-06", "note": "春节"}]}, "请填写这一天的开园和闭园时间"),
        (
            {"exceptions": [{"date": "2027-02-05", "closed": "on"}, {"date": "2027-02-05", "closed": "on"}]},
            "同一日期只能有一条特殊安排：2027-02-05。",
        ),
        ({"prices": [("adult", "60")], "free": True}, "免费开放的景点不用填写票价"),
    ],
)
def test_bad_hours_or_tickets_are_refused_in_chinese_and_nothing_is_saved(
    editor_client, index, fields, message
):
    response = post(editor_client, index, attraction_form(**fields))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AttractionPage.objects.filter(slug="yandi").exists()
