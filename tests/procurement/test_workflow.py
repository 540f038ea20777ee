"""The procurement state machines: every declared move works and is recorded; every other move
from every state is refused with a Chinese message and changes nothing."""

import pytest

from procurement import services
from procurement.constants import (
    OrganisationStatus,
    PurchaseOrderState,
    SupplierOrderState,
)
from procurement.exceptions import TransitionRefused
from procurement.models import Organisation, OrganisationEvent, PurchaseOrder, SupplierOrder, TransitionEvent
from procurement.workflow import transition_apply

pytestmark = pytest.mark.django_db

#: The machines as the issue describes them: (transition, sources, target).
PURCHASE_ORDER_MOVES = {
    "submit": ({"draft"}, "submitted"),
    "reopen": ({"rejected"}, "draft"),
    "approve": ({"submitted"}, "approved"),
    "reject": ({"submitted"}, "rejected"),
    "cancel": ({"draft", "submitted", "rejected"}, "cancelled"),
    "close": ({"approved"}, "closed"),
}
SUPPLIER_ORDER_MOVES = {
    "confirm": ({"awaiting"}, "confirmed"),
    "confirm_short": ({"awaiting"}, "short"),
    "accept_short": ({"short"}, "confirmed"),
    "cancel": ({"awaiting", "short", "confirmed"}, "cancelled"),
    "ship": ({"confirmed"}, "shipped"),
    "deliver": ({"shipped"}, "delivered"),
    "accept": ({"delivered"}, "accepted"),
    "invoice_issued": ({"accepted"}, "invoiced"),
    "settle": ({"invoiced"}, "settled"),
    "close": ({"settled"}, "closed"),
}
ORGANISATION_MOVES = {
    "verify": ({"pending", "suspended"}, "verified"),
    "reject": ({"pending"}, "rejected"),
    "resubmit": ({"rejected"}, "pending"),
    "suspend": ({"verified"}, "suspended"),
}


def _declared(model, field):
    """``[(name, source, target)]`` of every transition django-fsm knows on ``model.field``."""
    return [
        (transition.name, transition.source, transition.target)
        for transition in model._meta.get_field(field).get_all_transitions(model)
    ]


@pytest.mark.parametrize(
    ("model", "field", "moves"),
    [
        (PurchaseOrder, "state", PURCHASE_ORDER_MOVES),
        (SupplierOrder, "state", SUPPLIER_ORDER_MOVES),
        (Organisation, "status", ORGANISATION_MOVES),
    ],
)
def test_the_models_declare_exactly_the_machines_of_the_issue(model, field, moves):
    declared = {}
    for name, source, target in _declared(model, field):
        declared.setdefault(name, (set(), target))[0].add(source)
    assert declared == moves


def _purchase_order(world, next_week):
    return services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        lines=[(world.mushroom.pk, 10)],
    )


def _supplier_order(world, next_week):
    purchase_order = services.purchase_order_submit(
        purchase_order=_purchase_order(world, next_week), by=world.buyer
    )
    services.purchase_order_approve(purchase_order=purchase_order, by=world.approver)
    return purchase_order.supplier_orders.get()


def _put(obj, field, state):
    """Puts ``obj`` in ``state`` as the database would hold it (the field itself is protected)."""
    type(obj).objects.filter(pk=obj.pk).update(**{field: state})
    return type(obj).objects.get(pk=obj.pk)


CASES = (
    [("purchase_order", name, state) for name in PURCHASE_ORDER_MOVES for state in PurchaseOrderState.values]
    + [
        ("supplier_order", name, state)
        for name in SUPPLIER_ORDER_MOVES
        for state in SupplierOrderState.values
    ]
    + [("organisation", name, state) for name in ORGANISATION_MOVES for state in OrganisationStatus.values]
)


@pytest.mark.parametrize(("kind", "name", "state"), CASES)
def test_every_move_from_every_state_is_allowed_or_refused_as_declared(world, next_week, kind, name, state):
    if kind == "purchase_order":
        obj, field, moves = _purchase_order(world, next_week), "state", PURCHASE_ORDER_MOVES
        events = TransitionEvent.objects.filter(purchase_order=obj, supplier_order=None)
    elif kind == "supplier_order":
        obj, field, moves = _supplier_order(world, next_week), "state", SUPPLIER_ORDER_MOVES
        events = TransitionEvent.objects.filter(supplier_order=obj)
    else:
        obj, field, moves = world.school, "status", ORGANISATION_MOVES
        events = OrganisationEvent.objects.filter(organisation=obj)
    obj = _put(obj, field, state)
    before = events.count()
    sources, target = moves[name]

    if state in sources:
        transition_apply(obj, name, actor=world.admin, comment="测试")
        assert type(obj).objects.get(pk=obj.pk).__dict__[field] == target
        last = events.order_by("-pk").first()
        assert events.count() == before + 1
        assert (getattr(last, f"from_{field}"), getattr(last, f"to_{field}"), last.actor) == (
            state,
            target,
            world.admin,
        )
    else:
        with pytest.raises(TransitionRefused) as refused:
            transition_apply(obj, name, actor=world.admin)
        assert "不能执行此操作" in str(refused.value.message)
        assert type(obj).objects.get(pk=obj.pk).__dict__[field] == state
        assert events.count() == before


def test_a_protected_state_cannot_be_assigned_directly(world, next_week):
    purchase_order = _purchase_order(world, next_week)
    with pytest.raises(AttributeError):
        purchase_order.state = PurchaseOrderState.APPROVED
