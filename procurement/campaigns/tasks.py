from celery import shared_task

from .models import Campaign
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
