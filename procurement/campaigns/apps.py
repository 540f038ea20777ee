from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """Trade-union welfare campaigns (工会福利): a union's member roster and its holiday
    campaigns, each giving every member an e-voucher for resettlement-area products."""

    name = "procurement.campaigns"
    label = "campaigns"
    verbose_name = _("工会福利")
    default_auto_field = "django.db.models.BigAutoField"
