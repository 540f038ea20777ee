"""The Excel import of purchase orders: an upload becomes an ``ImportJob``; its rows become draft
purchase orders (one per delivery address and date) through ``procurement.services``, all or
nothing, with the same rules as the order form.

A file of up to :data:`SYNC_ROWS` rows is imported while the buyer waits; a larger one by the
Celery task ``import_job_run_task``, whose progress the job's page shows.
"""

import logging
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from ..constants import ImportJobState, PurchaseOrderSource, Role
from ..exceptions import LinesRefused, OrganisationNotVerified
from ..models import ImportJob
from ..pricing import orderable_stockrecords
from ..selectors import delivery_addresses_for, organisation_can_order
from ..services import DraftRow, purchase_order_rows_check, purchase_orders_create_bulk, role_require
from .workbook import WorkbookRefused, date_of, text_of, workbook_rows

logger = logging.getLogger(__name__)

StockRecord = get_model("partner", "StockRecord")

#: Files with more rows than this are imported by a Celery task.
SYNC_ROWS = 500
MAX_NOTE = 200


class RowsRefused(LinesRefused):
    """Some rows cannot be imported; ``problems`` is ``[(row number, reason)]`` by row."""

    def __init__(self, problems):
        problems = sorted(problems, key=lambda problem: problem[0])
        super().__init__(
            problems,
            _("文件中有 %(count)s 行不能导入，未保存任何内容。请修改以下各行后重新上传。")
            % {"count": len(problems)},
        )


def _stockrecords_by_code(codes):
    """``{code: [stock record id, …]}`` of stock records whose SKU or product UPC is a code, the
    orderable ones only when a code has any (an SKU is unique per cooperative, not overall)."""
    found = list(
        StockRecord.objects.filter(Q(partner_sku__in=codes) | Q(product__upc__in=codes)).values_list(
            "pk", "partner_sku", "product__upc"
        )
    )
    orderable = set(
        orderable_stockrecords().filter(pk__in=[pk for pk, _sku, _upc in found]).values_list("pk", flat=True)
    )
    matches = defaultdict(set)
    for pk, sku, upc in found:
        for code in (sku, upc):
            if code in codes:
                matches[code].add(pk)
    return {code: sorted(ids & orderable) or sorted(ids) for code, ids in matches.items()}


def _ordered(rows):
    """The rows with a quantity; raises ``WorkbookRefused`` when there are none."""
    ordered = [row for row in rows if text_of(row.quantity)]
    if not ordered:
        raise WorkbookRefused(_("文件中没有填写数量的商品行。"))
    return ordered


def rows_validate(*, organisation, by, rows):
    """The ``DraftRow`` of each row of ``rows`` (``workbook.SheetRow``) with a quantity, checked
    by the rules of the order form; a fixed number of queries.

    Rows without a quantity are skipped (the template lists products bought before with the
    quantity left empty). Raises ``RowsRefused`` listing every bad row with its number and
    reason, ``WorkbookRefused`` when no row has a quantity, or ``NotPermitted``,
    ``OrganisationNotVerified``.
    """
    rows = _ordered(rows)
    codes = {text_of(row.code) for row in rows} - {""}
    by_code = _stockrecords_by_code(codes)
    addresses = defaultdict(list)
    for pk, label in delivery_addresses_for(by, organisation).values_list("pk", "label"):
        addresses[label.strip()].append(pk)

    problems, drafts = [], []
    for row in rows:
        code, label, note = text_of(row.code), text_of(row.address), text_of(row.note)
        stockrecord_ids, address_ids = by_code.get(code, []), addresses.get(label, [])
        reason = None
        if not code:
            reason = _("请填写商品编号")
        elif not stockrecord_ids:
            reason = _("商品编号“%(code)s”不存在") % {"code": code}
        elif len(stockrecord_ids) > 1:
            reason = _("商品编号“%(code)s”对应多个合作社的商品，请改填商品条码") % {"code": code}
        elif not label:
            reason = _("请填写配送地址")
        elif not address_ids:
            reason = _("本单位没有名为“%(label)s”的收货地址") % {"label": label}
        elif len(address_ids) > 1:
            reason = _("本单位有多个名为“%(label)s”的收货地址，请先在地址管理中改名") % {"label": label}
        elif len(note) > MAX_NOTE:
            reason = _("备注不能超过 %(max)s 字") % {"max": MAX_NOTE}
        if reason is None:
            try:
                delivery_date = date_of(row.date)
            except ValueError:
                reason = _("无法识别的日期“%(value)s”，请填写如 2026-12-08 的日期") % {
                    "value": text_of(row.date)
                }
        if reason:
            problems.append((row.number, reason))
            continue
        drafts.append(
            DraftRow(
                key=row.number,
                stockrecord_id=stockrecord_ids[0],
                quantity=row.quantity,
                delivery_address_id=address_ids[0],
                delivery_date=delivery_date,
                note=note,
            )
        )
    checked, _records = purchase_order_rows_check(organisation=organisation, by=by, rows=drafts)
    problems += checked
    if problems:
        raise RowsRefused(problems)
    return drafts


