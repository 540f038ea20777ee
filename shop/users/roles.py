"""Who a user is to the platform: the one place that answers "is this an operator?" and "which
cooperatives does this user work for?". Querysets, services and the dashboard menu all ask here.

Imports no models at module level: the settings module imports the menu checks built on it.
"""


def is_operator(user):
    """A platform operator (平台运营): an active staff user. Sees and changes every cooperative's data."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def cooperative_partners_of(user):
    """The partners (cooperatives) whose staff ``user`` is: those listing the user in ``partner.users``."""
    from oscar.core.loading import get_model

    Partner = get_model("partner", "Partner")
    if not (user.is_authenticated and user.is_active):
        return Partner.objects.none()
    return Partner.objects.filter(users__pk=user.pk)


def is_cooperative_user(user):
    """A cooperative's staff: may open the dashboard and works for at least one partner."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm("partner.dashboard_access")
        and cooperative_partners_of(user).exists()
    )
