"""Scheduled publishing. A page approved with a go-live time stays a draft until then, and a
live page with an expiry time stays live until then, until Wagtail's ``publish_scheduled``
runs: the beat runs it every minute (``CELERY_BEAT_SCHEDULE``), so pages go live and expire
within a minute of their time, on any number of web processes."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def scheduled_pages_publish_task():
    """Publishes the approved revisions whose go-live time has passed and unpublishes the pages
    whose expiry time has passed (pages and other publishable models alike)."""
    call_command("publish_scheduled")
