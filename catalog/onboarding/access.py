"""Who may open the onboarding dashboard pages. Also used as ``access_fn`` of the dashboard menu
(``OSCAR_DASHBOARD_NAVIGATION``), so it imports no models at module level."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from shop.users.roles import is_cooperative_user, is_operator


def operator_access_fn(user, url_name=None, url_args=None, url_kwargs=None):
    """Dashboard menu: entries only operators see."""
    return is_operator(user)


def documents_access_fn(user, url_name=None, url_args=None, url_kwargs=None):
    """Dashboard menu: the qualification documents page (operators and cooperative users)."""
    return is_operator(user) or is_cooperative_user(user)


def _guard(test):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


#: Anonymous users are sent to log in; logged-in users who are not operators get 403.
operator_required = _guard(is_operator)
#: As above, for operators and cooperative users.
documents_access_required = _guard(lambda user: is_operator(user) or is_cooperative_user(user))
