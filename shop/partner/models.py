from django.db.models import signals
from oscar.apps.partner.abstract_models import AbstractStockRecord

#: The stock record fields Oscar's allocation methods change with a queryset ``update()``.
STOCK_LEVEL_FIELDS = frozenset({"num_in_stock", "num_allocated"})


class StockRecord(AbstractStockRecord):
    def post_save_signal(self):
        """Oscar's hand-made ``post_save`` after allocating or consuming stock, saying which
        fields changed, so receivers that care about other fields (the product's search text)
        skip it instead of working once per order line."""
        signals.post_save.send(
            sender=self.__class__,
            instance=self,
            created=False,
            raw=False,
            update_fields=STOCK_LEVEL_FIELDS,
            using=self._state.db,
        )


from oscar.apps.partner.models import *  # noqa: E402, F403
