"""The one way states change in procurement: a django-fsm transition declared on the model
(``Organisation``, ``PurchaseOrder``, ``SupplierOrder`` …) applied by :func:`transition_apply`,
which refuses a move the model does not declare, saves, and records who, when, from, to and why.

States are ``protected`` FSM fields, so no form, admin action or bulk edit can set one directly.
"""

from django.utils.translation import gettext as _
from django_fsm import can_proceed

from .exceptions import TransitionRefused
from .models import Organisation, OrganisationEvent, PurchaseOrder, SupplierOrder, TransitionEvent


def _state_field(obj):
    return "status" if isinstance(obj, Organisation) else "state"


def _record(obj, *, source, target, actor, comment):
    if isinstance(obj, Organisation):
        OrganisationEvent.objects.create(
            organisation=obj, from_status=source, to_status=target, actor=actor, comment=comment[:200]
        )
    elif isinstance(obj, PurchaseOrder):
        TransitionEvent.objects.create(
            purchase_order=obj, from_state=source, to_state=target, actor=actor, comment=comment[:500]
        )
    elif isinstance(obj, SupplierOrder):
        TransitionEvent.objects.create(
            purchase_order_id=obj.purchase_order_id,
            supplier_order=obj,
            from_state=source,
            to_state=target,
            actor=actor,
            comment=comment[:500],
        )


def transition_apply(obj, name, *, actor=None, comment="", update_fields=None):
    """Applies the transition ``name`` (a method of ``obj`` decorated with ``@transition``),
    saves ``obj`` (its state and ``update_fields`` if given, else every field) and records the
    move with ``actor`` (None: Wenfu itself, e.g. a beat task) and ``comment``.

    Raises ``TransitionRefused`` with a Chinese message when the current state has no such move.
    Callers whose move depends on the current state hold the row's lock.
    """
    method = getattr(obj, name)
    field = _state_field(obj)
    source = getattr(obj, field)
    if not can_proceed(method):
        display = getattr(obj, f"get_{field}_display")()
        raise TransitionRefused(_("当前状态是“%(state)s”，不能执行此操作。") % {"state": display})
    method()
    fields = None if update_fields is None else [field, *update_fields]
    obj.save(update_fields=fields)
    _record(obj, source=source, target=getattr(obj, field), actor=actor, comment=comment)
    return obj
