from wagtail.users.apps import WagtailUsersAppConfig


class WenfuWagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "shop.users.viewsets.UserViewSet"
