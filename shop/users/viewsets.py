from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import WenfuUserCreationForm, WenfuUserEditForm


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user admin, with the mobile number our accounts log in with."""

    template_prefix = "wagtailusers/users/"

    def get_form_class(self, for_update=False):
        return WenfuUserEditForm if for_update else WenfuUserCreationForm
