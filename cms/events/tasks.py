from celery import shared_task

from .services import lunar_event_occurrences_refresh


@shared_task
def lunar_event_occurrences_refresh_task():
    return lunar_event_occurrences_refresh()
