"""The operator's payment pages in the Oscar dashboard (mounted at ``/shop/dashboard/payments/``)."""
