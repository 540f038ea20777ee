"""Write-side actions of traceability: recording and correcting production batches."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.models import ProductionBatch

from .exceptions import (
    BatchNumberTaken,
    PartnerNotAllowed,
    ProducedInFuture,
    ProductNotOwned,
    QuantityNotPositive,
)
from .selectors import partners_for_user, product_stocked_by


def _check_batch(*, user, partner, product, batch_number, produced_on, quantity, exclude_pk=None):
    if not partners_for_user(user).filter(pk=partner.pk).exists():
        raise PartnerNotAllowed()
    if not product_stocked_by(product, partner):
        raise ProductNotOwned()
    if produced_on > timezone.localdate():
        raise ProducedInFuture()
    if quantity is None or quantity <= 0:
        raise QuantityNotPositive()
    taken = ProductionBatch.objects.filter(partner=partner, batch_number=batch_number)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise BatchNumberTaken()


def _save(batch, **kwargs):
    # The unique constraint still guards a race between the check above and this save.
    try:
        with transaction.atomic():
            batch.save(**kwargs)
    except IntegrityError as error:
        raise BatchNumberTaken() from error
    return batch


def production_batch_create(
    *,
    user,
    partner,
    product,
    batch_number,
    produced_on,
    quantity,
    unit,
    inspection_report=None,
):
    """Records a production batch of ``product`` made by ``partner``, recorded by ``user``; the
    batch gets a fresh public trace token.

    Raises ``PartnerNotAllowed`` when ``user`` does not manage ``partner``, ``ProductNotOwned``
    when ``partner`` has no stock record of ``product``, ``ProducedInFuture``,
    ``QuantityNotPositive``, and ``BatchNumberTaken`` when ``partner`` already used
    ``batch_number``. Nothing is saved when it raises. Upload validation (PDF or real image) is
    the form's job: it runs the model field's validators before calling this.
    """
    batch_number = batch_number.strip()
    _check_batch(
        user=user,
        partner=partner,
        product=product,
        batch_number=batch_number,
        produced_on=produced_on,
        quantity=quantity,
    )
    batch = ProductionBatch(
        partner=partner,
        product=product,
        batch_number=batch_number,
        produced_on=produced_on,
        quantity=quantity,
        unit=unit,
        created_by=user,
    )
    if inspection_report:
        batch.inspection_report = inspection_report
    return _save(batch)


def production_batch_update(
    *,
    batch,
    user,
    product,
    batch_number,
    produced_on,
    quantity,
    unit,
    inspection_report=None,
    clear_inspection_report=False,
):
    """Corrects a batch's product, number, date, quantity and unit; replaces its inspection report
    when ``inspection_report`` is given, or removes it when ``clear_inspection_report``. The
    cooperative, trace token (already printed on labels) and recorder never change.

    Raises the same errors as :func:`production_batch_create`, ``PartnerNotAllowed`` also when
    ``user`` does not manage the batch's cooperative; nothing is saved when it raises.
    """
    batch_number = batch_number.strip()
    _check_batch(
        user=user,
        partner=batch.partner,
        product=product,
        batch_number=batch_number,
        produced_on=produced_on,
        quantity=quantity,
        exclude_pk=batch.pk,
    )
    batch.product = product
    batch.batch_number = batch_number
    batch.produced_on = produced_on
    batch.quantity = quantity
    batch.unit = unit
    fields = ["product", "batch_number", "produced_on", "quantity", "unit"]
    if inspection_report:
        batch.inspection_report = inspection_report
        fields += ["inspection_report", "inspection_report_content_type"]
    elif clear_inspection_report:
        batch.inspection_report = ""
        batch.inspection_report_content_type = ""
        fields += ["inspection_report", "inspection_report_content_type"]
    return _save(batch, update_fields=fields)
