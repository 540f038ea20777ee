from celery import shared_task

from .jobs import ledger_export_run
from .models import LedgerExport


@shared_task
def ledger_export_run_task(job_id):
    """Makes one large Excel export of the ledger."""
    ledger_export_run(LedgerExport.objects.select_related("requested_by").get(pk=job_id))
    return job_id
