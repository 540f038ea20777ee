"""Reading the audit trail: django-auditlog's entries, for the operators' list and an object's
page. Every entry comes with its actor and model in the same query."""

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

#: What each of auditlog's actions is called here.
ACTION_LABELS = {
    LogEntry.Action.CREATE: "新建",
    LogEntry.Action.UPDATE: "修改",
    LogEntry.Action.DELETE: "删除",
    LogEntry.Action.ACCESS: "查看",
}


def audited_content_types():
    """The content types of the models the trail records, by their Chinese names."""
    models = [apps.get_model(entry["model"]) for entry in settings.AUDITLOG_INCLUDE_TRACKING_MODELS]
    # One query for all of them (``get_for_model`` asks once per model the cache does not hold).
    types = ContentType.objects.get_for_models(*models).values()
    return sorted(types, key=content_type_label)


def content_type_label(content_type):
    return str(content_type.model_class()._meta.verbose_name)


@dataclass(frozen=True)
class AuditFilters:
    content_type_id: int | None = None
    actor: str = ""
    object_pk: str = ""
    date_from: object = None
    date_to: object = None


def audit_entries(filters):
    """Entries matching ``filters``, newest first: of one kind of object, by an actor whose
    e-mail, mobile or name contains ``actor`` (``系统`` for scheduled tasks), about an object
    whose id or name contains ``object_pk``, between two days."""
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if filters.content_type_id:
        entries = entries.filter(content_type_id=filters.content_type_id)
    if filters.actor == "系统":
        entries = entries.filter(actor__isnull=True)
    elif filters.actor:
        entries = entries.filter(
            Q(actor__email__icontains=filters.actor)
            | Q(actor__mobile__contains=filters.actor)
            | Q(actor__first_name__contains=filters.actor)
            | Q(actor__last_name__contains=filters.actor)
        )
    if filters.object_pk:
        entries = entries.filter(Q(object_pk=filters.object_pk) | Q(object_repr__contains=filters.object_pk))
    if filters.date_from:
        entries = entries.filter(timestamp__date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(timestamp__date__lte=filters.date_to)
    return entries


def audit_trail(obj):
    """What was recorded of ``obj``, oldest first."""
    return (
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")
        .order_by("timestamp", "pk")
    )
