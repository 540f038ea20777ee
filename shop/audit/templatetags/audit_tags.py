from django import template

from shop.users.roles import is_operator

from ..selectors import ACTION_LABELS, audit_trail, content_type_label

register = template.Library()


@register.inclusion_tag("audit/_trail.html", takes_context=True)
def audit_trail_of(context, obj):
    """The recorded changes of ``obj``, for operators only (others get nothing)."""
    request = context.get("request")
    if obj is None or request is None or not is_operator(request.user):
        return {"entries": None}
    return {"entries": list(audit_trail(obj))}


@register.filter
def audit_action(entry):
    return ACTION_LABELS.get(entry.action, entry.action)


@register.filter
def audit_kind(entry):
    """The Chinese name of the kind of object ``entry`` is about."""
    return content_type_label(entry.content_type) if entry.content_type.model_class() else ""
