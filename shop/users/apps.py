from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    name = "shop.users"
    label = "users"
    verbose_name = _("用户")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        # The project's deployment checks; shop itself is no app, and this is its first own one.
        from shop import checks  # noqa: F401
