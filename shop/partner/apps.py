import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    """Oscar's partner app, forked for a strategy that refuses suspended cooperatives' stock."""

    name = "shop.partner"