def rows_import(*, organisation, by, rows):
    """Draft purchase orders of ``organisation`` by the 采购员 ``by`` from ``rows``, one per
    (delivery address, date), all or nothing: raises as :func:`rows_validate` and saves nothing
    then. A fixed number of queries however many rows."""
    drafts = rows_validate(organisation=organisation, by=by, rows=rows)
    return purchase_orders_create_bulk(
        organisation=organisation, by=by, rows=drafts, source=PurchaseOrderSource.EXCEL
    )


def _job_finish(job, rows):
    """Imports ``rows`` for ``job`` and records the drafts or why nothing was saved."""
    try:
        orders = rows_import(organisation=job.organisation, by=job.user, rows=rows)
    except RowsRefused as refused:
        job.state = ImportJobState.REFUSED
        job.errors = {
            "message": str(refused.message),
            "rows": [list(problem) for problem in refused.problems],
        }
    except (WorkbookRefused, LinesRefused) as refused:
        job.state, job.errors = ImportJobState.REFUSED, {"message": str(refused.message), "rows": []}
    else:
        job.state, job.purchase_order_ids = ImportJobState.DONE, [order.pk for order in orders]
    job.processed_rows, job.finished_at = job.total_rows, timezone.now()
    job.save(
        update_fields=["state", "errors", "purchase_order_ids", "processed_rows", "started_at", "finished_at"]
    )
    return job


def import_job_create(*, organisation, by, upload):
    """An import of the uploaded workbook ``upload`` by the 采购员 ``by`` for ``organisation``:
    the file is kept (private storage) on a new ``ImportJob``; up to :data:`SYNC_ROWS` rows are
    imported at once, more by ``import_job_run_task`` after the commit.

    Raises ``NotPermitted``, ``OrganisationNotVerified`` or ``WorkbookRefused`` (the whole file:
    not an xlsx, empty, wrong header, macros, password, too big) before anything is saved.
    Refused rows do not raise: the job records them (state 未通过检查) and no draft is saved.
    """
    role_require(by, organisation, Role.BUYER)
    if not organisation_can_order(organisation):
        raise OrganisationNotVerified
    rows = workbook_rows(upload)
    _ordered(rows)
    with transaction.atomic():
        job = ImportJob.objects.create(
            organisation=organisation,
            user=by,
            file=upload,
            file_name=str(getattr(upload, "name", ""))[:200],
            total_rows=len(rows),
        )
        if len(rows) > SYNC_ROWS:
            from ..tasks import import_job_run_task  # the task module imports this one

            transaction.on_commit(lambda: import_job_run_task.delay(job.pk), robust=True)
            return job
        job.state, job.started_at = ImportJobState.RUNNING, timezone.now()
    return _job_finish(job, rows)


def import_job_run(*, job_id):
    """Runs the pending import ``job_id`` (the task's body): reads the stored file, updating
    ``processed_rows`` as it goes, then imports as :func:`import_job_create` does. A job that is
    not pending (the task delivered twice) is left as it is. Returns the job."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != ImportJobState.PENDING:
            return job
        job.state, job.started_at = ImportJobState.RUNNING, timezone.now()
        job.save(update_fields=["state", "started_at"])
    try:
        with job.file.open("rb") as file:
            rows = workbook_rows(
                file,
                progress=lambda count: ImportJob.objects.filter(pk=job.pk).update(processed_rows=count),
            )
    except WorkbookRefused as refused:
        job.state, job.errors = ImportJobState.REFUSED, {"message": str(refused.message), "rows": []}
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "errors", "finished_at"])
        return job
    try:
        return _job_finish(job, rows)
    except Exception:
        logger.exception("import job %s failed", job.pk)
        job.state, job.finished_at = ImportJobState.FAILED, timezone.now()
        job.errors = {"message": _("导入时出错，未保存任何内容。请稍后重试。"), "rows": []}
        job.save(update_fields=["state", "errors", "finished_at"])
        raise
