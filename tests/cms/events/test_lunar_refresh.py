"""A festival on a lunar date keeps its coming years on the calendar without being republished."""

import datetime

import pytest

from cms.events.models import EventOccurrence
from cms.events.services import lunar_event_occurrences_refresh
from cms.events.tasks import lunar_event_occurrences_refresh_task


def years_of(page):
    return set(EventOccurrence.objects.filter(page=page).values_list("start__year", flat=True))


@pytest.mark.django_db
def test_the_monthly_refresh_rolls_a_lunar_festival_forward(index, make_event):
    page = make_event(
        "炎帝故里寻根节", lunar_month=4, lunar_day=26, lunar_start_time=datetime.time(9), lunar_hours=8
    )
    published_years = years_of(page)

    # Years later, when the dates computed at publishing are about to run out.
    assert lunar_event_occurrences_refresh(today=datetime.date(max(published_years) - 1, 6, 1)) == 1
    assert max(years_of(page)) > max(published_years)

    # The task the beat runs refreshes for today.
    assert lunar_event_occurrences_refresh_task() == 1
    assert years_of(page) == published_years
