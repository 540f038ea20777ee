"""Procurement in the Django admin (/django-admin/): the holiday overrides operators keep, since
the holiday package only knows the years the State Council has announced (its data ends with
2026). Open to operators only, whatever their model permissions."""

from django.contrib import admin

from shop.users.roles import is_operator

from .models import HolidayOverride


class OperatorOnlyAdmin(admin.ModelAdmin):
    """A model operators keep in the Django admin, whatever their model permissions; nobody else."""

    def has_module_permission(self, request):
        return is_operator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_operator(request.user)

    def has_add_permission(self, request):
        return is_operator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_operator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_operator(request.user)


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(OperatorOnlyAdmin):
    list_display = ["date", "weekday", "is_workday", "name"]
    list_filter = ["is_workday"]
    date_hierarchy = "date"
    search_fields = ["name"]

    @admin.display(description="星期")
    def weekday(self, obj):
        return "一二三四五六日"[obj.date.weekday()]
