"""Writes of quote requests (询价): a buyer asks cooperatives for a price, each cooperative
answers from its dashboard, the buyer accepts one answer, which becomes a draft purchase order
at the quoted price.

Rules: a request names a listed product or describes one (with its unit), goes to active
cooperatives only, and has a deadline in the future; answers come from the asked cooperatives,
for one of their own listed stock records, while the request is open and before its deadline;
an answer whose validity has passed cannot be accepted. Each raises a ``ProcurementError``
with a Chinese message and changes nothing when a rule refuses.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.users.roles import is_operator

from ..constants import PurchaseOrderSource, QuoteRequestState, Role
from ..exceptions import NotPermitted, OrganisationNotVerified, ProcurementError
from ..models import QuoteAnswer, QuoteRequest
from ..pricing import orderable_stockrecords
from ..selectors import organisation_can_order
from ..services import delivery_date_problem, purchase_order_create, role_require
from ..workflow import transition_apply
from .selectors import quote_partners_askable


def _whole(value):
    return isinstance(value, int) and not isinstance(value, bool)


@transaction.atomic
def quote_request_create(
    *,
    organisation,
    by,
    partners,
    quantity,
    delivery_address,
    delivery_date,
    deadline,
    product=None,
    description="",
    unit="",
):
    """A quote request of ``organisation`` by its 采购员 ``by`` to the cooperatives ``partners``
    for ``quantity`` of ``product`` (a listed one) or of what ``description`` says in ``unit``,
    to ``delivery_address`` on ``delivery_date``; answers are taken until ``deadline``.

    Raises ``NotPermitted``, ``OrganisationNotVerified`` or ``ProcurementError`` (no product nor
    description, a description without unit, an unlisted product, a cooperative not trading,
    none asked, another organisation's address, a past or late date, a deadline not in the
    future or after the delivery date)."""
    role_require(by, organisation, Role.BUYER)
    if not organisation_can_order(organisation):
        raise OrganisationNotVerified
    description, unit = (description or "").strip(), (unit or "").strip()
    if product is None and not description:
        raise ProcurementError(_("请选择商品，或填写需求描述。"))
    if product is None and not unit:
        raise ProcurementError(_("填写需求描述时请注明单位（如：公斤、箱）。"))
    if product is not None and not orderable_stockrecords().filter(product=product).exists():
        raise ProcurementError(_("该商品未上架，请改为填写需求描述。"))
    if not _whole(quantity) or quantity < 1:
        raise ProcurementError(_("数量必须是正整数。"))
    partners = list(partners)
    if not partners:
        raise ProcurementError(_("请至少选择一家合作社。"))
    askable = set(
        quote_partners_askable().filter(pk__in=[p.pk for p in partners]).values_list("pk", flat=True)
    )
    refused = [partner.name for partner in partners if partner.pk not in askable]
    if refused:
        raise ProcurementError(_("以下合作社暂不能询价：%(names)s。") % {"names": "、".join(refused)})
    if delivery_address.organisation_id != organisation.pk or not delivery_address.is_active:
        raise ProcurementError(_("收货地址不属于本单位。"))
    problem = delivery_date_problem(delivery_date)
    if problem:
        raise ProcurementError(problem)
    if deadline is None or deadline <= timezone.now():
        raise ProcurementError(_("报价截止时间必须晚于现在。"))
    if timezone.localtime(deadline).date() > delivery_date:
        raise ProcurementError(_("报价截止时间不能晚于要求到货日期。"))
    request = QuoteRequest.objects.create(
        organisation=organisation,
        product=product,
        description=description[:500],
        quantity=quantity,
        unit=unit[:10],
        delivery_address=delivery_address,
        delivery_date=delivery_date,
        deadline=deadline,
        created_by=by,
    )
    request.partners.set(partners)
    return request


def _request_locked(quote_request):
    return QuoteRequest.objects.select_for_update().get(pk=quote_request.pk)


@transaction.atomic
def quote_answer_save(*, quote_request, by, stockrecord, unit_price, quantity, valid_until, note=""):
    """The cooperative of ``stockrecord`` answers ``quote_request`` (or changes its answer):
    ``unit_price`` per unit for up to ``quantity`` units, valid until ``valid_until``.

    Raises ``NotPermitted`` (``by`` does not work for that cooperative, or it was not asked),
    or ``ProcurementError`` (the request is no longer open or its deadline passed, an unlisted
    stock record, a price not above 0, a quantity outside 1 … the requested quantity, a
    validity before today)."""
    quote_request = _request_locked(quote_request)
    partner = stockrecord.partner
    if not (is_operator(by) or partner.users.filter(pk=by.pk).exists()):
        raise NotPermitted(_("只能用本合作社的商品报价。"))
    if not quote_request.partners.filter(pk=partner.pk).exists():
        raise NotPermitted(_("这份询价没有发给%(name)s。") % {"name": partner.name})
    if quote_request.state != QuoteRequestState.OPEN:
        raise ProcurementError(
            _("询价单是“%(state)s”，不再接受报价。") % {"state": quote_request.get_state_display()}
        )
    if timezone.now() >= quote_request.deadline:
        raise ProcurementError(_("已过报价截止时间，不能再报价。"))
    if not orderable_stockrecords().filter(pk=stockrecord.pk).exists():
        raise ProcurementError(_("该商品未上架或合作社已暂停销售，不能用于报价。"))
    if unit_price is None or unit_price <= 0:
        raise ProcurementError(_("报价单价必须大于 0。"))
    if not _whole(quantity) or not 1 <= quantity <= quote_request.quantity:
        raise ProcurementError(
            _("可供数量应在 1 到询价数量 %(quantity)s 之间。") % {"quantity": quote_request.quantity}
        )
    if valid_until is None or valid_until < timezone.localdate():
        raise ProcurementError(_("报价有效期不能早于今天。"))
    answer, _created = QuoteAnswer.objects.update_or_create(
        request=quote_request,
        partner=partner,
        defaults={
            "stockrecord": stockrecord,
            "unit_price": unit_price,
            "quantity": quantity,
            "valid_until": valid_until,
            "note": (note or "").strip()[:500],
            "answered_by": by,
            "answered_at": timezone.now(),
        },
    )
    return answer


@transaction.atomic
def quote_answer_accept(*, answer, by):
    """The 采购员 ``by`` accepts ``answer``: a draft purchase order (source 询价) of the answer's
    stock record and quantity at the quoted price, to the request's address and date, and the
    request becomes 已采纳. Returns the purchase order.

    Raises ``NotPermitted``, ``OrganisationNotVerified``, ``ProcurementError`` (the request was
    accepted or cancelled already — two clicks, one wins —, the answer's validity passed, the
    delivery date passed) or ``LinesRefused`` (the product was unlisted or the stock ran short
    since); nothing changes then."""
    quote_request = _request_locked(answer.request)
    organisation = quote_request.organisation
    role_require(by, organisation, Role.BUYER)
    if quote_request.state != QuoteRequestState.OPEN:
        raise ProcurementError(
            _("询价单是“%(state)s”，不能再采纳报价。") % {"state": quote_request.get_state_display()}
        )
    answer = QuoteAnswer.objects.select_related("stockrecord", "partner").get(pk=answer.pk)
    if answer.valid_until < timezone.localdate():
        raise ProcurementError(_("该报价已过有效期，不能采纳。请合作社重新报价。"))
    note = _("询价采纳：%(partner)s 报价 ¥%(price)s") % {
        "partner": answer.partner.name,
        "price": answer.unit_price,
    }
    purchase_order = purchase_order_create(
        organisation=organisation,
        by=by,
        delivery_address=quote_request.delivery_address,
        delivery_date=quote_request.delivery_date,
        lines=[(answer.stockrecord_id, answer.quantity)],
        note=note,
        source=PurchaseOrderSource.QUOTE,
        quote_answers={answer.stockrecord_id: answer},
    )
    answer.is_accepted = True
    answer.save(update_fields=["is_accepted"])
    transition_apply(quote_request, "accept", actor=by)
    return purchase_order


@transaction.atomic
def quote_request_cancel(*, quote_request, by):
    """The 采购员 ``by`` withdraws an open request; cooperatives can no longer answer it.
    Raises ``NotPermitted`` or ``TransitionRefused``."""
    quote_request = _request_locked(quote_request)
    role_require(by, quote_request.organisation, Role.BUYER)
    return transition_apply(quote_request, "cancel", actor=by)
