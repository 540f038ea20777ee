"""验收 with its photos: the receipt (``procurement.services.supplier_order_receive``) and the
photos the 验收员 took, recorded together or not at all."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from catalog.validators import image_upload_type

from ..exceptions import ProcurementError
from ..models import ReceiptPhoto
from ..services import supplier_order_receive

#: At most this many photos per line: enough to show a damaged case, not a photo album.
MAX_PHOTOS_PER_LINE = 6


def _photos_check(supplier_order, photos):
    """Checks every photo before anything is stored; returns ``[(line id, upload, checked type)]``."""
    line_ids = set(supplier_order.lines.values_list("pk", flat=True))
    checked = []
    for line_id, uploads in photos.items():
        if line_id not in line_ids:
            raise ProcurementError(_("照片不属于这张供货单的商品。"))
        if len(uploads) > MAX_PHOTOS_PER_LINE:
            raise ProcurementError(_("每种商品最多上传 %(count)s 张照片。") % {"count": MAX_PHOTOS_PER_LINE})
        for upload in uploads:
            try:
                checked.append((line_id, upload, image_upload_type(upload)))
            except ValidationError as error:
                raise ProcurementError(
                    _("照片“%(name)s”：%(reason)s") % {"name": upload.name, "reason": error.messages[0]}
                ) from error
    return checked


@transaction.atomic
def supplier_order_receipt_record(*, supplier_order, by, receipts, photos=None, comment=""):
    """验收 by the 验收员 ``by`` as :func:`procurement.services.supplier_order_receive` records it
    (``receipts``: ``{supplier line id: (accepted, rejection reason, quality note)}``), with
    ``photos`` (``{supplier line id: [uploaded images]}``) stored as ``ReceiptPhoto`` rows in
    private storage under random names with the extension of their checked type.

    Every photo is checked (a real JPEG, PNG or WebP, at most ``MAX_PHOTOS_PER_LINE`` per line,
    of a line of this supplier order) before anything is written. Raises ``ProcurementError``
    (a photo refused) or what ``supplier_order_receive`` raises; then nothing is recorded.
    """
    checked = _photos_check(supplier_order, photos or {})
    supplier_order = supplier_order_receive(
        supplier_order=supplier_order, by=by, receipts=receipts, comment=comment
    )
    for line_id, upload, checked_type in checked:
        # The uploader's file name never reaches the disk: the stored name says what was checked.
        upload.name = f"receipt{checked_type.extension}"
        ReceiptPhoto.objects.create(supplier_line_id=line_id, image=upload, uploaded_by=by)
    return supplier_order
