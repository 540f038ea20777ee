from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct


class Product(AbstractProduct):
    #: Segmented words of the title, categories, cooperatives and description, kept up to date
    #: by ``catalog.services.product_search_text_refresh``; PostgreSQL indexes it for search.
    search_text = models.TextField(_("检索词"), blank=True, default="", editable=False)


from oscar.apps.catalogue.models import *  # noqa: E402, F403
