import re

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .validators import MOBILE_REGEX


class EmailOrMobileBackend(ModelBackend):
    """Authenticates with an e-mail address or an 11-digit mainland mobile number."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        identifier = (email or username or "").strip()
        if not identifier or password is None:
            return None
        user = self.user_for_identifier(identifier)
        if user is None:
            # Spend the same time as a real check, so timing does not reveal which accounts exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    @staticmethod
    def user_for_identifier(identifier):
        """The account whose mobile or (case-insensitive) e-mail is ``identifier``, or None."""
        users = get_user_model().objects
        if re.fullmatch(MOBILE_REGEX, identifier):
            return users.filter(mobile=identifier).first()
        return users.filter(email__iexact=identifier).order_by("pk").first()
