"""Oscar's customer mixins; registration signs the new shopper in with the request."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from oscar.apps.customer import mixins as oscar_mixins
from oscar.apps.customer.mixins import *  # noqa: F403
from oscar.apps.customer.signals import user_registered


class RegisterUserMixin(oscar_mixins.RegisterUserMixin):
    def register_user(self, form):
        """Oscar's registration, except that the new account is authenticated with the request:
        Oscar's calls ``authenticate()`` without it, which the login throttling (django-axes)
        refuses. Oscar's guard against duplicate accounts is not needed: our backend picks the
        oldest account of an e-mail and never raises MultipleObjectsReturned. An account signed
        up by mobile has no e-mail and is authenticated with its mobile."""
        user = form.save()
        user_registered.send_robust(sender=self, request=self.request, user=user)
        if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
            self.send_registration_email(user)
        user = authenticate(
            self.request, username=user.email or user.mobile, password=form.cleaned_data["password1"]
        )
        auth_login(self.request, user)
        return user
