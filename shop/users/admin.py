from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import User


class UserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email", "mobile")
        field_classes = {}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin, keyed on e-mail and mobile since our accounts have no username."""

    add_form = UserCreationForm
    ordering = ("email",)
    list_display = ("email", "mobile", "last_name", "first_name", "is_staff", "is_active")
    search_fields = ("email", "mobile", "last_name", "first_name")
    fieldsets = (
        (None, {"fields": ("email", "mobile", "password")}),
        (_("姓名"), {"fields": ("last_name", "first_name")}),
        (
            _("权限"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("时间"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "mobile", "password1", "password2")}),)
