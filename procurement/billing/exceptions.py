"""Errors of invoices and settlement."""

from ..exceptions import ProcurementError


class BillingError(ProcurementError):
    """An invoice or settlement rule refused; ``message`` says which, in Chinese."""
