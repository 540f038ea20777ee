"""What the ledger follows of the shop without the shop knowing about it."""

from . import services


def payment_recorded_enter(sender, *, order, **kwargs):
    services.ledger_sale_enter(order)


def refund_succeeded_enter(sender, *, refund, **kwargs):
    services.ledger_refund_enter(refund)
