from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """The outbox, read-only: a message kept there was never sent and cannot be changed."""

    list_display = ("created_at", "mobile", "text")
    search_fields = ("mobile",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
