from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F403

from .models import CooperativeProfile, ResettlementArea


@admin.register(ResettlementArea)
class ResettlementAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "town", "village", "established_year", "households", "people"]
    list_filter = ["town"]
    search_fields = ["name", "town", "village"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CooperativeProfile)
class CooperativeProfileAdmin(admin.ModelAdmin):
    list_display = ["legal_name", "credit_code", "legal_representative", "households_linked"]
    search_fields = ["legal_name", "credit_code", "partner__name"]
    filter_horizontal = ["areas"]
    raw_id_fields = ["partner"]
