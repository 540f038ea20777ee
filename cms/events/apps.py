from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "cms.events"
    label = "events"
    verbose_name = _("节庆活动")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .models import EventPage

        page_published.connect(materialise_published_event, sender=EventPage)


def materialise_published_event(sender, instance, **kwargs):
    """page_published receiver: the live version's dates become the occurrence table's."""
    from .services import event_occurrences_materialise

    event_occurrences_materialise(page=instance)
