"""Payments of other apps through the shop's Alipay gateway, without the shop knowing them.

An app whose trades are not Oscar orders (procurement's settlements, numbered ``JS…``) registers
the prefix of its ``out_trade_no`` with a handler in its ``AppConfig.ready``. The shop verifies
every notify (signature, app, seller) as for its own orders, then hands a verified one whose
number has a registered prefix to that handler instead of looking up an order; the handler
checks the amount and records the payment once, and says what became of it.
"""

#: ``out_trade_no`` prefix → ``handler(notify) -> (NoticeOutcome, message)``.
_NOTIFY_HANDLERS = {}


def notify_handler_register(prefix, handler):
    """Sends verified notifies whose ``out_trade_no`` starts with ``prefix`` to ``handler``,
    which gets the gateway's ``Notify`` and returns ``(NoticeOutcome, message)``: ``REJECTED``
    (wrong amount, unknown number) makes the shop answer ``failure``, anything else ``success``."""
    _NOTIFY_HANDLERS[prefix] = handler


def notify_handler_for(out_trade_no):
    """The handler registered for ``out_trade_no``'s prefix, or None (an Oscar order)."""
    for prefix, handler in _NOTIFY_HANDLERS.items():
        if out_trade_no.startswith(prefix):
            return handler
    return None
