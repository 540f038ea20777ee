import datetime

from celery import shared_task
from django.contrib.auth import get_user_model

from .models import Campaign
from .packs import pack_orders_place
from .services import campaign_codes_send, campaign_reminders_send, campaigns_end


@shared_task
def campaign_codes_send_task(campaign_id):
    """Texts (and e-mails) the codes of a campaign just started."""
    return campaign_codes_send(Campaign.objects.get(pk=campaign_id))


@shared_task
def campaign_reminders_send_task():
    return campaign_reminders_send()


@shared_task
def campaigns_end_task():
    return len(campaigns_end())


@shared_task
def pack_orders_place_task(campaign_id, user_id, delivery_date):
    """Orders the chosen gift packs of a campaign (one purchase order per member, or one for the
    union): a few hundred orders take longer than a request should."""
    return pack_orders_place(
        campaign=Campaign.objects.get(pk=campaign_id),
        by=get_user_model().objects.get(pk=user_id),
        delivery_date=datetime.date.fromisoformat(delivery_date),
    )
