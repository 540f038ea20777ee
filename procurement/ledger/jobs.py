"""Excel exports too large to make within a request (summing more than
``LEDGER_EXPORT_SYNC_ENTRIES`` entries): a ``LedgerExport`` made by a Celery task, whose page shows
a progress bar and then the download link. The task reads the roll-up rows the requester may read
when it runs, as the page would."""

import dataclasses
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .exports import ledger_workbook, ledger_workbook_name
from .models import LedgerExport, LedgerExportState
from .selectors import LedgerFilters, ledger_entry_count, ledger_filtered, ledger_months_for, ledger_report

logger = logging.getLogger(__name__)


def export_in_background(months, filters):
    """Whether the export of ``months`` (roll-up rows) within ``filters`` sums enough entries
    for a task."""
    return ledger_entry_count(ledger_filtered(months, filters)) > settings.LEDGER_EXPORT_SYNC_ENTRIES


def ledger_export_request(*, user, filters, organisation=None, with_organisations=True):
    """Queues the export of what ``user`` may read within ``filters`` (of ``organisation`` only,
    when given); returns the ``LedgerExport`` whose page follows it."""
    job = LedgerExport.objects.create(
        requested_by=user,
        organisation=organisation,
        with_organisations=with_organisations,
        filters=dataclasses.asdict(filters),
    )
    from .tasks import ledger_export_run_task

    transaction.on_commit(lambda: ledger_export_run_task.delay(job.pk), robust=True)
    return job


def _progress(job, percent, **fields):
    LedgerExport.objects.filter(pk=job.pk).update(progress=percent, **fields)


def ledger_export_run(job):
    """Makes ``job``'s workbook, saying how far it got as it goes: the report's queries, then
    the workbook, then the file. A failure is recorded on the job for its page to say."""
    _progress(job, 5, state=LedgerExportState.RUNNING)
    try:
        months = ledger_months_for(job.requested_by)
        if job.organisation_id is not None:
            months = months.filter(organisation_id=job.organisation_id)
        report = ledger_report(
            months, LedgerFilters(**job.filters), with_organisations=job.with_organisations
        )
        _progress(job, 60)
        content = ledger_workbook(report)
        _progress(job, 90)
        job.file_name = ledger_workbook_name(report)
        job.file.save(job.file_name, ContentFile(content), save=False)
    except Exception:  # noqa: BLE001 (any failure is the job's, shown on its page)
        logger.exception("Ledger export %s failed", job.pk)
        _progress(
            job,
            100,
            state=LedgerExportState.FAILED,
            error=_("导出失败，请稍后重试。"),
            finished_at=timezone.now(),
        )
        return job
    _progress(
        job,
        100,
        state=LedgerExportState.DONE,
        file=job.file.name,
        file_name=job.file_name,
        finished_at=timezone.now(),
    )
    return job


def ledger_exports_for(user):
    """The exports ``user`` asked for (nobody else's)."""
    if not user.is_authenticated:
        return LedgerExport.objects.none()
    return LedgerExport.objects.filter(requested_by=user)
