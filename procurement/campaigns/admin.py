"""The operators' setting of each union's welfare cap, in the Django admin (/django-admin/).
Open to operators only, whatever their model permissions; the campaigns themselves are run by
each union in the portal."""

from django.contrib import admin

from procurement.admin import OperatorOnlyAdmin
from procurement.constants import OrganisationKind

from .models import UnionWelfarePolicy


@admin.register(UnionWelfarePolicy)
class UnionWelfarePolicyAdmin(OperatorOnlyAdmin):
    list_display = ["organisation", "member_cap"]
    search_fields = ["organisation__name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = db_field.related_model.objects.filter(kind=OrganisationKind.UNION)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
