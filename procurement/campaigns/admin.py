"""The operators' setting of each union's welfare cap, in the Django admin (/django-admin/).
Open to operators only, whatever their model permissions; the campaigns themselves are run by
each union in the portal."""

from django.contrib import admin

from procurement.constants import OrganisationKind
from shop.users.roles import is_operator

from .models import UnionWelfarePolicy


@admin.register(UnionWelfarePolicy)
class UnionWelfarePolicyAdmin(admin.ModelAdmin):
    list_display = ["organisation", "member_cap"]
    search_fields = ["organisation__name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = db_field.related_model.objects.filter(kind=OrganisationKind.UNION)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
